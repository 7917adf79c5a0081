"""A folder import runs embedded (no broker configured): a worker thread in this process takes
the job after the starting transaction commits, reports progress per file, lists the file that
fails and imports the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.archive.models import Issue, SourceFile
from kuaibao.jobs import actions, queue
from kuaibao.jobs.models import Job
from kuaibao.newsroom.actions.base import Actor
from kuaibao.newsroom.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def importer(transactional_db: None) -> Actor:
    """An administrator (staff): may import folders. Made directly, not through the role
    groups, whose permissions a transactional test's flush removes."""
    return Actor(User.objects.create_superuser("importer"), "127.0.0.1", "pytest")


def run(importer: Actor, folder: str = "2023") -> Job:
    job = actions.start_folder_import(importer, folder)
    queue.wait_until_idle()
    job.refresh_from_db()
    return job


def test_folder_import_runs_in_a_worker_thread(importer: Actor, inbox: Path, monkeypatch: Any) -> None:
    reports: list[tuple[int, int | None]] = []
    original = actions.report

    def recording(job: Job, **fields: Any) -> bool:
        reports.append((fields["done"], fields.get("total", job.total)))
        return original(job, **fields)

    monkeypatch.setattr(actions, "report", recording)
    job = run(importer)
    assert job.status == Job.Status.DONE, job.message
    assert (job.done, job.total) == (6, 6)
    # Progress after every file, counted against the total known from the start.
    assert reports == [(n, 6) for n in range(7)]
    assert job.result["counts"] == {"imported": 3, "updated": 0, "unchanged": 1, "failed": 2}
    assert job.started_at is not None and job.finished_at is not None and job.heartbeat_at is not None
    assert Issue.objects.count() == 3
    assert SourceFile.objects.count() == 3


def test_a_failing_file_is_reported_and_the_rest_imported(importer: Actor, inbox: Path) -> None:
    job = run(importer)
    failures = {f["file"]: f["reason"] for f in job.result["failures"]}
    assert set(failures) == {"2023/broken.pdf", "2023/说明.txt"}
    assert all(failures.values())
    assert "失败 2" in job.message
    assert sorted(job.result["issues"]) == sorted(Issue.objects.values_list("pk", flat=True))


def test_a_crash_in_one_file_does_not_stop_the_folder(importer: Actor, inbox: Path, monkeypatch: Any) -> None:
    from kuaibao.archive import actions as archive_actions

    original = archive_actions.import_bytes

    def flaky(data: bytes, name: str, **kwargs: Any) -> Any:
        if name.startswith("002_"):
            raise RuntimeError("disk full")
        return original(data, name, **kwargs)

    monkeypatch.setattr(archive_actions, "import_bytes", flaky)
    job = run(importer)
    assert job.status == Job.Status.DONE
    reasons = [f["reason"] for f in job.result["failures"] if f["file"].startswith("2023/002_")]
    assert reasons == ["导入出错：RuntimeError: disk full"]
    assert job.result["counts"] == {"imported": 2, "updated": 0, "unchanged": 1, "failed": 3}


def test_importing_again_adds_nothing(importer: Actor, inbox: Path) -> None:
    run(importer)
    again = run(importer)
    assert again.result["counts"] == {"imported": 0, "updated": 0, "unchanged": 4, "failed": 2}
    assert Issue.objects.count() == 3


def test_the_starter_is_notified_and_the_start_audited(importer: Actor, inbox: Path) -> None:
    job = run(importer)
    notice = Notification.objects.get(user=importer.user)
    assert notice.text.startswith("导入文件夹已完成") and notice.url == f"/jobs/{job.pk}/"
    entry = AuditEntry.objects.get(action="job.start")
    assert entry.actor == importer.user and entry.data["job"] == job.pk and entry.data["folder"] == "2023"


def test_a_job_whose_folder_vanished_fails_with_the_reason(importer: Actor, inbox: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(queue, "send", lambda job_id: None)  # hold the job back
    job = actions.start_folder_import(importer, "empty")
    (inbox / "empty").rmdir()
    monkeypatch.undo()
    queue.send(job.pk)
    queue.wait_until_idle()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "不存在" in job.message


def test_jobs_left_queued_by_a_stopped_process_are_taken_up(importer: Actor, inbox: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(queue, "send", lambda job_id: None)  # the process "stops" before sending
    job = actions.start_folder_import(importer, "2023")
    monkeypatch.undo()
    queue.start_embedded_worker()
    queue.wait_until_idle()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_an_unreachable_broker_fails_the_job_instead_of_leaving_it_queued(
    importer: Actor, inbox: Path, settings: Any
) -> None:
    settings.JOBS_BROKER_URL = "redis://127.0.0.1:1/0"
    job = actions.start_folder_import(importer, "2023")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("无法提交到任务队列")
