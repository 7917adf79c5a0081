"""Every write to a job. People start jobs (permission checked, audited, handed to the workers
after commit) and may cancel them; the worker moves a job queued → running → done or failed, each transition
guarded by the current status so a second delivery of the same job, or a report from a worker
that was given up for dead, changes nothing."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kuaibao.jobs import uploads
from kuaibao.jobs.folders import resolve_folder
from kuaibao.jobs.models import Job
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, notify
from kuaibao.newsroom.roles import can, is_administrator

logger = logging.getLogger(__name__)
Kind = Job.Kind
Status = Job.Status
INTERRUPTED = "任务中断：执行它的进程已停止，请重新发起"


def may_start(user: AbstractBaseUser | AnonymousUser, kind: str) -> bool:
    """Importing a folder or an upload: editors and administrators; statistics and rendering:
    editors."""
    importing = kind in (Kind.IMPORT_FOLDER, Kind.IMPORT_UPLOAD)
    if importing and is_administrator(user):
        return True
    return can(user, "edit")


def may_view_jobs(user: AbstractBaseUser | AnonymousUser) -> bool:
    return any(may_start(user, kind) for kind in Kind.values)


def start_folder_import(actor: Actor, folder: str) -> Job:
    """Import every bulletin file in a folder below the import root, in the background."""
    if not may_start(actor.user, Kind.IMPORT_FOLDER):
        raise Forbidden("只有管理员或责任编辑可以导入文件夹")
    _, relative = resolve_folder(folder)
    return _create(actor, Kind.IMPORT_FOLDER, {"folder": relative}, f"导入文件夹“{relative}”")


def start_upload_import(actor: Actor, files: list[UploadedFile[bytes]], paths: list[str]) -> Job:
    """Import files uploaded from the browser (a folder, files, ZIPs of them) in the background;
    they wait in a private folder until the job has read them."""
    if not may_start(actor.user, Kind.IMPORT_UPLOAD):
        raise Forbidden("只有管理员或责任编辑可以导入文件")
    upload = uploads.save(files, paths)
    names = [(paths[i] if i < len(paths) and paths[i] else f.name or "") for i, f in enumerate(files)]
    top = sorted({name.replace("\\", "/").split("/")[0] for name in names})
    label = top[0] if len(top) == 1 else f"{upload.files} 个文件"
    params = {"upload": upload.token, "label": label, "files": upload.files, "bytes": upload.size}
    try:
        return _create(actor, Kind.IMPORT_UPLOAD, params, f"导入上传的“{label}”")
    except Exception:
        shutil.rmtree(upload.folder, ignore_errors=True)
        raise


def start_job(actor: Actor, kind: str, params: dict[str, Any], summary: str) -> Job:
    """Start a job of a kind another app runs (kuaibao.jobs.tasks.runner registers it)."""
    from kuaibao.jobs.tasks import RUNNERS

    if not may_start(actor.user, kind):
        raise Forbidden("没有权限发起这项任务")
    if kind not in RUNNERS:
        raise ActionError("这类任务暂不能执行")
    return _create(actor, kind, params, summary)


@transaction.atomic
def _create(actor: Actor, kind: str, params: dict[str, Any], summary: str) -> Job:
    job = Job.objects.create(kind=kind, params=params, created_by=actor.user, message="排队等待执行")
    audit(actor, "job.start", f"后台任务：{summary}", data={"job": job.pk, "kind": kind, **params})
    transaction.on_commit(lambda: _send(job.pk))
    return job


def _send(job_id: int) -> None:
    from kuaibao.jobs import queue

    try:
        queue.send(job_id)
    except Exception as exc:  # the broker is down: say so on the job rather than leave it queued
        logger.exception("could not send job %s", job_id)
        Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
            status=Status.FAILED, finished_at=timezone.now(), message=f"无法提交到任务队列：{exc}"[:300]
        )


def may_cancel(user: AbstractBaseUser | AnonymousUser, job: Job) -> bool:
    """The person who started a job, or an administrator."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return job.created_by_id == user.pk or is_administrator(user)


