from __future__ import annotations

import pytest

from kuaibao.core.text import display_width, ends_sentence, is_page_number, squeeze, tidy


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("4 天交易 21.4 亿元", "4天交易21.4亿元"),
        ("惠农 e 贷", "惠农e贷"),
        ("云上延津 APP 发布", "云上延津APP发布"),
        ("Windows  10 系统", "Windows 10系统"),
        ("“加速度” 通过", "“加速度”通过"),
        ("\u3000\u3000首行缩进", "首行缩进"),
    ],
)
def test_tidy_removes_spaces_touching_chinese_only(raw: str, clean: str) -> None:
    assert tidy(raw) == clean


def test_squeeze_removes_every_space() -> None:
    assert squeeze(" 李 勉\u3000\t") == "李勉"


def test_sentence_end() -> None:
    assert ends_sentence("完成投资16亿元。")
    assert ends_sentence("“应保尽保”。  ")
    assert not ends_sentence("建立健全土地收储出")
    assert not ends_sentence("跑出项目建设“加速度”")
    assert ends_sentence("他说：“要抓好落实。”")


@pytest.mark.parametrize("line", ["— 1 —", "- 12 -", "第 3 页", "第1页 共3页", "2/5", "－ 4 －"])
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


def test_a_lone_number_is_a_page_number_only_where_allowed() -> None:
    assert is_page_number("7")
    assert not is_page_number("7", lone_digits=False)
    assert not is_page_number("第 41 期")
    assert not is_page_number("2023 年")


def test_display_width_counts_chinese_double() -> None:
    assert display_width("快报 41") == 7
