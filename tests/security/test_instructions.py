"""批示 on an item's page: seen by leaders, the office's editors and the units concerned (as the
批示 list filters), never by another unit's reporter, a signed-in reader without a role or an
anonymous visitor of a public archive, and never kept in the page cache for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from kuaibao.newsroom.actions.instructions import record_instruction
from tests.newsroom.conftest import People
from tests.stats.conftest import import_issue, item_titled

pytestmark = pytest.mark.django_db
SECRET = "此事请县发改委牵头会商，暂不外传"


@pytest.fixture
def instructed(people: People) -> int:
    import_issue(70, dt.date(2023, 10, 13), [("东屯镇狠抓项目建设", "项目落地投产。", ("东屯镇",), None)])
    item = item_titled("东屯镇狠抓项目建设")
    record_instruction(people.act("leader"), item, text=SECRET, leader_title="县长")
    return item.pk


@pytest.mark.parametrize(("who", "sees"), [
    ("leader", True), ("editor", True), ("reporter", True),
    ("reporter_b", False), ("outsider", False), ("reviewer", False),
])  # fmt: skip
def test_an_items_instructions_are_shown_only_to_whom_they_concern(
    people: People, client: Client, instructed: int, who: str, sees: bool
) -> None:
    client.force_login(getattr(people, who))
    html = client.get(f"/items/{instructed}/").content.decode()
    assert (SECRET in html) is sees


def test_a_public_archive_shows_no_instruction_to_visitors_nor_caches_one(
    people: People, instructed: int, settings: Any
) -> None:
    settings.ARCHIVE_PUBLIC = True
    for _ in range(2):  # the second answer comes from the page cache
        html = Client().get(f"/items/{instructed}/").content.decode()
        assert SECRET not in html and "LEADER" not in html


def test_the_instruction_list_follows_the_same_rule(people: People, client: Client, instructed: int) -> None:
    client.force_login(people.reporter_b)
    assert SECRET not in client.get("/newsroom/instructions/").content.decode()
    client.force_login(people.reporter)
    assert SECRET in client.get("/newsroom/instructions/").content.decode()
