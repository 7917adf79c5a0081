"""Word files in 公文 style for every document the office sends out under its name.

The 采用情况通报, statistics tables and notices such as the 约稿通知 are built here, on one set
of styles: the GB/T 9704 page (A4, 37/35/28/26 mm margins, 22 lines of 28 characters, "— 1 —"
folios in 宋体 四号), the title in 小标宋 二号 centred, the 主送 line flush left, text in 仿宋 三号
with a two-character indent on an exact 28.95 pt line, headings in 黑体 (一、) and 楷体 (（一）),
tables that fit the 156 mm text block with their own exact line (the text's line would make
every row 28.95 pt high and clip larger type), and the 落款 and date on the right, four
characters in. Fonts come from the bulletin's font profile (`official.PROFILES`): every style and
every run names its Chinese and Latin faces (quotes and dashes in the Chinese face), nothing
inherits the theme's fonts, and the font table declares each face's alternates.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table

from kuaibao.core.render.docx import font_table, fonts_xml, run_xml
from kuaibao.core.render.official import PAGE, SIZES, Face, FontProfile, profile

__all__ = ["OfficialDocument", "chinese_date"]

STYLE_TITLE = "公文标题"
STYLE_ADDRESSEE = "公文主送"
STYLE_TEXT = "公文正文"
STYLE_HEADING = "公文一级标题"
STYLE_SUBHEADING = "公文二级标题"
STYLE_TABLE = "公文表格"
STYLE_SIGNATURE = "公文落款"
STYLE_NOTE = "公文附注"
STYLE_FOLIO = "公文页码"

LINE = Twips(579)  # 28.95 pt: 22 lines on the 225 mm text block
TABLE_LINE = {SIZES["四号"]: Pt(20), SIZES["小四"]: Pt(18), SIZES["五号"]: Pt(15)}


def chinese_date(day: dt.date) -> str:
    """A date as 公文 write it in the 落款: 2024年3月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


