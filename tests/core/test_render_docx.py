"""The Word renderer writes the official layout: page, masthead, items, tail, page numbers."""

from __future__ import annotations

import dataclasses
import io
import itertools

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from kuaibao.core.model import Bulletin, DistributionLine, Item, Paragraph, Span
from kuaibao.core.render.docx import BODY_FACE, FACES, HEADING_FACE, TITLE_FACE, fontconfig_aliases, render_docx
from kuaibao.core.render.json import from_dict
from tests.golden import CORPUS_NAMES, load_gold

RED = RGBColor(0xFF, 0x00, 0x00)


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    return from_dict(load_gold(CORPUS_NAMES[0]))


@pytest.fixture(scope="module")
def doc(bulletin: Bulletin) -> DocxDocument:
    return Document(io.BytesIO(render_docx(bulletin)))


def east_asian_font(paragraph: DocxParagraph) -> set[str]:
    return {
        fonts.get(qn("w:eastAsia"))
        for run in paragraph.runs
        for fonts in run._r.iter(qn("w:rFonts"))
        if fonts.get(qn("w:eastAsia"))
    }


def border(paragraph: DocxParagraph, side: str = "bottom") -> etree._Element | None:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:' + side)}")


def mm(length: Length | None) -> float:
    assert length is not None
    return round(length.mm, 1)


def paragraph_starting(doc: DocxDocument, text: str) -> DocxParagraph:
    return next(p for p in doc.paragraphs if p.text.startswith(text))


def test_page_is_a4_with_gb9704_margins(doc: DocxDocument) -> None:
    section = doc.sections[0]
    # Word stores lengths in twips: compare to a tenth of a millimetre.
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.top_margin) == 37
    assert mm(section.bottom_margin) == 35
    assert mm(section.left_margin) == 28
    assert mm(section.right_margin) == 26
    # The text block is 156 mm wide: 28 characters of 三号 condensed by 0.25 pt fit it.
    text_width = section.page_width - section.left_margin - section.right_margin
    assert 28 * (Pt(16) - Pt(0.25)) <= text_width < 29 * (Pt(16) - Pt(0.25))


def test_body_is_fangsong_sanhao_on_a_22_line_grid(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(579 / 20)
    fonts = normal.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts is not None and fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:linePitch")) == "579"


def test_masthead_title_is_large_red_xiaobiaosong(doc: DocxDocument, bulletin: Bulletin) -> None:
    title = doc.paragraphs[0]
    assert title.text == bulletin.title
    run = title.runs[0]
    assert run.font.color.rgb == RED
    assert title.style is not None and title.style.font.size is not None
    assert title.style.font.size >= Pt(42)
    assert east_asian_font(title) == {TITLE_FACE.name}


def test_issue_line_then_publisher_and_date_on_one_line(doc: DocxDocument) -> None:
    assert doc.paragraphs[1].text == "第41期"
    imprint = doc.paragraphs[2]
    assert imprint.text == "延津县人民政府办公室\t2023年9月8日"
    stops = imprint.paragraph_format.tab_stops
    assert [mm(stop.position) for stop in stops] == [156]


def test_red_rule_under_masthead(doc: DocxDocument) -> None:
    rule = doc.paragraphs[3]
    edge = border(rule)
    assert rule.text == ""
    assert edge is not None and edge.get(qn("w:color")) == "FF0000" and edge.get(qn("w:val")) == "single"


def test_sections_in_heiti_kept_with_their_first_item(doc: DocxDocument, bulletin: Bulletin) -> None:
    headings = [p for p in doc.paragraphs if p.text.startswith("【")]
    assert [p.text for p in headings] == [f"【{name}】" for name in bulletin.sections]
    for heading in headings:
        assert heading.style is not None and heading.style.paragraph_format.keep_with_next
        assert east_asian_font(heading) == {HEADING_FACE.name}


def test_each_item_is_one_paragraph_with_bold_title_body_and_attribution(doc: DocxDocument, bulletin: Bulletin) -> None:
    for item in bulletin.items:
        paragraph = paragraph_starting(doc, item.title)
        runs = paragraph.runs
        lead = list(itertools.takewhile(lambda run: run.bold, runs))
        assert "".join(run.text for run in lead) == item.title  # quotes are runs of their own
        assert not any(run.bold for run in runs[len(lead) :])
        assert paragraph.text == f"{item.title}\u3000{item.body}（{' '.join(item.units)}）"
        indent = paragraph.style.element.find(f"{qn('w:pPr')}/{qn('w:ind')}") if paragraph.style else None
        assert indent is not None and indent.get(qn("w:firstLineChars")) == "200"
        assert east_asian_font(paragraph) == {BODY_FACE.name}


def test_bold_inside_the_body_is_kept(bulletin: Bulletin) -> None:
    spans = (Span("全县"), Span("一般公共预算收入", bold=True), Span("增长3.5%。"))
    item = Item("我县财政收入增长3.5%", (Paragraph(spans),), ("财政局", "税务局"))
    doc = Document(io.BytesIO(render_docx(dataclasses.replace(bulletin, items=(item,)))))
    paragraph = paragraph_starting(doc, item.title)
    assert [(run.text, bool(run.bold)) for run in paragraph.runs] == [
        ("我县财政收入增长3.5%", True),
        ("\u3000", False),
        ("全县", False),
        ("一般公共预算收入", True),
        ("增长3.5%。", False),
        ("（财政局 税务局）", False),
    ]


def test_items_of_several_paragraphs_credit_units_at_the_end(bulletin: Bulletin) -> None:
    item = Item("县商务局促消费", (Paragraph.plain("第一段。"), Paragraph.plain("第二段。")), ("商务局",))
    doc = Document(io.BytesIO(render_docx(dataclasses.replace(bulletin, items=(item,)))))
    texts = [p.text for p in doc.paragraphs]
    assert "县商务局促消费\u3000第一段。" in texts
    assert "第二段。（商务局）" in texts


def test_tail_between_two_rules_kept_together_at_the_foot_of_the_page(doc: DocxDocument, bulletin: Bulletin) -> None:
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("本期发："))
    tail = paragraphs[start:-1]
    assert [p.text for p in tail] == [
        f"本期发：{bulletin.distribution_text}",
        "责任编辑：李勉\u3000审核：原超俊\u3000签发：麻彦伟",
    ]
    # The frame's anchor: a 1 pt empty paragraph after it, so that it stays at the end.
    assert paragraphs[-1].text == "" and paragraphs[-1]._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}") is None
    for paragraph in tail:
        # One frame at the bottom of the text block, ruled above and below as a group.
        frame = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        assert frame is not None and frame.get(qn("w:yAlign")) == "bottom" and frame.get(qn("w:vAnchor")) == "margin"
        assert border(paragraph, "top") is not None and border(paragraph, "bottom") is not None
        assert paragraph.style is not None and paragraph.style.paragraph_format.keep_with_next


