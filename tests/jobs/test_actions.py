"""Job actions: who may start which job, and the worker's guarded transitions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from kuaibao.jobs import actions, tasks
from kuaibao.jobs.models import Job
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import AuditEntry
from tests.jobs.conftest import People

pytestmark = pytest.mark.django_db

# Importing a folder: editors and administrators; statistics and rendering: editors only.
MAY_IMPORT = {"editor", "admin"}
MAY_COMPUTE = {"editor"}
PERSONAS = ["reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]


@pytest.mark.parametrize("who", PERSONAS)
def test_who_may_start_a_folder_import(people: People, inbox: Path, who: str) -> None:
    if who in MAY_IMPORT:
        job = actions.start_folder_import(people.act(who), "2023")
        assert (job.status, job.kind, job.params, job.created_by) == (
            "queued",
            "import_folder",
            {"folder": "2023"},
            getattr(people, who),
        )
    else:
        with pytest.raises(Forbidden):
            actions.start_folder_import(people.act(who), "2023")
        assert not Job.objects.exists()


@pytest.mark.parametrize("who", PERSONAS)
def test_who_may_start_statistics_and_rendering(people: People, who: str, monkeypatch: Any) -> None:
    monkeypatch.setitem(tasks.RUNNERS, Job.Kind.STATISTICS, lambda job: ({}, "完成"))
    monkeypatch.setitem(tasks.RUNNERS, Job.Kind.RENDER, lambda job: ({}, "完成"))
    user = getattr(people, who)
    for kind in (Job.Kind.STATISTICS, Job.Kind.RENDER):
        assert actions.may_start(user, kind) == (who in MAY_COMPUTE)
        if who in MAY_COMPUTE:
            assert actions.start_job(people.act(who), kind, {"year": 2023}, "统计 2023 年").kind == kind
        else:
            with pytest.raises(Forbidden):
                actions.start_job(people.act(who), kind, {}, "统计")


def test_a_kind_without_a_runner_cannot_be_started(people: People) -> None:
    with pytest.raises(ActionError, match="暂不能执行"):
        actions.start_job(people.act("editor"), Job.Kind.RENDER, {}, "生成")


def test_an_inactive_administrator_may_not_import(people: People, inbox: Path) -> None:
    people.admin.is_active = False
    assert not actions.may_start(people.admin, Job.Kind.IMPORT_FOLDER)


def test_a_refused_path_starts_nothing(people: People, inbox: Path) -> None:
    with pytest.raises(ActionError):
        actions.start_folder_import(people.act("editor"), "../..")
    assert not Job.objects.exists()
    assert not AuditEntry.objects.filter(action="job.start").exists()


def test_starting_is_audited_and_sent_after_commit(
    people: People, inbox: Path, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    sent: list[int] = []
    monkeypatch.setattr("kuaibao.jobs.queue.send", sent.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = actions.start_folder_import(people.act("editor"), "2023")
    assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [job.pk]
    entry = AuditEntry.objects.get(action="job.start")
    assert entry.summary == "后台任务：导入文件夹“2023”" and entry.data == {
        "job": job.pk,
        "kind": "import_folder",
        "folder": "2023",
    }


def queued(people: People) -> Job:
    return Job.objects.create(kind=Job.Kind.IMPORT_FOLDER, params={"folder": "2023"}, created_by=people.editor)


def test_only_one_delivery_begins_a_job(people: People) -> None:
    job = queued(people)
    assert actions.begin(job.pk) is not None
    assert actions.begin(job.pk) is None
    assert actions.begin(999_999) is None


def test_a_redelivered_job_whose_worker_fell_silent_is_taken_over(people: People, settings: Any) -> None:
    job = queued(people)
    actions.begin(job.pk)
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(seconds=settings.JOBS_STALE_SECONDS + 1)
    )
    again = actions.begin(job.pk)
    assert again is not None and again.status == "running" and again.done == 0


def test_progress_is_recorded_while_running_only(people: People) -> None:
    job = queued(people)
    assert not actions.report(job, done=1, message="x")
    running = actions.begin(job.pk)
    assert running is not None
    assert actions.report(running, done=2, total=5, message="a.txt：新导入", result={"counts": {"imported": 2}})
    running.refresh_from_db()
    assert (running.done, running.total, running.percent, running.message) == (2, 5, 40, "a.txt：新导入")
    assert actions.fail(running, message="出错")
    assert not actions.report(running, done=3, message="y")
    assert not actions.finish(running, result={}, message="完成")
    running.refresh_from_db()
    assert (running.status, running.message) == ("failed", "出错")


def test_finishing_fills_the_progress_and_notifies(people: People) -> None:
    job = actions.begin(queued(people).pk)
    assert job is not None
    actions.report(job, done=3, total=4, message="")
    assert actions.finish(job, result={"counts": {}}, message="共 4 个文件")
    job.refresh_from_db()
    assert (job.status, job.done, job.percent, job.finished_at is not None) == ("done", 4, 100, True)
    assert people.editor.notifications.get().text == "导入文件夹已完成：共 4 个文件"


def test_interrupted_jobs_are_failed_and_queued_ones_resent(people: People, settings: Any) -> None:
    silent, busy, waiting = queued(people), queued(people), queued(people)
    actions.begin(silent.pk)
    actions.begin(busy.pk)
    old = timezone.now() - dt.timedelta(seconds=settings.JOBS_STALE_SECONDS + 1)
    Job.objects.filter(pk=silent.pk).update(heartbeat_at=old)
    assert actions.recover_interrupted(resend_queued=True) == [waiting.pk]
    assert actions.recover_interrupted(resend_queued=False) == []
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {silent.pk: "failed", busy.pk: "running", waiting.pk: "queued"}
    assert Job.objects.get(pk=silent.pk).message == actions.INTERRUPTED


def test_a_stopping_worker_gives_up_its_running_jobs(people: People) -> None:
    job = queued(people)
    actions.begin(job.pk)
    actions.give_up([job.pk], "任务中断：worker 已停止，请重新发起")
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "任务中断：worker 已停止，请重新发起")


def test_a_runner_that_raises_fails_its_job_with_the_reason(people: People, monkeypatch: Any) -> None:
    def broken(job: Job) -> tuple[dict[str, Any], str]:
        raise ValueError("bad data")

    monkeypatch.setitem(tasks.RUNNERS, Job.Kind.STATISTICS, broken)
    job = Job.objects.create(kind=Job.Kind.STATISTICS, created_by=people.editor)
    tasks.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "任务出错：ValueError: bad data")


def test_a_job_given_up_while_running_is_left_alone(people: People, monkeypatch: Any) -> None:
    def slow(job: Job) -> tuple[dict[str, Any], str]:
        actions.give_up([job.pk], "已中断")
        tasks.progress(job, done=1, message="仍在运行")
        raise AssertionError("not reached")

    monkeypatch.setitem(tasks.RUNNERS, Job.Kind.STATISTICS, slow)
    job = Job.objects.create(kind=Job.Kind.STATISTICS, created_by=people.editor)
    tasks.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "已中断")


def test_a_queued_job_cancelled_is_never_begun(people: People) -> None:
    job = queued(people)
    cancelled = actions.cancel(people.act("editor"), job.pk)
    assert (cancelled.status, cancelled.finished, cancelled.message) == ("cancelled", True, "已由 editor 取消")
    assert actions.begin(job.pk) is None
    entry = AuditEntry.objects.get(action="job.cancel")
    assert entry.data == {"job": job.pk, "kind": "import_folder"}


def test_a_running_job_stops_at_its_next_report_and_keeps_its_progress(people: People, monkeypatch: Any) -> None:
    done: list[int] = []

    def counting(job: Job) -> tuple[dict[str, Any], str]:
        for number in range(1, 6):
            done.append(number)  # the work, then its report
            if number == 2:
                actions.cancel(people.act("admin"), job.pk)  # an administrator, from another request
            tasks.progress(job, done=number, total=5, message=f"第 {number} 个", result={"done": number})
        return {}, "完成"

    monkeypatch.setitem(tasks.RUNNERS, Job.Kind.STATISTICS, counting)
    job = Job.objects.create(kind=Job.Kind.STATISTICS, created_by=people.editor)
    tasks.run_job(job.pk)
    job.refresh_from_db()
    assert done == [1, 2]
    assert (job.status, job.done, job.total, job.result, job.message) == (
        "cancelled",
        2,
        5,
        {"done": 2},
        "已由 admin 取消",
    )
    assert people.editor.notifications.get().text == "统计已被取消：已由 admin 取消"


def test_a_folder_import_cancelled_keeps_the_files_it_imported(people: People, inbox: Path, monkeypatch: Any) -> None:
    from kuaibao.archive.models import Issue

    job = actions.start_folder_import(people.act("editor"), "2023")
    real_report = actions.report
    reports = 0

    def cancel_during_the_second_file(job: Job, **fields: Any) -> bool:
        nonlocal reports
        reports += 1
        if reports == 3:  # the first report announces the files, then one per file
            actions.cancel(people.act("editor"), job.pk)
        return real_report(job, **fields)

    monkeypatch.setattr(actions, "report", cancel_during_the_second_file)
    tasks.run_job(job.pk)
    job.refresh_from_db()
    counts = job.result["counts"]
    assert (job.status, job.done, job.total, sum(counts.values())) == ("cancelled", 2, 6, 2)
    assert Issue.objects.count() == counts["imported"] > 0  # what it imported stays imported


@pytest.mark.parametrize("who", PERSONAS)
def test_who_may_cancel(people: People, who: str) -> None:
    job = queued(people)  # started by the editor
    if who in {"editor", "admin"}:
        assert actions.cancel(people.act(who), job.pk).status == "cancelled"
    else:
        with pytest.raises(Forbidden):
            actions.cancel(people.act(who), job.pk)
        job.refresh_from_db()
        assert job.status == "queued"


def test_a_finished_job_cannot_be_cancelled(people: People) -> None:
    job = actions.begin(queued(people).pk)
    assert job is not None and actions.finish(job, result={}, message="完成")
    with pytest.raises(ActionError, match="已结束（已完成），不能取消"):
        actions.cancel(people.act("editor"), job.pk)
    with pytest.raises(ActionError, match="没有这个任务"):
        actions.cancel(people.act("editor"), 999_999)
