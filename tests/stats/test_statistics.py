"""Per-unit statistics of a period, and the chart series, from data made by the real actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions import requests, submissions
from kuaibao.newsroom.models import Request, Submission
from kuaibao.stats.models import ScoringRules
from kuaibao.stats.periods import Period
from kuaibao.stats.statistics import (
    UnitStats,
    collect,
    items_per_month,
    items_per_section,
    items_per_unit,
    ranking,
    unit_statistics,
)
from tests.newsroom.conftest import People, submitted
from tests.stats.conftest import import_issue, local

pytestmark = pytest.mark.django_db
SEPTEMBER = Period.parse("2023-09")


def by_unit(rows: list[UnitStats]) -> dict[str, UnitStats]:
    return {row.unit: row for row in rows}


def test_adopted_items_count_for_each_unit_of_a_joint_item(corpus: list[int], people: People) -> None:
    import_issue(42, dt.date(2023, 9, 20), [("联合报送的信息", "正文。", ("东屯镇", "财政局", "商务局"), "项目建设")])
    rows = by_unit(unit_statistics(SEPTEMBER, now=local(2023, 10, 1)))
    # Issue 41 credits each of 东屯镇, 县财政局 and 县商务局 once; issue 42 credits all three.
    assert (rows["东屯镇"].adopted, rows["县财政局"].adopted, rows["县商务局"].adopted) == (2, 2, 2)
    assert rows["丰庄镇"].adopted == 1
    assert "胙城乡" not in rows or rows["胙城乡"].adopted == 0  # 胙城乡's items are of March 2023 and May 2024


def test_submitted_and_adoption_rate(corpus: list[int], people: People) -> None:
    for n in range(4):
        submission = submitted(people, "reporter", f"东屯镇第{n}条")
        Submission.objects.filter(pk=submission.pk).update(submitted_at=local(2023, 9, 3 + n))
    submitted(people, "reporter", "十月的稿件")  # submitted now: outside September
    rows = by_unit(unit_statistics(SEPTEMBER, now=local(2023, 10, 1)))
    # 4 submitted, 1 adopted (issue 41): 25.0%.
    assert (rows["东屯镇"].submitted, rows["东屯镇"].adopted, rows["东屯镇"].adoption_rate) == (4, 1, Decimal("25.0"))
    assert rows["丰庄镇"].adoption_rate is None  # nothing submitted through the newsroom


def test_commissions_on_time_late_missing_and_pending(corpus: list[int], people: People) -> None:
    dongtun, shangwu = Unit.objects.get(name="东屯镇"), Unit.objects.get(name="县商务局")
    fengzhuang = Unit.objects.get(name="丰庄镇")
    due = requests.publish_request(
        people.act("editor"), kind=Request.Kind.COMMISSION, title="秋收", deadline=local(2023, 9, 20, 18),
        units=[dongtun, shangwu, fengzhuang],
    )  # fmt: skip
    for who, day in (("reporter", 19), ("reporter_b", 25)):
        draft = submissions.create_submission(people.act(who), title=f"{who}的约稿", body="正文。", request=due)
        submissions.submit(people.act(who), draft)
        Submission.objects.filter(pk=draft.pk).update(submitted_at=local(2023, 9, day))
    rows = by_unit(unit_statistics(SEPTEMBER, now=local(2023, 10, 1)))
    assert (rows["东屯镇"].commissions, rows["东屯镇"].on_time) == (1, 1)
    assert (rows["县商务局"].late, rows["丰庄镇"].missing) == (1, 1)
    # Seen before the deadline, 丰庄镇's answer is not yet due: neither late nor missing.
    early = by_unit(unit_statistics(SEPTEMBER, now=local(2023, 9, 20, 12)))
    assert (early["丰庄镇"].commissions, early["丰庄镇"].missing) == (1, 0)


def test_statistics_work_without_an_active_rule_set(corpus: list[int], people: People) -> None:
    ScoringRules.objects.all().delete()
    rows = by_unit(unit_statistics(SEPTEMBER, now=local(2023, 10, 1)))
    assert rows["东屯镇"].adopted == 1
    result = ranking(SEPTEMBER, now=local(2023, 10, 1))
    assert result.rows == () and result.error is not None and "评分规则" in result.error


def test_units_expected_to_report_are_listed_when_silent(corpus: list[int], people: People) -> None:
    data = collect(Period.parse("2022-01"), now=local(2023, 10, 1))
    # Reporters' units are listed with zeros; no quota without rules passed in.
    assert set(data.stats) == {"东屯镇", "县商务局"}


def test_chart_series(corpus: list[int]) -> None:
    months = dict(items_per_month(2023))
    assert (months["3月"], months["9月"], months["1月"]) == (8, 9, 0)
    sections = dict(items_per_section(SEPTEMBER))
    assert sections["项目建设"] == 3 and sum(sections.values()) == 9
    units = items_per_unit(Period.parse("2023"))
    # Issues 13 and 41 of 2023 credit seventeen different units once each.
    assert len(units) == 17 and {n for _, n in units} == {1}
