"""Statistics periods: months, quarters and years as offices name them."""

from __future__ import annotations

import datetime as dt

import pytest

from kuaibao.stats.periods import Period, PeriodError, recent_periods


@pytest.mark.parametrize(
    ("text", "key", "label", "start", "end"),
    [
        ("2023-09", "2023-09", "2023年9月", "2023-09-01", "2023-09-30"),
        ("2024-2", "2024-02", "2024年2月", "2024-02-01", "2024-02-29"),
        ("2023-Q3", "2023-Q3", "2023年第三季度", "2023-07-01", "2023-09-30"),
        ("2023-q4", "2023-Q4", "2023年第四季度", "2023-10-01", "2023-12-31"),
        ("2023", "2023", "2023年", "2023-01-01", "2023-12-31"),
    ],
)
def test_periods_read_back_with_their_bounds(text: str, key: str, label: str, start: str, end: str) -> None:
    period = Period.parse(text)
    assert (period.key, period.label, period.start.isoformat(), period.end.isoformat()) == (key, label, start, end)
    assert Period.parse(period.key) == period


def test_a_quarter_has_three_months_and_future_months_are_left_out() -> None:
    quarter = Period.parse("2023-Q3")
    assert quarter.months == ("2023-07", "2023-08", "2023-09")
    assert quarter.months_until(dt.date(2023, 8, 15)) == ("2023-07", "2023-08")
    assert dt.date(2023, 9, 30) in quarter and dt.date(2023, 10, 1) not in quarter


@pytest.mark.parametrize("text", ["2023-13", "2023-Q5", "23-09", "九月", "2023-09-01", "0999"])
def test_other_forms_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(PeriodError, match="统计期"):
        Period.parse(text)


def test_recent_periods_newest_first_across_a_new_year() -> None:
    choices = recent_periods(dt.date(2024, 2, 10), months=3, quarters=2, years=2)
    assert [p.key for p in choices] == ["2024-02", "2024-01", "2023-12", "2024-Q1", "2023-Q4", "2024", "2023"]
