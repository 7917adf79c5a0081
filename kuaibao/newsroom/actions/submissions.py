"""Submissions: units write and submit items; editors edit, return, reject; every save is a version."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.core.errors import UnreadableInput
from kuaibao.newsroom.actions.base import (
    ActionError,
    Actor,
    Conflict,
    Forbidden,
    audit,
    notify,
    require,
    users_with_role,
)
from kuaibao.newsroom.models import Request, Submission, SubmissionVersion
from kuaibao.newsroom.roles import Role, can

S = Submission.Status
TITLE_MAX = 200
BODY_MAX = 20_000


def unit_of(actor: Actor) -> Unit:
    profile = getattr(actor.user, "profile", None)
    unit: Unit | None = getattr(profile, "unit", None)
    if unit is None:
        raise Forbidden("您的账号没有绑定报送单位，请联系管理员")
    return unit


def _url(submission: Submission) -> str:
    return reverse("newsroom:submission", args=[submission.pk])


def _clean(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip().replace("\r\n", "\n")
    if not title:
        raise ActionError("标题不能为空")
    if not body:
        raise ActionError("正文不能为空")
    if len(title) > TITLE_MAX:
        raise ActionError(f"标题过长（{len(title)} 字，上限 {TITLE_MAX} 字）")
    if len(body) > BODY_MAX:
        raise ActionError(f"正文过长（{len(body)} 字，上限 {BODY_MAX} 字）")
    return title, body


def _own_unit(actor: Actor, submission: Submission) -> None:
    require(actor, "submit", "只有信息员可以修改本单位稿件")
    if unit_of(actor).pk != submission.unit_id:
        raise Forbidden("只能修改本单位的稿件")


def _record_version(submission: Submission, actor: Actor, note: str) -> None:
    SubmissionVersion.objects.create(
        submission=submission,
        number=submission.version,
        title=submission.title,
        body=submission.body,
        saved_by=actor.user,
        note=note,
    )


@transaction.atomic
def create_submission(
    actor: Actor,
    *,
    title: str,
    body: str,
    suggested_section: str = "",
    contact: str = "",
    request: Request | None = None,
) -> Submission:
    """A reporter starts a draft for their unit."""
    require(actor, "submit", "只有信息员可以报送稿件")
    unit = unit_of(actor)
    title, body = _clean(title, body)
    if request is not None and request.kind == Request.Kind.COMMISSION and request.units.exists():
        if not request.units.filter(pk=unit.pk).exists():
            raise Forbidden("这项约稿没有约请本单位")
    submission = Submission.objects.create(
        unit=unit,
        author=actor.user,
        title=title,
        body=body,
        suggested_section=suggested_section.strip()[:50],
        contact=contact.strip()[:100],
        request=request,
    )
    _record_version(submission, actor, "新建草稿")
    audit(actor, "submission.create", f"新建稿件《{title}》", submission=submission)
    return submission


def save_text(actor: Actor, submission: Submission, *, title: str, body: str, expected_version: int, note: str) -> None:
    """Save new text if nobody saved since `expected_version`; otherwise raise Conflict."""
    title, body = _clean(title, body)
    updated = Submission.objects.filter(pk=submission.pk, version=expected_version).update(
        title=title, body=body, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        current = Submission.objects.get(pk=submission.pk)
        raise Conflict(
            f"保存失败：这篇稿件已被他人修改（当前为第 {current.version} 版，您编辑的是第 {expected_version} 版）。"
            "您的修改没有丢失，请对照当前版本合并后再保存。",
            current={"title": current.title, "body": current.body, "version": current.version},
            yours={"title": title, "body": body, "version": expected_version},
        )
    submission.refresh_from_db()
    _record_version(submission, actor, note)


@transaction.atomic
def update_draft(
    actor: Actor,
    submission: Submission,
    *,
    title: str,
    body: str,
    expected_version: int,
    suggested_section: str | None = None,
    contact: str | None = None,
) -> Submission:
    """The unit revises its draft or a returned item."""
    _own_unit(actor, submission)
    if submission.status not in (S.DRAFT, S.RETURNED):
        raise ActionError("已报送的稿件不能再修改；如需修改请联系编辑退回")
    save_text(actor, submission, title=title, body=body, expected_version=expected_version, note="单位修改")
    fields = {}
    if suggested_section is not None:
        fields["suggested_section"] = suggested_section.strip()[:50]
    if contact is not None:
        fields["contact"] = contact.strip()[:100]
    if fields:
        Submission.objects.filter(pk=submission.pk).update(**fields)
        submission.refresh_from_db()
    audit(actor, "submission.update", f"修改稿件《{submission.title}》", submission=submission)
    return submission


@transaction.atomic
def submit(actor: Actor, submission: Submission) -> Submission:
    """The unit sends its draft (or its revision of a returned item) to the editors."""
    _own_unit(actor, submission)
    if submission.status not in (S.DRAFT, S.RETURNED):
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能报送")
    again = submission.status == S.RETURNED
    submission.status = S.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    audit(actor, "submission.submit", f"{'重新' if again else ''}报送稿件《{submission.title}》", submission=submission)
    notify(users_with_role(Role.EDITOR), f"{submission.unit.name}报送了《{submission.title}》", _url(submission))
    return submission


def _editor(actor: Actor) -> None:
    require(actor, "edit", "只有责任编辑可以处理稿件")


@transaction.atomic
def return_submission(actor: Actor, submission: Submission, *, comment: str) -> Submission:
    """The editor sends an item back to its unit with what to change."""
    _editor(actor)
    if not comment.strip():
        raise ActionError("退回修改必须写明意见")
    if submission.status != S.SUBMITTED:
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能退回")
    submission.status = S.RETURNED
    submission.comment = comment.strip()
    submission.save(update_fields=["status", "comment", "updated_at"])
    audit(actor, "submission.return", f"退回稿件《{submission.title}》：{comment.strip()}", submission=submission)
    notify([submission.author], f"《{submission.title}》被退回修改：{comment.strip()}", _url(submission))
    return submission


@transaction.atomic
def reject(actor: Actor, submission: Submission, *, comment: str = "") -> Submission:
    """The editor decides not to use an item (未采用)."""
    _editor(actor)
    if submission.status != S.SUBMITTED:
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能标为未采用")
    submission.status = S.REJECTED
    submission.comment = comment.strip()
    submission.save(update_fields=["status", "comment", "updated_at"])
    audit(actor, "submission.reject", f"稿件《{submission.title}》未采用", submission=submission)
    notify([submission.author], f"《{submission.title}》未采用", _url(submission))
    return submission


def _editable_by_editor(submission: Submission) -> None:
    if submission.status not in (S.SUBMITTED, S.ADOPTED):
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，编辑不能修改")
    statuses = set(submission.placements.values_list("edition__status", flat=True))
    if statuses & {"in_review", "awaiting_signature"}:
        raise ActionError("稿件所在的期已送审，不能再修改；如需修改请先退回")
    if "signed" in statuses and "editing" not in statuses:
        raise ActionError("稿件所在的期已签发，如需修改请先发起更正")


@transaction.atomic
def edit(actor: Actor, submission: Submission, *, title: str, body: str, expected_version: int) -> Submission:
    """The editor edits an item's text; a save from an old version is refused (Conflict)."""
    _editor(actor)
    _editable_by_editor(submission)
    save_text(actor, submission, title=title, body=body, expected_version=expected_version, note="编辑修改")
    audit(
        actor, "submission.edit", f"编辑修改《{submission.title}》（第 {submission.version} 版）", submission=submission
    )
    return submission


