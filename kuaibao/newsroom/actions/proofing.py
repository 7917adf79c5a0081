"""Accepting or dismissing a proofreading finding on an item."""

from __future__ import annotations

from django.db import transaction

from kuaibao.newsroom.actions import submissions
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit
from kuaibao.newsroom.models import Dismissal, Submission
from kuaibao.newsroom.roles import can


def _may_edit(actor: Actor, submission: Submission) -> None:
    if can(actor.user, "edit"):
        return
    if can(actor.user, "submit") and submissions.unit_of(actor).pk == submission.unit_id:
        return
    raise Forbidden("没有权限修改这篇稿件")


@transaction.atomic
def accept(
    actor: Actor, submission: Submission, *, field: str, offset: int, text: str, suggestion: str, expected_version: int
) -> Submission:
    """Replace the finding's text with the suggestion, as a new version of the item."""
    _may_edit(actor, submission)
    if field not in ("title", "body"):
        raise ActionError("字段只能是标题或正文")
    current = getattr(submission, field)
    if offset < 0 or current[offset : offset + len(text)] != text:
        raise ActionError("文字已经改动，这条提示不再适用，请重新审校")
    changed = current[:offset] + suggestion + current[offset + len(text) :]
    title = changed if field == "title" else submission.title
    body = changed if field == "body" else submission.body
    if can(actor.user, "edit"):
        submissions.edit(actor, submission, title=title, body=body, expected_version=expected_version)
    else:
        submissions.update_draft(actor, submission, title=title, body=body, expected_version=expected_version)
    audit(actor, "proof.accept", f"采纳审校建议：“{text}”→“{suggestion}”", submission=submission)
    return submission


@transaction.atomic
def dismiss(actor: Actor, submission: Submission, *, fingerprint: str, rule: str, text: str) -> None:
    """Remember that this finding, for this text, is not a slip."""
    _may_edit(actor, submission)
    if not fingerprint or len(fingerprint) > 40:
        raise ActionError("提示标识无效")
    row, created = Dismissal.objects.get_or_create(
        fingerprint=fingerprint, defaults={"rule": rule[:50], "text": text[:200], "dismissed_by": actor.user}
    )
    if not created and can(actor.user, "edit") and not can(row.dismissed_by, "edit"):
        row.dismissed_by = actor.user  # an editor's judgement now stands for the office too
        row.save(update_fields=["dismissed_by"])
    audit(actor, "proof.dismiss", f"忽略审校提示（{rule}）：“{text[:50]}”", submission=submission)
