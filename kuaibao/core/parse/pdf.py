"""Read a PDF bulletin into blocks: characters with their positions, rebuilt into paragraphs.

pdfium (through pypdfium2, the fastest of the extractors measured in
``bench/pdf_extractors.py``) gives each character's box, baseline, size, font and render mode.
The layout stage (`layout`) knows nothing of pdfium: it groups characters into lines by
baseline, drops page numbers and running heads, and rejoins the lines that the layout wrapped,
using first-line indents, line widths and the width of the word that did not fit.
"""

from __future__ import annotations

import ctypes
import dataclasses
import itertools
import re
import statistics
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import ImportWarning, Span
from kuaibao.core.parse.blocks import Block, Reading, merge_spans
from kuaibao.core.parse.limits import check_page, check_text
from kuaibao.core.text import ends_sentence

__all__ = ["MAX_PAGES", "Box", "Glyph", "PageText", "extract_pages", "insert_gap_spaces", "layout", "read_pdf"]

# A bulletin has a few pages; a file far longer than any issue is refused before it is read.
MAX_PAGES = 2000

# pdfium is not thread-safe: one document at a time in this process.
_PDFIUM_LOCK = threading.Lock()

NO_TEXT_LAYER = "PDF 无文本层（可能是扫描件），需要先做文字识别"


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character on a page; y grows downwards from the top edge of the page."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    font: str = ""
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page; y grows downwards from the top edge of the page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class PageText:
    """What an extractor found on one page: glyphs, horizontal rules and skipped text."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[float] = field(default_factory=list)  # y of each horizontal rule, from the top
    rotated_text: str = ""  # text set at an angle (watermarks), left out of the glyphs
    images: list[Box] = field(default_factory=list)  # pictures, which may sit inside a line


def read_pdf(data: bytes) -> Reading:
    """Read a PDF's text layer into blocks, one per paragraph, with page and line numbers.
    Pages that are only pictures (scans) are recognised by OCR (`ocr.py`) when it is there.

    Raises `UnreadableInput` with a one-line reason for anything that is not a readable PDF
    with text: not a PDF, truncated or corrupt, password-protected, image-only without OCR,
    too long.
    """
    _check_envelope(data)
    try:
        with _PDFIUM_LOCK:
            pages = extract_pages(data)
    except UnreadableInput:
        raise
    except Exception as exc:  # pdfium or ctypes failing on a malformed file
        raise UnreadableInput("PDF 文件已损坏，无法读取其中的文字") from exc
    notes = _recognise_scans(data, pages)
    try:
        reading = layout(pages)
    except UnreadableInput:
        raise
    except Exception as exc:  # a layout the rules never met must still fail as bad input
        raise UnreadableInput(f"PDF 版面无法识别（{type(exc).__name__}）") from exc
    if notes:
        reading.warnings = sorted([*notes, *reading.warnings], key=lambda w: (w.page or 0, w.line or 0))
        if all(not page.glyphs or any(g.font == "ocr" for g in page.glyphs[:1]) for page in pages):
            reading.format = "pdf-scan"
    return reading


# Scans are rendered at this resolution for recognition.
SCAN_DPI = 300


def _recognise_scans(data: bytes, pages: list[PageText]) -> list[ImportWarning]:
    """Replace the pages without text but with pictures by their recognised text."""
    scans = [page for page in pages if not page.glyphs and page.images]
    if not scans:
        return []
    from kuaibao.core.parse import ocr

    if not ocr.ocr_available():
        return []
    with _PDFIUM_LOCK:
        images = _render(data, [page.number for page in scans], SCAN_DPI)
    notes: list[ImportWarning] = []
    for page, image in zip(scans, images, strict=True):
        text, warnings = ocr.page_text(ocr.recognise(image, SCAN_DPI), page.number)
        page.glyphs, page.rules = text.glyphs, text.rules
        notes.extend(warnings)
    return notes


def _render(data: bytes, numbers: list[int], dpi: float) -> list[Any]:
    """The pages as RGB arrays (call with the pdfium lock held)."""
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for number in numbers:
            page = pdf[number - 1]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=False)
                out.append(bitmap.to_numpy()[:, :, :3][:, :, ::-1].copy())  # BGR(A) → RGB
                bitmap.close()
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def _check_envelope(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise UnreadableInput("不是 PDF 文件（缺少 %PDF 文件头）")
    if data.rfind(b"%%EOF") == -1:
        raise UnreadableInput("PDF 文件不完整（缺少文件结尾，可能下载或上传时中断）")


# --- extraction with pdfium ----------------------------------------------------------------------

# Descriptor flag ForceBold (PDF 32000-1, table 123).
_FORCE_BOLD = 1 << 18
_BOLD_NAME = re.compile(r"bold|heavy|black|黑", re.IGNORECASE)
_HEI_NAME = re.compile(r"hei|黑", re.IGNORECASE)
_SKIP_CODES = frozenset({0x0D, 0x0A, 0xFFFE, 0xFFFF, 0x0C})


def extract_pages(data: bytes) -> list[PageText]:
    """Every page's glyphs and rules as pdfium sees them (call with the pdfium lock held)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's last error is global and may be left over from an earlier file, so an
        # encryption error counts only when the file has an encryption dictionary.
        code = getattr(exc, "err_code", None) if b"/Encrypt" in data else None
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableInput("PDF 设有打开密码，请先解除密码再导入") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableInput("PDF 使用了不支持的加密方式，请先解除加密再导入") from None
        raise UnreadableInput("PDF 文件已损坏或不完整，无法打开") from None
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableInput("PDF 中没有任何页面")
        if count > MAX_PAGES:
            raise UnreadableInput(f"PDF 有 {count} 页，超过 {MAX_PAGES} 页的上限，不像一期快报")
        pages, chars = [], 0
        for index in range(count):
            page = _read_page(pdf, index)
            chars += len(page.glyphs)
            check_text(chars)  # before the layout stage, whose cost grows with the glyphs
            pages.append(page)
        return pages
    finally:
        pdf.close()


