"""Write a bulletin as the Word file a county office prints: red masthead, items, tail.

The layout follows GB/T 9704-2012 as offices apply it to a bulletin: A4, margins 37/35/28/26 mm,
22 lines of 28 characters in 仿宋_GB2312 三号, masthead in red 方正小标宋简体, section headings
in 黑体, page numbers "— 1 —" in the footer. Offices have those fonts; where they are missing
the font table names a Windows alternate, and `fontconfig_aliases` maps them to open fonts
for a LibreOffice server that turns the file into PDF.

Speed: python-docx builds what every issue shares (styles, page, footer, font table) once per
process, and those parts are kept compressed. Each issue's body is written as
WordprocessingML text and appended to them with core.xml. Building the body with python-docx's
objects took 90–370 ms an issue, over the 100 ms budget: adding a paragraph with a style looks
the style up by name through the whole styles part (~4 ms a paragraph), and each run costs
dozens of oxml element calls. The text gives the same XML in a few milliseconds
(bench/render.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from lxml import etree

from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.render.official import LATIN, Face, FontProfile
from kuaibao.core.render.official import profile as font_profile

# The default profile's faces, for callers that draw with them directly.
_DEFAULT = font_profile(None)
TITLE_FACE = _DEFAULT.title
BODY_FACE = _DEFAULT.body
HEADING_FACE = _DEFAULT.heading
FOLIO_FACE = _DEFAULT.folio
FACES = _DEFAULT.faces
LATIN_FONT = LATIN

# Paragraph styles; python-docx makes each style's id from its name, which has no spaces.
STYLE_MARKS = "快报密级"
STYLE_MASTHEAD = "快报报头"
STYLE_ISSUE = "快报期号"
STYLE_IMPRINT = "快报编发"
STYLE_SECTION = "快报栏目"
STYLE_ITEM = "快报正文"
STYLE_TAIL = "快报报尾"
STYLE_FOLIO = "快报页码"

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


# The package parts each issue writes; the skeleton's other parts are the same for all.
_CORE_PART = "docProps/core.xml"
_DOCUMENT_PART = "word/document.xml"


def render_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a .docx file (bytes); the same bulletin always gives the same bytes."""
    fonts = font_profile(bulletin.font_profile)
    skeleton = _skeleton(fonts.key)
    body = "".join(
        [*_marks(bulletin, fonts), *_masthead(bulletin, fonts), *_items(bulletin.items, fonts), *_tail(bulletin, fonts)]
    )
    document = skeleton.document_head + body.encode("utf-8") + skeleton.document_tail
    out = io.BytesIO(skeleton.zipped_parts)
    with zipfile.ZipFile(out, "a") as package:
        _write_part(package, _CORE_PART, _core_properties(skeleton.core, bulletin))
        _write_part(package, _DOCUMENT_PART, document)
    return out.getvalue()


