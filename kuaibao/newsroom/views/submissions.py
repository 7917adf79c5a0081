"""Submission pages: write, upload, submit, edit with history, return, reject, adopt."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from kuaibao.newsroom import proofing, queries, scope, similar
from kuaibao.newsroom.actions import editions as edition_actions
from kuaibao.newsroom.actions import forwarding
from kuaibao.newsroom.actions import proofing as proof_actions
from kuaibao.newsroom.actions import submissions as actions
from kuaibao.newsroom.actions.base import ActionError, Conflict, Forbidden
from kuaibao.newsroom.actions.submissions import MergeConflict
from kuaibao.newsroom.forms import (
    AdoptForm,
    CommentForm,
    EditForm,
    ForwardForm,
    InboxFilterForm,
    OptionalCommentForm,
    SubmissionForm,
    UploadForm,
    scoped,
)
from kuaibao.newsroom.models import Edition, Submission
from kuaibao.newsroom.roles import can
from kuaibao.newsroom.views.common import actor, allowed, next_or, perform, post_only


def _visible(request: HttpRequest, pk: int) -> Submission:
    # Another office's item does not exist here (404); one of this office that the person may
    # not see (another unit's, a draft) is refused (403).
    rows = scope.related_submissions(request.user).select_related("unit", "author", "request")
    submission = get_object_or_404(rows, pk=pk)
    if not queries.can_view_submission(request.user, submission):
        raise PermissionDenied("没有权限查看这篇稿件")
    return submission


def _url(submission: Submission) -> str:
    return reverse("newsroom:submission", args=[submission.pk])


@allowed("submit")
def unit_submissions(request: HttpRequest) -> HttpResponse:
    rows = queries.visible_submissions(request.user).order_by("-updated_at")
    status = request.GET.get("status", "")
    if status in Submission.Status.values:
        rows = rows.filter(status=status)
    statuses = [("", "全部"), *Submission.Status.choices]
    context = {
        "submissions": rows.prefetch_related("placements__edition__bulletin")[:500],
        "requests": queries.open_requests_for(request.user),
        "status": status,
        "statuses": statuses,
    }
    return render(request, "newsroom/unit_submissions.html", context)


@allowed("submit")
def new_submission(request: HttpRequest) -> HttpResponse:
    form = SubmissionForm(request.POST or None, initial={"request": request.GET.get("request")})
    form.fields["request"].queryset = queries.open_requests_for(request.user)  # type: ignore[attr-defined]
    upload = UploadForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        then_submit = request.POST.get("then") == "submit"
        try:
            with transaction.atomic():
                submission = actions.create_submission(
                    actor(request),
                    title=data["title"],
                    body=data["body"],
                    suggested_section=data["suggested_section"],
                    contact=data["contact"],
                    request=data["request"],
                )
                if then_submit:
                    actions.submit(actor(request), submission)
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            saved = "已保存并报送" if then_submit else "草稿已保存，可以继续修改，改好后点“保存并报送”"
            messages.success(request, saved)
            return redirect(_url(submission))
    return render(request, "newsroom/submission_new.html", {"form": form, "upload": upload})


@allowed("submit")
@post_only
def upload_submission(request: HttpRequest) -> HttpResponse:
    upload = UploadForm(request.POST, request.FILES)
    form = SubmissionForm()
    form.fields["request"].queryset = queries.open_requests_for(request.user)  # type: ignore[attr-defined]
    if upload.is_valid():
        try:
            draft = actions.draft_from_docx(upload.cleaned_data["file"].read())
        except ActionError as exc:
            upload.add_error("file", exc.message)
        else:
            form = SubmissionForm(initial=draft)
            form.fields["request"].queryset = queries.open_requests_for(request.user)  # type: ignore[attr-defined]
            messages.info(request, "已读取 Word 稿件，请核对后保存")
    # A refused upload says so in its status too (a script or the browser's tests see 400).
    status = 400 if upload.errors else 200
    return render(request, "newsroom/submission_new.html", {"form": form, "upload": upload}, status=status)


def _edit_form(submission: Submission, data: Any = None) -> EditForm:
    initial = {
        "title": submission.title,
        "body": submission.body,
        "suggested_section": submission.suggested_section,
        "contact": submission.contact,
        "version": submission.version,
    }
    return EditForm(data, initial=initial)


def _lock_reason(request: HttpRequest, submission: Submission) -> str:
    """Why this person, who would otherwise edit the item, cannot edit it now."""
    user = request.user
    if can(user, "edit"):
        return actions.editor_lock_reason(submission)
    if can(user, "submit") and queries.user_unit(user) == submission.unit:
        return actions.reporter_lock_reason(submission)
    return ""


def _forwarder(request: HttpRequest, submission: Submission) -> bool:
    """Is the person an editor of the office that forwarded this copy up (转报)? They answer
    for it as a unit answers for its items."""
    office = scope.scope_of(request.user).office_id
    return can(request.user, "edit") and office is not None and submission.unit.represents_id == office


def _detail_context(request: HttpRequest, submission: Submission, form: EditForm | None = None) -> dict[str, Any]:
    user = request.user
    forwarder = _forwarder(request, submission)
    own_unit = (queries.user_unit(user) == submission.unit and can(user, "submit")) or forwarder
    may_edit = _may_edit(request, submission)
    office = can(request.user, "edit")
    findings = proofing.check_item(submission.title, submission.body, office=office) if may_edit else []
    is_editor = can(user, "edit") and scope.in_office(user, submission)
    return {
        "submission": submission,
        "findings": findings,
        "body_pieces": proofing.highlighted(submission.body, findings, "body"),
        "title_pieces": proofing.highlighted(submission.title, findings, "title"),
        "form": form or _edit_form(submission),
        "may_edit": may_edit,
        "is_editor": is_editor,
        "lock_reason": "" if may_edit else _lock_reason(request, submission),
        "may_submit": own_unit and submission.status in ("draft", "returned"),
        "may_withdraw": own_unit and submission.status == "submitted",
        "may_handle": is_editor and submission.status == "submitted",
        "may_adopt": can(user, "compile") and submission.status == "submitted",
        "versions": submission.versions.select_related("saved_by__profile"),
        "audit": submission.audit.select_related("actor__profile")[:100],
        "editions": scope.editions(user).filter(status=Edition.Status.EDITING).select_related("bulletin"),
        "placements": submission.placements.select_related("edition__bulletin"),
        "similar": similar.for_submission(submission) if is_editor else None,
        "chain": forwarding.chain(submission) if submission.forwards.exists() or submission.forwarded_from_id else [],
        "may_forward": is_editor
        and submission.status in ("submitted", "adopted")
        and not submission.forwards.exists()
        and scope.scope_of(user).office is not None
        and scope.scope_of(user).office.parent_id is not None,  # type: ignore[union-attr]
    }


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    submission = _visible(request, pk)
    return render(request, "newsroom/submission.html", _detail_context(request, submission))


def _follow_up(request: HttpRequest, submission: Submission, data: dict[str, Any]) -> str:
    """After the text is saved, the action the person chose with the same click; the message."""
    then = data.get("then") or "save"
    who = actor(request)
    if then == "submit":
        actions.submit(who, submission)
        return "已保存并报送"
    if then == "return":
        actions.return_submission(who, submission, comment=data.get("comment") or "")
        return "已保存并退回修改"
    if then == "reject":
        actions.reject(who, submission, comment=data.get("comment") or "")
        return "已保存，稿件标为未采用"
    if then == "adopt":
        edition = scope.editions(request.user).filter(pk=data.get("edition") or 0).first()
        if edition is None:
            raise ActionError("请选择要编入的期")
        edition_actions.add_submission(who, edition, submission, section=data.get("section") or None)
        return f"已保存并采用，编入{edition}"
    return "已保存"


@allowed("submit", "edit")
@post_only
def save_submission(request: HttpRequest, pk: int) -> HttpResponse:
    """One form carries the text and what to do next (保存, 保存并报送, 保存并退回, 采用…): the
    text is saved first, merged with any save made meanwhile, then the chosen action runs, all
    in one transaction; whatever fails, the page comes back with the person's text in it."""
    submission = _visible(request, pk)
    form = _edit_form(submission, request.POST)
    if not form.is_valid():
        return render(request, "newsroom/submission.html", _detail_context(request, submission, form), status=400)
    data = dict(form.cleaned_data)
    for field in ("title", "body"):  # a conflict decided for the current version's text
        if request.POST.get(f"resolve_{field}") == "theirs":
            base = submission.versions.filter(number=data["version"]).first()
            data[field] = getattr(base, field) if base else data[field]
    who = actor(request)
    try:
        with transaction.atomic():
            if can(request.user, "edit") and not _forwarder(request, submission):
                actions.edit(who, submission, title=data["title"], body=data["body"], expected_version=data["version"])
            else:
                actions.update_draft(
                    who,
                    submission,
                    title=data["title"],
                    body=data["body"],
                    expected_version=data["version"],
                    suggested_section=data["suggested_section"],
                    contact=data["contact"],
                )
            submission.refresh_from_db()
            message = _follow_up(request, submission, data)
    except MergeConflict as exc:
        merged = {**data, **exc.merged, "version": exc.current["version"]}
        context = _detail_context(request, submission, EditForm(initial=merged))
        context["conflict"] = exc
        return render(request, "newsroom/submission.html", context, status=409)
    except Conflict as exc:
        context = _detail_context(request, submission, form)
        context["conflict"] = exc
        return render(request, "newsroom/submission.html", context, status=409)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        submission.refresh_from_db()
        form.add_error(None, exc.message)
        return render(request, "newsroom/submission.html", _detail_context(request, submission, form), status=400)
    messages.success(request, message)
    return redirect(_url(submission))


