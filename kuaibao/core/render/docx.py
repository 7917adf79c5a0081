"""Write a bulletin as the Word file a county office prints: red masthead, items, tail.

The layout follows GB/T 9704-2012 as offices apply it to a bulletin: A4, margins 37/35/28/26 mm,
22 lines of 28 characters in 仿宋_GB2312 三号, masthead in red 方正小标宋简体, section headings
in 黑体, page numbers "— 1 —" in the footer. Offices have those fonts; where they are missing
the font table names a Windows alternate, and `fontconfig_aliases` maps them to open fonts
for a LibreOffice server that turns the file into PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree

from kuaibao.core.model import Bulletin, Item, Paragraph, Span


@dataclass(frozen=True, slots=True)
class Face:
    """A Chinese font as offices name it, with stand-ins where it is not installed."""

    name: str
    alternate: str  # what Word on Windows uses instead (font table w:altName)
    open_font: str  # the open font a server substitutes (see fontconfig_aliases)
    family: str  # font table family class: roman (serif), modern or swiss (sans)


TITLE_FACE = Face("方正小标宋简体", "宋体", "Noto Serif CJK SC", "roman")
BODY_FACE = Face("仿宋_GB2312", "仿宋", "Noto Serif CJK SC", "modern")
HEADING_FACE = Face("黑体", "SimHei", "Noto Sans CJK SC", "modern")
FOLIO_FACE = Face("宋体", "SimSun", "Noto Serif CJK SC", "roman")
FACES = (TITLE_FACE, BODY_FACE, HEADING_FACE, FOLIO_FACE)
LATIN_FONT = "Times New Roman"

RED = RGBColor(0xFF, 0x00, 0x00)

# Chinese font sizes (字号) in points.
SIZE_BODY = 16.0  # 三号
SIZE_TAIL = 14.0  # 四号
SIZE_FOLIO = 14.0  # 四号 page numbers, per GB/T 9704
SIZE_MASTHEAD = 52.0  # larger than 初号, as county mastheads are
SIZE_SUPPLEMENT = 26.0  # 一号

# The text block is 156 mm wide and 225 mm high: 22 lines of 28 characters.
LINE_PITCH = Twips(579)  # 225 mm / 22
# 28 characters of 16 pt need 448 pt, the line has 442 pt: runs are condensed by 0.25 pt
# (w:spacing, in twentieths of a point). Offices' templates use a character grid
# (docGrid charSpace -849) instead, but LibreOffice lays each character over two cells of such
# a grid, so only the line grid is used.
CONDENSE = -5

# Schema order of paragraph and run properties: Word rejects a file whose properties are out
# of order, so every property is put in its place rather than appended.
_PPR_ORDER = tuple(
    qn(f"w:{tag}")
    for tag in (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
        "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
        "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
        "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
        "rPr sectPr pPrChange"
    ).split()
)
_RPR_ORDER = tuple(
    qn(f"w:{tag}")
    for tag in (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ).split()
)


def render_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a .docx file (bytes); the same bulletin always gives the same bytes."""
    doc = Document()
    _setup_package(doc, bulletin)
    _setup_page(doc)
    _setup_styles(doc)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._element.getparent().remove(body._element)
    _write_masthead(doc, bulletin)
    _write_items(doc, bulletin.items)
    _write_tail(doc, bulletin)
    _write_footer(doc)
    out = io.BytesIO()
    doc.save(out)
    return _normalise_zip(out.getvalue())


def fontconfig_aliases() -> str:
    """A fontconfig file mapping the office fonts to open ones, for LibreOffice on a server.

    Point FONTCONFIG_FILE at it when converting to PDF; without it LibreOffice picks a sans
    font for every missing Chinese font and the body loses its 仿宋 look.
    """
    aliases = "".join(
        f'  <alias binding="same"><family>{face.name}</family>'
        f"<prefer><family>{face.open_font}</family></prefer></alias>\n"
        for face in FACES
    )
    # 小标宋 is a heavy face: the open serif's bold weight stands in for it.
    aliases += (
        f'  <match target="pattern"><test name="family"><string>{TITLE_FACE.name}</string></test>'
        '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>\n'
    )
    aliases += (
        f'  <alias binding="same"><family>{LATIN_FONT}</family>'
        "<prefer><family>Liberation Serif</family><family>DejaVu Serif</family></prefer></alias>\n"
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}</fontconfig>\n"
    )


