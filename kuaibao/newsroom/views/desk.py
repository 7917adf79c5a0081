"""The newsroom's front page, requests, notifications and leaders' instructions."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kuaibao.newsroom import queries, scope
from kuaibao.newsroom.actions import instructions as instruction_actions
from kuaibao.newsroom.actions import requests as request_actions
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.forms import FeedbackForm, InstructionForm, RequestForm, scoped
from kuaibao.newsroom.models import Instruction, Notification
from kuaibao.newsroom.roles import can
from kuaibao.newsroom.views.common import actor, allowed, current_user, perform, post_only, signed_in

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@allowed("submit", "edit")
def request_list(request: HttpRequest) -> HttpResponse:
    form = scoped(RequestForm(request.POST or None), request.user)
    if request.method == "POST":
        if not can(request.user, "edit"):
            raise PermissionDenied("只有责任编辑可以发布")
        if form.is_valid():
            data = form.cleaned_data
            try:
                request_actions.publish_request(
                    actor(request),
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    deadline=data["deadline"],
                    units=data["units"],
                )
            except ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "已发布")
                return redirect(reverse("newsroom:requests"))
    if can(request.user, "edit"):
        rows = scope.requests(request.user).prefetch_related("units")[:100]
        answered = [(r, queries.answers(r)) for r in rows]
    else:
        answered = [(r, []) for r in queries.open_requests_for(request.user)]
    return render(request, "newsroom/requests.html", {"form": form, "answered": answered, "now": timezone.now()})


@allowed("edit")
def request_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The 约稿通知 (or 报送要点) of a request as a Word file in 公文 style."""
    from kuaibao.core.render.notice import commission_notice, render_notice_docx

    row = get_object_or_404(scope.requests(request.user).prefetch_related("units"), pk=pk)
    bulletin = scope.bulletins(request.user).order_by("pk").first()
    notice = commission_notice(
        kind=row.get_kind_display(),
        topic=row.title,
        description=row.description,
        deadline=timezone.localtime(row.deadline) if row.deadline else None,
        units=[unit.name for unit in row.units.all()],
        issuer=(bulletin.publisher if bulletin else "") or "办公室",
        date=timezone.localdate(row.created_at),
    )
    data = render_notice_docx(notice, font_profile=bulletin.font_profile if bulletin else None)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(notice.title)}.docx"
    return response


@signed_in
def notifications(request: HttpRequest) -> HttpResponse:
    rows = Notification.objects.filter(user=current_user(request))[:200]
    return render(request, "newsroom/notifications.html", {"notifications": rows})


@signed_in
@post_only
def notifications_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=current_user(request), read_at__isnull=True).update(read_at=timezone.now())
    return redirect(reverse("newsroom:notifications"))


@allowed("instruct", "edit", "submit")
def instruction_list(request: HttpRequest) -> HttpResponse:
    rows = queries.visible_instructions(
        request.user, Instruction.objects.select_related("item", "leader").order_by("-created_at")
    )
    return render(
        request,
        "newsroom/instructions.html",
        {
            "instructions": rows[:200],
            "missing": queries.missing_feedback(request.user).count(),
            "feedback_form": FeedbackForm(),
        },
    )


@allowed("instruct")
@post_only
def instruct(request: HttpRequest, item: int) -> HttpResponse:
    row = get_object_or_404(scope.items(request.user), pk=item)
    form = InstructionForm(request.POST)
    back = reverse("archive:item", args=[row.pk])
    if not form.is_valid():
        messages.error(request, "请填写批示内容")
        return redirect(back)
    data = form.cleaned_data
    return perform(
        request,
        lambda: instruction_actions.record_instruction(
            actor(request), row, text=data["text"], leader_title=data["leader_title"]
        ),
        "批示已记录，已通知署名单位",
        back,
    )


@allowed("submit")
@post_only
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = get_object_or_404(scope.instructions(request.user).select_related("item"), pk=pk)
    unit = queries.user_unit(request.user)
    if unit is None or not instruction.item.units.filter(pk=unit.pk).exists():
        raise PermissionDenied("只有署名单位可以反馈这条批示")
    form = FeedbackForm(request.POST)
    back = reverse("archive:item", args=[instruction.item_id])
    if not form.is_valid():
        messages.error(request, "请填写落实情况")
        return redirect(back)
    try:
        instruction_actions.answer_instruction(actor(request), instruction, feedback=form.cleaned_data["feedback"])
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "反馈已提交")
    return redirect(back)
