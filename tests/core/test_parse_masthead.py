from __future__ import annotations

import datetime as dt

import pytest

from kuaibao.core.parse.masthead import Masthead, read_line


def read(*lines: str) -> Masthead:
    head = Masthead()
    for number, line in enumerate(lines, start=1):
        assert read_line(head, line, number), line
    return head


@pytest.mark.parametrize(
    "line",
    ["第 43 期", "第43期", "第四十三期", "2023年第43期", "第 43 期（总第 512 期）", "第４３期"],
)
def test_issue_number_forms(line: str) -> None:
    assert read("延津政务快报", line).issue == 43


@pytest.mark.parametrize(
    "line",
    ["2023 年 9 月 22 日", "2023年9月22日", "二〇二三年九月二十二日", "2023-09-22", "2023.9.22", "2023/09/22"],
)
def test_date_forms(line: str) -> None:
    assert read("延津政务快报", "第 1 期", line).date == dt.date(2023, 9, 22)


def test_publisher_and_date_on_one_line() -> None:
    head = read("延津政务快报", "第 43 期", "延津县人民政府办公室　　　　2023年9月22日")
    assert (head.publisher, head.date) == ("延津县人民政府办公室", dt.date(2023, 9, 22))


def test_weekday_after_the_date_is_not_the_publisher() -> None:
    head = read("延津政务快报", "第 43 期", "延津县人民政府办公室", "2023年9月22日（星期五）")
    assert (head.publisher, head.date) == ("延津县人民政府办公室", dt.date(2023, 9, 22))
    assert not head.warnings


def test_total_issue_alone_and_beside_the_issue() -> None:
    head = read("延津政务快报", "2023年第43期（总第512期）")
    assert (head.issue, head.total_issue, head.year) == (43, 512, 2023)


def test_supplement_flag_from_title_or_issue_line() -> None:
    assert read("延津政务快报（增刊）", "第 2 期").supplement
    head = read("延津政务快报", "增刊第 2 期")
    assert head.supplement and head.issue == 2 and head.title == "延津政务快报"


def test_impossible_date_is_reported_not_guessed() -> None:
    head = read("延津政务快报", "第 1 期", "2023年2月30日")
    assert head.date is None
    assert [w.code for w in head.warnings] == ["bad-date"]


def test_sentence_is_not_masthead_material() -> None:
    head = Masthead()
    assert not read_line(head, "县商务局依托特色产业，引领电商行业促消费。", 1)
