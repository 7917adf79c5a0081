"""The quantity grammar: values, units, qualifiers, ranges, and what is not a quantity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuaibao.core.figures.grammar import FOLD, scan


def only(text: str) -> tuple[str, Decimal, str, str | None]:
    (quantity,) = list(scan(text.translate(FOLD)))
    return text[quantity.start : quantity.end], quantity.value, quantity.unit, quantity.approx


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("交易21.4亿元", "2140000000", "元"),
        ("收入127718万元", "1277180000", "元"),
        ("发放45.19万张", "451900", "张"),
        ("好评率99.9%", "0.999", "%"),
        ("解决率达100%", "1", "%"),
        ("取证率85％", "0.85", "%"),
        ("提高2.4个百分点", "2.4", "百分点"),
        ("铺设221970平方", "221970", "平方米"),
        ("面积15300平方米", "15300", "平方米"),
        ("管网44.92公里", "44.92", "公里"),
        ("服务500余人次", "500", "人次"),
        ("以旧换新约53台次", "53", "台次"),
        ("连续3个月", "3", "个月"),
    ],
)
def test_value_is_normalised_into_its_unit(text: str, value: str, unit: str) -> None:
    _, got_value, got_unit, _ = only(text)
    assert (got_value, got_unit) == (Decimal(value), unit)


def test_money_stays_exact_where_a_float_would_not() -> None:
    assert float("21.4") * 1e8 != 2140000000
    assert only("21.4亿元")[1] == Decimal(2140000000)


@pytest.mark.parametrize(
    ("text", "span", "approx"),
    [
        ("电商从业人员3000余人", "3000余人", "over"),
        ("交易额达5000余万元", "5000余万元", "over"),
        ("为2万多家农户", "2万多家", "over"),
        ("满意率保持在99%以上", "99%以上", "over"),
        ("网上办税率超过95%", "超过95%", "over"),
        ("外贸进出口突破3亿元", "突破3亿元", "over"),
        ("惠及企业近200家", "近200家", "under"),
        ("拉动消费约10.6万元", "约10.6万元", "about"),
        ("人均月增收2000元左右", "2000元左右", "about"),
        ("完成项目交易15个", "15个", None),
    ],
)
def test_qualifiers_are_part_of_the_span_and_read_as_bounds(text: str, span: str, approx: str | None) -> None:
    got_span, _, _, got_approx = only(text)
    assert (got_span, got_approx) == (span, approx)


def test_spaces_left_by_text_extraction_are_allowed() -> None:
    assert only("交易 21.4 亿元跑出")[:3] == ("21.4 亿元", Decimal(2140000000), "元")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [("种植优质麦4万-5万亩", 40000, 50000, "亩"), ("4-5万亩", 40000, 50000, "亩"), ("35至64岁妇女", 35, 64, "岁")],
)
def test_ranges_keep_both_ends(text: str, low: int, high: int, unit: str) -> None:
    (quantity,) = list(scan(text))
    assert (quantity.value, quantity.value_max, quantity.unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("仅有三个评标室", 3, "个"), ("选择两个示范村", 2, "个"), ("明确一名科级干部", 1, "名"), ("引进种植大户三十余家", 30, "家")],
)
def test_chinese_numerals_count_with_a_measure_word(text: str, value: int, unit: str) -> None:
    _, got_value, got_unit, _ = only(text)
    assert (got_value, got_unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "12366热线接听来电",  # a hotline number
        "开展“51旧是要换新”活动",  # no unit: a name
        "第41期",  # an ordinal
        "第三个",
        "全县唯一一家",
        "一户一策",
        "一次性告知",
        "一是统筹协调",
        "三品一标",
        "五大机制",
        "乡村组三级积极配合",
        "二维码",
        "打造万亩优质麦种植核心区",
        "同个项目专家",
        "一般公共预算收入",
    ],
)
def test_names_ordinals_and_set_phrases_are_not_quantities(text: str) -> None:
    assert list(scan(text)) == []


def test_a_full_width_comma_separates_two_figures() -> None:
    assert [q.value for q in scan("分别为120，350户".translate(FOLD))] == [Decimal(350)]
    assert [q.value for q in scan("收入1,234万元")] == [Decimal(12340000)]
