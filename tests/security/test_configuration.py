"""Bad configuration stops the start with one line that names the variable (exit status 2),
never a traceback: through manage.py, the kuaibao command and the WSGI entry point. SQLite by
URL is accepted; the public development key is refused for serving outside DEBUG."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KUAIBAO = Path(sys.executable).with_name("kuaibao")

BAD = [
    ({"DATABASE_URL": "garbage"}, "DATABASE_URL"),
    ({"DATABASE_URL": "mysql://kb:hunter2@db.example/kb"}, "DATABASE_URL"),
    ({"DATABASE_URL": "postgres://nohost"}, "DATABASE_URL"),
    ({"KUAIBAO_DEBUG": "maybe"}, "KUAIBAO_DEBUG"),
    ({"KUAIBAO_DATA_DIR": "/proc/nope"}, "KUAIBAO_DATA_DIR"),
    ({"KUAIBAO_CACHE_URL": "memcached://127.0.0.1:11211"}, "KUAIBAO_CACHE_URL"),
    ({"KUAIBAO_BROKER_URL": "kafka://127.0.0.1"}, "KUAIBAO_BROKER_URL"),
    ({"KUAIBAO_PRODUCTION": "1"}, "KUAIBAO_SECRET_KEY"),
    ({"KUAIBAO_LOG_LEVEL": "LOUD"}, "KUAIBAO_LOG_LEVEL"),
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), **extra}
    for name in ("DATABASE_URL", "KUAIBAO_SECRET_KEY", "KUAIBAO_DEBUG", "DJANGO_SETTINGS_MODULE"):
        if name not in extra:
            env.pop(name, None)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize(("extra", "variable"), BAD)
@pytest.mark.parametrize("entry", ["manage.py", "kuaibao", "wsgi"])
def test_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, extra: dict[str, str], variable: str, entry: str
) -> None:
    command = {
        "manage.py": [sys.executable, str(ROOT / "manage.py"), "check"],
        "kuaibao": [str(KUAIBAO), "migrate"],
        "wsgi": [sys.executable, "-c", "import kuaibao.wsgi"],
    }[entry]
    done = _run(command, _env(tmp_path, **extra))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and "Traceback" not in done.stderr, done.stderr
    assert "hunter2" not in done.stderr  # a password never reaches the log


def test_sqlite_by_url_is_accepted(tmp_path: Path) -> None:
    database = tmp_path / "by-url.sqlite3"
    done = _run([str(KUAIBAO), "migrate"], _env(tmp_path, DATABASE_URL=f"sqlite:///{database}"))
    assert done.returncode == 0, done.stderr
    assert database.is_file() and database.stat().st_size > 0


def test_serving_with_the_public_development_key_is_refused(tmp_path: Path) -> None:
    done = _run([sys.executable, "-c", "import kuaibao.wsgi"], _env(tmp_path))
    assert done.returncode == 2 and "KUAIBAO_SECRET_KEY" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    served = _run([sys.executable, "-c", "import kuaibao.wsgi"], _env(tmp_path, KUAIBAO_SECRET_KEY=secrets.token_urlsafe(64)))
    assert served.returncode == 0, served.stderr
    debug = _run([sys.executable, "-c", "import kuaibao.wsgi"], _env(tmp_path, KUAIBAO_DEBUG="1"))
    assert debug.returncode == 0, debug.stderr