def fontconfig_aliases(fonts: FontProfile | None = None) -> str:
    """A fontconfig file mapping the office fonts to open ones, for LibreOffice on a server.

    Point FONTCONFIG_FILE at it when converting to PDF; without it LibreOffice picks a sans
    font for every missing Chinese font and the body loses its 仿宋 look.
    """
    fonts = fonts or _DEFAULT
    aliases = "".join(
        f'  <alias binding="same"><family>{face.name}</family>'
        f"<prefer><family>{face.open_font}</family></prefer></alias>\n"
        for face in fonts.faces
    )
    # 小标宋 is a heavy face: the open serif's bold weight stands in for it.
    aliases += (
        f'  <match target="pattern"><test name="family"><string>{fonts.title.name}</string></test>'
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


# --- the package every issue shares ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Skeleton:
    zipped_parts: bytes  # a zip of every part but core.xml and document.xml
    core: bytes  # core.xml without the issue's title, author and dates
    document_head: bytes  # document.xml up to the body's content
    document_tail: bytes  # document.xml from the section properties on


@functools.cache
def _skeleton(profile_key: str) -> _Skeleton:
    """The package without the issue's content, built once per process and font profile."""
    fonts = font_profile(profile_key)
    doc = Document()
    _setup_package(doc, fonts)
    _setup_page(doc)
    _setup_styles(doc, fonts)
    for paragraph in doc.paragraphs:  # the template's empty first paragraph
        paragraph._element.getparent().remove(paragraph._element)
    _write_footer(doc, fonts)
    saved = io.BytesIO()
    doc.save(saved)
    varying: dict[str, bytes] = {}
    zipped = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(zipped, "w") as target:
        for info in source.infolist():
            if info.filename in (_CORE_PART, _DOCUMENT_PART):
                varying[info.filename] = source.read(info)
            else:
                _write_part(target, info.filename, source.read(info))
    document = varying[_DOCUMENT_PART]
    split = document.index(b"<w:sectPr")
    if not document[:split].endswith(b"<w:body>"):
        raise AssertionError("the template's body should hold only its section properties")
    return _Skeleton(zipped.getvalue(), varying[_CORE_PART], document[:split], document[split:])


def _write_part(package: zipfile.ZipFile, name: str, data: bytes) -> None:
    """A zip entry with a fixed timestamp, so that equal bulletins give equal bytes."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    package.writestr(entry, data)


def _core_properties(template: bytes, bulletin: Bulletin) -> bytes:
    element = cast(CT_CoreProperties, parse_xml(template))
    props = CoreProperties(element)
    props.title = f"{bulletin.title}{'（增刊）' if bulletin.supplement else ''}第{bulletin.issue}期"
    props.author = bulletin.publisher
    props.last_modified_by = bulletin.publisher
    props.comments = ""
    props.subject = ""
    stamp = dt.datetime.combine(bulletin.date, dt.time(), tzinfo=dt.UTC)
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    return serialize_part_xml(element)


# --- package, page and styles (once per process) ---------------------------------------


def _setup_package(doc: DocxDocument, fonts: FontProfile) -> None:
    """No thumbnail, and the office fonts in the font table."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's thumbnail shows an empty page
            package.rels.pop(rel_id)
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            part._blob = font_table(part.blob, fonts)


def font_table(blob: bytes, fonts: FontProfile) -> bytes:
    """The font table part with every face of the profile declared: its alternate (Word and
    WPS substitute it where the face is missing), PANOSE class, charset and family."""
    root = parse_xml(blob)
    for face in fonts.faces:
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == face.name:
                root.remove(old)
        font = _el("w:font", name=face.name)
        font.append(_el("w:altName", val=face.alternate))
        font.append(_el("w:panose1", val=face.panose))
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


def _setup_styles(doc: DocxDocument, fonts: FontProfile) -> None:
    styles_element = doc.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, fonts.body)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    normal = cast(ParagraphStyle, doc.styles["Normal"])
    _style_fonts(normal, fonts.body, SIZE_BODY)
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

    marks = _add_style(doc, STYLE_MARKS, fonts.heading, SIZE_BODY)
    marks.paragraph_format.keep_with_next = True
    masthead = _add_style(doc, STYLE_MASTHEAD, fonts.title, SIZE_MASTHEAD)
    masthead.font.color.rgb = RED
    _centre(masthead, line=Pt(SIZE_MASTHEAD * 1.35), outline=0)
    # Off the line grid: LibreOffice would round the 70 pt line up to three grid lines (87 pt).
    _ppr(masthead.element.get_or_add_pPr(), _el("w:snapToGrid", val="0"))
    issue_line = _add_style(doc, STYLE_ISSUE, fonts.body, SIZE_BODY)
    _centre(issue_line, line=LINE_PITCH)
    issue_line.paragraph_format.space_before = Pt(6)
    _add_style(doc, STYLE_IMPRINT, fonts.body, SIZE_BODY)
    section = _add_style(doc, STYLE_SECTION, fonts.heading, SIZE_BODY)
    section.paragraph_format.keep_with_next = True
    _set_outline(section, 1)
    item = _add_style(doc, STYLE_ITEM, fonts.body, SIZE_BODY)
    item.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _ppr(item.element.get_or_add_pPr(), _el("w:ind", **_indent(first_line=2, size=SIZE_BODY)))
    tail = _add_style(doc, STYLE_TAIL, fonts.body, SIZE_TAIL)
    tail.paragraph_format.keep_with_next = True
    tail.paragraph_format.keep_together = True
    # 四号 on a 24 pt line off the grid, as the PDF sets the tail (the grid would make it 29 pt).
    tail.paragraph_format.line_spacing = Pt(24)
    _ppr(tail.element.get_or_add_pPr(), _el("w:snapToGrid", val="0"))
    folio = _add_style(doc, STYLE_FOLIO, fonts.folio, SIZE_FOLIO)
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
    _rpr(rpr, _el("w:rFonts", **_font_attributes(face)))


