"""Metric phrases: the noun a figure counts, or the clause text before it, cleaned."""

from __future__ import annotations

import pytest

from kuaibao.core.figures.metric import context_before, is_money_metric, noun_phrase_after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("走访31家企业，", "企业"),
        ("带动105个脱贫人口及监测对象增收，", "脱贫人口及监测对象"),
        ("可增加21万元村集体经济收益。", "村集体经济收益"),
        ("均已开展12个乡（镇、街道）医保服务站均已正常", "乡（镇、街道）医保服务站"),
        ("推荐11家企业列入清单", "企业"),
        ("交易21.4亿元跑出项目建设", ""),
        ("总投资350万元的新乡市", ""),
        ("完成项目交易15个，", ""),
        ("复核认定437户680余人", ""),
    ],
)
def test_noun_phrase_after_a_measure_word(text: str, expected: str) -> None:
    end = next(i for i, ch in enumerate(text) if ch in "家个元户") + 1
    assert noun_phrase_after(text, end) == expected


@pytest.mark.parametrize(
    ("region", "metric", "change", "basis"),
    [
        ("交易额达", "交易额", None, None),
        ("全县一般公共预算收入完成", "一般公共预算收入", None, None),
        ("为预算的", "为预算", None, None),
        ("占一般公共预算收入的", "占一般公共预算收入", None, None),
        ("同比增长", None, "up", "同比"),
        ("下降", None, "down", None),
        ("群众满意率较上年提高", "群众满意率", "up", "较上年"),
        ("我县财政收入增长", "财政收入", "up", None),
        ("共有设备更新需求项目", "设备更新需求项目", None, None),
        ("累计发放社保卡实体卡", "发放社保卡实体卡", None, None),
        ("全镇已复核认定", "复核认定", None, None),
        ("示范村采用“村集体出资一部分+群众筹资一部分”方式共筹资", "筹资", None, None),
        ("在郑州市举办“丰庄镇乡村振兴产业项目推进会”", "举办“丰庄镇乡村振兴产业项目推进会”", None, None),
        ("采取全程代办的方式为企业办理落户手续", "为企业办理落户手续", None, None),
        ("满意率保持在", "满意率", None, None),
        ("罚没款共计", "罚没款", None, None),
    ],
)
def test_context_before_a_figure(region: str, metric: str | None, change: str | None, basis: str | None) -> None:
    context = context_before(region, reporters=("丰庄镇",))
    assert (context.metric, context.change, context.basis) == (metric, change, basis)


def test_the_reporting_unit_is_a_subject_not_a_metric() -> None:
    assert context_before("榆林乡流转土地", reporters=("榆林乡",)).metric == "流转土地"


def test_gong_in_a_word_is_not_the_adverb() -> None:
    assert context_before("全县一般公共预算收入").metric == "一般公共预算收入"
    assert context_before("共清理集体土地").metric == "清理集体土地"


@pytest.mark.parametrize(("metric", "money"), [("交易额", True), ("完成投资", True), ("授信", True), ("开工项目", False), (None, False)])
def test_money_metrics(metric: str | None, money: bool) -> None:
    assert is_money_metric(metric) is money