def _read_page(pdf: Any, index: int) -> PageText:
    page = pdf[index]
    try:
        left, bottom, right, top = (float(v) for v in page.get_bbox())
        textpage = page.get_textpage()
        try:
            check_page(int(pdfium_c.FPDFText_CountChars(textpage.raw)), index + 1)
            glyphs, rotated = _read_glyphs(textpage.raw, top)
        finally:
            textpage.close()
        rules, images = _read_shapes(page.raw, top, right - left)
        return PageText(index + 1, right - left, top - bottom, glyphs, rules, rotated, images)
    finally:
        page.close()


@dataclass(frozen=True, slots=True)
class _Style:
    font: str
    bold: bool
    size: float
    upright: bool


def _read_glyphs(textpage: Any, top: float) -> tuple[list[Glyph], str]:
    count = int(pdfium_c.FPDFText_CountChars(textpage))
    rect = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(origin_x), ctypes.byref(origin_y)
    styles: dict[int | None, _Style] = {}
    glyphs: list[Glyph] = []
    rotated: list[str] = []
    pending_high = 0
    for index in range(count):
        code = int(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if code in _SKIP_CODES or (code == 0x20 and pdfium_c.FPDFText_IsGenerated(textpage, index)):
            continue
        if 0xD800 <= code < 0xDC00:  # high surrogate: the character continues in the next slot
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        # A control code, a lone surrogate or no code point at all: a character without Unicode.
        if (code < 0x20 and code != 0x09) or 0xD800 <= code < 0xE000 or code > 0x10FFFF:
            code = 0xFFFD
        obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        style = styles.get(key)
        if style is None:
            style = styles[key] = _style(textpage, index, obj)
        if not style.upright:
            rotated.append(chr(code))
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect_ref)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ox_ref, oy_ref)
        # Some fonts (Type 3) report no size; the character's box says how big it is.
        size = style.size if style.size >= 2 else max(rect.top - rect.bottom, 1.0)
        glyphs.append(Glyph(chr(code), rect.left, rect.right, top - origin_y.value, size, style.font, style.bold))
    return glyphs, "".join(rotated)


def _style(textpage: Any, index: int, obj: Any) -> _Style:
    """Font, boldness, size and orientation, shared by every character of one text object."""
    font_name = ""
    bold = False
    if obj:
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if font:
            font_name = _font_name(font)
            flags = int(pdfium_c.FPDFFont_GetFlags(font))
            bold = int(pdfium_c.FPDFFont_GetWeight(font)) >= 600 or bool(flags & _FORCE_BOLD)
        # LibreOffice and Word draw synthetic bold (a CJK font without a bold face) as text
        # that is filled and stroked.
        mode = int(pdfium_c.FPDFTextObj_GetTextRenderMode(obj))
        bold = bold or mode == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE
    weight = int(pdfium_c.FPDFText_GetFontWeight(textpage, index))
    bold = bold or weight >= 600 or bool(_BOLD_NAME.search(font_name))
    size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
    matrix = pdfium_c.FS_MATRIX()
    upright = True
    if pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix)):
        upright = abs(matrix.b) <= 0.05 * abs(matrix.a) and matrix.a > 0
    return _Style(font_name, bold, size, upright)