def _font_attributes(face: Face) -> dict[str, str]:
    return {"ascii": LATIN, "hAnsi": LATIN, "eastAsia": face.name, "cs": LATIN, "hint": "eastAsia"}


def _indent(*, first_line: int = 0, left: int = 0, hanging: int = 0, right: int = 0, size: float) -> dict[str, str]:
    """w:ind attributes for indents counted in characters (w:*Chars, for Word) and in twips
    (for LibreOffice)."""
    pitch = round(size * 20)  # one character in twips
    attributes: dict[str, str] = {}
    for name, chars in (("left", left), ("right", right), ("firstLine", first_line), ("hanging", hanging)):
        if chars:
            attributes[f"{name}Chars"] = str(chars * 100)
            attributes[name] = str(chars * pitch)
    return attributes


def _write_footer(doc: DocxDocument, fonts: FontProfile) -> None:
    """The page number "— 1 —" as a PAGE field (begin / instruction / separate / result / end)."""

    def field(markup: str) -> str:
        return _run("", face=fonts.folio, condense=False, markup=markup)

    runs = "".join(
        (
            _run("— ", face=fonts.folio, condense=False),
            field('<w:fldChar w:fldCharType="begin"/>'),
            field('<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
            field('<w:fldChar w:fldCharType="separate"/>'),
            _run("1", face=fonts.folio, condense=False),
            field('<w:fldChar w:fldCharType="end"/>'),
            _run(" —", face=fonts.folio, condense=False),
        )
    )
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    element = footer._element
    for old in element.p_lst:
        element.remove(old)
    # Parsed inside a w:ftr declaring the namespace, the paragraph takes the footer's
    # declaration when it moves there and does not repeat it.
    element.append(parse_xml(f"<w:ftr {nsdecls('w')}>{_paragraph(runs, style=STYLE_FOLIO)}</w:ftr>")[0])


# --- content, as WordprocessingML text ----------------------------------------------------
#
# Written as python-docx writes the same paragraphs, properties in schema order.


def _empty(tag: str, attributes: dict[str, str]) -> str:
    """An empty element with w:-qualified attributes."""
    return f"<{tag}" + "".join(f' w:{name}="{value}"' for name, value in attributes.items()) + "/>"


# Characters Word gives the ASCII font unless told otherwise (they are in both Latin and
# Chinese fonts): quotes, dashes, ellipsis, middle dot. In a run of their own they get the
# Chinese face in every slot, so a "“" never comes out in Times New Roman.
_SHARED_PUNCTUATION = "‘’“”—–―…·•‖′″"
_SHARED = re.compile(f"([{_SHARED_PUNCTUATION}]+)")


@functools.cache
def _run_fonts(face: Face, shared: bool) -> str:
    """w:rFonts of a run: the Latin font for ASCII and the face for Chinese, or (`shared`) the
    face for everything."""
    if shared:
        every = dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), face.name)
        return _empty("w:rFonts", {**every, "hint": "eastAsia"})
    return _empty("w:rFonts", _font_attributes(face))


