"""Submissions: units write and submit items; editors edit, return, reject; every save is a version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.core.errors import UnreadableInput
from kuaibao.newsroom import notices, scope
from kuaibao.newsroom.actions.base import (
    ActionError,
    Actor,
    Conflict,
    Forbidden,
    audit,
    require,
    require_office,
)
from kuaibao.newsroom.models import Placement, Request, Submission, SubmissionFile, SubmissionVersion
from kuaibao.newsroom.roles import can

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


def clean_text(title: str, body: str) -> tuple[str, str]:
    # A title is one line: line breaks and tabs pasted into it become one space (they would
    # otherwise reach mail subjects and spreadsheet cells).
    title, body = " ".join(title.split()), body.strip().replace("\r\n", "\n")
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
    """The unit's reporter; for a copy forwarded up (转报), the forwarding office's editors."""
    represents = Unit.objects.filter(pk=submission.unit_id).values_list("represents_id", flat=True).first()
    if represents is not None:
        require(actor, "edit", "只有转报机关的责任编辑可以修改转报的稿件")
        if scope.scope_of(actor.user).office_id != represents:
            raise Forbidden("只能修改本机关转报的稿件")
        return
    require(actor, "submit", "只有信息员可以修改本单位稿件")
    if unit_of(actor).pk != submission.unit_id:
        raise Forbidden("只能修改本单位的稿件")


def record_version(submission: Submission, actor: Actor, note: str) -> None:
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
    title, body = clean_text(title, body)
    if request is not None:
        require_office(actor, request)
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
    record_version(submission, actor, "新建草稿")
    audit(actor, "submission.create", f"新建稿件《{title}》", submission=submission)
    return submission


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both people changed since the version they started from."""

    field: str
    label: str
    base: str
    mine: str
    theirs: str

    @property
    def diff(self) -> list[tuple[str, str]]:
        """From the current text to the actor's, character by character."""
        from kuaibao.newsroom.queries import text_diff

        return text_diff(self.theirs, self.mine)


class MergeConflict(Conflict):
    """Someone saved since `base_version` and changed a field the actor changed too. Nothing is
    saved; `merged` holds every field as it should be shown again (theirs where only they changed
    it, the actor's where only the actor did) and `fields` the ones to decide."""

    def __init__(self, message: str, *, current: dict[str, Any], yours: dict[str, Any],
                 merged: dict[str, str], fields: list[FieldConflict], by: str) -> None:  # fmt: skip
        super().__init__(message, current=current, yours=yours)
        self.merged = merged
        self.fields = fields
        self.by = by


FIELD_LABELS = {"title": "标题", "body": "正文"}