class OfficialDocument:
    """A 公文-style Word document being written, paragraph by paragraph."""

    def __init__(self, *, title: str, author: str, date: dt.date, font_profile: str | None = None) -> None:
        self.fonts: FontProfile = profile(font_profile)
        self.doc: DocxDocument = Document()
        self._setup(title, author, date)

    # --- content -------------------------------------------------------------------------

    def title(self, text: str) -> None:
        """The document's title: 小标宋 二号, centred, a blank line after it."""
        self._paragraph(text, STYLE_TITLE, self.fonts.title)
        self._paragraph("", STYLE_TEXT, self.fonts.body)

    def addressee(self, text: str) -> None:
        """主送: the recipients, flush left, ending with a full-width colon."""
        self._paragraph(text if text.endswith("：") else f"{text}：", STYLE_ADDRESSEE, self.fonts.body)

    def text(self, text: str) -> None:
        self._paragraph(text, STYLE_TEXT, self.fonts.body)

    def heading(self, text: str) -> None:
        """A first-level heading (一、…) in 黑体."""
        self._paragraph(text, STYLE_HEADING, self.fonts.heading)

    def subheading(self, text: str) -> None:
        """A second-level heading (（一）…) in 楷体."""
        self._paragraph(text, STYLE_SUBHEADING, self.fonts.kai)

    def note(self, text: str) -> None:
        """附注 and notes below the text: 仿宋 四号."""
        self._paragraph(text, STYLE_NOTE, self.fonts.body, size=SIZES["四号"])

    def blank(self) -> None:
        self._paragraph("", STYLE_TEXT, self.fonts.body)

    def signature(self, issuer: str, date: dt.date) -> None:
        """落款: the issuer and the date on the right, four characters in, after a blank line."""
        self.blank()
        self._paragraph(issuer, STYLE_SIGNATURE, self.fonts.body)
        self._paragraph(chinese_date(date), STYLE_SIGNATURE, self.fonts.body)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        *,
        size: float = SIZES["五号"],
    ) -> Table:
        """A ruled table across the text block: header row in 黑体 repeated on every page, cells
        centred, fixed column widths (scaled to 156 mm), its own exact line for `size`."""
        scale = PAGE.block_width_mm / sum(widths_mm)
        widths = [Mm(width * scale) for width in widths_mm]
        table: Table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self._table_layout(table, widths)
        for cell, header, width in zip(table.rows[0].cells, headers, widths, strict=True):
            self._cell(cell, header, width, self.fonts.heading, size)
        header_row = table.rows[0]._tr.get_or_add_trPr()
        header_row.append(_el("w:tblHeader", val="true"))
        for values in rows:
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
            for cell, value, width in zip(row.cells, values, widths, strict=True):
                self._cell(cell, value, width, self.fonts.body, size)
        return table

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # --- setup ---------------------------------------------------------------------------

    def _setup(self, title: str, author: str, date: dt.date) -> None:
        doc = self.doc
        for paragraph in list(doc.paragraphs):  # the template's empty first paragraph
            paragraph._element.getparent().remove(paragraph._element)
        props = doc.core_properties
        props.title, props.author, props.last_modified_by = title, author, author
        stamp = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)
        props.created = props.modified = stamp
        props.revision = 1
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
        section.top_margin, section.bottom_margin = Mm(PAGE.top_mm), Mm(PAGE.bottom_mm)
        section.left_margin, section.right_margin = Mm(PAGE.left_mm), Mm(PAGE.right_mm)
        section.footer_distance = Mm(25)  # the folio 7 mm below the text block
        for rel in doc.part.rels.values():
            if rel.reltype == RT.FONT_TABLE:
                rel.target_part._blob = font_table(rel.target_part.blob, self.fonts)
        self._styles()
        self._footer()

    def _styles(self) -> None:
        fonts = self.fonts
        defaults = self.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if defaults is not None:
            _set_fonts(defaults, fonts.body)
        normal = cast(ParagraphStyle, self.doc.styles["Normal"])
        self._style_fonts(normal, fonts.body, SIZES["三号"])
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
        fmt.widow_control = True
        title = self._style(STYLE_TITLE, fonts.title, SIZES["二号"], align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
        title.paragraph_format.keep_with_next = True
        self._style(STYLE_ADDRESSEE, fonts.body, SIZES["三号"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        text = self._style(STYLE_TEXT, fonts.body, SIZES["三号"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        text.paragraph_format.first_line_indent = Pt(SIZES["三号"] * 2)
        for name, face in ((STYLE_HEADING, fonts.heading), (STYLE_SUBHEADING, fonts.kai)):
            heading = self._style(name, face, SIZES["三号"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            heading.paragraph_format.first_line_indent = Pt(SIZES["三号"] * 2)
            heading.paragraph_format.keep_with_next = True
        note = self._style(STYLE_NOTE, fonts.body, SIZES["四号"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        note.paragraph_format.first_line_indent = Pt(SIZES["四号"] * 2)
        signature = self._style(STYLE_SIGNATURE, fonts.body, SIZES["三号"], align=WD_ALIGN_PARAGRAPH.RIGHT)
        signature.paragraph_format.right_indent = Pt(SIZES["三号"] * 4)
        signature.paragraph_format.keep_together = True
        table = self._style(STYLE_TABLE, fonts.body, SIZES["五号"], align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(15))
        table.element.get_or_add_pPr().append(_el("w:snapToGrid", val="0"))
        self._style(STYLE_FOLIO, fonts.folio, SIZES["四号"], align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
        # The table style the tables use: no theme fonts there either.
        grid = self.doc.styles["Table Grid"]
        _set_fonts(grid.element.get_or_add_rPr(), fonts.body)

    def _style(
        self, name: str, face: Face, size: float, *, align: int, line: Pt | Twips | None = LINE
    ) -> ParagraphStyle:
        style = cast(ParagraphStyle, self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        self._style_fonts(style, face, size)
        fmt = style.paragraph_format
        fmt.alignment = align
        if line is None:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = line
        return style

    @staticmethod
    def _style_fonts(style: ParagraphStyle, face: Face, size: float) -> None:
        style.font.size = Pt(size)
        _set_fonts(style.element.get_or_add_rPr(), face)

    def _footer(self) -> None:
        face = self.fonts.folio

        def run(text: str, markup: str = "") -> str:
            return run_xml(text, face=face, condense=False, markup=markup)

        runs = "".join(
            (
                run("— "),
                run("", '<w:fldChar w:fldCharType="begin"/>'),
                run("", '<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
                run("", '<w:fldChar w:fldCharType="separate"/>'),
                run("1"),
                run("", '<w:fldChar w:fldCharType="end"/>'),
                run(" —"),
            )
        )
        footer = self.doc.sections[0].footer
        element = footer._element
        for old in element.p_lst:
            element.remove(old)
        style = self.doc.styles[STYLE_FOLIO].style_id
        xml = f'<w:ftr {nsdecls("w")}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p></w:ftr>'
        element.append(parse_xml(xml)[0])

    # --- paragraphs and cells ----------------------------------------------------------------

    def _paragraph(self, text: str, style: str, face: Face, *, size: float | None = None) -> None:
        paragraph = self.doc.add_paragraph(style=self.doc.styles[style])
        if text:
            _append_runs(paragraph._p, run_xml(text, face=face, condense=False, size=size))

    def _table_layout(self, table: Table, widths: list[Mm]) -> None:
        """Fixed layout, the table exactly as wide as the text block, cells 1 mm in."""
        properties = table._tbl.tblPr
        properties.append(_el("w:tblW", w=str(sum(int(Twips(w).twips) for w in widths)), type="dxa"))
        properties.append(_el("w:tblLayout", type="fixed"))
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margins.append(_el(f"w:{side}", w=str(Mm(1).twips), type="dxa"))
        properties.append(margins)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width

    def _cell(self, cell: object, text: str, width: Mm, face: Face, size: float) -> None:
        cell.width = width  # type: ignore[attr-defined]
        paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
        paragraph.style = self.doc.styles[STYLE_TABLE]
        fmt = paragraph.paragraph_format
        line = TABLE_LINE.get(size, Pt(round(size * 1.45)))
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
        if text:
            _append_runs(paragraph._p, run_xml(text, face=face, condense=False, size=size))


def _el(tag: str, **attributes: str) -> BaseOxmlElement:
    return OxmlElement(tag, {qn(f"w:{key}"): value for key, value in attributes.items()})


def _set_fonts(rpr: object, face: Face) -> None:
    """Name the faces in w:rFonts (Latin, Chinese), replacing any theme reference."""
    for old in rpr.findall(qn("w:rFonts")):  # type: ignore[attr-defined]
        rpr.remove(old)  # type: ignore[attr-defined]
    rpr.insert(0, parse_xml(f"<w:root {nsdecls('w')}>{fonts_xml(face)}</w:root>")[0])  # type: ignore[attr-defined]


def _append_runs(paragraph: object, runs: str) -> None:
    for run in parse_xml(f"<w:root {nsdecls('w')}>{runs}</w:root>"):
        paragraph.append(run)  # type: ignore[attr-defined]
