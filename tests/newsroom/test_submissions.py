"""Submission actions: drafts, submitting, returning and revising, editing with versions,
revert, rejection, DOCX upload, and optimistic concurrency."""

from __future__ import annotations

import pytest

from kuaibao.newsroom.actions import submissions as actions
from kuaibao.newsroom.actions.base import ActionError, Conflict, Forbidden
from kuaibao.newsroom.models import AuditEntry, Notification, Submission
from tests.golden import FIXTURES
from tests.newsroom.conftest import People, submitted, write

pytestmark = pytest.mark.django_db
S = Submission.Status


def test_reporter_writes_and_submits_for_its_unit(people: People) -> None:
    draft = write(people)
    assert (draft.status, draft.unit.name, draft.version) == (S.DRAFT, "东屯镇", 1)
    actions.submit(people.act("reporter"), draft)
    assert draft.status == S.SUBMITTED and draft.submitted_at is not None
    assert Notification.objects.filter(user=people.editor, text__contains="东屯镇报送了").exists()
    assert list(AuditEntry.objects.filter(submission=draft).values_list("action", flat=True)) == [
        "submission.submit",
        "submission.create",
    ]
    entry = AuditEntry.objects.filter(submission=draft).first()
    assert entry is not None and entry.ip == "127.0.0.1" and entry.actor == people.reporter


def test_returned_item_is_revised_and_resubmitted(people: People) -> None:
    item = submitted(people)
    with pytest.raises(ActionError, match="必须写明意见"):
        actions.return_submission(people.act("editor"), item, comment="  ")
    actions.return_submission(people.act("editor"), item, comment="请补充具体数字")
    assert item.status == S.RETURNED and item.comment == "请补充具体数字"
    assert Notification.objects.filter(user=people.reporter, text__contains="请补充具体数字").exists()
    actions.update_draft(
        people.act("reporter"), item, title=item.title, body=item.body + "带动105人增收。", expected_version=1
    )
    actions.submit(people.act("reporter"), item)
    assert item.status == S.SUBMITTED and item.version == 2


def test_reporter_cannot_touch_another_units_item(people: People) -> None:
    item = write(people)
    with pytest.raises(Forbidden):
        actions.update_draft(people.act("reporter_b"), item, title="改", body="改。", expected_version=1)
    with pytest.raises(Forbidden):
        actions.submit(people.act("reporter_b"), item)


def test_only_editors_return_or_reject(people: People) -> None:
    item = submitted(people)
    for who in ("reporter", "reviewer", "signer", "leader", "outsider"):
        with pytest.raises(Forbidden):
            actions.return_submission(people.act(who), item, comment="不行")
        with pytest.raises(Forbidden):
            actions.reject(people.act(who), item)
    actions.reject(people.act("editor"), item)
    assert item.status == S.REJECTED


def test_submitted_item_is_frozen_for_the_unit(people: People) -> None:
    item = submitted(people)
    with pytest.raises(ActionError, match="已报送"):
        actions.update_draft(people.act("reporter"), item, title="改", body="改。", expected_version=item.version)


def test_every_save_is_a_version_and_revert_restores(people: People) -> None:
    item = submitted(people)
    actions.edit(people.act("editor"), item, title="东屯镇抓项目促发展", body=item.body, expected_version=1)
    actions.edit(people.act("editor"), item, title="东屯镇抓项目促发展", body="改写后的正文。", expected_version=2)
    assert [v.number for v in item.versions.all()] == [3, 2, 1]
    actions.revert(people.act("editor"), item, version=1, expected_version=3)
    assert item.version == 4 and item.title == "东屯镇狠抓项目建设促进经济发展"
    assert item.versions.first().note == "恢复到第 1 版"


def test_two_editors_saving_from_the_same_version_never_lose_an_edit(people: People) -> None:
    item = submitted(people)
    seen = item.version
    actions.edit(people.act("editor"), item, title="甲的标题", body="甲改写的正文。", expected_version=seen)
    with pytest.raises(Conflict) as raised:
        actions.edit(people.act("editor"), item, title="乙的标题", body="乙改写的正文。", expected_version=seen)
    conflict = raised.value
    assert "在您编辑期间保存了第 2 版" in conflict.message
    assert conflict.current == {"title": "甲的标题", "body": "甲改写的正文。", "version": seen + 1}
    assert conflict.yours["body"] == "乙改写的正文。"
    item.refresh_from_db()
    assert item.title == "甲的标题" and item.version == seen + 1
    # The loser merges and saves from the current version.
    actions.edit(people.act("editor"), item, title="甲乙合并的标题", body="甲改写的正文。", expected_version=seen + 1)
    assert item.version == seen + 2


def test_empty_or_oversized_text_is_refused(people: People) -> None:
    with pytest.raises(ActionError, match="标题不能为空"):
        actions.create_submission(people.act("reporter"), title=" ", body="正文。")
    with pytest.raises(ActionError, match="正文过长"):
        actions.create_submission(people.act("reporter"), title="标题", body="字" * 20001)


def test_docx_upload_gives_title_and_body() -> None:
    data = (FIXTURES / "formats" / "000_14293bf241bcd247.docx").read_bytes()
    draft = actions.draft_from_docx(data)
    assert draft["title"] and draft["body"]
    with pytest.raises(ActionError, match="Word"):
        actions.draft_from_docx(b"not a docx at all")


def test_notifications_are_mailed_after_commit(people: People, mailoutbox, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    people.editor.email = "editor@yanjin.gov.cn"
    people.editor.save()
    draft = write(people)
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(people.act("reporter"), draft)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["editor@yanjin.gov.cn"]
    assert "东屯镇报送了" in mailoutbox[0].subject