# --- package, page and styles -------------------------------------------------------------


def _setup_package(doc: DocxDocument, bulletin: Bulletin) -> None:
    props = doc.core_properties
    props.title = f"{bulletin.title}{'（增刊）' if bulletin.supplement else ''}第{bulletin.issue}期"
    props.author = bulletin.publisher
    props.last_modified_by = bulletin.publisher
    props.comments = ""
    props.subject = ""
    stamp = dt.datetime.combine(bulletin.date, dt.time(), tzinfo=dt.UTC)
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's thumbnail shows an empty page
            package.rels.pop(rel_id)
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            part._blob = _font_table(part.blob)


def _font_table(blob: bytes) -> bytes:
    root = parse_xml(blob)
    for face in FACES:
        font = _el("w:font", name=face.name)
        font.append(_el("w:altName", val=face.alternate))
        font.append(_el("w:charset", val="86"))  # GB2312
        font.append(_el("w:family", val=face.family))
        font.append(_el("w:pitch", val="variable"))
        root.append(font)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _setup_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # puts the page number 7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.twips)))


def _setup_styles(doc: DocxDocument) -> None:
    styles_element = doc.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, BODY_FACE)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    normal = cast(ParagraphStyle, doc.styles["Normal"])
    _style_fonts(normal, BODY_FACE, SIZE_BODY)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.widow_control = True
    ppr = normal.element.get_or_add_pPr()
    # Chinese line breaking (no closing mark at a line start), and no extra space between
    # Chinese and digits, which official style does not have.
    _ppr(ppr, _el("w:kinsoku", val="1"))
    # overflowPunct="1" is Word's default (a closing mark may hang past the margin), written
    # out for LibreOffice, which reads the flag inverted and so turns hanging off: its hanging
    # marks at the end of a full justified line are neither painted nor in the PDF's text.
    _ppr(ppr, _el("w:overflowPunct", val="1"))
    _ppr(ppr, _el("w:autoSpaceDE", val="0"))
    _ppr(ppr, _el("w:autoSpaceDN", val="0"))

    masthead = _add_style(doc, "快报报头", TITLE_FACE, SIZE_MASTHEAD)
    masthead.font.color.rgb = RED
    _centre(masthead, line=Pt(SIZE_MASTHEAD * 1.35), outline=0)
    issue_line = _add_style(doc, "快报期号", BODY_FACE, SIZE_BODY)
    _centre(issue_line, line=LINE_PITCH)
    issue_line.paragraph_format.space_before = Pt(6)
    _add_style(doc, "快报编发", BODY_FACE, SIZE_BODY)
    section = _add_style(doc, "快报栏目", HEADING_FACE, SIZE_BODY)
    section.paragraph_format.keep_with_next = True
    _set_outline(section, 1)
    item = _add_style(doc, "快报正文", BODY_FACE, SIZE_BODY)
    item.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(item.element.get_or_add_pPr(), first_line=2, size=SIZE_BODY)
    tail = _add_style(doc, "快报报尾", BODY_FACE, SIZE_TAIL)
    tail.paragraph_format.keep_with_next = True
    tail.paragraph_format.keep_together = True
    folio = _add_style(doc, "快报页码", FOLIO_FACE, SIZE_FOLIO)
    _centre(folio, line=None)


def _add_style(doc: DocxDocument, name: str, face: Face, size: float) -> ParagraphStyle:
    style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _style_fonts(style, face, size)
    return style


def _style_fonts(style: ParagraphStyle, face: Face, size: float) -> None:
    style.font.size = Pt(size)
    style.font.name = LATIN_FONT
    _set_fonts(style.element.get_or_add_rPr(), face)