@allowed("submit", "edit")
@post_only
def submit_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    return perform(request, lambda: actions.submit(actor(request), submission), "已报送", _url(submission))


@allowed("submit", "edit")
@post_only
def withdraw_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    return perform(
        request, lambda: actions.withdraw(actor(request), submission), "已撤回，稿件回到草稿", _url(submission)
    )


@allowed("edit")
@post_only
def return_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return perform(
        request,
        lambda: actions.return_submission(actor(request), submission, comment=comment),
        "已退回修改",
        _url(submission),
    )


@allowed("edit")
@post_only
def reject_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    form = OptionalCommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return perform(
        request, lambda: actions.reject(actor(request), submission, comment=comment), "已标为未采用", _url(submission)
    )


@allowed("edit")
@post_only
def forward_submission(request: HttpRequest, pk: int) -> HttpResponse:
    """转报: the office's editor sends the item, edited for the readership above, to the office above."""
    submission = _visible(request, pk)
    form = ForwardForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"title": "", "body": "", "note": ""}
    return perform(
        request,
        lambda: forwarding.forward(
            actor(request), submission, title=data["title"], body=data["body"], note=data["note"]
        ),
        "已转报上级机关",
        _url(submission),
    )


@allowed("submit", "edit")
@post_only
def revert_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    try:
        version = int(request.POST.get("version", ""))
        expected = int(request.POST.get("expected_version", ""))
    except ValueError:
        messages.error(request, "版本号无效")
        return redirect(_url(submission))
    return perform(
        request,
        lambda: actions.revert(actor(request), submission, version=version, expected_version=expected),
        f"已恢复到第 {version} 版",
        _url(submission),
    )