def _font_name(font: Any) -> str:
    buffer = ctypes.create_string_buffer(256)
    length = int(pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer)))
    raw = buffer.raw[: max(0, min(length, len(buffer)) - 1)]
    # Subset prefixes (ABCDEF+) carry no meaning; Chinese font names may be GBK bytes.
    raw = re.sub(rb"^[A-Z]{6}\+", b"", raw)
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _read_shapes(page: Any, top: float, width: float) -> tuple[list[float], list[Box]]:
    """Horizontal rules across at least 40 % of the page (the masthead's red rule, the tail's
    rules) and the boxes of pictures."""
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, upper = ctypes.c_float(), ctypes.c_float()
    refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(upper))
    rules: list[float] = []
    images: list[Box] = []
    for index in range(int(pdfium_c.FPDFPage_CountObjects(page))):
        obj = pdfium_c.FPDFPage_GetObject(page, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(Box(left.value, top - upper.value, right.value, top - bottom.value))
        elif upper.value - bottom.value <= 6 and right.value - left.value >= 0.4 * width:
            rules.append(top - (upper.value + bottom.value) / 2)
    merged: list[float] = []
    for y in sorted(rules):  # a double rule (thick and thin) is one rule
        if not merged or y - merged[-1] > 6:
            merged.append(y)
    return merged, images


# --- lines ----------------------------------------------------------------------------------------

_SPACES = frozenset(" \t\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f")
_OPENING = frozenset("（(《〈「『【〔[{")
_QUOTES = frozenset("“”‘’\"'")
_CLOSING = frozenset("，。、；：！？）)》〉」』】〕]},.;:!?%％…—·")
_LATIN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,%％+\-/:_'&@#]")
_ALNUM_END = re.compile(r"[0-9A-Za-z]$")
_ALNUM_START = re.compile(r"^[0-9A-Za-z]")


@dataclass(slots=True)
class _Line:
    """A run of glyphs on one baseline; a line split at a tab-like gap gives several runs."""

    page: int
    number: int
    baseline: float
    x0: float  # left edge of the first visible glyph
    x1: float  # right edge of the last visible glyph
    size: float
    chars: list[tuple[str, bool]]  # text with boldness, spaces normalised
    first_word: float  # width of what would have to fit at the end of the line before
    spacing: float = 0.0  # median gap between glyphs: large when justification stretched it
    alone: bool = False

    @property
    def text(self) -> str:
        return "".join(char for char, _ in self.chars)

    @property
    def all_bold(self) -> bool:
        return all(bold for char, bold in self.chars if char != " ")

    @property
    def ends_bold(self) -> bool:
        visible = [bold for char, bold in self.chars if char != " "]
        return bool(visible) and visible[-1]


def _page_lines(page: PageText, radicals: Counter[str]) -> list[_Line]:
    rows: list[list[Glyph]] = []
    for glyph in sorted(page.glyphs, key=lambda g: g.baseline):
        if rows:
            ref = rows[-1][0]
            if abs(glyph.baseline - ref.baseline) <= 0.35 * max(glyph.size, ref.size, 1.0):
                rows[-1].append(glyph)
                continue
        rows.append([glyph])
    lines: list[_Line] = []
    for number, row in enumerate(rows, start=1):
        images = [box for box in page.images if box.top - 2 <= row[0].baseline <= box.bottom + row[0].size]
        lines.extend(_row_lines(page.number, number, row, images, radicals))
    return lines


def _row_lines(page: int, number: int, row: list[Glyph], images: list[Box], radicals: Counter[str]) -> list[_Line]:
    glyphs = _merge_overstrike(sorted(row, key=lambda g: g.x0))
    visible = [(i, g) for i, g in enumerate(glyphs) if g.text not in _SPACES]
    if not visible:
        return []
    size = statistics.median(g.size for _, g in visible) or 1.0
    gaps = [b.x0 - a.x1 for (_, a), (_, b) in itertools.pairwise(visible)]
    spacing = max(0.0, statistics.median(gaps)) if gaps else 0.0
    runs: list[list[tuple[int, Glyph]]] = [[visible[0]]]
    for gap, item in zip(gaps, visible[1:], strict=False):
        pictured = any(box.x0 < item[1].x0 and box.x1 > runs[-1][-1][1].x1 for box in images)
        if gap - spacing >= 3 * size and not pictured:  # a tab or a run of spaces: separate fields
            runs.append([item])
        else:
            runs[-1].append(item)
    out = []
    for run in runs:
        chars = _run_chars(glyphs, run, size, spacing, radicals)
        x0 = run[0][1].x0
        # A picture set inside the text at the start of the line is where the line starts.
        x0 = min([x0, *(box.x0 for box in images if x0 - 2 * size <= box.x1 <= x0 + 2)])
        out.append(
            _Line(
                page=page,
                number=number,
                baseline=statistics.median(g.baseline for _, g in run),
                x0=x0,
                x1=run[-1][1].x1,
                size=size,
                chars=chars,
                first_word=_first_word_width(glyphs[run[0][0] : run[-1][0] + 1]),
                spacing=spacing,
                alone=len(runs) > 1,
            )
        )
    return out


def _merge_overstrike(glyphs: list[Glyph]) -> list[Glyph]:
    """Some producers make bold by printing a glyph twice, slightly offset: keep one, bold."""
    out: list[Glyph] = []
    for glyph in glyphs:
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            prev = out[k]
            if (
                prev.text == glyph.text
                and glyph.text not in _SPACES
                and abs(prev.x0 - glyph.x0) < min(0.3 * glyph.size, 0.5 * (glyph.x1 - glyph.x0))
                and abs(prev.baseline - glyph.baseline) < 0.3 * glyph.size
            ):
                out[k] = Glyph(prev.text, prev.x0, max(prev.x1, glyph.x1), prev.baseline, prev.size, prev.font, True)
                break
        else:
            out.append(glyph)
    return out


def _run_chars(
    glyphs: list[Glyph], run: list[tuple[int, Glyph]], size: float, spacing: float, radicals: Counter[str]
) -> list[tuple[str, bool]]:
    chars: list[tuple[str, bool]] = []
    first_index = run[0][0]
    if any(g.text in _SPACES for g in glyphs[max(0, first_index - 1) : first_index]) and first_index > 0:
        chars.append((" ", False))
    for position, (index, glyph) in enumerate(run):
        if position:
            prev_index, prev = run[position - 1]
            spaced = any(g.text in _SPACES for g in glyphs[prev_index + 1 : index])
            if spaced or glyph.x0 - prev.x1 - spacing >= 0.3 * size:
                chars.append((" ", prev.bold and glyph.bold))
        chars.append((_normalise(glyph.text, radicals), glyph.bold))
    last_index = run[-1][0]
    if any(g.text in _SPACES for g in glyphs[last_index + 1 : last_index + 2]):
        chars.append((" ", False))
    return chars


# CJK Radicals Supplement characters that fonts share with whole simplified ideographs; NFKC
# knows only the Kangxi radicals (U+2F00–U+2FD5).
_RADICALS = str.maketrans(
    "⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳", "民西见角贝车长门青韦页风飞食马鬼鱼鸟卤麦黄黾齐齿龙龟"
)


def _normalise(char: str, radicals: Counter[str]) -> str:
    # Some PDF producers map ideographs to radicals (⼈ for 人, ⻓ for 长) in the text layer.
    if "\u2e80" <= char <= "\u2fdf":
        mapped = unicodedata.normalize("NFKC", char.translate(_RADICALS))
        if mapped != char:
            radicals[char] += 1
            return mapped
    return char


def _first_word_width(glyphs: Sequence[Glyph]) -> float:
    """Width of the leading unbreakable piece: a character or Latin word with its punctuation.

    Opening punctuation sticks to what follows, closing punctuation to what precedes, and
    curly quotes to both sides (LibreOffice and Word break neither before nor after them).
    """
    end = 0
    while end < len(glyphs) - 1 and glyphs[end].text in _OPENING | _QUOTES:
        end += 1
    if _LATIN.match(glyphs[end].text):  # a word ends at a space
        while end + 1 < len(glyphs) and _LATIN.match(glyphs[end + 1].text):
            end += 1
    while end + 1 < len(glyphs):
        following = glyphs[end + 1].text
        if following in _QUOTES:
            end = min(end + 2, len(glyphs) - 1)
        elif following in _CLOSING:
            end += 1
        else:
            break
    return glyphs[end].x1 - glyphs[0].x0


# --- page furniture ---------------------------------------------------------------------------

_DASHES = "-—–－―~～_·•"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]+\d{{1,4}}[{_DASHES}]+|[{_DASHES}]+[一二三四五六七八九十百]+[{_DASHES}]+"
    r"|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?|共\d{1,4}页[,，/／]?第\d{1,4}页|\d{1,4}/\d{1,4}"
    r"|(?:page|p\.)\d{1,4}(?:(?:of|/)\d{1,4})?)$",
    re.IGNORECASE,
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- paragraphs -------------------------------------------------------------------------------

