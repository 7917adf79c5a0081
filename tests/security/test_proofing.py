"""A reporter's dismissal of a 审校 finding hides it from that reporter, not from the editor who
answers for the printed text, nor from the check before review; an editor's dismissal counts
for the office."""

from __future__ import annotations

import pytest

from kuaibao.newsroom import proofing
from kuaibao.newsroom.actions import proofing as actions
from kuaibao.newsroom.models import Submission
from tests.newsroom.conftest import People
from tests.newsroom.test_proofing import slipped

pytestmark = pytest.mark.django_db
RULE = "number.odd_approx"


def _rules(item: Submission, *, office: bool) -> set[str]:
    return {f.finding.rule for f in proofing.check_item(item.title, item.body, office=office)}


def test_a_reporters_dismissal_does_not_hide_a_finding_from_the_editor(people: People) -> None:
    item = slipped(people)
    finding = next(f.finding for f in proofing.check_item(item.title, item.body) if f.finding.rule == RULE)
    fields = {"fingerprint": finding.fingerprint, "rule": finding.rule, "text": finding.text}
    actions.dismiss(people.act("reporter"), item, **fields)
    assert RULE not in _rules(item, office=False)  # the reporter no longer sees it
    assert RULE in _rules(item, office=True)  # the editor still does
    actions.dismiss(people.act("editor"), item, **fields)
    assert RULE not in _rules(item, office=True)

