"""Import bombs: a PDF of pages dense with text runs and a DOCX whose document.xml is tens of
megabytes are refused with one line, each import of one file within a time and memory budget
measured in a child process (the import the web, the CLI and the jobs all call)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes
from tests.support.hostile import dense_pdf, large_docx

ROOT = Path(__file__).resolve().parents[2]
# Generous for a shared, busy machine: the refusals take a few seconds at most and well under
# 100 MB beyond the process, its imports and the file itself (peak RSS growth while importing).
SECONDS, RSS_MB = 20.0, 200

CHILD = """
import json, resource, sys, time
from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Python, kuaibao, the file
start = time.monotonic()
try:
    parse_bytes(data, sys.argv[1])
    outcome = "parsed"
except UnreadableInput as exc:
    outcome = str(exc)
seconds = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "rss_mb": peak - before}, ensure_ascii=False))
"""


def _import_in_child(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("name", "make", "refusal"),
    [
        ("dense.pdf", lambda: dense_pdf(300), "KUAIBAO_MAX_PAGE_CHARS"),
        ("dense-under-page-limit.pdf", lambda: dense_pdf(120, runs=1200), "KUAIBAO_MAX_TEXT_CHARS"),
        ("large.docx", lambda: large_docx(62), "MB"),
        ("wordy.docx", lambda: large_docx(12), "KUAIBAO_MAX_TEXT_CHARS"),
    ],
)
def test_import_bombs_are_refused_within_a_budget(tmp_path: Path, name: str, make: object, refusal: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())  # type: ignore[operator]
    result = _import_in_child(path)
    assert refusal in str(result["outcome"]), result
    assert float(result["seconds"]) < SECONDS and float(result["rss_mb"]) < RSS_MB, result  # type: ignore[arg-type]


def test_an_ordinary_docx_still_imports() -> None:
    from tests.support.docx import item_docx

    with pytest.raises(UnreadableInput, match="期号"):  # read, then refused only as not a bulletin
        parse_bytes(item_docx("东屯镇狠抓项目建设", "定期召开重点工作推进会。"), "item.docx")
