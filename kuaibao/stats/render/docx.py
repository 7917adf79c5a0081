"""The 采用情况通报 as a Word file in the offices' official style (GB/T 9704-2012 page): title in
方正小标宋 二号, body in 仿宋_GB2312 三号 with 黑体 headings (一、二、三、), the table of units
with their rank, the deductions, the rules in a note, and the issuer and date on the right."""

from __future__ import annotations

import datetime as dt
import io

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from docx import Document
from kuaibao.core.render.docx import BODY_FACE, HEADING_FACE, LATIN_FONT, TITLE_FACE
from kuaibao.core.render.official import Face
from kuaibao.stats.render.model import Circular, chinese_date, points_text, rate_text

SIZE_TITLE = 22.0  # 二号
SIZE_BODY = 16.0  # 三号
SIZE_TABLE = 10.5  # 五号: nine columns fit the 156 mm text block
SIZE_NOTE = 14.0  # 四号
LINE = Pt(28.95)  # 22 lines on the 225 mm text block

HEADERS = ("排名", "单位", "报送", "采用", "采用率", "上级采用", "约稿按时/应报", "批示反馈/收到", "得分")
WIDTHS_MM = (13, 35, 11, 11, 17, 16, 20, 20, 13)  # 156 mm, the text block


def render_circular_docx(circular: Circular) -> bytes:
    """The circular as .docx bytes."""
    doc = Document()
    _setup(doc, circular)
    for paragraph in list(doc.paragraphs):  # the template's empty first paragraph
        paragraph._element.getparent().remove(paragraph._element)
    _paragraph(doc, circular.title, face=TITLE_FACE, size=SIZE_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
    _paragraph(doc, "")
    _paragraph(doc, circular.addressees, indent=False)
    _paragraph(doc, f"现将{circular.period}各单位政务信息报送、采用情况通报如下。")
    _paragraph(doc, "一、总体情况", face=HEADING_FACE)
    _paragraph(doc, circular.summary)
    _paragraph(doc, "二、各单位得分及排名", face=HEADING_FACE)
    _table(doc, circular)
    _paragraph(doc, "三、扣分情况", face=HEADING_FACE)
    if circular.deductions:
        for line in circular.deductions:
            _paragraph(doc, f"{line.unit}：{line.reason}，扣 {points_text(-line.points)} 分。")
    else:
        _paragraph(doc, "本期无扣分。")
    _paragraph(doc, "")
    note = f"附：评分规则（{circular.rules_name}）。" + "；".join(circular.rules) + "。"
    _paragraph(doc, note, size=SIZE_NOTE)
    _paragraph(doc, "")
    _paragraph(doc, circular.publisher, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    _paragraph(doc, chinese_date(circular.date), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _setup(doc: DocxDocument, circular: Circular) -> None:
    props = doc.core_properties
    props.title = circular.title
    props.author = circular.publisher
    props.last_modified_by = circular.publisher
    stamp = dt.datetime.combine(circular.date, dt.time(), tzinfo=dt.UTC)
    props.created = stamp
    props.modified = stamp
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _fonts(run_properties: BaseOxmlElement, face: Face) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for key, value in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("eastAsia", face.name), ("cs", LATIN_FONT)):
        fonts.set(qn(f"w:{key}"), value)


def _paragraph(
    doc: DocxDocument,
    text: str,
    *,
    face: Face = BODY_FACE,
    size: float = SIZE_BODY,
    align: int | None = None,
    indent: bool = True,
    line: Pt = LINE,
    right_chars: int = 0,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    _format(paragraph, size=size, align=align, line=line)
    fmt = paragraph.paragraph_format
    if indent and align is None:
        fmt.first_line_indent = Pt(size * 2)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if right_chars:
        fmt.right_indent = Pt(size * right_chars)
    if text:
        _run(paragraph, text, face=face, size=size)
    return paragraph


def _format(paragraph: Paragraph, *, size: float, align: int | None, line: Pt | None) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    if align is not None:
        fmt.alignment = align


def _run(paragraph: Paragraph, text: str, *, face: Face, size: float, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.bold = bold or None
    _fonts(run._r.get_or_add_rPr(), face)


def _table(doc: DocxDocument, circular: Circular) -> None:
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header, width in zip(table.rows[0].cells, HEADERS, WIDTHS_MM, strict=True):
        _cell(cell, header, width, face=HEADING_FACE)
    _repeat_header(table.rows[0]._tr)
    for row in circular.rows:
        values = (
            str(row.rank),
            row.unit,
            str(row.submitted),
            str(row.adopted),
            rate_text(row.rate),
            str(row.external),
            f"{row.on_time}/{row.commissions}",
            f"{row.answered}/{row.instructions}",
            points_text(row.total),
        )
        for cell, value, width in zip(table.add_row().cells, values, WIDTHS_MM, strict=True):
            _cell(cell, value, width, face=BODY_FACE)
    # Fixed column widths (the grid and every cell): Word and LibreOffice both keep them.
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = Mm(width)


def _cell(cell: _Cell, text: str, width_mm: int, *, face: Face) -> None:
    cell.width = Mm(width_mm)
    paragraph = cell.paragraphs[0]
    _format(paragraph, size=SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
    _run(paragraph, text, face=face, size=SIZE_TABLE)


def _repeat_header(row: CT_Row) -> None:
    """The header row repeats on every page of a long table."""
    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