@transaction.atomic
def revert(actor: Actor, submission: Submission, *, version: int, expected_version: int) -> Submission:
    """Make an earlier version the current text again (as a new version)."""
    if can(actor.user, "edit"):
        _editable_by_editor(submission)
    else:
        _own_unit(actor, submission)
        if submission.status not in (S.DRAFT, S.RETURNED):
            raise ActionError("已报送的稿件不能再修改")
    old = submission.versions.filter(number=version).first()
    if old is None:
        raise ActionError(f"没有第 {version} 版")
    save_text(
        actor,
        submission,
        title=old.title,
        body=old.body,
        expected_version=expected_version,
        note=f"恢复到第 {version} 版",
    )
    audit(actor, "submission.revert", f"《{submission.title}》恢复到第 {version} 版", submission=submission)
    return submission


def draft_from_docx(data: bytes) -> dict[str, Any]:
    """Title and body from an uploaded DOCX, read by the core importer: the first bold lead-in
    or first paragraph is the title, the rest is the body."""
    from kuaibao.core.parse import sniff
    from kuaibao.core.parse.docx import read_docx

    if sniff(data) != "docx":
        raise ActionError("请上传 Word 文档（.docx）")
    try:
        reading = read_docx(data)
    except UnreadableInput as exc:
        raise ActionError(f"无法读取该 Word 文档：{exc.reason}") from None
    blocks = [b for b in reading.blocks if b.text.strip() and not b.rule]
    if not blocks:
        raise ActionError("Word 文档中没有文字")
    first = blocks[0]
    if first.spans[0].bold and len(first.spans) > 1:
        title = first.spans[0].text
        rest = ["".join(s.text for s in first.spans[1:])]
    else:
        title, rest = first.text, []
    body = "\n".join([*rest, *(b.text for b in blocks[1:])]).strip()
    return {"title": title.strip()[:TITLE_MAX], "body": body}