_BREAKS = re.compile(r"([\t\r\n])")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _paragraph(runs: str, *, style: str | None = None, properties: str = "") -> str:
    """A paragraph; `properties` is pPr content after the style, in schema order."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style is not None else ""
    return f"<w:p><w:pPr>{style_xml}{properties}</w:pPr>{runs}</w:p>"


def _run(
    text: str,
    *,
    face: Face,
    bold: bool = False,
    color: RGBColor | None = None,
    size: float | None = None,
    condense: bool = True,
    markup: str = "",
) -> str:
    """A run with its fonts set directly, as text pasted between office files keeps them;
    `markup` is content after the text (a field character). Quotes and dashes get runs of
    their own in the Chinese face."""
    pieces = _SHARED.split(text) if _SHARED.search(text) else [text]
    runs = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        if piece or index == last:
            shared = index % 2 == 1
            extra = markup if index == last else ""
            runs.append(_one_run(piece, face, shared, bold, color, size, condense, extra))
    return "".join(runs)


def _one_run(
    text: str,
    face: Face,
    shared: bool,
    bold: bool,
    color: RGBColor | None,
    size: float | None,
    condense: bool,
    markup: str,
) -> str:
    properties = _run_fonts(face, shared)
    if bold:
        properties += "<w:b/>"
    if color is not None:
        properties += f'<w:color w:val="{color}"/>'
    if condense:
        properties += f'<w:spacing w:val="{CONDENSE}"/>'
    if size is not None:
        properties += f'<w:sz w:val="{int(size * 2)}"/>'  # half-points
    return f"<w:r><w:rPr>{properties}</w:rPr>{_text(text)}{markup}</w:r>"


def run_xml(text: str, *, face: Face, size: float | None = None, condense: bool = True, markup: str = "") -> str:
    """WordprocessingML runs of `text` in `face` (quotes and dashes in runs of their own), for
    the other official documents (kuaibao.core.render.official_docx)."""
    return _run(text, face=face, size=size, condense=condense, markup=markup)


def fonts_xml(face: Face) -> str:
    """The w:rFonts element a run or style in `face` carries: Latin and Chinese faces named,
    no theme fonts."""
    return _run_fonts(face, False)


def _text(text: str) -> str:
    """Run content: a tab is w:tab, a line break w:br, the rest w:t, told to keep its spaces
    where it starts or ends with one (str.strip counts the ideographic space)."""
    if _NOT_XML.search(text):
        raise ValueError(f"XML cannot hold the control characters in {text!r}")
    content = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            content.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(content)


def _marks(bulletin: Bulletin, fonts: FontProfile) -> Iterator[str]:
    """密级 and 内部资料 at the top left, 编号 at the top right, in 黑体 三号 (GB/T 9704 7.2)."""
    marks = bulletin.marks
    if not marks:
        return
    left = list(marks.left_lines) or [""]
    tabs = f'<w:tabs><w:tab w:pos="{Mm(156).twips}" w:val="right"/></w:tabs>'
    for index, line in enumerate(left):
        text = f"{line}\t{marks.serial_text}" if index == 0 and marks.serial_text else line
        yield _paragraph(_run(text, face=fonts.heading, condense=False), style=STYLE_MARKS, properties=tabs)


def _masthead(bulletin: Bulletin, fonts: FontProfile) -> Iterator[str]:
    title = _run(bulletin.title, face=fonts.title, color=RED, condense=False)
    if bulletin.supplement:
        title += _run("（增刊）", face=fonts.title, color=RED, size=SIZE_SUPPLEMENT, condense=False)
    yield _paragraph(title, style=STYLE_MASTHEAD)
    number = f"第{bulletin.issue}期"
    if bulletin.total_issue is not None:
        number += f"（总第{bulletin.total_issue}期）"
    yield _paragraph(_run(number, face=fonts.body), style=STYLE_ISSUE)
    # A right tab stop at the end of the text block puts the date flush right.
    imprint = f'<w:tabs><w:tab w:pos="{Mm(156).twips}" w:val="right"/></w:tabs><w:spacing w:before="{Pt(12).twips}"/>'
    text = f"{bulletin.publisher}\t{_chinese_date(bulletin.date)}"
    yield _paragraph(_run(text, face=fonts.body), style=STYLE_IMPRINT, properties=imprint)
    yield _rule(color="FF0000", size=18, space_after=12)


def _chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def _rule(*, color: str, size: int, space_after: float = 4, keep_with_next: bool = False) -> str:
    """An empty paragraph whose bottom border draws a rule across the text block."""
    # keepNext is written out even when off, as python-docx's setter does.
    keep = "<w:keepNext/>" if keep_with_next else '<w:keepNext w:val="0"/>'
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/></w:pBdr>'
    spacing = f'<w:spacing w:lineRule="exact" w:line="{Pt(4).twips}" w:after="{Pt(space_after).twips}"/>'
    # The paragraph mark's size sets the empty line's height.
    mark = '<w:rPr><w:sz w:val="8"/></w:rPr>'
    return _paragraph("", properties=f'{keep}{border}<w:snapToGrid w:val="0"/>{spacing}{mark}')


def _items(items: Iterable[Item], fonts: FontProfile) -> Iterator[str]:
    section: str | None = None
    for item in items:
        if item.section is not None and item.section != section:
            yield _paragraph(_run(f"【{item.section}】", face=fonts.heading), style=STYLE_SECTION)
        section = item.section
        yield from _item(item, fonts.body)


def _item(item: Item, face: Face) -> Iterator[str]:
    paragraphs: list[Paragraph] = list(item.paragraphs) or [Paragraph(())]
    for index, source in enumerate(paragraphs):
        runs: list[str] = []
        if index == 0:
            runs.append(_run(item.title, face=face, bold=True))
            # Offices leave a full-width space between the bold lead-in and the body.
            runs.append(_run("\u3000", face=face))
        runs.extend(_run(span.text, face=face, bold=span.bold) for span in source.spans if span.text)
        if index == len(paragraphs) - 1 and item.units:
            runs.append(_run(f"（{' '.join(item.units)}）", face=face))
        yield _paragraph("".join(runs), style=STYLE_ITEM)


# The tail is a frame at the foot of the text block: it sits at the bottom of the page where
# it falls (the last), as in printed issues, and the text flows above it. Consecutive
# paragraphs with the same frame properties make one frame in Word, WPS and LibreOffice.
_TAIL_FRAME = (
    f'<w:framePr w:w="{Mm(156).twips}" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin"'
    ' w:xAlign="center" w:yAlign="bottom"/>'
)


def _tail(bulletin: Bulletin, fonts: FontProfile) -> Iterator[str]:
    lines: list[tuple[str, str | None]] = [(line.label, line.text) for line in bulletin.distribution]
    staff = "\u3000".join(f"{label}：{name}" for label, name in bulletin.staff.as_dict().items())
    if not lines and not staff and bulletin.copies is None:
        return
    face = fonts.body
    paragraphs: list[tuple[str, str]] = []  # (runs, pPr content after the frame and borders)
    for label, text in lines:
        # A wrapped distribution line aligns with the first recipient, after the label.
        hang = len(label) + 1
        indent = _empty("w:ind", _indent(left=1 + hang, hanging=hang, right=1, size=SIZE_TAIL))
        paragraphs.append((_run(f"{label}：{text}", face=face), indent))
    if bulletin.copies is not None:
        indent = _empty("w:ind", _indent(right=1, size=SIZE_TAIL))
        paragraphs.append((_run(f"（共印{bulletin.copies}份）", face=face), f'{indent}<w:jc w:val="right"/>'))
    if staff:
        paragraphs.append((_run(staff, face=face), _empty("w:ind", _indent(left=1, size=SIZE_TAIL))))
    # The two rules: a top and a bottom border on every paragraph of the frame, which Word, WPS
    # and LibreOffice draw once around the group (above the first, below the last).
    border = "".join(f'<w:{side} w:val="single" w:sz="8" w:space="4" w:color="000000"/>' for side in ("top", "bottom"))
    for runs, properties in paragraphs:
        yield _paragraph(runs, style=STYLE_TAIL, properties=f"{_TAIL_FRAME}<w:pBdr>{border}</w:pBdr>{properties}")
    # A frame is anchored to the paragraph after it: without one, LibreOffice anchors it to the
    # last item and puts the tail at the foot of the page where that item starts. This one is
    # 1 pt high, so it never makes a page of its own.
    tiny = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    yield _paragraph("", properties=tiny + '<w:rPr><w:sz w:val="2"/></w:rPr>')


# --- oxml helpers for the skeleton ----------------------------------------------------------


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
