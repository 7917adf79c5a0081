"""Proofreading in the editor: findings beside the text, one-click accept, remembered dismissal."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kuaibao.newsroom import proofing
from kuaibao.newsroom.actions import proofing as actions
from kuaibao.newsroom.actions import submissions
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import Dismissal
from tests.newsroom.conftest import People

pytestmark = pytest.mark.django_db
BODY = "召开县人大大正副主任座谈会，组织宣讲活动13余场。"


def slipped(people: People):  # type: ignore[no-untyped-def]
    return submissions.create_submission(people.act("reporter"), title="东屯镇召开座谈会", body=BODY)


def test_findings_are_placed_in_their_field(people: People) -> None:
    found = proofing.check_item("东屯镇召开座谈会", BODY)
    texts = {(f.field, f.finding.text) for f in found}
    assert ("body", "县人大大") in texts
    repeat = next(f for f in found if f.finding.text == "县人大大")
    assert BODY[repeat.offset : repeat.offset + 4] == "县人大大"


def test_accept_applies_the_suggestion_as_a_new_version(people: People) -> None:
    item = slipped(people)
    finding = next(f for f in proofing.check_item(item.title, item.body) if f.finding.text == "县人大大")
    actions.accept(
        people.act("reporter"),
        item,
        field="body",
        offset=finding.offset,
        text="县人大大",
        suggestion=finding.finding.suggestion or "",
        expected_version=item.version,
    )
    item.refresh_from_db()
    assert item.body.startswith("召开县人大正副主任座谈会") and item.version == 2
    with pytest.raises(ActionError, match="不再适用"):
        actions.accept(
            people.act("reporter"),
            item,
            field="body",
            offset=finding.offset,
            text="县人大大",
            suggestion="县人大",
            expected_version=2,
        )


def test_a_dismissal_is_remembered_for_that_text(people: People) -> None:
    item = slipped(people)
    finding = next(f for f in proofing.check_item(item.title, item.body) if f.finding.rule == "number.odd_approx")
    actions.dismiss(
        people.act("reporter"),
        item,
        fingerprint=finding.finding.fingerprint,
        rule=finding.finding.rule,
        text=finding.finding.text,
    )
    assert Dismissal.objects.count() == 1
    # Hidden from the reporter; the office sees it until an editor dismisses it (tests/security).
    assert all(f.finding.rule != "number.odd_approx" for f in proofing.check_item(item.title, item.body, office=False))
    with pytest.raises(Forbidden):
        actions.dismiss(people.act("reporter_b"), item, fingerprint="x", rule="r", text="t")


def test_the_page_shows_findings_and_the_live_check_answers_json(people: People) -> None:
    item = slipped(people)
    client = Client()
    client.force_login(people.reporter)
    html = client.get(f"/newsroom/submissions/{item.pk}/").content.decode()
    assert "审校提示" in html and "<mark" in html and "采纳：改为“县人大”" in html
    response = client.post(
        f"/newsroom/submissions/{item.pk}/proof/",
        data=json.dumps({"title": item.title, "body": "布署工作。"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [f["text"] for f in response.json()["findings"]] == ["布署"]
