"""Figures in item text: metric, change, time scope, and exclusions in context."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kuaibao.core.figures import Figure, bulletin_figures, extract_figures
from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.parse import parse_path
from tests.golden import CORPUS

ISSUE = dt.date(2024, 5, 10)


def table(figures: list[Figure]) -> list[tuple[str, str, str, str | None]]:
    return [(f.text, str(f.value), f.unit, f.metric) for f in figures]


def test_bare_yi_after_a_money_metric_is_yuan() -> None:
    (figure,) = extract_figures("完成项目交易15个，交易额达21.4亿。"[9:], ISSUE)
    assert (figure.text, figure.value, figure.unit, figure.metric) == ("21.4亿", Decimal(2140000000), "元", "交易额")


def test_change_figures_take_the_metric_of_what_they_qualify() -> None:
    text = "1-4月，全县一般公共预算收入完成33400万元，为预算的37.9%，增长3.5%。"
    figures = extract_figures(text, ISSUE)
    assert [(f.text, f.metric, f.change) for f in figures] == [
        ("33400万元", "一般公共预算收入", None),
        ("37.9%", "为预算", None),
        ("3.5%", "一般公共预算收入", "up"),
    ]


def test_a_second_count_shares_the_metric_of_the_first() -> None:
    figures = extract_figures("截至目前，全镇已复核认定437户680余人。", ISSUE)
    assert [(f.text, f.metric, f.approx) for f in figures] == [("437户", "复核认定", None), ("680余人", "复核认定", "over")]


def test_time_runs_to_the_end_of_its_sentence_and_qizhong_continues_it() -> None:
    text = "1-4月，税收增长3.5%。其中：非税收入完成14927万元。目前，建成观察井27个。另建成水井3个。"
    times = [f.time.text if f.time else None for f in extract_figures(text, ISSUE)]
    assert times == ["1-4月", "1-4月", "目前", None]


def test_a_later_time_in_the_sentence_takes_over() -> None:
    text = "2022年至今，签约项目8个；2023年一季度已开工项目36个。"
    figures = extract_figures(text, ISSUE)
    assert [(f.metric, f.time.text if f.time else None) for f in figures] == [
        ("签约项目", "2022年至今"),
        ("开工项目", "2023年一季度"),
    ]


def test_quotations_and_titles_hold_no_figures_or_times() -> None:
    text = "结合《延津县2023年“万人助万企”活动实施方案》，按照“不错漏一户，不放过一株”原则，降低成本1%。"
    (figure,) = extract_figures(text, ISSUE)
    assert (figure.text, figure.time) == ("1%", None)


def test_offsets_point_into_the_original_text_with_full_width_digits() -> None:
    text = "培训３２００人次，取证率达８５％。"
    figures = extract_figures(text, ISSUE)
    assert [(text[f.start : f.end], f.value, f.unit) for f in figures] == [
        ("３２００人次", Decimal(3200), "人次"),
        ("８５％", Decimal("0.85"), "%"),
    ]


def test_title_and_body_figures_are_placed_by_item_and_field() -> None:
    item = Item("我县财政收入增长3.5%", (Paragraph.plain("1-4月，税收收入完成18473万元，下降16.3%。"),), ("财政局",))
    bulletin = Bulletin("延津政务快报", 20, ISSUE, "延津县人民政府办公室", (item,))
    placed = [(f.item, f.field, f.figure.text, f.figure.change) for f in bulletin_figures(bulletin)]
    assert placed == [(0, "title", "3.5%", "up"), (0, "body", "18473万元", None), (0, "body", "16.3%", "down")]


def test_corpus_bulletin_as_dicts_carries_decimal_strings() -> None:
    figures = bulletin_figures(parse_path(CORPUS / "002_21a254231077ad00.txt"))
    data = [f.as_dict() for f in figures]
    card = next(d for d in data if d["text"] == "45.19万张")
    assert card["value"] == "451900" and card["unit"] == "张" and card["metric"] == "发放社保卡实体卡"
    assert card["time"] == {"text": "截至目前", "from": None, "to": "2023-03-31"}
    assert next(d for d in data if d["text"] == "99.9%")["value"] == "0.999"
