"""Dates impossible for the issue date, and days a month does not have."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.proof.helpers import found

AUG_29 = dt.date(2023, 8, 29)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("截至10月底，全县完成投资38.6亿元。", "截至10月底"),
        ("截至2023年9月15日，", "截至2023年9月15日"),
        ("截止到十月底，", "截止到十月底"),
        ("1—9月，全县收入增长。", "1—9月"),
        ("截至2024年3月，", "截至2024年3月"),
    ],
)
def test_reports_as_of_date_after_the_issue(text: str, shown: str) -> None:
    assert [(rule, text) for rule, text, _ in found(text, issue_date=AUG_29) if rule.startswith("number.future")] == [
        ("number.future_date", shown)
    ]


@pytest.mark.parametrize(
    "text",
    ["截至8月底，", "截至8月29日，", "1—8月，", "截至2022年10月底，", "计划10月底前完成。", "9月15日将召开会议。"],
)
def test_leaves_past_dates_and_plans_alone(text: str) -> None:
    assert found(text, issue_date=AUG_29) == []


def test_yearless_date_may_be_last_year_when_recent() -> None:
    assert found("截至12月底，", issue_date=dt.date(2024, 1, 20)) == []
    assert found("截至12月底，", issue_date=dt.date(2024, 6, 20))[0][0] == "number.future_date"


def test_without_an_issue_date_only_impossible_days_are_checked() -> None:
    assert found("截至10月底，") == []
    assert found("2023年2月29日召开会议。") == [("number.invalid_date", "2023年2月29日"[5:], None)]


def test_february_29_exists_in_leap_years() -> None:
    assert found("2024年2月29日召开会议。") == []
    assert found("6月31日召开会议。", issue_date=AUG_29) == [("number.invalid_date", "6月31日", None)]
