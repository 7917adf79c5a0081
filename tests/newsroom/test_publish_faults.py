"""kill -9 while signing (publishing an edition to the archive): at each point of the work the
archive, its search index, its figures and the edition agree (all published or none), and
signing again completes. The signer runs in its own process on a real SQLite file
(tests/newsroom/publish_child.py), which stops at a named point so the kill lands there."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.newsroom.publish_child import ITEMS

ROOT = Path(__file__).resolve().parents[2]


def child(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tests.newsroom.publish_child", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def state(env: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(child(env, "check"))
    return found


UNSIGNED = {
    "status": "awaiting_signature", "edition_issue": None, "issues": 0, "revisions": 0, "items": 0,
    "all_items": 0, "searched": 0, "figures_indexed": 0, "sign_audits": 0,
}  # fmt: skip


def signed(edition_issue: int) -> dict[str, Any]:
    return {
        "status": "signed", "edition_issue": edition_issue, "issues": 1, "revisions": 1, "items": ITEMS,
        "all_items": ITEMS, "searched": ITEMS, "figures_indexed": ITEMS, "sign_audits": 1,
    }  # fmt: skip


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One archive with an edition awaiting signature, copied for each kill point."""
    folder = tmp_path_factory.mktemp("prepared")
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(folder)}
    env.pop("DATABASE_URL", None)
    child(env, "prepare")
    return folder


@pytest.mark.parametrize("point", ["index", "figures", "audit", "after-commit"])
def test_kill_9_while_signing_then_signing_again(prepared: Path, tmp_path: Path, point: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(prepared, data)
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    assert state(env) == UNSIGNED
    with subprocess.Popen(
        [sys.executable, "-m", "tests.newsroom.publish_child", "sign", "--pause-at", point],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        line = process.stdout.readline()  # blocks until the signer reaches the point
        process.send_signal(signal.SIGKILL)
        _, errors = process.communicate(timeout=30)
    assert line.strip() == f"AT {point}", errors[-3000:]
    assert process.returncode == -signal.SIGKILL

    after_kill = state(env)
    if point == "after-commit":  # the transaction had committed: everything is published
        assert after_kill == signed(after_kill["edition_issue"]) and after_kill["edition_issue"]
        assert child(env, "sign") == "REFUSED 这一期当前为“已签发”，不能签发"
    else:  # killed inside the transaction: nothing of it is left
        assert after_kill == UNSIGNED
        assert child(env, "sign") == "SIGNED"
    final = state(env)
    assert final == signed(final["edition_issue"]) and final["edition_issue"]
