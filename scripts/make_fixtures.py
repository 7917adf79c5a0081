"""Generate the DOCX and PDF test fixtures from the corpus gold files.

Run as `.venv/bin/python scripts/make_fixtures.py`; it writes into tests/fixtures/formats/, for
each tests/fixtures/corpus/NAME.gold.json:

- NAME.docx: `render_docx` of the gold bulletin, the official layout (red masthead, one
  paragraph per item with a bold title lead-in, tail between rules, "— N —" page numbers).
- NAME.pdf: NAME.docx exported by LibreOffice headless, so the PDF has what real PDFs have:
  lines wrapped at 28 characters, items broken across pages, page numbers in the footer,
  embedded subsets of CJK fonts (the office fonts mapped to Noto CJK by fontconfig).
- NAME.word-habits.docx: the same bulletin typed the way office staff type in Word:
  the masthead title in Word's "Title" style (a heading), publisher and date in a borderless
  two-cell table, the red rule drawn as a line shape (DrawingML in mc:AlternateContent with a
  VML fallback) instead of a paragraph border; sections as "Heading 2" paragraphs without
  【】; each item's title on a paragraph of its own, made bold in three ways in turn (direct
  bold, the "Strong" character style, a bold paragraph style "信息标题"), the body indented
  by two ideographic spaces typed by hand, the attribution （单位） on a right-aligned paragraph
  of its own; one item per issue with title and body in one paragraph split by a soft line
  break (Shift+Enter); an empty paragraph after every item; an inline picture inside the
  first item's body and a picture paragraph between the first two items; a manual page
  break before the last section; the tail (本期发 and the sign-off line) in a two-row table;
  a page header repeating the title and a footer "第 X 页 共 Y 页".
- NAME.word-habits.pdf: that file exported by LibreOffice: a running head on every page,
  "第 X 页 共 Y 页" page numbers, a picture, the title on its own line and the attribution on
  the line after the body.
- NAME.doc and NAME.word-habits.doc: both DOCX files saved by LibreOffice as Word 97-2003
  documents, the old binary format of offices' archives before ~2012.
- NAME.ofd and NAME.word-habits.ofd: both PDFs printed to OFD as a virtual OFD printer does
  (scripts/ofdprint.py), with a seal entry; the word-habits one keeps its masthead rule in a
  template page.

The DOCX files are byte-for-byte deterministic (fixed zip timestamps and core properties). The
PDFs are deterministic as far as LibreOffice allows: their creation dates and document ids are
overwritten with fixed values of the same length.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from kuaibao.core.model import Bulletin, Item
from kuaibao.core.parse.docx import read_docx
from kuaibao.core.render.docx import (
    BODY_FACE,
    HEADING_FACE,
    RED,
    TITLE_FACE,
    fontconfig_aliases,
    render_docx,
)
from kuaibao.core.render.json import from_dict

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FORMATS = ROOT / "tests" / "fixtures" / "formats"

_NS_DECLS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)
# A red line 156 mm long (the text block's width) anchored to its paragraph, as Word draws it
# with Insert → Shapes → Line, and the VML line older Word versions read instead.
_RED_LINE = f"""
<w:r {_NS_DECLS}>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
            relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>38100</wp:posOffset></wp:positionV>
          <wp:extent cx="5616000" cy="0"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:wrapNone/>
          <wp:docPr id="1001" name="红线"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvCnPr/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="5616000" cy="0"/></a:xfrm>
                  <a:prstGeom prst="line"><a:avLst/></a:prstGeom>
                  <a:ln w="28575"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln>
                </wps:spPr>
                <wps:bodyPr/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:line id="红线" style="position:absolute;z-index:251659264" from="0,3pt" to="442.2pt,3pt"
            strokecolor="red" strokeweight="2.25pt"/>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def main() -> None:
    FORMATS.mkdir(parents=True, exist_ok=True)
    docx_files: list[Path] = []
    for gold in sorted(CORPUS.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        bulletin = from_dict(json.loads(gold.read_text(encoding="utf-8")))
        plain = FORMATS / f"{name}.docx"
        plain.write_bytes(render_docx(bulletin))
        habits = FORMATS / f"{name}.word-habits.docx"
        habits.write_bytes(word_habits_docx(bulletin))
        docx_files += [plain, habits]
        print(f"wrote {plain.relative_to(ROOT)}, {habits.relative_to(ROOT)}")
    for source, pdf in zip(docx_files, convert_to_pdf(docx_files, FORMATS), strict=True):
        check_pdf(pdf, source)
        print(f"wrote {pdf.relative_to(ROOT)} (checked: all text, fonts embedded, red masthead)")
    for doc in convert_to_pdf(docx_files, FORMATS, target="doc:MS Word 97"):
        print(f"wrote {doc.relative_to(ROOT)}")
    from ofdprint import pdf_to_ofd

    for pdf in sorted(FORMATS.glob("*.pdf")):
        ofd = pdf.with_suffix(".ofd")
        ofd.write_bytes(pdf_to_ofd(pdf.read_bytes(), template_rule="word-habits" in pdf.name, seal=True))
        print(f"wrote {ofd.relative_to(ROOT)}")


# --- the messy variant --------------------------------------------------------------------


def word_habits_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as office staff type it in Word (see the module docstring)."""
    doc = Document(io.BytesIO(render_docx(bulletin)))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    title_style = _bold_paragraph_style(doc)
    _masthead(doc, bulletin)
    _items(doc, bulletin.items, title_style)
    _tail_table(doc, bulletin)
    _header_and_footer(doc, bulletin.title)
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue())


def _bold_paragraph_style(doc: DocxDocument) -> ParagraphStyle:
    style = cast(ParagraphStyle, doc.styles.add_style("信息标题", WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = doc.styles["快报正文"]
    style.font.bold = True
    style.paragraph_format.keep_with_next = True
    return style


def _fonts(rpr: CT_RPr, east_asia: str) -> None:
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def _masthead(doc: DocxDocument, bulletin: Bulletin) -> None:
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(bulletin.title)
    run.font.size = Pt(48)
    run.font.color.rgb = RED
    _fonts(run._r.get_or_add_rPr(), TITLE_FACE.name)
    issue = doc.add_paragraph(f"第{bulletin.issue}期", style="快报期号")
    issue.paragraph_format.space_after = Pt(12)
    table = doc.add_table(rows=1, cols=2)  # "Normal Table": no borders
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(bulletin.publisher)
    right.paragraphs[0].add_run(f"{bulletin.date.year}年{bulletin.date.month}月{bulletin.date.day}日")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rule = doc.add_paragraph()
    rule.paragraph_format.space_after = Pt(18)
    rule._p.append(parse_xml(_RED_LINE))


def _items(doc: DocxDocument, items: tuple[Item, ...], title_style: ParagraphStyle) -> None:
    section: str | None = None
    sections = [item.section for item in items]
    last_section = sections[-1] if sections else None
    for index, item in enumerate(items):
        if item.section is not None and item.section != section:
            heading = doc.add_paragraph(style="Heading 2")
            if item.section == last_section and index > 0:
                heading.paragraph_format.page_break_before = True
            _fonts(heading.add_run(item.section)._r.get_or_add_rPr(), HEADING_FACE.name)
        section = item.section
        if index == 1:
            _item_in_one_paragraph(doc, item)
        else:
            _item_in_paragraphs(doc, item, index, title_style)
        if index == 0:
            picture = doc.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(_png(240, 150, seed=7)), width=Mm(80))
        doc.add_paragraph()  # an empty line between items


def _item_in_paragraphs(doc: DocxDocument, item: Item, index: int, title_style: ParagraphStyle) -> None:
    way = index % 3
    title = doc.add_paragraph(style=title_style if way == 2 else "快报正文")
    run = title.add_run(item.title)
    if way == 0:
        run.bold = True
    elif way == 1:
        run.style = doc.styles["Strong"]
    _fonts(run._r.get_or_add_rPr(), BODY_FACE.name)
    for number, paragraph in enumerate(item.paragraphs):
        body = doc.add_paragraph(style="快报正文")
        body.paragraph_format.first_line_indent = Pt(0)
        body.add_run("\u3000\u3000")
        text = paragraph.text
        if index == 0 and number == 0:
            cut = len(text) // 2
            body.add_run(text[:cut])
            body.add_run().add_picture(io.BytesIO(_png(48, 32, seed=3)), width=Mm(12))
            body.add_run(text[cut:])
        else:
            for span in paragraph.spans:
                body.add_run(span.text).bold = span.bold or None
    if item.units:
        attribution = doc.add_paragraph(f"（{' '.join(item.units)}）", style="快报正文")
        attribution.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _item_in_one_paragraph(doc: DocxDocument, item: Item) -> None:
    paragraph = doc.add_paragraph(style="快报正文")
    title = paragraph.add_run(item.title)
    title.bold = True
    title.add_break()  # Shift+Enter: the title on a line of its own, same paragraph
    paragraph.add_run(item.body.replace("\n", "")).add_break()
    paragraph.add_run(f"（{' '.join(item.units)}）")


def _tail_table(doc: DocxDocument, bulletin: Bulletin) -> None:
    doc.add_paragraph()
    staff = "\u3000".join(f"{label}：{name}" for label, name in bulletin.staff.as_dict().items())
    rows = [f"{line.label}：{line.text}" for line in bulletin.distribution] + [staff]
    table: Table = doc.add_table(rows=len(rows), cols=1)
    table.style = doc.styles["Table Grid"]
    for row, text in zip(table.rows, rows, strict=True):
        paragraph = row.cells[0].paragraphs[0]
        paragraph.style = doc.styles["快报报尾"]
        paragraph.add_run(text)


def _header_and_footer(doc: DocxDocument, title: str) -> None:
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    head = header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(title).font.size = Pt(10.5)
    footer = section.footer
    folio = footer.paragraphs[0]
    for child in list(folio._p):
        if child.tag != qn("w:pPr"):
            folio._p.remove(child)
    folio.add_run("第 ")
    _field(folio, "PAGE", "1")
    folio.add_run(" 页 共 ")
    _field(folio, "NUMPAGES", "1")
    folio.add_run(" 页")


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    def run_with(child: BaseOxmlElement) -> None:
        paragraph.add_run()._r.append(child)

    begin = OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"})
    run_with(begin)
    code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    run_with(code)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    paragraph.add_run(shown)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def _png(width: int, height: int, *, seed: int) -> bytes:
    """A small deterministic RGB picture: a grey frame around stripes (a stand-in photo)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            edge = x < 4 or y < 4 or x >= width - 4 or y >= height - 4
            shade = 90 if edge else 180 + ((x // 8 + y // 8 + seed) % 3) * 25
            row += bytes((shade, shade, min(255, shade + 20)))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def normalise_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps, so that the file only changes when its content does."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


# --- PDF by LibreOffice -------------------------------------------------------------------

_PDF_DATE = re.compile(rb"D:\d{14}[-+Z]?(?:\d{2}'\d{2}'?)?")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]|/DocChecksum\s*/([0-9A-Fa-f]+)")
_XMP_DATE = re.compile(rb"(<xmp:\w+Date>)([^<]+)(</xmp:\w+Date>)")


def convert_to_pdf(files: list[Path], outdir: Path, target: str = "pdf") -> list[Path]:
    """Export DOCX files to PDF (or another `--convert-to` target) with LibreOffice headless,
    in a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDF fixtures")
    with tempfile.TemporaryDirectory(prefix="kuaibao-fixtures-") as tmp:
        work = Path(tmp)
        fonts = work / "fonts.conf"
        fonts.write_text(fontconfig_aliases(), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts), "TZ": "UTC"}
        # A private profile: another LibreOffice running on the machine must not take the job.
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        out = work / "out"
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                *map(str, files),
            ],
            check=True,
            env=env,
            capture_output=True,
            timeout=600,
        )
        written = []
        suffix = target.split(":")[0]
        for source in files:
            made = out / f"{source.stem}.{suffix}"
            if not made.exists():
                raise SystemExit(f"LibreOffice did not convert {source.name}")
            kept = outdir / made.name
            kept.write_bytes(_fix_pdf_stamps(made.read_bytes()) if suffix == "pdf" else made.read_bytes())
            written.append(kept)
    return written


def check_pdf(pdf: Path, source: Path) -> None:
    """Fail loudly when the PDF lost text, left fonts out, or has no red masthead on page 1.

    LibreOffice has lost commas before (hanging punctuation at the end of a justified line):
    every non-space character of the DOCX must be in the PDF's text.
    """
    text = _run_tool("pdftotext", str(pdf), "-").decode("utf-8")
    wanted = Counter(ch for block in read_docx(source.read_bytes()).blocks for ch in block.text if not ch.isspace())
    missing = wanted - Counter(ch for ch in text if not ch.isspace())
    if missing:
        raise SystemExit(f"{pdf.name}: characters missing from the PDF text: {dict(missing)}")
    lines = _run_tool("pdffonts", str(pdf)).decode("utf-8").splitlines()
    column = lines[0].index("emb")
    not_embedded = [line.split()[0] for line in lines[2:] if line[column : column + 3].strip() != "yes"]
    if not_embedded or not any("CJK" in line for line in lines[2:]):
        raise SystemExit(f"{pdf.name}: fonts not embedded or no CJK font: {not_embedded or lines[2:]}")
    if _red_pixels(_run_tool("pdftoppm", "-r", "20", "-f", "1", "-l", "1", str(pdf))) < 50:
        raise SystemExit(f"{pdf.name}: no red masthead on the first page")


def _run_tool(*command: str) -> bytes:
    return subprocess.run(command, check=True, capture_output=True, timeout=120).stdout


def _red_pixels(ppm: bytes) -> int:
    """Strongly red pixels in the top third of a binary PPM (P6) image."""
    fields = ppm.split(maxsplit=4)
    if fields[0] != b"P6":
        raise SystemExit("pdftoppm did not give a PPM image")
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    top = pixels[: width * (height // 3) * 3]
    return sum(1 for i in range(0, len(top), 3) if top[i] > 200 and top[i + 1] < 90 and top[i + 2] < 90)


def _fix_pdf_stamps(data: bytes) -> bytes:
    """Overwrite dates and ids with fixed values of the same length (xref offsets stay valid)."""

    def fixed_date(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        return b"D:20240101000000" + re.sub(rb"\d", b"0", text[16:])

    def fixed_id(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        for value in match.groups():
            if value:
                text = text.replace(value, b"0" * len(value))
        return text

    def fixed_xmp(match: re.Match[bytes]) -> bytes:
        stamp = b"2024-01-01T00:00:00Z"
        value = match.group(2)
        return match.group(1) + stamp[: len(value)].ljust(len(value), b" ") + match.group(3)

    data = _PDF_DATE.sub(fixed_date, data)
    data = _PDF_ID.sub(fixed_id, data)
    return _XMP_DATE.sub(fixed_xmp, data)


if __name__ == "__main__":
    main()
