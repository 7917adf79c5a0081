"""Edition actions: numbering, compiling, review and sign-off, publishing to the archive,
corrections with a new revision."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kuaibao.archive.models import Issue, Item
from kuaibao.archive.queries import SearchRequest, run_search
from kuaibao.newsroom.actions import editions as actions
from kuaibao.newsroom.actions import submissions as submission_actions
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import Edition, Submission
from tests.newsroom.conftest import People, ready_edition, submitted

pytestmark = pytest.mark.django_db
E = Edition.Status


def test_numbers_continue_within_the_year_and_supplements_count_apart(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    year = timezone.localdate().year
    Issue.objects.create(bulletin=bulletin, year=year, number=42, date=timezone.localdate())
    first = actions.create_edition(people.act("editor"), bulletin)
    second = actions.create_edition(people.act("editor"), bulletin)
    supplement = actions.create_edition(people.act("editor"), bulletin, supplement=True)
    assert (first.number, second.number, supplement.number) == (43, 44, 1)
    assert first.distribution == bulletin.default_distribution


def test_number_override_warns_and_duplicates_are_refused(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    skipped = actions.create_edition(people.act("editor"), bulletin, number=5)
    assert "不是顺序的下一期" in skipped.number_warning
    with pytest.raises(ActionError, match="已经存在"):
        actions.create_edition(people.act("editor"), bulletin, number=5)


def test_adopting_arranging_and_the_keyboard_moves(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = actions.create_edition(people.act("editor"), bulletin)
    a = actions.add_submission(people.act("editor"), edition, submitted(people, title="甲"))
    b = actions.add_submission(people.act("editor"), edition, submitted(people, "reporter_b", "乙"), section="扩大消费")
    assert a.submission.status == Submission.Status.ADOPTED and a.section == "项目建设"
    actions.arrange(people.act("editor"), edition, order=[b.pk, a.pk])
    assert list(edition.placements.values_list("submission__title", flat=True)) == ["乙", "甲"]
    actions.move(people.act("editor"), edition, a, delta=-1)
    assert list(edition.placements.values_list("submission__title", flat=True)) == ["甲", "乙"]
    with pytest.raises(ActionError, match="全部稿件"):
        actions.arrange(people.act("editor"), edition, order=[a.pk])
    actions.remove_submission(people.act("editor"), edition, b)
    b.submission.refresh_from_db()
    assert b.submission.status == Submission.Status.SUBMITTED


def test_unfinished_items_keep_an_edition_from_review(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = actions.create_edition(people.act("editor"), bulletin)
    with pytest.raises(ActionError, match="还没有稿件"):
        actions.send_to_review(people.act("editor"), edition)
    actions.add_submission(people.act("editor"), edition, submitted(people))
    with pytest.raises(ActionError, match="未定稿"):
        actions.send_to_review(people.act("editor"), edition)


def test_review_return_needs_a_comment_and_only_the_signer_signs(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    actions.send_to_review(people.act("editor"), edition)
    with pytest.raises(ActionError, match="必须写明意见"):
        actions.return_edition(people.act("reviewer"), edition, comment="")
    actions.return_edition(people.act("reviewer"), edition, comment="第二条数字请核实")
    assert edition.status == E.EDITING and edition.comment == "第二条数字请核实"
    actions.send_to_review(people.act("editor"), edition)
    for who in ("editor", "reporter", "signer", "leader"):
        with pytest.raises(Forbidden):
            actions.approve(people.act(who), edition)
    actions.approve(people.act("reviewer"), edition)
    for who in ("editor", "reviewer", "reporter", "leader", "admin"):
        with pytest.raises(Forbidden):
            actions.sign(people.act(who), edition)
    assert edition.status == E.AWAITING_SIGNATURE


def test_signing_freezes_stamps_records_and_publishes(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    actions.send_to_review(people.act("editor"), edition)
    actions.approve(people.act("reviewer"), edition)
    signed = actions.sign(people.act("signer"), edition)
    assert signed.status == E.SIGNED and signed.date == timezone.localdate()
    assert signed.issue is not None and signed.issue.current is not None
    revision = signed.issue.current
    assert revision.staff == {"责任编辑": "EDITOR", "审核": "REVIEWER", "签发": "SIGNER"}
    assert revision.date == timezone.localdate()
    assert [i.title for i in Item.objects.filter(revision=revision)] == ["第1条信息", "第2条信息"]
    assert run_search(SearchRequest("第2条信息")).total == 1
    with pytest.raises(ActionError):
        actions.add_submission(people.act("editor"), signed, submitted(people, title="迟到的稿件"))
    placement = signed.placements.first()
    assert placement is not None
    with pytest.raises(ActionError, match="已签发"):
        submission_actions.edit(
            people.act("editor"),
            placement.submission,
            title="改",
            body="改。",
            expected_version=placement.submission.version,
        )


def test_correction_adds_a_revision_and_keeps_the_old(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    actions.send_to_review(people.act("editor"), edition)
    actions.approve(people.act("reviewer"), edition)
    actions.sign(people.act("signer"), edition)
    issue = edition.issue
    assert issue is not None
    with pytest.raises(ActionError, match="说明"):
        actions.start_correction(people.act("editor"), issue, note="")
    correction = actions.start_correction(people.act("editor"), issue, note="更正第1条中的数字")
    first = correction.placements.first()
    assert first is not None
    submission_actions.edit(
        people.act("editor"),
        first.submission,
        title="第1条信息（更正）",
        body="更正后的正文。",
        expected_version=first.submission.version,
    )
    for placement in correction.placements.all():
        actions.set_ready(people.act("editor"), placement, ready=True)
    actions.send_to_review(people.act("editor"), correction)
    actions.approve(people.act("reviewer"), correction)
    actions.sign(people.act("signer"), correction)
    issue.refresh_from_db()
    assert issue.revisions.count() == 2
    assert issue.current is not None and issue.current.note == "更正第1条中的数字"
    old = issue.revisions.get(number=1)
    assert Item.objects.filter(revision=old, title="第1条信息", is_current=False).exists()
    assert run_search(SearchRequest("更正后的正文")).total == 1


def test_new_edition_takes_the_bulletins_marks_and_continues_the_total_number(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    bulletin.classification, bulletin.secrecy_period, bulletin.internal = "秘密", "1年", True
    bulletin.default_copies, bulletin.total_numbering = 80, True
    bulletin.save()
    first = ready_edition(people, bulletin)
    assert (first.classification, first.secrecy_period, first.internal, first.copies) == ("秘密", "1年", True, 80)
    assert first.total_issue is None  # nothing to continue from: the editor sets the first one
    details = actions.Details(copies=120, total_issue=512, classification="机密", secrecy_period="6个月", serial="000123")
    actions.update_details(people.act("editor"), first, details, expected_version=first.version)
    assert actions.next_total_issue(bulletin) == 513
    assert actions.create_edition(people.act("editor"), bulletin).total_issue == 513


def test_signed_issue_is_printed_with_its_marks(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    from kuaibao.archive.publish import bulletin_from_issue
    from kuaibao.core.render import render

    bulletin.font_profile = "gb9704"
    bulletin.save()
    edition = ready_edition(people, bulletin)
    details = actions.Details(
        distribution="县委常委。", copies=60, total_issue=88, classification="秘密", secrecy_period="1年", serial="000007"
    )
    actions.update_details(people.act("editor"), edition, details, expected_version=edition.version)
    actions.send_to_review(people.act("editor"), edition)
    actions.approve(people.act("reviewer"), edition)
    signed = actions.sign(people.act("signer"), edition)
    assert signed.issue is not None and signed.issue.current is not None
    revision = signed.issue.current
    assert (revision.classification, revision.secrecy_period, revision.serial) == ("秘密", "1年", "000007")
    assert (revision.copies, revision.total_issue, revision.internal) == (60, 88, False)
    printed = bulletin_from_issue(signed.issue)
    assert printed.marks.classification_text == "秘密★1年" and printed.marks.serial == "000007"
    assert printed.font_profile == "gb9704"
    text = render(printed, "txt").decode()
    assert text.startswith("秘密★1年\n\n编号：000007\n\n") and "（总第 88 期）" in text


def test_details_refuse_an_unknown_classification(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    with pytest.raises(ActionError, match="密级"):
        actions.update_details(
            people.act("editor"), edition, actions.Details(classification="内部"), expected_version=edition.version
        )


def test_a_secrecy_period_without_a_classification_is_dropped(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    details = actions.Details(secrecy_period="1年", serial=" 12 ")
    edition = actions.update_details(people.act("editor"), edition, details, expected_version=edition.version)
    assert (edition.secrecy_period, edition.serial) == ("", "12")


def test_the_edition_page_sets_the_marks(people: People, bulletin, client) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin)
    client.force_login(people.editor)
    page = client.get(f"/newsroom/editions/{edition.pk}/").content.decode()
    for label in ("密级", "保密期限", "编号", "总期号", "内部资料"):
        assert label in page
    form = {"distribution": "县委常委。", "copies": "50", "total_issue": "301", "classification": "绝密",
            "secrecy_period": "长期", "serial": "A-0001", "internal": "on", "version": str(edition.version)}  # fmt: skip
    client.post(f"/newsroom/editions/{edition.pk}/details/", form)
    edition.refresh_from_db()
    assert (edition.classification, edition.secrecy_period, edition.serial, edition.internal) == ("绝密", "长期", "A-0001", True)
    assert (edition.copies, edition.total_issue) == (50, 301)
    bad = {**form, "classification": "", "version": str(edition.version)}
    answer = client.post(f"/newsroom/editions/{edition.pk}/details/", bad, follow=True).content.decode()
    assert "没有密级时不标保密期限" in answer
    edition.refresh_from_db()
    assert edition.classification == "绝密"
