"""The same folder import through a real broker and a real worker process: one process starts
the job (as the web application would), the job waits in Redis or RabbitMQ, and `kuaibao
worker` (kuaibao.jobs.cli) runs it. Both processes share an SQLite database in a temporary data
directory. Needs the brokers on 127.0.0.1: skipped without them, except in CI (CI set), where a
missing broker fails the test."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.golden import CORPUS

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {
    "redis": "redis://127.0.0.1:6379/15",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672/%2F",
}
START = """
from kuaibao.cli.web import setup_django
setup_django()
from django.contrib.auth.models import User
from kuaibao.jobs import actions
from kuaibao.newsroom.actions.base import Actor
user = User.objects.create_superuser("importer")
print(actions.start_folder_import(Actor.command_line(user), "2023").pk)
"""


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 0), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    inbox = tmp_path / "inbox" / "2023"
    inbox.mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, inbox / path.name)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("KUAIBAO_", "DATABASE_URL", "DJANGO_"))
    }
    return env | {
        "KUAIBAO_DATA_DIR": str(tmp_path / "data"),
        "KUAIBAO_IMPORT_ROOT": str(tmp_path / "inbox"),
        "KUAIBAO_JOBS_QUEUE": f"kuaibao-test-{uuid.uuid4().hex[:12]}",
        "DJANGO_SETTINGS_MODULE": "kuaibao.settings",
    }


def job_row(env: dict[str, str], job_id: int) -> dict[str, Any]:
    with sqlite3.connect(Path(env["KUAIBAO_DATA_DIR"]) / "kuaibao.sqlite3", timeout=10) as db:
        row = db.execute("SELECT status, done, total, message, result FROM jobs_job WHERE id = ?", (job_id,)).fetchone()
    return {"status": row[0], "done": row[1], "total": row[2], "message": row[3], "result": json.loads(row[4])}


def wait_finished(
    env: dict[str, str], job_id: int, worker: subprocess.Popen[str], timeout: float = 120
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = job_row(env, job_id)
        if row["status"] in ("done", "failed"):
            return row
        if worker.poll() is not None:
            pytest.fail(f"the worker exited: {worker.communicate()}")
        time.sleep(0.2)
    pytest.fail(f"job still {row['status']} after {timeout} s")


@pytest.fixture
def clean_broker(environment: dict[str, str]) -> Iterator[None]:
    yield
    url, queue = environment.get("KUAIBAO_BROKER_URL", ""), environment["KUAIBAO_JOBS_QUEUE"]
    if url.startswith("redis"):
        import redis

        client = redis.Redis.from_url(url)
        keys = list(client.scan_iter(f"dramatiq:{queue}*"))
        if keys:
            client.delete(*keys)
    elif url.startswith("amqp"):
        import pika

        connection = pika.BlockingConnection(pika.URLParameters(url))
        channel = connection.channel()
        for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
            channel.queue_delete(name)
        connection.close()


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_folder_import_through_a_real_broker_and_worker_process(
    broker: str, environment: dict[str, str], clean_broker: None
) -> None:
    url = BROKERS[broker]
    if not reachable(url):
        if os.environ.get("CI"):
            pytest.fail(f"{broker} is not running on 127.0.0.1: CI must start it")
        pytest.skip(f"{broker} is not running on 127.0.0.1")
    env = environment | {"KUAIBAO_BROKER_URL": url}
    started = subprocess.run(
        [sys.executable, "-c", START], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    job_id = int(started.stdout.strip().splitlines()[-1])
    time.sleep(0.5)
    assert job_row(env, job_id)["status"] == "queued"  # waiting in the broker, not run in-process

    worker = subprocess.Popen(
        [sys.executable, "-m", "kuaibao.jobs.cli", "--threads", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        row = wait_finished(env, job_id, worker)
    finally:
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 0, stderr
    assert "worker 已启动" in stderr and env["KUAIBAO_JOBS_QUEUE"] in stderr
    assert "guest:guest" not in stderr  # the password stays out of the log

    assert row["status"] == "done", row["message"]
    assert (row["done"], row["total"]) == (4, 4)
    assert row["result"]["counts"] == {"imported": 3, "updated": 0, "unchanged": 0, "failed": 1}
    assert [f["file"] for f in row["result"]["failures"]] == ["2023/broken.pdf"]
    assert row["message"].startswith("“2023”共 4 个文件：新导入 3")


def test_worker_refuses_to_start_without_a_broker(environment: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kuaibao.jobs.cli"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "KUAIBAO_BROKER_URL 未设置" in result.stderr


def test_an_unknown_broker_scheme_fails_loudly(environment: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kuaibao.jobs.cli"],
        env=environment | {"KUAIBAO_BROKER_URL": "kafka://127.0.0.1:9092"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "KUAIBAO_BROKER_URL='kafka://127.0.0.1:9092'" in result.stderr