_STARTS_BLOCK = re.compile(
    r"^\s*(?:[【〖]|(?:本期发|本期送|本期报|抄送|抄报|分送|主送|责任编辑|审核|签发|校对)\s*[：:])"
)

_JOIN, _NEWLINE, _NEW = "join", "newline", "new"


@dataclass(slots=True)
class _Metrics:
    """The left and right edges of the text block (odd and even pages may differ: mirrored
    margins)."""

    left: float
    right: float


class _Layout:
    def __init__(self, pages: list[PageText]) -> None:
        self.pages = pages
        self.warnings: list[ImportWarning] = []
        self.radicals: Counter[str] = Counter()
        _embolden_hei(pages)
        self.lines = {page.number: _page_lines(page, self.radicals) for page in pages}
        all_lines = [line for lines in self.lines.values() for line in lines]
        self.body_size = _body_size(pages)
        self.pitch = _pitch(self.lines, self.body_size)
        self.metrics = _margins(self.lines, self.body_size)
        s = self.body_size
        indents = [ln for ln in all_lines if 1.4 * s <= ln.x0 - self._m(ln).left <= 2.7 * s]
        self.indent_doc = len(indents) >= 2
        self.box_right: dict[int, float] = {}  # id(line) -> right edge of a narrower text box

    def _m(self, line: _Line) -> _Metrics:
        return self.metrics[line.page % 2]

    # furniture -----------------------------------------------------------------------------

    def drop_furniture(self) -> None:
        for number, lines in self.lines.items():
            numbers = sorted({ln.number for ln in lines})
            self.lines[number] = [ln for ln in lines if not self._is_page_number(ln, numbers)]
        for zone in ("head", "foot"):
            self._drop_running(zone)
        self._drop_running_rules()

    def _is_page_number(self, line: _Line, numbers: list[int]) -> bool:
        """`numbers` are the page's line numbers, top to bottom."""
        edge = numbers[:2] + numbers[-2:]
        if line.number not in edge:
            return False
        text = _squeezed(line.text)
        if _PAGE_NUMBER.match(text):
            return True
        if _LONE_NUMBER.match(text) and line.number in (numbers[0], numbers[-1]):
            self.warnings.append(
                ImportWarning("page-number-dropped", f"删去页边的单独数字“{text}”（视为页码）", line.number, line.page)
            )
            return True
        return False

    def _drop_running(self, zone: str) -> None:
        found: dict[tuple[str, int], set[int]] = defaultdict(set)
        edges: dict[int, list[_Line]] = {}
        for number, lines in self.lines.items():
            numbers = sorted({ln.number for ln in lines})
            chosen = numbers[:2] if zone == "head" else numbers[-2:]
            edges[number] = [ln for ln in lines if ln.number in chosen]
            for line in edges[number]:
                found[_running_key(line)].add(number)
        repeated = {key for key, pages in found.items() if len(pages) >= 2}
        if not repeated:
            return
        label = "页眉" if zone == "head" else "页脚"
        for number, edge in edges.items():
            dropped = [ln for ln in edge if _running_key(ln) in repeated]
            for line in dropped:
                self.warnings.append(
                    ImportWarning(
                        "running-head-dropped",
                        f"删去各页重复的{label}“{line.text.strip()}”",
                        line.number,
                        number,
                    )
                )
            self.lines[number] = [ln for ln in self.lines[number] if ln not in dropped]

    def _drop_running_rules(self) -> None:
        """Header and footer rules repeat on every page outside the text; content rules do not."""
        seen: Counter[int] = Counter()
        for page in self.pages:
            for y in {round(y / 3) for y in page.rules}:
                seen[y] += 1
        for page in self.pages:
            lines = self.lines[page.number]
            top = min((ln.baseline for ln in lines), default=page.height)
            bottom = max((ln.baseline for ln in lines), default=0.0)
            page.rules = [
                y for y in page.rules if not (seen[round(y / 3)] >= 2 and (y < top - self.body_size or y > bottom))
            ]

    # blocks --------------------------------------------------------------------------------

    def _find_boxes(self) -> None:
        """Runs of lines that share a left edge but end well short of the right margin, like
        the text of a table cell: their longest line is their right edge."""
        s = self.body_size
        for lines in self.lines.values():
            runs: list[list[_Line]] = []
            for line in lines:
                if line.alone:
                    continue
                if runs:
                    last = runs[-1][-1]
                    if (
                        abs(line.x0 - last.x0) <= 1
                        and line.size == last.size
                        and 0 < line.baseline - last.baseline <= 1.6 * self.pitch * line.size / s
                    ):
                        runs[-1].append(line)
                        continue
                runs.append([line])
            for run in runs:
                m = self._m(run[0])
                right = max(line.x1 for line in run)
                if len(run) >= 2 and m.left + 0.6 * (m.right - m.left) <= right < m.right - s:
                    self.box_right.update((id(line), right) for line in run)

    def _join_stretched_spaces(self) -> None:
        """Rejoin the runs of a row that were split at a word space stretched by justification.

        WeasyPrint justifies a line by widening its spaces only (Chinese has none), so a line
        with one Latin word space ("iPhone 15") puts all its slack there, and pdfium may give
        that space as a generated one, which extraction skips: the gap looks like a tab between
        fields. It is a word space when the row is full and its gaps together, less half an em
        each for the spaces themselves, are narrower than the first word of the next line (and
        half an em for a space dropped at the break): that word did not fit into the slack.
        Fields set apart by a tab leave more room than the next line's first word needs."""
        s = self.body_size
        elements = [element for page in self.pages for element in self._elements(page)]
        rows: list[tuple[list[_Line], _Line | float | None]] = []  # the runs of a row, what follows
        for index, element in enumerate(elements):
            if not isinstance(element, _Line):
                continue
            after = elements[index + 1] if index + 1 < len(elements) else None
            last = rows[-1][0][-1] if rows else None
            if last is not None and (last.page, last.number) == (element.page, element.number):
                rows[-1] = ([*rows[-1][0], element], after)
            else:
                rows.append(([element], after))
        for row, after in rows:
            if len(row) < 2 or not isinstance(after, _Line) or self._indented(after):
                continue
            runs = sorted(row, key=lambda ln: ln.x0)
            if self._m(runs[-1]).right - runs[-1].x1 >= 0.5 * s:
                continue  # not full: justification stretched nothing
            if sum(b.x0 - a.x1 for a, b in itertools.pairwise(runs)) >= after.first_word + len(runs) * 0.5 * s:
                continue
            chars = list(runs[0].chars)
            for run in runs[1:]:
                more = list(run.chars)
                while chars and chars[-1][0] == " ":
                    chars.pop()
                while more and more[0][0] == " ":
                    more.pop(0)
                chars.append((" ", bool(chars and more) and chars[-1][1] and more[0][1]))
                chars.extend(more)
            joined = dataclasses.replace(runs[0], x1=runs[-1].x1, chars=chars, alone=False)
            lines = self.lines[joined.page]
            at = next(index for index, line in enumerate(lines) if any(line is run for run in runs))
            kept = [line for line in lines if not any(line is run for run in runs)]
            self.lines[joined.page] = [*kept[:at], joined, *kept[at:]]

    def blocks(self) -> list[Block]:
        self._join_stretched_spaces()
        self._find_boxes()
        builder = _Builder()
        prev: _Line | None = None
        for page in self.pages:
            builder.page_break = page.number > self.pages[0].number
            for element in self._elements(page):
                if isinstance(element, float):
                    builder.rule(page.number, self._line_after(page.number, element))
                    prev = None
                    continue
                line = element
                decision = _NEW if prev is None or builder.first is None else self._decide(prev, line, builder.first)
                if decision == _JOIN and prev is not None and prev.page != line.page:
                    self.warnings.append(
                        ImportWarning(
                            "page-break-joined",
                            f"第 {prev.page} 页末的段落在第 {line.page} 页接续，已合并为一段",
                            prev.number,
                            prev.page,
                        )
                    )
                if decision == _NEW:
                    builder.start(line, heading=self._heading(line))
                else:
                    builder.add(line, "\n" if decision == _NEWLINE else _joiner(builder.tail_text, line.text))
                prev = line
        return builder.finish()

    def _elements(self, page: PageText) -> list[_Line | float]:
        items: list[tuple[float, int, _Line | float]] = [(y, 0, y) for y in page.rules]
        items += [(ln.baseline, 1, ln) for ln in self.lines[page.number]]
        items.sort(key=lambda item: (item[0], item[1], item[2].x0 if isinstance(item[2], _Line) else 0.0))
        return [item[2] for item in items]

    def _line_after(self, page: int, y: float) -> int:
        lines = self.lines[page]
        after = [ln.number for ln in lines if ln.baseline > y]
        return min(after) if after else max((ln.number for ln in lines), default=0) + 1

    def _heading(self, line: _Line) -> int:
        """1 for large type (the masthead title); 2 for a short bold line in a size of its own,
        as Word's heading styles give; a one-line block only (the builder checks)."""
        if line.size >= 1.5 * self.body_size:
            return 1
        distinct = abs(line.size - self.body_size) > 0.1 * self.body_size
        return 2 if distinct and line.all_bold and len(line.text.strip()) <= 32 else 0

    def _indented(self, line: _Line) -> bool:
        return line.x0 - self._m(line).left > 0.8 * self.body_size

    def _centred(self, line: _Line) -> bool:
        m, s = self._m(line), self.body_size
        left_gap, right_gap = line.x0 - m.left, m.right - line.x1
        if left_gap >= 2.5 * s and abs(left_gap - right_gap) <= max(1.5 * s, 0.05 * (m.right - m.left)):
            return True
        # right-aligned, like a date or a signature
        return left_gap >= 0.4 * (m.right - m.left) and right_gap <= s

    def _hangs(self, prev: _Line, line: _Line, first: _Line) -> bool:
        """A hanging indent (本期发：… with its wrapped lines under the recipients): the lines
        after the first start further right, and each line before them is full but for a
        right indent of up to one character."""
        if line.x0 - first.x0 < 0.8 * self.body_size:
            return False
        if prev is not first and abs(line.x0 - prev.x0) > 1:
            return False
        return self._room(prev) < line.first_word + 1.3 * line.size

    def _room(self, prev: _Line) -> float:
        """The room left at the end of a line, in the text block or the box it sits in."""
        return self.box_right.get(id(prev), self._m(prev).right) - prev.x1

    def _decide(self, prev: _Line, line: _Line, first: _Line) -> str:
        """How `line` follows `prev`, the last line of the block that `first` started."""
        s = self.body_size
        same_page = prev.page == line.page
        if prev.alone or line.alone:
            return _NEW
        if abs(prev.size - line.size) > 0.15 * max(prev.size, line.size):
            return _NEW
        if same_page and line.baseline - prev.baseline > 1.6 * self.pitch * max(line.size, prev.size) / s:
            return _NEW
        if self._centred(prev) or self._centred(line):
            return _NEW
        if self._hangs(prev, line, first):
            return _JOIN
        if self._indented(line):
            return _NEW
        if prev.text.rstrip().endswith((":", "：")) and self._m(prev).right - prev.x1 >= 2 * s:
            return _NEW  # a label or a 主送 line ends there, well short of the margin
        room = self._room(prev)
        stretched = prev.spacing > 0.25 * prev.size  # justified up to a line break (Shift+Enter)
        full = not stretched and (room < line.first_word + 0.3 * line.size or room < 0.5 * line.size)
        # A section, a tail label or a bold line starts a block, unless the line before is full
        # and stops mid-sentence: then the paragraph goes on.
        if _STARTS_BLOCK.match(line.text) or (line.all_bold and not prev.ends_bold):
            if not full or ends_sentence(prev.text):
                return _NEW
        if full:
            return _JOIN
        if same_page and self.indent_doc and self._indented(first):
            return _NEWLINE  # a hard line break inside an indented paragraph
        return _NEW

    def reading(self) -> Reading:
        if not any(page.glyphs for page in self.pages):
            raise UnreadableInput(NO_TEXT_LAYER)
        undecodable = _check_decoding(self.pages)
        if undecodable:
            first = next(p.number for p in self.pages if any(_undecodable(g.text) for g in p.glyphs))
            self.warnings.append(
                ImportWarning(
                    "undecodable-characters", f"PDF 文本层有 {undecodable} 个字符无法解码，显示为 �", page=first
                )
            )
        for page in self.pages:
            if not page.glyphs and len(self.pages) > 1:
                self.warnings.append(
                    ImportWarning(
                        "page-without-text",
                        f"第 {page.number} 页没有文本层（可能是图片），该页内容未导入",
                        page=page.number,
                    )
                )
            if page.rotated_text.strip():
                preview = _squeezed(page.rotated_text)[:20]
                self.warnings.append(
                    ImportWarning(
                        "rotated-text-dropped", f"删去斜排或竖排的文字“{preview}”（多为水印）", page=page.number
                    )
                )
        self.drop_furniture()
        blocks = self.blocks()
        if self.radicals:
            total = sum(self.radicals.values())
            self.warnings.append(
                ImportWarning(
                    "radicals-replaced",
                    f"文本层用部首字符代替了汉字，已替换 {total} 处（如“{next(iter(self.radicals))}”）",
                )
            )
        self.warnings.sort(key=lambda w: (w.page or 0, w.line or 0))
        return Reading(blocks, self.warnings, encoding=None, format="pdf")


