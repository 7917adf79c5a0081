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
