"""Time expressions and their resolution against the issue date."""

from __future__ import annotations

import datetime as dt

import pytest

from kuaibao.core.figures.timeref import find_times

ISSUE = dt.date(2024, 5, 10)


def resolved(text: str, issue: dt.date | None = ISSUE) -> tuple[str, str | None, str | None]:
    (span,) = find_times(text, issue)
    ref = span.ref
    return (ref.text, ref.start.isoformat() if ref.start else None, ref.end.isoformat() if ref.end else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至目前，共有", ("截至目前", None, "2024-05-10")),
        ("目前，已建成", ("目前", None, "2024-05-10")),
        ("今年以来，企业", ("今年以来", "2024-01-01", "2024-05-10")),
        ("1-4月，全县", ("1-4月", "2024-01-01", "2024-04-30")),
        ("1-4 月，全县", ("1-4 月", "2024-01-01", "2024-04-30")),
        ("今年1月至9月", ("今年1月至9月", "2024-01-01", "2024-09-30")),
        ("4月28日至4月30日，完成", ("4月28日至4月30日", "2024-04-28", "2024-04-30")),
        ("4 月 28 日至 5 月 3 日", ("4 月 28 日至 5 月 3 日", "2024-04-28", "2024-05-03")),
        ("8月28日至8月31日", ("8月28日至8月31日", "2023-08-28", "2023-08-31")),  # August had not come yet
        ("截至2023年8月底，我县", ("截至2023年8月底", None, "2023-08-31")),
        ("截至3月底，办理", ("截至3月底", None, "2024-03-31")),
        ("2022年至今，我县", ("2022年至今", "2022-01-01", "2024-05-10")),
        ("2023年一季度已开工", ("2023年一季度", "2023-01-01", "2023-03-31")),
        ("一季度，完成", ("一季度", "2024-01-01", "2024-03-31")),
        ("前三季度", ("前三季度", "2024-01-01", "2024-09-30")),
        ("上半年", ("上半年", "2024-01-01", "2024-06-30")),
        ("3月份，采取", ("3月份", "2024-03-01", "2024-03-31")),
        ("自3月起，为", ("自3月起", "2024-03-01", "2024-05-10")),
        ("4月20日以来", ("4月20日以来", "2024-04-20", "2024-05-10")),
        ("2022年与山东", ("2022年", "2022-01-01", "2022-12-31")),
        ("“五一”节假日期间，共", ("“五一”节假日期间", None, None)),
        ("4月份当月完成", ("4月份当月", "2024-04-01", "2024-04-30")),
    ],
)
def test_time_words_resolve_against_the_issue_date(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert resolved(text) == expected


def test_a_month_after_the_issue_month_is_last_year() -> None:
    assert resolved("12月份受理", dt.date(2024, 1, 12)) == ("12月份", "2023-12-01", "2023-12-31")


def test_full_year_in_a_january_issue_is_the_year_just_ended() -> None:
    assert resolved("全年共受理", dt.date(2024, 1, 12)) == ("全年", "2023-01-01", "2023-12-31")
    assert resolved("全年可增加", dt.date(2023, 9, 8)) == ("全年", "2023-01-01", "2023-12-31")


def test_without_an_issue_date_only_written_years_resolve() -> None:
    assert resolved("截至目前", None) == ("截至目前", None, None)
    assert resolved("截至2023年8月底", None) == ("截至2023年8月底", None, "2023-08-31")


def test_a_comparison_basis_is_not_a_time() -> None:
    assert find_times("较上年同期增长5.1%，比去年增加", ISSUE) == []


def test_counts_are_not_years() -> None:
    assert find_times("服务1983人次", ISSUE) == []


def test_impossible_dates_keep_their_words() -> None:
    assert resolved("2月30日") == ("2月30日", None, None)


def test_year_ranges() -> None:
    assert resolved("2021-2023年累计投入") == ("2021-2023年", "2021-01-01", "2023-12-31")
    assert resolved("2021年至2023年") == ("2021年至2023年", "2021-01-01", "2023-12-31")
