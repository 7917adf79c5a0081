"""Hypothesis strategies for bulletins and bulletin-like text (attrs keeps its strategies the
same way, in one module the tests share)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from kuaibao.core.model import Bulletin, DistributionLine, Item, Paragraph, Span, Staff

COMMON = "县镇乡村街道局委办中心项目建设发展推进工作群众服务企业经济农业产业社会保障民生环境治理安全文化教育卫生健康交通水利"
COUNTIES = ["延津", "封丘", "原阳", "长垣", "获嘉", "辉县"]
UNITS = ["县商务局", "东屯镇", "潭龙街道", "财政局", "县科工局", "胙城乡", "融媒体中心", "县政务服务和大数据管理局"]
SECTIONS = ["项目建设", "民生保障", "优化营商环境", "扩大消费", "“三通一入地”", "社会稳定"]
NAMES = ["李勉", "原超俊", "麻彦伟", "王芳", "欧阳明华"]

cjk_word = st.text(alphabet=COMMON, min_size=2, max_size=6)
figure = st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 99999), st.sampled_from(["个", "万元", "亿元", "人次", "户", "%"]))


@st.composite
def sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(cjk_word, cjk_word, figure), min_size=2, max_size=8))
    text = "，".join(parts)
    # A sentence starts and ends with Chinese, as official prose does.
    return draw(cjk_word) + text + draw(cjk_word) + "。"


@st.composite
def item_title(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(UNITS))
    words = draw(st.lists(cjk_word, min_size=1, max_size=5))
    return unit + "".join(words)


@st.composite
def item(draw: st.DrawFn, section: str | None) -> Item:
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=3).map("".join), min_size=1, max_size=2))
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    return Item(draw(item_title()), tuple(Paragraph((Span(p),)) for p in paragraphs), tuple(units), section)


@st.composite
def bulletins(draw: st.DrawFn) -> Bulletin:
    county = draw(st.sampled_from(COUNTIES))
    sectioned = draw(st.booleans())
    items: list[Item] = []
    if sectioned:
        for name in draw(st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=3, unique=True)):
            items.extend(draw(st.lists(item(name), min_size=1, max_size=3)))
    else:
        items.extend(draw(st.lists(item(None), min_size=1, max_size=4)))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=3, max_size=3))
    return Bulletin(
        title=f"{county}政务快报",
        issue=draw(st.integers(1, 300)),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))),
        publisher=f"{county}县人民政府办公室",
        items=tuple(items),
        distribution=(DistributionLine("本期发", "县委常委，副县长，县直各单位负责人。"),),
        staff=Staff(editor=names[0], reviewer=names[1], signer=names[2]),
        supplement=draw(st.booleans()),
        total_issue=draw(st.none() | st.integers(301, 2000)),
    )


# Lines that look like bulletin parts, shuffled: they reach deep into the parser.
bulletin_lines = st.one_of(
    st.sampled_from(
        [
            "延津政务快报", "第 41 期", "第四十三期", "总第 9 期", "增刊", "2023 年 9 月 8 日", "二〇二三年九月八日",
            "2023-13-45", "延津县人民政府办公室", "【项目建设】", "## 【民生保障】", "**县商务局**", "（商务局）", "( 东屯镇 )",
            "本期发：县委常委。", "送：", "责任编辑：李 勉", "审核：", "签发：麻彦伟", "— 2 —", "---", "", "\f", "（共印 0 份）",
            "**", "第 0 期", "0 年 0 月 0 日", "（）", "【】", "#", "　　",
        ]
    ),
    st.text(max_size=60),
    sentence(),
)
