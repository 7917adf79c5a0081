"""Issue numbering: 期号 must grow with the date within a year, each series on its own."""

from __future__ import annotations

import datetime as dt

from kuaibao.core.proof import IssueRecord
from kuaibao.core.proof.sequence import conflicts
from tests.core.proof.helpers import found


def issue(number: int, date: str) -> str:
    y, m, d = date.split("-")
    return f"延津政务快报\n\n第 {number} 期\n\n延津县人民政府办公室\n\n{y} 年 {m} 月 {d} 日\n\n县商务局推动消费 拉动消费10.6万元。（商务局）\n"


def record(number: int, date: str, *, supplement: bool = False) -> IssueRecord:
    return IssueRecord(f"第{number}期", "延津政务快报", number, dt.date.fromisoformat(date), supplement=supplement)


ARCHIVE = [record(39, "2023-08-25"), record(40, "2023-09-01"), record(42, "2023-09-15")]


def test_number_in_sequence_is_fine() -> None:
    assert found(issue(41, "2023-09-08"), archive=ARCHIVE) == []


def test_number_out_of_sequence_is_reported_with_the_number_that_fits() -> None:
    assert found(issue(43, "2023-09-08"), archive=ARCHIVE) == [("issue.sequence", "第 43 期", "第 41 期")]


def test_same_number_on_another_date() -> None:
    assert found(issue(40, "2023-09-08"), archive=ARCHIVE)[0][0] == "issue.sequence"


def test_other_years_and_supplements_are_other_series() -> None:
    others = [record(50, "2022-12-30"), record(3, "2023-12-30", supplement=True)]
    assert found(issue(41, "2023-09-08"), archive=others) == []
    assert conflicts(1, dt.date(2023, 1, 6), False, tuple(others)) == []


def test_the_issue_that_contradicts_more_is_the_one_out_of_sequence() -> None:
    wrong = record(28, "2023-08-20")
    archive = [record(26, "2023-08-22"), record(27, "2023-08-29"), wrong]
    assert found(issue(26, "2023-08-22"), archive=[a for a in archive if a.issue != 26]) == []