def _centre(style: ParagraphStyle, *, line: Length | None, outline: int | None = None) -> None:
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    if outline is not None:
        _set_outline(style, outline)


def _set_outline(style: ParagraphStyle, level: int) -> None:
    """An outline level puts the masthead and sections in Word's navigation pane."""
    _ppr(style.element.get_or_add_pPr(), _el("w:outlineLvl", val=str(level)))


def _set_fonts(rpr: BaseOxmlElement, face: Face) -> None:
    """Name the east-Asian font (and Latin font) in w:rFonts, dropping theme references."""
    fonts = _el("w:rFonts", ascii=LATIN_FONT, hAnsi=LATIN_FONT, eastAsia=face.name, cs=LATIN_FONT, hint="eastAsia")
    _rpr(rpr, fonts)


def _indent_chars(
    ppr: BaseOxmlElement, *, first_line: int = 0, left: int = 0, hanging: int = 0, right: int = 0, size: float
) -> None:
    """Indents counted in characters (w:*Chars, for Word) and in twips (for LibreOffice)."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = _ppr(ppr, _el("w:ind"))
    pitch = round(size * 20)  # one character in twips
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))
        ind.set(qn("w:left"), str(left * pitch))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(right * pitch))
    if first_line:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
        ind.set(qn("w:firstLine"), str(first_line * pitch))
    if hanging:
        ind.set(qn("w:hangingChars"), str(hanging * 100))
        ind.set(qn("w:hanging"), str(hanging * pitch))


# --- content ------------------------------------------------------------------------------


def _run(
    paragraph: DocxParagraph,
    text: str,
    *,
    face: Face,
    bold: bool = False,
    color: RGBColor | None = None,
    size: float | None = None,
    condense: bool = True,
) -> Run:
    """A run with its fonts set directly, as text pasted between office files keeps them."""
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, face)
    if bold:
        run.bold = True
    if color is not None:
        run.font.color.rgb = color
    if size is not None:
        run.font.size = Pt(size)
    if condense:
        _rpr(rpr, _el("w:spacing", val=str(CONDENSE)))
    return run


def _write_masthead(doc: DocxDocument, bulletin: Bulletin) -> None:
    title = doc.add_paragraph(style="快报报头")
    _run(title, bulletin.title, face=TITLE_FACE, color=RED, condense=False)
    if bulletin.supplement:
        _run(title, "（增刊）", face=TITLE_FACE, color=RED, size=SIZE_SUPPLEMENT, condense=False)
    number = f"第{bulletin.issue}期"
    if bulletin.total_issue is not None:
        number += f"（总第{bulletin.total_issue}期）"
    _run(doc.add_paragraph(style="快报期号"), number, face=BODY_FACE)
    imprint = doc.add_paragraph(style="快报编发")
    imprint.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    imprint.paragraph_format.space_before = Pt(12)
    _run(imprint, f"{bulletin.publisher}\t{_chinese_date(bulletin.date)}", face=BODY_FACE)
    _rule(doc, color="FF0000", size=18, space_after=Pt(12))


def _chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def _rule(
    doc: DocxDocument, *, color: str, size: int, space_after: Pt | None = None, keep_with_next: bool = False
) -> DocxParagraph:
    """An empty paragraph whose bottom border draws a rule across the text block."""
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(4)
    fmt.space_after = space_after if space_after is not None else Pt(4)
    fmt.keep_with_next = keep_with_next
    ppr = paragraph._p.get_or_add_pPr()
    _ppr(ppr, _el("w:snapToGrid", val="0"))
    borders = _ppr(ppr, _el("w:pBdr"))
    borders.append(_el("w:bottom", val="single", sz=str(size), space="1", color=color))
    # The paragraph mark's size sets the empty line's height.
    mark = _ppr(ppr, _el("w:rPr"))
    _rpr(mark, _el("w:sz", val="8"))
    return paragraph


def _write_items(doc: DocxDocument, items: Iterable[Item]) -> None:
    section: str | None = None
    for item in items:
        if item.section is not None and item.section != section:
            heading = doc.add_paragraph(style="快报栏目")
            _run(heading, f"【{item.section}】", face=HEADING_FACE)
        section = item.section
        _write_item(doc, item)


def _write_item(doc: DocxDocument, item: Item) -> None:
    paragraphs: list[Paragraph] = list(item.paragraphs) or [Paragraph(())]
    for index, source in enumerate(paragraphs):
        paragraph = doc.add_paragraph(style="快报正文")
        if index == 0:
            _run(paragraph, item.title, face=BODY_FACE, bold=True)
            # Offices leave a full-width space between the bold lead-in and the body.
            _run(paragraph, "\u3000", face=BODY_FACE)
        for span in _spans(source.spans):
            _run(paragraph, span.text, face=BODY_FACE, bold=span.bold)
        if index == len(paragraphs) - 1 and item.units:
            _run(paragraph, f"（{' '.join(item.units)}）", face=BODY_FACE)


def _spans(spans: Iterable[Span]) -> Iterable[Span]:
    return (span for span in spans if span.text)


def _write_tail(doc: DocxDocument, bulletin: Bulletin) -> None:
    lines: list[tuple[str, str | None]] = [(line.label, line.text) for line in bulletin.distribution]
    staff = "\u3000".join(f"{label}：{name}" for label, name in bulletin.staff.as_dict().items())
    if not lines and not staff and bulletin.copies is None:
        return
    _rule(doc, color="000000", size=8, keep_with_next=True)
    for label, text in lines:
        paragraph = doc.add_paragraph(style="快报报尾")
        # A wrapped distribution line aligns with the first recipient, after the label.
        hang = len(label) + 1
        _indent_chars(paragraph._p.get_or_add_pPr(), left=1 + hang, hanging=hang, right=1, size=SIZE_TAIL)
        _run(paragraph, f"{label}：{text}", face=BODY_FACE)
    if bulletin.copies is not None:
        paragraph = doc.add_paragraph(style="快报报尾")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _indent_chars(paragraph._p.get_or_add_pPr(), right=1, size=SIZE_TAIL)
        _run(paragraph, f"（共印{bulletin.copies}份）", face=BODY_FACE)
    if staff:
        paragraph = doc.add_paragraph(style="快报报尾")
        _indent_chars(paragraph._p.get_or_add_pPr(), left=1, size=SIZE_TAIL)
        _run(paragraph, staff, face=BODY_FACE)
    _rule(doc, color="000000", size=8)


def _write_footer(doc: DocxDocument) -> None:
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = doc.styles["快报页码"]
    _run(paragraph, "— ", face=FOLIO_FACE, condense=False)
    _page_field(paragraph)
    _run(paragraph, " —", face=FOLIO_FACE, condense=False)


def _page_field(paragraph: DocxParagraph) -> None:
    """A PAGE field, written as begin / instruction / separate / result / end runs."""

    def field_run(child: BaseOxmlElement) -> None:
        run = _run(paragraph, "", face=FOLIO_FACE, condense=False)
        run._r.append(child)

    field_run(_el("w:fldChar", fldCharType="begin"))
    instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instruction.text = " PAGE "
    field_run(instruction)
    field_run(_el("w:fldChar", fldCharType="separate"))
    _run(paragraph, "1", face=FOLIO_FACE, condense=False)
    field_run(_el("w:fldChar", fldCharType="end"))


def _el(tag: str, **attributes: str) -> BaseOxmlElement:
    """A WordprocessingML element with w:-qualified attributes."""
    return OxmlElement(tag, {qn(f"w:{key}"): value for key, value in attributes.items()})


def _put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> BaseOxmlElement:
    """Put `child` into `parent` in schema order, replacing an element of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(child.tag)
    for sibling in parent:
        if sibling.tag in order and order.index(sibling.tag) > rank:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _ppr(ppr: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    return _put(ppr, child, _PPR_ORDER)


def _rpr(rpr: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    return _put(rpr, child, _RPR_ORDER)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so equal bulletins give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()