@transaction.atomic
def cancel(actor: Actor, job_id: int) -> Job:
    """queued or running → cancelled. A running job stops at its next progress report: what it
    finished stays done (a folder import keeps the files it imported, each in its own
    transaction) and its result says how far it got."""
    job = Job.objects.select_for_update().select_related("created_by").filter(pk=job_id).first()
    if job is None:
        raise ActionError("没有这个任务")
    if not may_cancel(actor.user, job):
        raise Forbidden("只有发起人或管理员可以取消任务")
    if job.finished:
        raise ActionError(f"任务已结束（{job.get_status_display()}），不能取消")
    who = actor.user.get_username() if isinstance(actor.user, User) else ""
    message = f"已由 {who} 取消"
    Job.objects.filter(pk=job.pk).update(status=Status.CANCELLED, finished_at=timezone.now(), message=message)
    job.refresh_from_db()
    audit(actor, "job.cancel", f"取消后台任务：{job}", data={"job": job.pk, "kind": job.kind})
    if job.created_by is not None and job.created_by != actor.user:
        notify([job.created_by], f"{job.get_kind_display()}已被取消：{message}", reverse("jobs:job", args=[job.pk]))
    return job


# --- The worker's transitions ------------------------------------------------------------------


def _stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.JOBS_STALE_SECONDS)


def begin(job_id: int) -> Job | None:
    """queued → running. Also takes over a running job whose worker fell silent (a redelivered
    message); returns None when the job is gone, finished or running elsewhere."""
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, heartbeat_at__lt=_stale_before()))
        .update(status=Status.RUNNING, started_at=now, heartbeat_at=now, done=0, message="开始执行")
    )
    return Job.objects.get(pk=job_id) if claimed else None


def report(
    job: Job, *, done: int, message: str, total: int | None = None, result: dict[str, Any] | None = None
) -> bool:
    """Record progress of a running job; False when the job is no longer running (given up or
    cancelled: the runner must stop)."""
    fields: dict[str, Any] = {"done": done, "message": message[:300], "heartbeat_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    if result is not None:
        fields["result"] = result
    updated = Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(**fields)
    if not updated:  # a cancelled job's last report still counts what it finished, then it stops
        kept = {name: value for name, value in fields.items() if name != "message"}
        Job.objects.filter(pk=job.pk, status=Status.CANCELLED).update(**kept)
    for name, value in fields.items():
        setattr(job, name, value)
    return bool(updated)


@transaction.atomic
def finish(job: Job, *, result: dict[str, Any], message: str) -> bool:
    """running → done; the person who started it is notified."""
    return _end(job, Status.DONE, message, result)


@transaction.atomic
def fail(job: Job, *, message: str, result: dict[str, Any] | None = None) -> bool:
    """queued or running → failed, with the reason; the person who started it is notified."""
    return _end(job, Status.FAILED, message, result)


def _end(job: Job, status: str, message: str, result: dict[str, Any] | None) -> bool:
    fields: dict[str, Any] = {"status": status, "message": message[:300], "finished_at": timezone.now()}
    if result is not None:
        fields["result"] = result
    if status == Status.DONE and job.total is not None:
        fields["done"] = job.total
    updated = Job.objects.filter(pk=job.pk, status__in=[Status.QUEUED, Status.RUNNING]).update(**fields)
    if not updated:
        return False
    job.refresh_from_db()
    if job.created_by is not None:
        label = "已完成" if status == Status.DONE else "失败"
        notify([job.created_by], f"{job.get_kind_display()}{label}：{job.message}", reverse("jobs:job", args=[job.pk]))
    return True


def recover_interrupted(*, resend_queued: bool) -> list[int]:
    """Mark running jobs whose worker fell silent as failed; return the queued jobs' ids when
    they must be sent again (embedded mode: the queue died with its process)."""
    stale = Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=_stale_before())
    for job in stale:
        fail(job, message=INTERRUPTED)
    if not resend_queued:
        return []
    return list(Job.objects.filter(status=Status.QUEUED).order_by("id").values_list("id", flat=True))


def recover_if_stale(job: Job) -> Job:
    """A running job whose worker fell silent is marked interrupted when someone looks at it
    (a server killed with -9 left it 进行中, and no worker may ever start to notice)."""
    if job.status == Status.RUNNING and job.heartbeat_at is not None and job.heartbeat_at < _stale_before():
        fail(job, message=INTERRUPTED)
        job.refresh_from_db()
    return job


def interrupted(job: Job) -> bool:
    return job.status == Status.FAILED and job.message == INTERRUPTED


def give_up(job_ids: list[int], message: str) -> None:
    """A worker that stops before its jobs finish marks them failed, not running forever."""
    for job in Job.objects.filter(pk__in=job_ids, status=Status.RUNNING):
        fail(job, message=message)
