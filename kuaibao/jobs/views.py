"""Job pages: the list, one job with its progress (the page polls `job_status`), and the form
that starts a folder import. Editors and administrators only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kuaibao.archive.files import STATUS_LABELS
from kuaibao.jobs import actions, queue
from kuaibao.jobs.folders import import_root, subfolders
from kuaibao.jobs.forms import ImportFolderForm
from kuaibao.jobs.models import Job
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden

View = Callable[..., HttpResponse]


def jobs_view(view: View) -> View:
    """Signed in (else the login page) and allowed to start some job (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not actions.may_view_jobs(request.user):
            raise PermissionDenied("没有权限")
        return view(request, *args, **kwargs)

    return wrapper


@jobs_view
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.select_related("created_by")[:100]
    context = {"jobs": jobs, "may_import": actions.may_start(request.user, Job.Kind.IMPORT_FOLDER)}
    return render(request, "jobs/list.html", context)


@jobs_view
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(pk)
    labels = [(label, job.result.get("counts", {}).get(key, 0)) for key, label in STATUS_LABELS.items()]
    for line in job.result.get("report", []):
        line["status_label"] = STATUS_LABELS.get(line.get("status", ""), "")
    context = {"job": job, "counts": labels, "may_cancel": not job.finished and actions.may_cancel(request.user, job)}
    return render(request, "jobs/job.html", context)


@jobs_view
def cancel_job(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.cancel(Actor.from_request(request), pk)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "任务已取消")
    return redirect("jobs:job", pk=pk)


@jobs_view
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _job(pk)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_label": "已中断（可重新发起）" if actions.interrupted(job) else job.get_status_display(),
            "interrupted": actions.interrupted(job),
            "finished": job.finished,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "counts": job.result.get("counts", {}),
            "failures": len(job.result.get("failures", [])),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _job(pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk)
    if job.status == Job.Status.QUEUED:
        # Embedded mode: someone is waiting for it, so make sure this process has a worker
        # (it takes up jobs queued by a process that has since stopped).
        queue.start_embedded_worker()
    return actions.recover_if_stale(job)


@jobs_view
def import_folder(request: HttpRequest) -> HttpResponse:
    if not actions.may_start(request.user, Job.Kind.IMPORT_FOLDER):
        raise PermissionDenied("只有管理员或责任编辑可以导入文件夹")
    form = ImportFolderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = actions.start_folder_import(Actor.from_request(request), form.cleaned_data["folder"])
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error("folder", exc.message)
        else:
            messages.success(request, "已开始导入，可以离开本页，稍后在“后台任务”中查看结果")
            return redirect("jobs:job", pk=job.pk)
    context = {"form": form, "root": import_root(), "folders": subfolders()}
    return render(request, "jobs/import.html", context, status=400 if form.errors else 200)


@jobs_view
def upload_import(request: HttpRequest) -> HttpResponse:
    """Files, a folder or ZIPs sent from the browser (the drop zone sends each file's relative
    path in `paths`); the import runs as a job."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not actions.may_start(request.user, Job.Kind.IMPORT_UPLOAD):
        raise PermissionDenied("只有管理员或责任编辑可以导入文件")
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        job = actions.start_upload_import(
            Actor.from_request(request), request.FILES.getlist("files"), request.POST.getlist("paths")
        )
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        if wants_json:
            return JsonResponse({"error": exc.message}, status=400, json_dumps_params={"ensure_ascii": False})
        context = {"form": ImportFolderForm(), "root": import_root(), "folders": subfolders()}
        context["upload_error"] = exc.message
        return render(request, "jobs/import.html", context, status=400)
    url = reverse("jobs:job", args=[job.pk])
    if wants_json:
        return JsonResponse({"url": url, "job": job.pk})
    messages.success(request, "已开始导入，可以离开本页，稍后在“后台任务”中查看结果")
    return redirect(url)
