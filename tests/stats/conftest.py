"""The statistics tests reuse the newsroom's personas (tests/newsroom/conftest.py) and build the
archive through the real import action: the corpus bulletins, and small bulletins written as
text (a joint item, a month's issue) rendered by the core and imported like any file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Issue, Item
from kuaibao.core.model import Bulletin, DistributionLine, Paragraph, Staff
from kuaibao.core.model import Item as CoreItem
from kuaibao.core.render.plain import render_text
from kuaibao.stats.actions import activate_rules
from kuaibao.stats.models import ScoringRules
from tests.archive.conftest import corpus  # noqa: F401 - fixture
from tests.golden import CORPUS
from tests.newsroom.conftest import People, bulletin, data_dir, people  # noqa: F401 - fixtures

ISSUE_41 = CORPUS / "000_14293bf241bcd247.txt"  # 2023-09-08, nine items, one unit each


def import_issue(number: int, date: dt.date, items: list[tuple[str, str, tuple[str, ...], str | None]]) -> Issue:
    """Write an issue of 延津政务快报 as text and import it: (title, body, units, section) each."""
    parsed = Bulletin(
        title="延津政务快报",
        issue=number,
        date=date,
        publisher="延津县人民政府办公室",
        items=tuple(CoreItem(t, (Paragraph.plain(b),), u, s) for t, b, u, s in items),
        distribution=(DistributionLine("本期发", "县委常委，副县长。"),),
        staff=Staff("李勉", "原超俊", "麻彦伟"),
    )
    outcome = import_bytes(render_text(parsed).encode(), f"issue-{number}.txt")
    assert outcome.status == "imported", outcome
    return Issue.objects.get(pk=outcome.issue_id)


def item_titled(title: str) -> Item:
    return Item.objects.get(title=title, is_current=True)


def local(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def make_rules(persons: People, name: str, rules: dict[str, Any], **fields: Any) -> ScoringRules:
    """A rule set, made the active one through the real action (as an administrator)."""
    row = ScoringRules.objects.create(name=name, rules=rules, **fields)
    return activate_rules(persons.act("admin"), row)