def _embolden_hei(pages: list[PageText]) -> None:
    """Offices set lead-in titles and headings in 黑体 (SimHei) inside 仿宋 text: that is their
    bold. Only when the body is not itself in a 黑体 face."""
    fonts = Counter(g.font for page in pages for g in page.glyphs if g.text not in _SPACES)
    if not fonts or _HEI_NAME.search(fonts.most_common(1)[0][0]):
        return
    for page in pages:
        page.glyphs = [
            Glyph(g.text, g.x0, g.x1, g.baseline, g.size, g.font, True)
            if not g.bold and _HEI_NAME.search(g.font)
            else g
            for g in page.glyphs
        ]


def _running_key(line: _Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", _squeezed(line.text)), round(line.size)


def _joiner(before: str, after: str) -> str:
    """What goes between two wrapped lines: nothing between Chinese, one space between words."""
    if before.endswith(" ") or after.startswith(" "):
        return ""
    if _ALNUM_END.search(before) and _ALNUM_START.match(after):
        return " "
    return ""


def _body_size(pages: list[PageText]) -> float:
    sizes = Counter(round(g.size * 2) / 2 for page in pages for g in page.glyphs if g.text not in _SPACES)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _pitch(lines: dict[int, list[_Line]], size: float) -> float:
    steps = []
    for page_lines in lines.values():
        body = [ln for ln in page_lines if abs(ln.size - size) <= 0.15 * size]
        for a, b in itertools.pairwise(body):
            if b.number != a.number and 0 < b.baseline - a.baseline < 3 * size:
                steps.append(b.baseline - a.baseline)
    return statistics.median(steps) if steps else 1.5 * size


def _margins(lines: dict[int, list[_Line]], size: float) -> dict[int, _Metrics]:
    """Left and right edges of the text block, per page parity (mirrored margins) when clear."""

    def measure(selected: Iterable[_Line]) -> _Metrics | None:
        body = [ln for ln in selected if abs(ln.size - size) <= 0.15 * size and not ln.alone]
        if len(body) < 5:
            return None
        counts = Counter(round(ln.x0) for ln in body)
        top = max(counts.values())
        # On a tie (a short issue: a centred issue line and page number against a few body
        # lines) the leftmost edge is the margin.
        common = min(x for x, n in counts.items() if n == top)
        left = min((ln.x0 for ln in body if abs(ln.x0 - common) <= 1), default=float(common))
        # Most lines of a paragraph but its last reach the right edge; a few go past it, with
        # punctuation hanging in the margin.
        full = [ln.x1 for ln in body if len(ln.chars) >= 6 and ln.x0 - left <= 2.7 * size]
        widths = sorted(full or [ln.x1 for ln in body])
        right = widths[min(len(widths) - 1, int(0.75 * len(widths)))]
        if len(body) < 12:
            # Few lines, most of them first lines of one-line paragraphs: the text block
            # reaches as far as any line does.
            left = min([left, *(ln.x0 for ln in body if ln.x0 >= left - 3 * size)])
            right = max(ln.x1 for ln in body)
        return _Metrics(left, right)

    every = [ln for page_lines in lines.values() for ln in page_lines]
    whole = measure(every)
    if whole is None:
        left = min((ln.x0 for ln in every), default=0.0)
        right = max((ln.x1 for ln in every), default=left + 28 * size)
        whole = _Metrics(left, max(right, left + size))
    out = {}
    for parity in (0, 1):
        own = measure(ln for ln in every if ln.page % 2 == parity)
        out[parity] = own or whole
    return out


def _undecodable(char: str) -> bool:
    return char == "\ufffd" or "\ue000" <= char <= "\uf8ff"


def _check_decoding(pages: list[PageText]) -> int:
    """How many characters have no Unicode; too many and the text layer is useless."""
    visible = [g.text for page in pages for g in page.glyphs if g.text not in _SPACES]
    bad = sum(1 for char in visible if _undecodable(char))
    if len(visible) >= 20 and bad > 0.3 * len(visible):
        raise UnreadableInput("PDF 文本层无法解码（字体缺少 Unicode 映射），需要先做文字识别")
    return bad


class _Builder:
    """Collects lines into blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.spans: list[Span] = []
        self.first: _Line | None = None
        self.heading = 0
        self.page_break = False
        self.tail_text = ""
        self.line_count = 0
        self._break_before = False

    def start(self, line: _Line, *, heading: int) -> None:
        self.flush()
        self.first, self.heading = line, heading
        self.line_count = 0
        self._break_before, self.page_break = self.page_break, False
        self._append(line)

    def add(self, line: _Line, joiner: str) -> None:
        self.page_break = False
        if joiner:
            bold = joiner == " " and bool(self.spans) and self.spans[-1].bold and line.chars[0][1]
            self.spans.append(Span(joiner, bold))
        self._append(line)

    def _append(self, line: _Line) -> None:
        self.line_count += 1
        self.spans.extend(Span(char, bold) for char, bold in line.chars)
        self.tail_text = line.text

    def rule(self, page: int, line: int) -> None:
        self.flush()
        self.blocks.append(Block((), line=line, page=page, rule=True, page_break_before=self.page_break))
        self.page_break = False

    def flush(self) -> None:
        if self.first is None:
            return
        spans = list(merge_spans(self.spans))
        while spans and not spans[0].text.strip():
            spans.pop(0)
        while spans and not spans[-1].text.strip():
            spans.pop()
        if spans:
            spans[0] = Span(spans[0].text.lstrip(), spans[0].bold)
            spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold)
            first = self.first
            self.blocks.append(
                Block(
                    tuple(spans),
                    line=first.number,
                    page=first.page,
                    heading=self.heading if self.heading == 1 or self.line_count == 1 else 0,
                    page_break_before=self._break_before,
                )
            )
        self.first, self.spans = None, []

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks


def insert_gap_spaces(page: PageText, *, ratio: float = 0.3) -> None:
    """Put a space where a line's characters stand apart by more than `ratio` of their size.

    PDF producers write spaces as characters; OFD printers and text recognition often leave
    only the gap (责任编辑：李勉  审核：原超俊), which the tail and title rules need as a space."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(page.glyphs, key=lambda g: g.baseline):
        if rows and abs(glyph.baseline - rows[-1][0].baseline) <= 0.35 * max(glyph.size, rows[-1][0].size, 1.0):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    out: list[Glyph] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        for index, glyph in enumerate(row):
            before = row[index - 1] if index else None
            if (
                before is not None
                and glyph.text not in _SPACES
                and before.text not in _SPACES
                and glyph.x0 - before.x1 > ratio * max(glyph.size, before.size)
            ):
                bold = before.bold and glyph.bold
                out.append(Glyph(" ", before.x1, glyph.x0, glyph.baseline, glyph.size, glyph.font, bold))
            out.append(glyph)
    page.glyphs = out


def layout(pages: list[PageText]) -> Reading:
    """Rebuild paragraphs from the glyphs of every page (any extractor's)."""
    return _Layout([dataclasses.replace(page) for page in pages]).reading()