@allowed("compile")
@post_only
def adopt_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择要编入的期")
        return redirect(_url(submission))
    edition = get_object_or_404(scope.editions(request.user), pk=form.cleaned_data["edition"])
    section = form.cleaned_data["section"] or None
    return perform(
        request,
        lambda: edition_actions.add_submission(actor(request), edition, submission, section=section),
        f"已采用，编入{edition}",
        next_or(request, _url(submission)),
    )


def submission_diff(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    submission = _visible(request, pk)
    versions = {v.number: v for v in submission.versions.all()}
    try:
        a, b = versions[int(request.GET.get("a", ""))], versions[int(request.GET.get("b", ""))]
    except (KeyError, ValueError):
        messages.error(request, "请选择两个存在的版本")
        return redirect(_url(submission))
    context = {"submission": submission, "a": a, "b": b, "diff": queries.version_diff(a, b)}
    return render(request, "newsroom/diff.html", context)


@allowed("edit")
def inbox(request: HttpRequest) -> HttpResponse:
    form = scoped(InboxFilterForm(request.GET or None), request.user)
    flt = queries.InboxFilter()
    if form.is_valid():
        data = form.cleaned_data
        flt = queries.InboxFilter(
            unit=data["unit"].pk if data["unit"] else None,
            status=data["status"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            request=data["request"].pk if data["request"] else None,
        )
    context = {
        "form": form,
        "submissions": queries.inbox(flt, request.user)[:300],
        "editions": scope.editions(request.user).filter(status=Edition.Status.EDITING).select_related("bulletin"),
        "requests": scope.requests(request.user)[:50],
    }
    return render(request, "newsroom/inbox.html", context)


def _may_edit(request: HttpRequest, submission: Submission) -> bool:
    """The unit edits its drafts and returned items; the editors edit submitted and adopted ones
    whose issue is not in review or signed."""
    user = request.user
    if _forwarder(request, submission):
        return not actions.reporter_lock_reason(submission)
    own_unit = queries.user_unit(user) == submission.unit and can(user, "submit")
    if can(user, "edit"):
        return scope.in_office(user, submission) and not actions.editor_lock_reason(submission)
    return own_unit and not actions.reporter_lock_reason(submission)


def _may_edit_or_403(request: HttpRequest, submission: Submission) -> None:
    if not _may_edit(request, submission):
        raise PermissionDenied("没有权限修改这篇稿件")


@allowed("submit", "edit")
@post_only
def proof_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Findings for the text being typed (JSON in, JSON out), called on every pause."""
    submission = _visible(request, pk)
    _may_edit_or_403(request, submission)
    try:
        payload = json.loads(request.body or b"{}")
        title, body = str(payload.get("title", ""))[:200], str(payload.get("body", ""))[:20000]
    except (ValueError, AttributeError):
        return JsonResponse({"error": "数据格式不正确"}, status=400)
    findings = proofing.check_item(title, body, office=can(request.user, "edit"))
    return JsonResponse({"findings": [f.as_dict() for f in findings]})


@allowed("submit", "edit")
@post_only
def proof_accept(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    _may_edit_or_403(request, submission)
    data = request.POST
    try:
        offset, version = int(data.get("offset", "")), int(data.get("version", ""))
    except ValueError:
        messages.error(request, "参数无效")
        return redirect(_url(submission))
    return perform(
        request,
        lambda: proof_actions.accept(
            actor(request),
            submission,
            field=data.get("field", ""),
            offset=offset,
            text=data.get("text", ""),
            suggestion=data.get("suggestion", ""),
            expected_version=version,
        ),
        "已采纳审校建议",
        _url(submission),
    )


@allowed("submit", "edit")
@post_only
def proof_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    _may_edit_or_403(request, submission)
    data = request.POST
    return perform(
        request,
        lambda: proof_actions.dismiss(
            actor(request),
            submission,
            fingerprint=data.get("fingerprint", ""),
            rule=data.get("rule", ""),
            text=data.get("text", ""),
        ),
        "已忽略这条提示，今后不再提示",
        _url(submission),
    )
