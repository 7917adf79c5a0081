"""Edition pages: compile an issue, arrange it, preview it, and move it through review and signing."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kuaibao.archive.models import Issue
from kuaibao.newsroom import proofing, queries, scope
from kuaibao.newsroom.actions import editions as actions
from kuaibao.newsroom.actions.base import ActionError, Conflict, Forbidden
from kuaibao.newsroom.forms import CommentForm, CorrectionForm, DetailsForm, EditionForm, scoped
from kuaibao.newsroom.models import Edition, Placement, Submission
from kuaibao.newsroom.roles import can
from kuaibao.newsroom.views.common import actor, allowed, perform, post_only

STAFF = ("compile", "review", "sign")


def _url(edition: Edition) -> str:
    return reverse("newsroom:edition", args=[edition.pk])


@allowed(*STAFF)
def edition_list(request: HttpRequest) -> HttpResponse:
    form = scoped(EditionForm(request.POST or None), request.user)
    if request.method == "POST":
        if not can(request.user, "compile"):
            raise PermissionDenied("只有责任编辑可以新建一期")
        if form.is_valid():
            data = form.cleaned_data
            try:
                edition = actions.create_edition(
                    actor(request), data["bulletin"], supplement=data["supplement"], number=data["number"]
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
            else:
                if edition.number_warning:
                    messages.warning(request, edition.number_warning)
                return redirect(_url(edition))
    return render(request, "newsroom/editions.html", {"editions": queries.editions_for(request.user), "form": form})


def _edition(request: HttpRequest, pk: int) -> Edition:
    """An edition of the person's office; another office's is not found (404)."""
    rows = scope.editions(request.user).select_related("bulletin", "editor", "reviewer", "signer")
    return get_object_or_404(rows, pk=pk)


def _sections(edition: Edition) -> tuple[Any, list[tuple[str | None, list[Any]]]]:
    """The edition as it will be printed, its items grouped by section."""
    bulletin = actions.to_bulletin(edition, date=edition.date or timezone.localdate())
    sections: list[tuple[str | None, list[Any]]] = []
    for item in bulletin.items:
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(item)
    return bulletin, sections


@allowed(*STAFF)
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    placements = list(edition.placements.select_related("submission__unit").order_by("position"))
    editable = edition.status == Edition.Status.EDITING and can(request.user, "compile")
    bulletin, sections = _sections(edition)
    context: dict[str, Any] = {
        "edition": edition,
        "placements": placements,
        "editable": editable,
        "details": DetailsForm.for_edition(edition),
        "candidates": scope.office_submissions(request.user)
        .filter(status=Submission.Status.SUBMITTED)
        .select_related("unit")[:100]
        if editable
        else [],
        "findings": proofing.check_edition(edition) if edition.status != Edition.Status.SIGNED else [],
        "bulletin": bulletin,
        "sections": sections,
        "audit": edition.audit.select_related("actor__profile")[:100],
        "all_ready": bool(placements) and all(p.ready for p in placements),
        "may_review": edition.status == Edition.Status.IN_REVIEW and can(request.user, "review"),
        "may_sign": edition.status == Edition.Status.AWAITING_SIGNATURE and can(request.user, "sign"),
    }
    context["errors"] = [f for f in context["findings"] if f.finding.severity.value == "error"]
    return render(request, "newsroom/edition.html", context)


@allowed(*STAFF)
def edition_preview(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    bulletin, sections = _sections(edition)
    return render(request, "newsroom/preview.html", {"edition": edition, "bulletin": bulletin, "sections": sections})


def _placement(edition: Edition, pk: int) -> Placement:
    return get_object_or_404(Placement.objects.select_related("submission", "edition"), pk=pk, edition=edition)


@allowed("compile")
@post_only
def arrange(request: HttpRequest, pk: int) -> HttpResponse:
    """Drag and drop posts the new order as JSON: {"order": [ids], "sections": {id: name}}."""
    edition = _edition(request, pk)
    try:
        payload = json.loads(request.body or b"{}")
        order = [int(x) for x in payload.get("order", [])]
        sections = {int(k): str(v) for k, v in (payload.get("sections") or {}).items()}
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": "数据格式不正确"}, status=400)
    try:
        actions.arrange(actor(request), edition, order=order, sections=sections)
    except Forbidden as exc:
        return JsonResponse({"error": exc.message}, status=403)
    except ActionError as exc:
        return JsonResponse({"error": exc.message}, status=400)
    return JsonResponse({"ok": True})


@allowed("compile")
@post_only
def move(request: HttpRequest, pk: int, placement: int, direction: str) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404("方向只能是 up 或 down")
    edition = _edition(request, pk)
    row = _placement(edition, placement)
    delta = -1 if direction == "up" else 1
    return perform(
        request, lambda: actions.move(actor(request), edition, row, delta=delta), "已调整顺序", _url(edition)
    )


@allowed("compile")
@post_only
def set_section(request: HttpRequest, pk: int, placement: int) -> HttpResponse:
    edition = _edition(request, pk)
    row = _placement(edition, placement)
    order = list(edition.placements.order_by("position").values_list("pk", flat=True))
    name = request.POST.get("section", "")[:50]
    return perform(
        request,
        lambda: actions.arrange(actor(request), edition, order=order, sections={row.pk: name}),
        "已修改栏目",
        _url(edition),
    )


@allowed("compile")
@post_only
def ready(request: HttpRequest, pk: int, placement: int) -> HttpResponse:
    edition = _edition(request, pk)
    row = _placement(edition, placement)
    value = request.POST.get("ready") == "1"
    return perform(request, lambda: actions.set_ready(actor(request), row, ready=value), "已更新", _url(edition))


@allowed("compile")
@post_only
def remove(request: HttpRequest, pk: int, placement: int) -> HttpResponse:
    edition = _edition(request, pk)
    row = _placement(edition, placement)
    return perform(request, lambda: actions.remove_submission(actor(request), edition, row), "已撤下", _url(edition))


@allowed("compile")
@post_only
def details(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    form = DetailsForm(request.POST)
    if not form.is_valid():
        problems = "；".join(
            f"{form.fields[name].label}：{' '.join(map(str, errors))}" for name, errors in form.errors.items()
        )
        messages.error(request, f"发送范围、印数或密级标注填写有误（{problems}）")
        return redirect(_url(edition))
    data = form.cleaned_data
    details = actions.Details(**{name: data[name] for name in DetailsForm.FIELDS})
    try:
        actions.update_details(actor(request), edition, details, expected_version=data["version"])
    except Conflict as exc:
        messages.error(request, f"{exc.message}（您填写的发送范围：{exc.yours['distribution']}）")
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect(_url(edition))


@allowed("compile")
@post_only
def send(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    reason = request.POST.get("reason", "")[:500]
    return perform(
        request, lambda: actions.send_to_review(actor(request), edition, reason=reason), "已送审", _url(edition)
    )


@allowed("review")
@post_only
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    return perform(request, lambda: actions.approve(actor(request), edition), "审核通过，已送签发", _url(edition))


@allowed("review", "sign")
@post_only
def return_edition(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return perform(
        request, lambda: actions.return_edition(actor(request), edition, comment=comment), "已退回", _url(edition)
    )


@allowed("sign")
@post_only
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition(request, pk)
    return perform(request, lambda: actions.sign(actor(request), edition), "已签发，已归入档案", _url(edition))


@allowed("compile")
@post_only
def correct(request: HttpRequest, issue: int) -> HttpResponse:
    row = get_object_or_404(scope.of_office(request.user, Issue.objects.all(), "bulletin__office_id"), pk=issue)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请写明更正说明")
        return redirect(reverse("newsroom:editions"))
    try:
        edition = actions.start_correction(actor(request), row, note=form.cleaned_data["note"])
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("newsroom:editions"))
    return redirect(_url(edition))
