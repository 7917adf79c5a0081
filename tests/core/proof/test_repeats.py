"""Repeated characters and words: typing slips reported, meant reduplication left alone."""

from __future__ import annotations

import pytest

from tests.core.proof.helpers import found

SLIPS = [
    ("本期发：县委常委，县人大大正副主任，副县长。", "县人大大", "县人大"),
    ("县政务服务和大数数据管理局开展工作。", "大数数据", "大数据"),
    ("积极极探索新模式。", "积极极", "积极"),
    ("推推进项目建设。", "推推进", "推进"),
    ("完成的的工作任务。", "的的", "的"),
    ("及及时协调解决问题。", "及及时", "及时"),
    ("组建宣讲团团广泛宣传。", "宣讲团团", "宣讲团"),
    ("截至目前前，全镇已复核。", "截至目前前", "截至目前"),
    ("共有设备更新需求项目 47 个个，推荐企业。", "个个", "个"),
    ("全镇已复核认定680余人人。", "人人", "人"),
    ("全县一般公共预算收入完成33400 万元元，为预算的37.9%。", "万元元", "万元"),
    ("在闲置院落等等重点区域开展踏查。", "等等", "等"),
    ("6个村村采用捆扎作业。", "村村", "村"),
    ("积极整整合信访资源。", "整整", "整"),
    ("平方方米。", "平方方", "平方"),
]

# Meant doublings that the lists and the segmentation took for slips; the character model
# vetoes them (issue 21: from public news prose).
VETOED = ["人人愿为，人人能为。", "法学班班长带头发言。", "编织袋厂厂房改造完成。", "他们奈何不了了之。"]

LEGITIMATE = [
    "工作效率大大提高。", "常常深入一线调研。", "要紧紧围绕目标任务。", "牢牢把握工作主动权。",
    "家家户户门前三包。", "道路户户通需要铺设。", "法院院长，检察院检察长。", "其中：税收收入完成18473万元。",
    "是全县唯一一家。", "人人参与、层层压实责任。", "一一对应整改。", "2023年年底前完成。",
    "评选出5个个人奖项。", "6个村村民小组。", "3个家家户户。", "王楼镇镇长带队督导。", "贾庄村村委会组织清理。",
    "我县县委常委会召开会议。", "镇卫生院院长雷平。", "新建道路路灯56盏。", "全县县直单位。", "学习习近平新时代中国特色社会主义思想。",
    "企业业主积极参与。", "一步一步推进。", "二〇二二年。", "认认真真抓落实。", "实现村村有卫生室。", "本人继续担任镇镇长职务。",
    "妈妈带着孩子来到服务中心。", "他到弟弟家中走访。", "帷幕徐徐拉开。", "一台台机器运转起来。",
    "他一趟趟往返于村镇之间。", "小麦、玉米、油菜等等，长势良好。", "市委宣传部、市市场监管局联合检查。",
    "区区域经济协调发展。",
]  # fmt: skip


@pytest.mark.parametrize(("text", "shown", "fixed"), SLIPS)
def test_reports_typing_slip(text: str, shown: str, fixed: str) -> None:
    assert ("repeat.char", shown, fixed) in found(text)


@pytest.mark.parametrize("text", LEGITIMATE)
def test_leaves_meant_reduplication_alone(text: str) -> None:
    assert [f for f in found(text) if f[0].startswith("repeat")] == []


def test_a_character_three_times_is_always_a_slip() -> None:
    assert found("开展活动大大大提高效率。") == [("repeat.char", "大大大", "大")]


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [("及时了解了解企业发展难点。", "了解了解", "了解"), ("占一般一般公共预算收入的55.3%。", "一般一般", "一般")],
)
def test_reports_repeated_word(text: str, shown: str, fixed: str) -> None:
    assert ("repeat.word", shown, fixed) in found(text)


def test_one_and_a_measure_word_repeated_is_meant() -> None:
    assert found("一家一家走访，一户一户核实。") == []


@pytest.mark.parametrize("text", VETOED)
def test_language_model_vetoes_meant_doubling(text: str) -> None:
    assert [f for f in found(text) if f[0].startswith("repeat.")] == []