def merge_fields(
    base: dict[str, str], mine: dict[str, str], theirs: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Three-way merge, field by field: a field only one side changed takes that side's text;
    one both changed the same way is kept; one both changed differently is a conflict."""
    merged, conflicts = {}, []
    for field in base:
        b, m, t = base[field], mine[field], theirs[field]
        if m == b or m == t:
            merged[field] = t
        elif t == b:
            merged[field] = m
        else:
            merged[field] = m
            conflicts.append(field)
    return merged, conflicts


def save_text(actor: Actor, submission: Submission, *, title: str, body: str, expected_version: int, note: str) -> bool:
    """Save the text edited from `expected_version`. When someone saved since, the fields are
    merged (`merge_fields`): what the actor did not change keeps the other person's text; a field
    both changed raises MergeConflict and saves nothing. Returns False when there was nothing new
    to save (no version is made)."""
    title, body = clean_text(title, body)
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    theirs = {"title": current.title, "body": current.body}
    mine = {"title": title, "body": body}
    merged_from = None
    if current.version != expected_version:
        base_row = submission.versions.filter(number=expected_version).first()
        if base_row is None or expected_version > current.version:
            raise Conflict(
                f"保存失败：找不到您开始编辑时的第 {expected_version} 版，请刷新后重新修改。",
                current={**theirs, "version": current.version},
                yours={**mine, "version": expected_version},
            )
        merged, conflicts = merge_fields({"title": base_row.title, "body": base_row.body}, mine, theirs)
        if conflicts:
            last = current.versions.select_related("saved_by").first()
            by = _name(last.saved_by) if last else ""
            labels = "、".join(FIELD_LABELS[f] for f in conflicts)
            raise MergeConflict(
                f"{by or '他人'}在您编辑期间保存了第 {current.version} 版，也改动了{labels}。"
                "您的修改没有丢失：请对照两边的文字，选定或合并后再保存。",
                current={**theirs, "version": current.version},
                yours={**mine, "version": expected_version},
                merged=merged,
                fields=[FieldConflict(f, FIELD_LABELS[f], getattr(base_row, f), mine[f], theirs[f]) for f in conflicts],
                by=by,
            )
        mine, merged_from = merged, current.version
    if mine == theirs:
        return False
    Submission.objects.filter(pk=submission.pk).update(
        title=mine["title"], body=mine["body"], version=F("version") + 1, updated_at=timezone.now()
    )
    submission.refresh_from_db()
    if merged_from is not None:
        note = f"{note}（与第 {merged_from} 版合并）"
    record_version(submission, actor, note)
    return True


def _name(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return str(getattr(profile, "display_name", "") or user.get_full_name() or user.get_username())


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
    """The unit revises its draft or a returned item (merged with a save made meanwhile).
    `suggested_section` and `contact` are written when given and different."""
    _own_unit(actor, submission)
    reason = reporter_lock_reason(submission)
    if reason:
        raise ActionError(reason)
    changed = save_text(actor, submission, title=title, body=body, expected_version=expected_version, note="单位修改")
    fields = {}
    if suggested_section is not None and suggested_section.strip()[:50] != submission.suggested_section:
        fields["suggested_section"] = suggested_section.strip()[:50]
    if contact is not None and contact.strip()[:100] != submission.contact:
        fields["contact"] = contact.strip()[:100]
    if fields:
        Submission.objects.filter(pk=submission.pk).update(**fields)
        submission.refresh_from_db()
    if changed or fields:
        audit(actor, "submission.update", f"修改稿件《{submission.title}》", submission=submission)
    return submission


def reporter_lock_reason(submission: Submission) -> str:
    """Why the unit cannot edit the item now ("" when it can)."""
    if submission.status in (S.DRAFT, S.RETURNED):
        return ""
    if submission.status == S.SUBMITTED:
        return "稿件已报送，正在等待编辑处理，不能再修改；如需修改，请联系编辑退回。"
    return f"稿件{submission.get_status_display()}，不能再修改。"


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
    notices.submitted(submission)
    return submission


@transaction.atomic
def withdraw(actor: Actor, submission: Submission) -> Submission:
    """The unit takes back an item it submitted that no editor has handled yet: a draft again."""
    _own_unit(actor, submission)
    if submission.status != S.SUBMITTED:
        hint = "；已采用的稿件如需撤回请联系编辑" if submission.status == S.ADOPTED else ""
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能撤回{hint}")
    submission.status = S.DRAFT
    submission.submitted_at = None
    submission.save(update_fields=["status", "submitted_at", "updated_at"])
    audit(actor, "submission.withdraw", f"撤回稿件《{submission.title}》", submission=submission)
    notices.withdrawn(submission)
    return submission


def _editor(actor: Actor, submission: Submission) -> None:
    require(actor, "edit", "只有责任编辑可以处理稿件")
    require_office(actor, submission)


@transaction.atomic
def return_submission(actor: Actor, submission: Submission, *, comment: str) -> Submission:
    """The editor sends an item back to its unit with what to change."""
    _editor(actor, submission)
    if not comment.strip():
        raise ActionError("退回修改必须写明意见")
    if submission.status != S.SUBMITTED:
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能退回")
    submission.status = S.RETURNED
    submission.comment = comment.strip()
    submission.save(update_fields=["status", "comment", "updated_at"])
    audit(
        actor,
        "submission.return",
        f"退回稿件《{submission.title}》：{comment.strip()}",
        submission=submission,
        data={"comment": comment.strip()},
    )
    notices.returned(submission)
    return submission


@transaction.atomic
def reject(actor: Actor, submission: Submission, *, comment: str = "") -> Submission:
    """The editor decides not to use an item (未采用)."""
    _editor(actor, submission)
    if submission.status != S.SUBMITTED:
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，不能标为未采用")
    submission.status = S.REJECTED
    submission.comment = comment.strip()
    submission.save(update_fields=["status", "comment", "updated_at"])
    audit(
        actor,
        "submission.reject",
        f"稿件《{submission.title}》未采用",
        submission=submission,
        data={"comment": comment.strip()},
    )
    notices.rejected(submission)
    return submission


def editor_lock_reason(submission: Submission) -> str:
    """Why the editors cannot edit the item now ("" when they can): it is not theirs yet, or its
    issue is in review, awaiting signature or signed."""
    if submission.status == S.DRAFT:
        return "稿件还是单位的草稿，尚未报送。"
    if submission.status == S.RETURNED:
        return "稿件已退回单位修改，单位重新报送后才能编辑。"
    if submission.status == S.REJECTED:
        return "稿件已标为未采用，不能再修改。"
    placements = list(submission.placements.select_related("edition__bulletin"))
    statuses = {p.edition.status for p in placements}
    for placement in placements:
        if placement.edition.status in ("in_review", "awaiting_signature"):
            who = "审核" if placement.edition.status == "in_review" else "签发"
            return f"稿件所在的{placement.edition}正在等待{who}，已锁定；如需修改，请{who}人退回这一期。"
    if "signed" in statuses and "editing" not in statuses:
        return "稿件所在的期已签发，已锁定；如需修改，请在这一期发起更正。"
    return ""


def _editable_by_editor(submission: Submission) -> None:
    reason = editor_lock_reason(submission)
    if reason:
        raise ActionError(reason)


@transaction.atomic
def edit(actor: Actor, submission: Submission, *, title: str, body: str, expected_version: int) -> Submission:
    """The editor edits an item's text (merged with a save made meanwhile). A changed text is
    no longer final: its 定稿 mark in an issue being compiled is cleared."""
    _editor(actor, submission)
    _editable_by_editor(submission)
    if not save_text(actor, submission, title=title, body=body, expected_version=expected_version, note="编辑修改"):
        return submission
    audit(
        actor, "submission.edit", f"编辑修改《{submission.title}》（第 {submission.version} 版）", submission=submission
    )
    ready = Placement.objects.filter(submission=submission, ready=True, edition__status="editing")
    for placement in ready.select_related("edition"):
        audit(actor, "edition.unready", f"《{submission.title}》修改后取消定稿", edition=placement.edition)
    ready.update(ready=False)
    return submission


@transaction.atomic
def revert(actor: Actor, submission: Submission, *, version: int, expected_version: int) -> Submission:
    """Make an earlier version the current text again (as a new version)."""
    if can(actor.user, "edit"):
        _editor(actor, submission)
        _editable_by_editor(submission)
    else:
        _own_unit(actor, submission)
        if submission.status not in (S.DRAFT, S.RETURNED):
            raise ActionError("已报送的稿件不能再修改")
    old = submission.versions.filter(number=version).first()
    if old is None:
        raise ActionError(f"没有第 {version} 版")
    if submission.version != expected_version:
        raise ActionError(f"稿件已更新为第 {submission.version} 版，请刷新后再恢复")
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


DOCX_MAX_BYTES = 5 * 1024 * 1024


def _keep_docx(actor: Actor, submission: Submission, data: bytes, name: str) -> SubmissionFile:
    from kuaibao.archive import storage

    sha = hashlib.sha256(data).hexdigest()
    stored = storage.store(data, sha, ".docx")
    clean = "".join(ch for ch in name if ch.isprintable() and ch not in "/\\").strip()[:255] or "稿件.docx"
    return SubmissionFile.objects.create(
        submission=submission, name=clean, sha256=sha, size=len(data), stored_path=stored, uploaded_by=actor.user
    )


def _read_docx(data: bytes) -> dict[str, Any]:
    if len(data) > DOCX_MAX_BYTES:
        raise ActionError(f"Word 文档过大（{len(data) // 1024} KB，上限 {DOCX_MAX_BYTES // 1024 // 1024} MB）")
    return draft_from_docx(data)


@transaction.atomic
def create_from_docx(
    actor: Actor,
    data: bytes,
    name: str,
    *,
    suggested_section: str = "",
    contact: str = "",
    request: Request | None = None,
) -> Submission:
    """A draft whose title and body are read from a Word file, which is kept with it."""
    draft = _read_docx(data)
    submission = create_submission(
        actor,
        title=draft["title"],
        body=draft["body"],
        suggested_section=suggested_section,
        contact=contact,
        request=request,
    )
    kept = _keep_docx(actor, submission, data, name)
    audit(actor, "submission.attach", f"附上 Word 文档“{kept.name}”", submission=submission)
    return submission


@transaction.atomic
def revise_from_docx(
    actor: Actor, submission: Submission, data: bytes, name: str, *, expected_version: int
) -> Submission:
    """The unit replaces a draft's or returned item's text with a new Word file (kept too)."""
    draft = _read_docx(data)
    update_draft(actor, submission, title=draft["title"], body=draft["body"], expected_version=expected_version)
    kept = _keep_docx(actor, submission, data, name)
    audit(actor, "submission.attach", f"附上 Word 文档“{kept.name}”", submission=submission)
    return submission