def test_supplement_total_issue_copies_and_extra_distribution(bulletin: Bulletin) -> None:
    special = dataclasses.replace(
        bulletin,
        supplement=True,
        total_issue=512,
        copies=120,
        distribution=(DistributionLine("送", "市政府办公室。"), DistributionLine("发", "各乡（镇）。")),
    )
    texts = [p.text for p in Document(io.BytesIO(render_docx(special))).paragraphs]
    assert texts[0] == "延津政务快报（增刊）"
    assert texts[1] == "第41期（总第512期）"
    assert "送：市政府办公室。" in texts and "发：各乡（镇）。" in texts
    assert "（共印120份）" in texts


def test_footer_shows_page_number_between_dashes(doc: DocxDocument) -> None:
    footer = doc.sections[0].footer
    xml = etree.tostring(footer._element, encoding="unicode")
    assert "PAGE" in "".join(footer._element.itertext())
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    paragraph = footer.paragraphs[0]
    assert paragraph.text == "— 1 —"
    assert paragraph.style is not None and paragraph.style.paragraph_format.alignment == 1  # centred


def test_east_asian_fonts_named_on_every_run(doc: DocxDocument) -> None:
    names = {face.name for face in FACES}
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            fonts = run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts is not None and fonts.get(qn("w:eastAsia")) in names


def test_font_table_names_alternates_for_missing_office_fonts(bulletin: Bulletin) -> None:
    doc = Document(io.BytesIO(render_docx(bulletin)))
    table = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(table.blob)
    alternates = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val"))  # type: ignore[union-attr]
        for font in root
        if font.find(qn("w:altName")) is not None
    }
    assert alternates["仿宋_GB2312"] == "仿宋"
    assert alternates["方正小标宋简体"] == "宋体"


def test_fontconfig_aliases_map_office_fonts_to_open_ones() -> None:
    root = etree.fromstring(fontconfig_aliases().encode())
    aliases = {alias.findtext("family"): alias.findtext("prefer/family") for alias in root.iter("alias")}
    assert aliases["仿宋_GB2312"] == "Noto Serif CJK SC"
    assert aliases["黑体"] == "Noto Sans CJK SC"


def test_same_bulletin_gives_same_bytes(bulletin: Bulletin) -> None:
    assert render_docx(bulletin) == render_docx(bulletin)


def test_bulletin_without_sections_or_tail(bulletin: Bulletin) -> None:
    bare = dataclasses.replace(
        bulletin,
        items=tuple(dataclasses.replace(item, section=None) for item in bulletin.items[:2]),
        distribution=(),
        staff=dataclasses.replace(bulletin.staff, editor=None, reviewer=None, signer=None),
    )
    texts = [p.text for p in Document(io.BytesIO(render_docx(bare))).paragraphs]
    assert not any(text.startswith("【") for text in texts)
    assert texts[-1].endswith("（东屯镇）")
