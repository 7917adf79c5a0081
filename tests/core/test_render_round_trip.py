"""Every format reads back to the bulletin it was rendered from: parse(render(b, fmt)) == b.

Equality is exact (every field of the JSON form, paragraphs and emphasis included, provenance
aside; plain text, which has no emphasis, gives bold phrases back as plain text), for the corpus gold files, for hypothesis bulletins (tests/strategies.py), for richer
ones made here (bold phrases, several paragraphs, Latin words, tails with several lines and
copies) and for long issues of many pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kuaibao.core.model import CLASSIFICATIONS, Bulletin, DistributionLine, Item, Marks, Paragraph, Span, Staff
from kuaibao.core.parse import parse_bytes, parse_path, sniff
from kuaibao.core.render import FORMATS, render
from kuaibao.core.render.json import from_dict, to_dict
from tests.golden import CORPUS, CORPUS_NAMES, FIXTURES, load_gold
from tests.strategies import COUNTIES, NAMES, SECTIONS, UNITS, bulletins, cjk_word, item_title, sentence

SNIFFED = {"docx": "docx", "pdf": "pdf", "ofd": "ofd", "html": "html", "md": "text", "txt": "text"}
# PDF layout and reading take ~0.5 s an issue: fewer examples, still every shape.
EXAMPLES = {"docx": 40, "pdf": 15, "ofd": 40, "html": 80, "md": 80, "txt": 80}
READABLE = FORMATS


def comparable(bulletin: Bulletin) -> dict[str, object]:
    return to_dict(dataclasses.replace(bulletin, provenance=None))


def round_trip(bulletin: Bulletin, fmt: str) -> Bulletin:
    data = render(bulletin, fmt)
    assert sniff(data) == SNIFFED[fmt]
    return parse_bytes(data, f"round-trip.{fmt}")


def without_emphasis(bulletin: Bulletin) -> Bulletin:
    items = tuple(
        dataclasses.replace(item, paragraphs=tuple(Paragraph.plain(p.text) for p in item.paragraphs))
        for item in bulletin.items
    )
    return dataclasses.replace(bulletin, items=items)


def assert_round_trip(bulletin: Bulletin, fmt: str) -> None:
    got = comparable(round_trip(bulletin, fmt))
    # Plain text has no emphasis: bold phrases come back as text, everything else exactly.
    want = comparable(without_emphasis(bulletin) if fmt == "txt" else bulletin)
    assert got == want


# --- richer bulletins than tests/strategies.py makes --------------------------------------

latin = st.sampled_from(["5G", "GDP", "APP", "PM2.5", "iPhone 15", "e-mail", "B2B", "CPI"])


@st.composite
def rich_sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(sentence(), cjk_word.map(lambda w: w + "“" + w + "”")), min_size=1, max_size=3))
    text = "".join(parts)
    if draw(st.booleans()):
        text = draw(cjk_word) + draw(latin) + text
    return text if text.endswith("。") else text + "。"


@st.composite
def rich_paragraph(draw: st.DrawFn) -> Paragraph:
    """Prose with, now and then, a bold phrase inside (never at the start: a paragraph opening
    in bold is a new item's lead-in in every format)."""
    pieces = draw(st.lists(rich_sentence(), min_size=1, max_size=4))
    spans = [Span(pieces[0])]
    for piece in pieces[1:]:
        if draw(st.booleans()):
            spans.append(Span(draw(cjk_word) + "工作", bold=True))
        spans.append(Span(piece))
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].bold == span.bold:
            merged[-1] = Span(merged[-1].text + span.text, span.bold)
        else:
            merged.append(span)
    return Paragraph(tuple(merged))


@st.composite
def rich_item(draw: st.DrawFn, section: str | None, max_paragraphs: int = 3) -> Item:
    paragraphs = draw(st.lists(rich_paragraph(), min_size=1, max_size=max_paragraphs))
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    title = draw(item_title())
    if draw(st.booleans()):
        title += draw(st.sampled_from(["“加速度”", "跑出21.4亿元", "破解“最后一公里”难题", "5G赋能"]))
    return Item(title, tuple(paragraphs), tuple(units), section)


@st.composite
def marks(draw: st.DrawFn) -> Marks:
    """The 密级 / 编号 / 内部资料 marks of a restricted issue, any of them or none."""
    classification = draw(st.none() | st.sampled_from(CLASSIFICATIONS))
    period = draw(st.none() | st.sampled_from(["1年", "6个月", "长期", "10年"])) if classification else None
    serial = draw(st.none() | st.from_regex(r"[0-9]{3,6}|No\.[0-9]{4}", fullmatch=True))
    return Marks(classification, period, serial, draw(st.booleans()))


