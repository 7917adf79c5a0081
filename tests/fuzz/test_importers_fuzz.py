"""The atheris fuzzers of fuzz/importers.py, run briefly with a fixed seed: every importer
answers mutated files with `UnreadableInput` or a bulletin, never another exception, a hang
or a native crash (libFuzzer exits non-zero and writes the input to the working folder).
Longer runs: see the script's docstring."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("atheris")


@pytest.mark.parametrize(("target", "runs"), [("text", 400), ("docx", 400), ("pdf", 40)])
def test_fuzzing_finds_nothing(target: str, runs: int, tmp_path: Path) -> None:
    command = [
        sys.executable, str(ROOT / "fuzz" / "importers.py"),
        "--target", target, "--seeds", str(tmp_path / "corpus"),
        f"-runs={runs}", "-seed=1", "-timeout=60", "-rss_limit_mb=2048", "-max_len=400000",
        f"-artifact_prefix={tmp_path}/",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    findings = sorted(path.name for path in tmp_path.glob("*-*") if path.is_file())
    assert done.returncode == 0 and not findings, f"{findings}\n{done.stderr[-3000:]}"
    assert f"Done {runs} runs" in done.stderr
