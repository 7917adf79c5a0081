"""What a worker does with a job: look up the runner for its kind and run it, reporting progress
and the outcome through kuaibao.jobs.actions. Other apps add kinds with `@runner(kind)` in
their AppConfig.ready(), so every worker process knows them."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kuaibao.jobs import actions
from kuaibao.jobs.folders import import_root, read_inside, resolve_folder
from kuaibao.jobs.models import Job
from kuaibao.newsroom.actions.base import ActionError

logger = logging.getLogger(__name__)
# A runner returns the job's result (JSON) and a one-line summary.
Runner = Callable[[Job], tuple[dict[str, Any], str]]
RUNNERS: dict[str, Runner] = {}
MAX_LISTED = 200  # failures and issues listed in a result; the counts cover all

_running: set[int] = set()
_running_lock = threading.Lock()


class Stopped(Exception):
    """The job was given up (marked failed) while it ran: stop without touching it again."""


def runner(kind: str) -> Callable[[Runner], Runner]:
    def register(function: Runner) -> Runner:
        RUNNERS[kind] = function
        return function

    return register


def running_jobs() -> list[int]:
    with _running_lock:
        return sorted(_running)


def run_job(job_id: int) -> None:
    """The dramatiq actor's body: one delivery of a job's message."""
    job = actions.begin(job_id)
    if job is None:
        return
    with _running_lock:
        _running.add(job_id)
    try:
        _run(job)
    finally:
        with _running_lock:
            _running.discard(job_id)


def _run(job: Job) -> None:
    run = RUNNERS.get(job.kind)
    try:
        if run is None:
            raise ActionError(f"没有“{job.get_kind_display()}”任务的执行程序")
        result, summary = run(job)
    except Stopped:
        return
    except ActionError as exc:
        actions.fail(job, message=exc.message, result=job.result or None)
    except Exception as exc:  # a bug or an outage: the job says so instead of running forever
        logger.exception("job %s failed", job.pk)
        actions.fail(job, message=f"任务出错：{type(exc).__name__}: {exc}", result=job.result or None)
    else:
        actions.finish(job, result=result, message=summary)


def progress(job: Job, **fields: Any) -> None:
    if not actions.report(job, **fields):
        raise Stopped


# --- Importing a folder ------------------------------------------------------------------------


@runner(Job.Kind.IMPORT_FOLDER)
def import_folder(job: Job) -> tuple[dict[str, Any], str]:
    """Import every bulletin file below the folder, one transaction per file; a file that
    fails is listed with its reason and the import goes on."""
    from kuaibao.archive.files import STATUS_LABELS, collect

    folder, relative = resolve_folder(job.params.get("folder", ""))  # again: the tree may have changed
    root = import_root()
    files, skipped = collect([folder])
    counts: Counter[str] = Counter()
    failures: list[dict[str, str]] = []
    issues: list[int] = []

    def result() -> dict[str, Any]:
        return {
            "folder": relative,
            "files": len(files),
            "skipped": len(skipped),
            "counts": {key: counts[key] for key in STATUS_LABELS},
            "failures": failures[:MAX_LISTED],
            "issues": issues[:MAX_LISTED],
        }

    progress(job, done=0, total=len(files), message=f"共 {len(files)} 个文件", result=result())
    for number, path in enumerate(files, start=1):
        name = path.relative_to(root).as_posix()
        status, reason, issue = _import_one(path, root, name)
        counts[status] += 1
        if status == "failed":
            failures.append({"file": name, "reason": reason})
        elif issue is not None and status in ("imported", "updated") and issue not in issues:
            issues.append(issue)
        progress(job, done=number, message=f"{name}：{STATUS_LABELS[status]}", result=result())
    summary = "，".join(f"{label} {counts[key]}" for key, label in STATUS_LABELS.items())
    if skipped:
        summary += f"，跳过非快报文件 {len(skipped)}"
    return result(), f"“{relative}”共 {len(files)} 个文件：{summary}"


def _import_one(path: Path, root: Path, name: str) -> tuple[str, str, int | None]:
    from kuaibao.archive.actions import import_bytes
    from kuaibao.core.parse import MAX_BYTES

    try:
        data = read_inside(path, root, MAX_BYTES)
    except ActionError as exc:
        return "failed", exc.message, None
    except OSError as exc:
        return "failed", f"无法读取文件：{exc.strerror or exc}", None
    try:
        outcome = import_bytes(data, path.name, label=name)
    except Exception as exc:  # one bad file must not stop the folder
        logger.exception("importing %s failed", name)
        return "failed", f"导入出错：{type(exc).__name__}: {exc}", None
    return outcome.status, outcome.reason, outcome.issue_id