@st.composite
def rich_bulletins(draw: st.DrawFn, max_items: int = 4) -> Bulletin:
    county = draw(st.sampled_from(COUNTIES))
    items: list[Item] = []
    if draw(st.booleans()):
        for name in draw(st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=4, unique=True)):
            items.extend(draw(st.lists(rich_item(name), min_size=1, max_size=max_items)))
    else:
        items.extend(draw(st.lists(rich_item(None), min_size=1, max_size=max_items)))
    # Real issues never print one item twice; a repeated line at the same place on two pages is
    # what a running head looks like, and the PDF reader drops it as one.
    assume(len({item.body for item in items}) == len(items))
    distribution = [DistributionLine("本期发", "县委常委，县人大常委会正副主任，副县长，县直各单位负责人。")]
    if draw(st.booleans()):
        distribution.append(DistributionLine("送", f"市委办公室，市政府办公室，{county}县委各部委。"))
    if draw(st.booleans()):
        distribution.append(DistributionLine("抄送", "县人武部，县法院，县检察院。"))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=3, max_size=3))
    return Bulletin(
        title=f"{county}政务快报",
        issue=draw(st.integers(1, 300)),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))),
        publisher=f"{county}县人民政府办公室",
        items=tuple(items),
        distribution=tuple(distribution),
        staff=Staff(editor=names[0], reviewer=names[1], signer=names[2]),
        supplement=draw(st.booleans()),
        total_issue=draw(st.none() | st.integers(301, 2000)),
        copies=draw(st.none() | st.integers(1, 500)),
        marks=draw(marks()),
    )


def prose(rng: random.Random, sentences: int) -> str:
    """Varied official-sounding prose: repeated lines would look like running heads to a reader."""
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 7))]
        figure = f"{rng.randint(2, 999)}{rng.choice(['个', '万元', '亿元', '人次', '户', '%'])}"
        words.insert(rng.randint(1, len(words)), figure)
        out.append("，".join(words) + "。")
    return "".join(out)


WORDS = [
    "围绕项目建设",
    "全力推进产业发展",
    "持续优化营商环境",
    "扎实做好民生保障",
    "完成固定资产投资",
    "新签约项目",
    "带动群众就业",
    "开展专项督导",
    "强化要素保障",
    "落实包联责任",
    "推动企业技术改造",
    "深化“放管服”改革",
    "整治人居环境",
    "兜牢民生底线",
    "培育电商主体",
    "发放惠企资金",
    "化解信访积案",
    "提升服务效能",
]


def long_issue(items: int = 24, sections: int = 6) -> Bulletin:
    """An issue of many pages: long items, many sections, a title in nearly every position."""
    rng = random.Random(7)
    out = []
    for index in range(items):
        paragraphs = tuple(Paragraph.plain(prose(rng, 2 + index % 5)) for _ in range(1 + index % 3))
        unit = UNITS[index % len(UNITS)]
        title = f"{unit}{rng.choice(WORDS)}{rng.choice(WORDS)}" if index % 4 else f"{unit}多措并举推进重点工作"
        out.append(Item(title, paragraphs, (unit,), f"第{index % sections + 1}栏目"))
    ordered = sorted(out, key=lambda item: item.section or "")
    return Bulletin(
        title="延津政务快报",
        issue=7,
        date=dt.date(2024, 3, 15),
        publisher="延津县人民政府办公室",
        items=tuple(ordered),
        distribution=(
            DistributionLine(
                "本期发",
                "县委常委，县人大常委会正副主任，副县长，县政协正副主席，县直各单位负责人，各乡（镇）政府、街道办事处主要领导。",
            ),
            DistributionLine("送", "市委办公室，市政府办公室。"),
        ),
        staff=Staff(editor="李勉", reviewer="原超俊", signer="麻彦伟"),
        total_issue=512,
        copies=120,
    )


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", READABLE)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_bulletin_round_trips_exactly(name: str, fmt: str) -> None:
    assert_round_trip(from_dict(load_gold(name)), fmt)


IMPORTED = sorted([*CORPUS.glob("*.txt"), *(FIXTURES / "formats").glob("*.*")])


@pytest.mark.parametrize("fmt", READABLE)
@pytest.mark.parametrize("path", IMPORTED, ids=lambda path: path.name)
def test_imported_bulletin_round_trips_exactly(path: Path, fmt: str) -> None:
    """Bulletins as the importer made them from every committed file (text, Markdown, Word with
    office habits, LibreOffice PDF), not only as the gold files give them."""
    assert_round_trip(parse_path(path), fmt)


@pytest.mark.parametrize("fmt", READABLE)
def test_long_issue_of_many_pages_round_trips(fmt: str) -> None:
    assert_round_trip(long_issue(), fmt)


@pytest.mark.parametrize("fmt", READABLE)
def test_hypothesis_bulletins_round_trip(fmt: str) -> None:
    @settings(max_examples=EXAMPLES[fmt], deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(bulletins())
    def check(bulletin: Bulletin) -> None:
        assert_round_trip(bulletin, fmt)

    check()


@pytest.mark.parametrize("fmt", READABLE)
def test_rich_bulletins_round_trip(fmt: str) -> None:
    @settings(max_examples=EXAMPLES[fmt], deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rich_bulletins())
    def check(bulletin: Bulletin) -> None:
        assert_round_trip(bulletin, fmt)

    check()


def test_latin_word_space_widened_by_justification_round_trips_in_pdf() -> None:
    """WeasyPrint justifies a line by widening its spaces alone: where a long figure does not fit
    at the end of a line, the one space of "iPhone 15" takes all the slack, as wide as a tab
    between fields (and pdfium may give it as a generated space). Found by
    `test_rich_bulletins_round_trip[pdf]`; here the words take every place of the second line."""
    base = from_dict(load_gold(CORPUS_NAMES[0]))
    for pad in range(14, 42):
        body = "交流" + "业" * pad + "通过iPhone 15推进6179912345%，化街。"
        item = Item("县商务局推进电商", (Paragraph.plain(body),), ("县商务局",), None)
        assert_round_trip(dataclasses.replace(base, items=(item,)), "pdf")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(from_dict(load_gold(CORPUS_NAMES[0])), "odt")
