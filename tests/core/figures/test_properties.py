"""Properties of extraction: no text crashes it, and every figure is where it says it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kuaibao.core.figures import extract_figures
from tests.strategies import sentence

# Pieces of bulletin prose that exercise every part of the grammar, glued in any order.
PIECES = [
    "截至目前，", "1-4 月，", "今年以来", "8 月 28 日至 8 月 31 日", "截至2023年8月底", "“五一”节假日期间", "其中：",
    "全县", "累计", "共", "已", "同比增长", "较上年同期下降", "达", "约", "近", "超过", "突破", "余", "多", "以上", "左右",
    "21.4", "亿", "万", "元", "个", "人次", "%", "％", "个百分点", "平方", "三十", "两", "一名", "-", "至", "（", "）",
    "“", "”", "《", "》", "，", "。", "；", "、", "\n", " ", "交易额", "走访", "企业", "的", "第", "12366热线", "０", "9",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=60).map("".join)
issues = st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))


def check(text: str, issue: dt.date | None) -> None:
    figures = extract_figures(text, issue)
    previous_end = 0
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        assert figure.start >= previous_end, "figures do not overlap and come in order"
        previous_end = figure.end
        assert figure.value >= 0
        assert figure.value_max is None or figure.value_max >= 0
        assert figure.metric is None or figure.metric.strip() == figure.metric != ""
        if figure.time is not None:
            assert figure.time.text in text


@settings(max_examples=400)
@given(st.text(max_size=400), issues)
def test_arbitrary_text_never_crashes(text: str, issue: dt.date | None) -> None:
    check(text, issue)


@settings(max_examples=600)
@given(prose, issues)
def test_bulletin_like_prose_never_crashes(text: str, issue: dt.date | None) -> None:
    check(text, issue)


@settings(max_examples=200)
@given(st.lists(sentence(), min_size=1, max_size=6).map("".join), issues)
def test_generated_sentences_yield_their_figures(text: str, issue: dt.date | None) -> None:
    check(text, issue)


UNITS = {"个": ("个", 1), "万元": ("元", 10_000), "亿元": ("元", 100_000_000), "人次": ("人次", 1), "户": ("户", 1), "%": ("%", 0.01)}
cjk_word = st.text(alphabet="县镇乡村街道局委办中心项目建设发展推进工作群众服务企业经济农业产业社会保障民生", min_size=2, max_size=6)


@st.composite
def prose_with_known_figures(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]]]:
    parts: list[str] = []
    figures: list[tuple[int, str]] = []
    for _ in range(draw(st.integers(1, 6))):
        number, unit = draw(st.integers(0, 99999)), draw(st.sampled_from(sorted(UNITS)))
        parts.append(f"{draw(cjk_word)}{number}{unit}")
        figures.append((number, unit))
    return "，".join(parts) + "。", figures


@settings(max_examples=300)
@given(prose_with_known_figures())
def test_every_written_figure_is_found_with_its_value(case: tuple[str, list[tuple[int, str]]]) -> None:
    text, written = case
    found = extract_figures(text)
    assert [(f.value, f.unit) for f in found] == [
        (number * Decimal(str(UNITS[unit][1])), UNITS[unit][0]) for number, unit in written
    ]
