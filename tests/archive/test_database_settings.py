"""The embedded SQLite database as a web process opens it: WAL, a page cache of the configured
size, and one connection kept across requests (so that the cache outlives a request)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json
from kuaibao.cli.web import setup_django
setup_django()
from django.db import close_old_connections, connection
from django.core.signals import request_finished, request_started
request_started.send(sender=None)
with connection.cursor() as cursor:
    found = {pragma: cursor.execute(f"PRAGMA {pragma}").fetchone()[0] for pragma in ("journal_mode", "cache_size")}
first = connection.connection
request_finished.send(sender=None)
request_started.send(sender=None)
connection.ensure_connection()
found["kept"] = connection.connection is first
print(json.dumps(found))
"""


def run(tmp_path: Path, **env: str) -> str:
    environment = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), **env}
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environment, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_web_process_keeps_its_sqlite_connection_and_cache(tmp_path: Path) -> None:
    assert run(tmp_path) == '{"journal_mode": "wal", "cache_size": -131072, "kept": true}'
    assert run(tmp_path, KUAIBAO_SQLITE_CACHE_MB="16", KUAIBAO_DB_CONN_MAX_AGE="0") == (
        '{"journal_mode": "wal", "cache_size": -16384, "kept": false}'
    )
