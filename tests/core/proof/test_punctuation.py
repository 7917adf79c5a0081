"""Punctuation (GB/T 15834): half-width marks, unpaired quotes and brackets, doubled marks."""

from __future__ import annotations

import pytest

from kuaibao.core.proof.punctuation import paragraphs
from tests.core.proof.helpers import found


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [
        ("开展拉网式排查,建立隐患台账。", ",", "，"),
        ("主要做法如下:一是统筹。", ":", "："),
        ("是否到位?请核实。", "?", "？"),
        ("完成整改;", ";", "；"),
        ("完成整改.下一步", ".", "。"),
        ("增长 3.5%.其中", ".", "。"),
        ("( 财政局 )", "( 财政局 )", "（财政局）"),
        ('开展"三夏"生产。', '"三夏"', "“三夏”"),
        ("仍需努力...", "...", "……"),
    ],
)
def test_reports_half_width_mark_in_chinese(text: str, shown: str, fixed: str) -> None:
    assert found(text) == [("punct.halfwidth", shown, fixed)]


@pytest.mark.parametrize(
    "text",
    [
        "交易额 21.4 亿元。",
        "时间 8:30，地点会议室。",
        "共 1,000 人。",
        "详见 https://www.gov.cn 网站。",
        "云上延津APP等新媒体平台。",
        "GB/T 15834-2011 规定。",
        "(1) English (text), and more.",
    ],
)
def test_leaves_numbers_urls_and_latin_text_alone(text: str) -> None:
    assert [f for f in found(text) if f[0] == "punct.halfwidth"] == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("县市场监督管理局护航“三夏生产 组织检查。", "“"),
        ("聚焦“三保”底线》，推进工作。", "》"),
        ("召开会议（县委常委会，研究部署。", "（"),
    ],
)
def test_reports_unpaired_mark(text: str, shown: str) -> None:
    assert [(rule, text) for rule, text, _ in found(text)] == [("punct.unpaired", shown)]


def test_second_opening_quote_is_a_closing_one_typed_wrong() -> None:
    assert found("兜牢“三保“底线。") == [("punct.unpaired", "“", "”")]


def test_quote_across_a_page_break_is_paired() -> None:
    text = "结合《延津县 2023\n\n年“万人助万企”活动实施方案》，聚焦降低成本。"
    assert found(text) == []


def test_paragraphs_join_across_a_blank_line_only_mid_sentence() -> None:
    text = "第一段。\n\n第二段开头\n\n接着写完。\n第三段。"
    assert [text[a:b].strip() for a, b in paragraphs(text)] == ["第一段。", "第二段开头\n\n接着写完。", "第三段。"]


@pytest.mark.parametrize(
    ("text", "shown", "fixed"), [("完成整改，，下一步", "，，", "，"), ("完成整改，。", "，。", "。")]
)
def test_reports_doubled_marks(text: str, shown: str, fixed: str) -> None:
    assert found(text) == [("punct.doubled", shown, fixed)]


def test_ellipsis_dash_and_adjacent_quotes_are_not_doubled() -> None:
    assert found("健全“三品一标”“一镇一品”数据库……北京—上海。真的吗？！") == []
