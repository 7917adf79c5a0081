"""A job a killed server left 进行中: shown as interrupted when polled once its worker has been
silent for KUAIBAO_JOBS_STALE_SECONDS, and recovered when a server starts (gunicorn's WSGI
entry), not only when a new embedded worker happens to start."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from kuaibao.jobs.models import Job
from tests.newsroom.conftest import People

ROOT = Path(__file__).resolve().parents[2]
KUAIBAO = Path(sys.executable).with_name("kuaibao")


@pytest.mark.django_db
def test_a_silent_running_job_is_shown_interrupted_when_polled(people: People, client: Client) -> None:
    long_ago = timezone.now() - dt.timedelta(hours=2)
    job = Job.objects.create(
        kind=Job.Kind.IMPORT_FOLDER, status=Job.Status.RUNNING, heartbeat_at=long_ago, created_by=people.editor
    )
    client.force_login(people.editor)
    status = client.get(f"/jobs/{job.pk}/status/").json()
    assert status["finished"] and status["interrupted"] and "中断" in status["status_label"]
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


STALE_JOB = """
import datetime as dt
from kuaibao.cli.web import setup_django
setup_django()
from django.utils import timezone
from kuaibao.jobs.models import Job
job = Job.objects.create(kind="import_folder", status="running", heartbeat_at=timezone.now() - dt.timedelta(hours=2))
print(job.pk)
"""
STATUS = """
import sys
from kuaibao.cli.web import setup_django
setup_django()
from kuaibao.jobs.models import Job
print(Job.objects.get(pk=int(sys.argv[1])).status)
"""


def test_a_server_start_recovers_jobs_a_killed_server_left_running(tmp_path: Path) -> None:
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), "KUAIBAO_SECRET_KEY": secrets.token_urlsafe(64)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def run(*args: str) -> str:
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False, timeout=180)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    job = run(sys.executable, "-c", STALE_JOB)
    assert run(sys.executable, "-c", STATUS, job) == "running"
    run(sys.executable, "-c", "import kuaibao.wsgi")  # what gunicorn does as it starts
    assert run(sys.executable, "-c", STATUS, job) == "failed"
