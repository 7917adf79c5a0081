"""Faults: kill -9 in the middle of a large import leaves a consistent archive that a second
run completes; a database that goes away gives a clear page, not a traceback."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from pyroaring import BitMap

from kuaibao.core.model import Bulletin, Item
from kuaibao.core.parse import parse_path
from kuaibao.core.render.plain import render_text
from tests.golden import CORPUS

KUAIBAO = str(Path(sys.executable).parent / "kuaibao")
FILES = 150


def write_archive(folder: Path) -> None:
    rng = random.Random(9)
    pool = [item for path in sorted(CORPUS.glob("*.txt")) for item in parse_path(path).items]
    template = parse_path(CORPUS / "000_14293bf241bcd247.txt")
    for number in range(1, FILES + 1):
        items = tuple(Item(it.title, it.paragraphs, it.units, None) for it in rng.sample(pool, 6))
        bulletin = Bulletin(
            title=template.title,
            issue=number,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=number),
            publisher=template.publisher,
            items=items,
            distribution=template.distribution,
            staff=template.staff,
        )
        (folder / f"{number:03d}.txt").write_text(render_text(bulletin), "utf-8")


def issues_in(database: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)) as db:
            return int(db.execute("SELECT count(*) FROM archive_issue").fetchone()[0])
    except sqlite3.Error:
        return 0


def check_consistent(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        issues = db.execute("SELECT count(*) FROM archive_issue").fetchone()[0]
        orphans = db.execute("SELECT count(*) FROM archive_issue WHERE current_id IS NULL").fetchone()[0]
        items = db.execute("SELECT count(*) FROM archive_item WHERE is_current").fetchone()[0]
        everything = db.execute("SELECT docs FROM archive_item_postings WHERE token = '*'").fetchall()
        indexed = sum(len(BitMap.deserialize(docs)) for (docs,) in everything)
        indexed += db.execute("SELECT count(*) FROM archive_item_search_pending").fetchone()[0]
        sources = db.execute("SELECT count(*) FROM archive_sourcefile").fetchone()[0]
    assert orphans == 0
    assert items == issues * 6 == indexed
    assert sources == issues
    return int(issues)


def test_kill_9_during_a_large_import_then_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_archive(folder)
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    database = tmp_path / "data" / "kuaibao.sqlite3"
    process = subprocess.Popen([KUAIBAO, "import", "-q", str(folder)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while issues_in(database) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    done_before = check_consistent(database)
    assert 20 <= done_before < FILES

    rerun = subprocess.run([KUAIBAO, "import", "-q", str(folder)], env=env, capture_output=True, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"新导入 {FILES - done_before}，" in rerun.stderr.decode()
    assert check_consistent(database) == FILES


@pytest.mark.django_db
def test_a_database_that_goes_away_gives_a_clear_page(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    from django.contrib.auth.models import User

    from kuaibao.archive import queries

    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))

    def gone(*args: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(queries, "latest_issues", gone)
    response = client.get("/")
    assert response.status_code == 503
    assert "数据库暂时无法访问" in response.content.decode()
    assert response["Retry-After"] == "30"
