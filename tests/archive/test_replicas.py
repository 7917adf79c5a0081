"""Read replicas (kuaibao.replicas) against a real PostgreSQL streaming replica: a gunicorn
server reads from the replica that `scripts/postgres --replica` made, and writes to the primary.

While the replica's replay is paused, a reporter who saves a draft sees it on every page at
once (their reads go to the primary until the replica has replayed their write), while a
colleague of the same unit, reading from the replica, does not see it yet; once replay resumes,
the colleague sees it too. KUAIBAO_TEST_REPLICA_URL names the replica (any database name: the
test's own is used); without it, or on SQLite, the test is skipped.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from kuaibao import replicas
from kuaibao.archive.models import Unit
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.roles import Role

PASSWORD = "a-long-test-password-2023"
REPLICA_URL = os.environ.get("KUAIBAO_TEST_REPLICA_URL", "")

needs_replica = pytest.mark.skipif(not REPLICA_URL, reason="KUAIBAO_TEST_REPLICA_URL names no replica")


def test_router_reads_from_primary_inside_a_transaction_and_after_a_write(db: None) -> None:
    router = replicas.ReplicaRouter()
    assert router.db_for_read(Unit) == "default"  # outside a request: the primary
    reads = replicas._reads.set("replica")
    wrote = replicas._wrote.set(False)
    try:
        # pytest-django's test transaction is open on the primary: a read there must see it.
        assert connection.in_atomic_block
        assert router.db_for_read(Unit) == "default"
        connection.in_atomic_block = False
        try:
            assert router.db_for_read(Unit) == "replica"
            assert router.db_for_write(Unit) == "default"
            assert router.db_for_read(Unit) == "default"  # read-after-write in the same request
        finally:
            connection.in_atomic_block = True
    finally:
        replicas._reads.reset(reads)
        replicas._wrote.reset(wrote)
    assert router.allow_migrate("default", "archive") and not router.allow_migrate("replica", "archive")


def test_a_replica_url_must_be_postgresql(tmp_path: Path) -> None:
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/x"}
    env["KUAIBAO_REPLICA_URL"] = "sqlite:///replica.sqlite3"
    code = "import kuaibao.settings"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "KUAIBAO_REPLICA_URL" in done.stderr
    env["KUAIBAO_REPLICA_URL"] = "postgres://u:p@127.0.0.1:5433/x"
    code += "; print(sorted(kuaibao.settings.DATABASES), kuaibao.settings.DATABASE_ROUTERS)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['default', 'replica'] ['kuaibao.replicas.ReplicaRouter']"


def _url(base: str, name: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _replica_sql(sql: str) -> str:
    """Run SQL on the replica as its superuser (pausing replay needs one)."""
    port = str(urllib.parse.urlsplit(REPLICA_URL).port or 5432)
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("pausing the replica's replay needs root (runuser -u postgres)")
    command = ["runuser", "-u", "postgres", "--", "psql", "-p", port, "-Atc", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=30).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """One person's HTTP session: cookies and the CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value in ("", '""'):
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            return response.status, response.read().decode(), response.headers.get("Location", "")
        finally:
            conn.close()

    def csrf(self, path: str) -> str:
        _, page, _ = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self, username: str) -> None:
        token = self.csrf("/login/")
        status, _, _ = self.request(
            "POST", "/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        )
        assert status == 302, f"login of {username} answered {status}"


@pytest.fixture
def server(transactional_db: None, tmp_path: Path, settings: Any) -> Iterator[int]:
    """gunicorn on the test database: the primary, and the replica for reads."""
    # Passwords hashed as the server checks them (the suite's fast hasher is not among its own).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    name = str(connection.settings_dict["NAME"])
    params = connection.settings_dict
    primary_url = f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:{params['PORT']}/{name}"
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": primary_url,
        "KUAIBAO_REPLICA_URL": _url(REPLICA_URL, name),
        "KUAIBAO_DATA_DIR": str(tmp_path),
        "KUAIBAO_DEBUG": "0",
        "KUAIBAO_SECRET_KEY": secrets.token_urlsafe(64),  # gunicorn refuses the public development key
        "KUAIBAO_ALLOWED_HOSTS": "127.0.0.1",
        "KUAIBAO_DB_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "kuaibao.settings",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "kuaibao.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Browser(port).request("GET", "/login/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer within 60 s")
        yield port
    finally:
        _replica_sql("SELECT pg_wal_replay_resume()")
        process.terminate()
        process.wait(timeout=30)


def _replayed(condition: str, seconds: float = 30) -> None:
    """Wait until the replica shows what the primary committed (`condition` is SQL on it)."""
    name = str(connection.settings_dict["NAME"])
    deadline = time.monotonic() + seconds
    with psycopg.connect(_url(REPLICA_URL, name), autocommit=True) as replica:
        while time.monotonic() < deadline:
            if replica.execute(f"SELECT {condition}").fetchone()[0]:  # type: ignore[index]
                return
            time.sleep(0.1)
    pytest.fail(f"the replica did not replay {condition} within {seconds} s")


@needs_replica
def test_reporter_always_sees_own_draft_while_replica_lags(server: int) -> None:
    resolve_unit("东屯镇")
    create_account("replica-writer", PASSWORD, Role.REPORTER, unit="东屯镇")
    create_account("replica-reader", PASSWORD, Role.REPORTER, unit="东屯镇")
    _replayed("EXISTS (SELECT FROM auth_user WHERE username = 'replica-reader')")
    writer, reader = Browser(server), Browser(server)
    writer.login("replica-writer")
    reader.login("replica-reader")
    # The replica has replayed both logins (their sessions) before replay stops.
    _replayed("(SELECT count(*) FROM django_session) >= 2")
    _replica_sql("SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 30
    while _replica_sql("SELECT pg_get_wal_replay_pause_state()") != "paused":
        assert time.monotonic() < deadline, "the replica did not pause"
        time.sleep(0.1)

    token = writer.csrf("/newsroom/submissions/new/")
    title = "副本延迟时自己的草稿立即可见"
    form = {"title": title, "body": "东屯镇狠抓项目建设。", "csrfmiddlewaretoken": token}
    status, _, location = writer.request("POST", "/newsroom/submissions/new/", form)
    assert status == 302, "the draft was not saved"
    assert "kb_lsn" in writer.cookies
    status, page, _ = writer.request("GET", location)
    assert status == 200 and title in page
    assert title in writer.request("GET", "/newsroom/submissions/")[1]

    # The colleague reads from the replica, which has not replayed the draft.
    status, page, _ = reader.request("GET", "/newsroom/submissions/")
    assert status == 200
    assert title not in page

    _replica_sql("SELECT pg_wal_replay_resume()")
    _replayed(f"EXISTS (SELECT FROM newsroom_submission WHERE title = '{title}')")
    assert title in reader.request("GET", "/newsroom/submissions/")[1]
    # The writer's reads go back to the replica once it has the write: the cookie is dropped.
    assert title in writer.request("GET", "/newsroom/submissions/")[1]
    assert "kb_lsn" not in writer.cookies
