"""What a worker does with a job: look up the runner for its kind and run it, reporting progress
and the outcome through kuaibao.jobs.actions. Other apps add kinds with `@runner(kind)` in
their AppConfig.ready(), so every worker process knows them."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import OperationalError

from kuaibao.jobs import actions, uploads
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
    for attempt in range(6):
        try:
            reported = actions.report(job, **fields)
            break
        except OperationalError as exc:  # SQLite: a reader (the page polling) holds the table
            if "locked" not in str(exc) or attempt == 5:
                raise
            time.sleep(0.1 * (attempt + 1))
    if not reported:
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


# --- Importing files uploaded from the browser ---------------------------------------------------


@runner(Job.Kind.IMPORT_UPLOAD)
def import_upload(job: Job) -> tuple[dict[str, Any], str]:
    """Import every file of an upload (ZIPs expanded first), one transaction per file, with a
    report line per file: what kind of document it was, what happened, its warnings. The
    upload's folder is removed at the end: the archive keeps every original it imported."""
    from kuaibao.archive.files import STATUS_LABELS

    folder = uploads.folder_of(job.params.get("upload", ""))
    if not folder.is_dir():
        raise ActionError("上传的文件已不在服务器上，请重新上传")
    notes: list[dict[str, str]] = []
    try:
        progress(job, done=0, message="正在解开压缩包并清点文件")
        uploads.expand_zips(folder, notes)
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        skipped = [p for p in files if uploads.is_junk(p.relative_to(folder).as_posix())]
        files = [p for p in files if p not in skipped]
        counts: Counter[str] = Counter()
        report: list[dict[str, Any]] = []
        issues: list[int] = []

        def result() -> dict[str, Any]:
            return {
                "label": job.params.get("label", ""),
                "files": len(files),
                "skipped": len(skipped),
                "counts": {key: counts[key] for key in STATUS_LABELS},
                "report": report[:MAX_REPORTED],
                "notes": notes[:MAX_LISTED],
                "failures": [line for line in report if line["status"] == "failed"][:MAX_LISTED],
                "issues": issues[:MAX_LISTED],
            }

        progress(job, done=0, total=len(files), message=f"共 {len(files)} 个文件", result=result())
        for number, path in enumerate(files, start=1):
            name = path.relative_to(folder).as_posix()
            line = _import_uploaded(path, folder, name)
            counts[line["status"]] += 1
            report.append(line)
            issue = line.get("issue")
            if isinstance(issue, int) and line["status"] in ("imported", "updated") and issue not in issues:
                issues.append(issue)
            progress(job, done=number, message=f"{name}：{STATUS_LABELS[line['status']]}", result=result())
        summary = "，".join(f"{label} {counts[key]}" for key, label in STATUS_LABELS.items())
        return result(), f"上传的“{job.params.get('label', '')}”共 {len(files)} 个文件：{summary}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


MAX_REPORTED = 2000  # report lines kept in a result (an upload holds at most this many files)


def _import_uploaded(path: Path, folder: Path, name: str) -> dict[str, Any]:
    from kuaibao.archive.actions import import_bytes
    from kuaibao.core.parse import MAX_BYTES, identify

    line: dict[str, Any] = {"file": name, "kind": "", "status": "failed", "reason": "", "warnings": 0}
    try:
        data = read_inside(path, folder, MAX_BYTES)
    except ActionError as exc:
        line["reason"] = exc.message
        return line
    except OSError as exc:
        line["reason"] = f"无法读取文件：{exc.strerror or exc}"
        return line
    line["kind"] = identify(data).label
    try:
        outcome = import_bytes(data, path.name, label=name)
    except Exception as exc:  # one bad file must not stop the upload
        logger.exception("importing %s failed", name)
        line["reason"] = f"导入出错：{type(exc).__name__}: {exc}"
        return line
    line.update(status=outcome.status, reason=outcome.reason, warnings=len(outcome.warnings))
    line["warning_lines"] = outcome.warnings[:20]
    if outcome.issue_id is not None:
        line["issue"] = outcome.issue_id
    return line
