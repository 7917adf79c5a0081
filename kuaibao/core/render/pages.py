"""Lay a bulletin out on GB/T 9704 pages, as the PDF's print stylesheet does, for the OFD writer.

The geometry is the print stylesheet's (`html.STYLESHEET`): A4, margins 37/26/35/28 mm, body
16 pt on a 28.95 pt line, letter spacing −0.25 pt, the marks, the red masthead and its rule,
【栏目】 headings in the sans face kept with their item, items justified with a two-character
indent, orphans and widows as the stylesheet sets them, the tail at the foot of the last page
between its rules, and the folio "— N —" below the text block. Lines break as a Chinese
compositor breaks them (and as Pango does for this text): between any two Chinese characters,
never before a closing mark or after an opening one, never inside a Latin word or a number,
after a space. Advances are the open fonts' own (`fonts`), so lines fill as in the PDF.

The result is positioned text and rules, in points from the page's top left corner; the OFD
writer only converts and writes them. WeasyPrint takes ~0.4 s to lay out a 17-page issue;
this takes a few tens of milliseconds (bench/render.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.render.fonts import OpenFont, open_font

__all__ = ["Glyphs", "PageLayout", "Rule", "TextPage", "layout_pages"]

PT_PER_MM = 72 / 25.4
PAGE_WIDTH = 210 * PT_PER_MM
PAGE_HEIGHT = 297 * PT_PER_MM
LEFT = 28 * PT_PER_MM
TOP = 37 * PT_PER_MM
BLOCK_WIDTH = 156 * PT_PER_MM
BLOCK_HEIGHT = 225 * PT_PER_MM
BOTTOM = TOP + BLOCK_HEIGHT

BODY_SIZE = 16.0
LINE = 28.95
SPACING = -0.25  # letter spacing of the bulletin's text
TITLE_SIZE = 52.0
TITLE_LINE = 70.0
SUPPLEMENT_SIZE = 26.0
TAIL_SIZE = 14.0
TAIL_LINE = 24.0
FOLIO_SIZE = 14.0
RED = "255 0 0"
BLACK = "0 0 0"

# Never at the start of a line (closing marks, pauses) and never at its end (opening marks).
_NO_START = frozenset("，。、；：？！）】》」』’”〕〉｝］%％‰℃…—·,.;:?!)]}")
_NO_END = frozenset("（【《「『‘“〔〈｛［([{")
# Latin words and numbers: no break inside a run of these.
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,%+-/:_@&'#")
_SPACES = frozenset(" \u2005")
# Quotation marks (UAX #14 class QU): no break before or after them (rule LB19, as Pango has it).
_QUOTES = frozenset("‘’“”\"'")


@dataclass(frozen=True, slots=True)
class Glyphs:
    """A run of characters on one line in one font: its first character's origin (x, and the
    baseline y), and each character's advance, spacing and justification included."""

    x: float
    y: float
    font: str
    size: float
    text: str
    advances: tuple[float, ...]
    color: str = BLACK


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal rule from x0 to x1 whose stroke is centred on y."""

    x0: float
    x1: float
    y: float
    width: float
    color: str = BLACK


@dataclass(slots=True)
class TextPage:
    glyphs: list[Glyphs] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass(slots=True)
class PageLayout:
    """Pages of positioned text, and where the masthead and the tail fell (for comparisons)."""

    pages: list[TextPage]
    chars: dict[str, set[str]]  # font key → characters drawn with it
    masthead_baseline: float = 0.0  # y of the masthead title's baseline on page 1
    tail_top: float | None = None  # y of the tail's first rule, on the last page


@dataclass(frozen=True, slots=True)
class _Style:
    font: str
    size: float
    spacing: float = SPACING
    color: str = BLACK


@dataclass(slots=True)
class _Line:
    """A laid line: runs relative to the line's left edge, its height and baseline offset."""

    runs: list[tuple[float, _Style, str, list[float]]]
    height: float
    baseline: float
    width: float = 0.0
    x: float = 0.0


_BODY = _Style("serif", BODY_SIZE)
_BOLD = _Style("serif-bold", BODY_SIZE)
_SANS = _Style("sans", BODY_SIZE)


def layout_pages(bulletin: Bulletin) -> PageLayout:
    """The bulletin on pages, as the PDF lays it out."""
    return _Composer(bulletin).compose()


class _Composer:
    def __init__(self, bulletin: Bulletin) -> None:
        self.bulletin = bulletin
        self.fonts = {key: open_font(key) for key in ("serif", "serif-bold", "sans")}
        self.pages: list[TextPage] = [TextPage()]
        self.y = TOP
        self.chars: dict[str, set[str]] = {key: set() for key in self.fonts}
        self.masthead_baseline = 0.0

    # --- pages ---------------------------------------------------------------------------

    def compose(self) -> PageLayout:
        self._masthead()
        self._body()
        tail_top = self._tail()
        for number, page in enumerate(self.pages, start=1):
            self._folio(page, number)
        return PageLayout(self.pages, self.chars, self.masthead_baseline, tail_top)

    @property
    def page(self) -> TextPage:
        return self.pages[-1]

    def _new_page(self) -> None:
        self.pages.append(TextPage())
        self.y = TOP

    def _place(self, line: _Line, left: float) -> None:
        baseline = self.y + line.baseline
        for offset, style, text, advances in line.runs:
            self.page.glyphs.append(
                Glyphs(left + line.x + offset, baseline, style.font, style.size, text, tuple(advances), style.color)
            )
            self.chars[style.font].update(text)
        self.y += line.height

    # --- the masthead ----------------------------------------------------------------------

    def _masthead(self) -> None:
        marks = self.bulletin.marks
        if marks:
            left = list(marks.left_lines) or [""]
            for index, text in enumerate(left):
                line = self._single(text, _SANS, LINE)
                if index == 0 and marks.serial_text:
                    serial = self._single(marks.serial_text, _SANS, LINE)
                    line.runs += [(BLOCK_WIDTH - serial.width + o, s, t, a) for o, s, t, a in serial.runs]
                self._place(line, LEFT)
            self.y += 6
        title_style = _Style("serif-bold", TITLE_SIZE, TITLE_SIZE * 0.05, RED)
        pieces = [(self.bulletin.title, title_style)]
        if self.bulletin.supplement:
            pieces.append(("（增刊）", _Style("serif-bold", SUPPLEMENT_SIZE, SUPPLEMENT_SIZE * 0.05, RED)))
        title = self._centred(self._line(pieces, TITLE_LINE))
        self.masthead_baseline = self.y + title.baseline
        self._place(title, LEFT)
        self.y += 6
        number = f"第{self.bulletin.issue}期"
        if self.bulletin.total_issue is not None:
            number += f"（总第{self.bulletin.total_issue}期）"
        self._place(self._centred(self._single(number, _BODY, LINE)), LEFT)
        self.y += 12
        date = self.bulletin.date
        imprint = self._single(self.bulletin.publisher, _BODY, LINE)
        dated = self._single(f"{date.year}年{date.month}月{date.day}日", _BODY, LINE)
        imprint.runs += [(BLOCK_WIDTH - dated.width + o, s, t, a) for o, s, t, a in dated.runs]
        self._place(imprint, LEFT)
        self.y += 2
        self.page.rules.append(Rule(LEFT, LEFT + BLOCK_WIDTH, self.y + 2.25 / 2, 2.25, RED))
        self.y += 2.25 + 12

    def _centred(self, line: _Line) -> _Line:
        line.x = (BLOCK_WIDTH - line.width) / 2
        return line

    # --- the body --------------------------------------------------------------------------

    def _body(self) -> None:
        section: str | None = None
        for index, item in enumerate(self.bulletin.items):
            heading = None
            if item.section is not None and (index == 0 or item.section != section):
                heading = self._single(f"【{item.section}】", _SANS, LINE)
            section = item.section
            self._item(item, heading)

    def _item(self, item: Item, heading: _Line | None) -> None:
        title_lines = math.ceil((len(item.title) + 3) / 28) if item.title else 0
        orphans = max(2, title_lines + 1)
        paragraphs: list[Paragraph] = list(item.paragraphs) or [Paragraph(())]
        for index, paragraph in enumerate(paragraphs):
            pieces: list[tuple[str, _Style]] = []
            if index == 0 and item.title:
                pieces.append((item.title, _BOLD))
                if paragraph.text:
                    pieces.append((" ", _BODY))
            pieces.extend((span.text, _BOLD if span.bold and span.text.strip() else _BODY) for span in paragraph.spans)
            if index == len(paragraphs) - 1 and item.units:
                pieces.append((f"（{chr(0x2005).join(item.units)}）", _BODY))
            lines = self._lines(pieces, BLOCK_WIDTH, indent=2 * BODY_SIZE, justify=True)
            self._paragraph(lines, orphans=orphans, heading=heading if index == 0 else None)

    def _paragraph(self, lines: list[_Line], *, orphans: int, heading: _Line | None, widows: int = 2) -> None:
        """Place a paragraph's lines, breaking pages as the stylesheet allows (orphans, widows);
        a heading stays with the paragraph's first lines."""
        first = self._first_take(len(lines), heading.height if heading else 0.0, orphans, widows)
        if first == 0 and self.y > TOP + 0.01:
            self._new_page()
            first = self._first_take(len(lines), heading.height if heading else 0.0, orphans, widows)
        if heading is not None:
            self._place(heading, LEFT)
        take = max(first, 1)
        start = 0
        while True:
            for line in lines[start : start + take]:
                self._place(line, LEFT)
            start += take
            if start >= len(lines):
                return
            self._new_page()
            take = self._first_take(len(lines) - start, 0.0, 1, widows) or 1

    def _first_take(self, count: int, above: float, orphans: int, widows: int) -> int:
        """How many of `count` lines go on this page (0: none, move to the next)."""
        room = int((BOTTOM - self.y - above + 0.01) // LINE)
        if room >= count:
            return count
        take = room
        if count - take < widows:
            take = count - widows
        return take if take >= orphans else 0

    # --- the tail --------------------------------------------------------------------------

    def _tail(self) -> float | None:
        bulletin = self.bulletin
        staff = bulletin.staff.as_dict()
        if not bulletin.distribution and not staff and bulletin.copies is None:
            return None
        em = TAIL_SIZE
        body = _Style("serif", TAIL_SIZE)
        lines: list[_Line] = []
        for entry in bulletin.distribution:
            hang = len(entry.label) + 1
            left = (hang + 1) * em
            width = BLOCK_WIDTH - left - em
            pieces = [(f"{entry.label}：", body), (entry.text, body)]
            laid = self._lines(pieces, width, indent=-hang * em, line=TAIL_LINE)
            for line in laid:
                line.x += left
            lines.extend(laid)
        if bulletin.copies is not None:
            copies = self._single(f"（共印{bulletin.copies}份）", body, TAIL_LINE)
            copies.x = BLOCK_WIDTH - em - copies.width
            lines.append(copies)
        if staff:
            signed = self._single("\u3000".join(f"{k}：{v}" for k, v in staff.items()), body, TAIL_LINE)
            signed.x = em
            lines.append(signed)
        # Rules of 1 pt with 3 pt above and below, the last one's bottom margin truncated at
        # the foot of the page (as WeasyPrint lays out the footnote area).
        height = 3 + 1 + 3 + sum(line.height for line in lines) + 3 + 1
        if BOTTOM - self.y < height + 12 - 0.01:  # the footnote area's own 12 pt above it
            self._new_page()
        top = BOTTOM - height
        self.page.rules.append(Rule(LEFT, LEFT + BLOCK_WIDTH, top + 3.5, 1))
        self.y = top + 7
        for line in lines:
            self._place(line, LEFT)
        self.page.rules.append(Rule(LEFT, LEFT + BLOCK_WIDTH, self.y + 3.5, 1))
        return top + 3.5

    def _folio(self, page: TextPage, number: int) -> None:
        style = _Style("serif", FOLIO_SIZE, 0.0)
        line = self._single(f"— {number} —", style, FOLIO_SIZE)
        font = self.fonts["serif"]
        baseline = BOTTOM + 7 * PT_PER_MM + font.ascender * FOLIO_SIZE
        x = LEFT + (BLOCK_WIDTH - line.width) / 2
        for offset, run_style, text, advances in line.runs:
            page.glyphs.append(Glyphs(x + offset, baseline, run_style.font, FOLIO_SIZE, text, tuple(advances)))
            self.chars[run_style.font].update(text)

    # --- lines -----------------------------------------------------------------------------

    def _single(self, text: str, style: _Style, height: float) -> _Line:
        return self._line([(text, style)], height)

    def _line(self, pieces: list[tuple[str, _Style]], height: float) -> _Line:
        chars, styles, widths = self._measure(pieces)
        return self._make_line(chars, styles, widths, 0, len(chars), height, justify_to=None)

    def _measure(self, pieces: list[tuple[str, _Style]]) -> tuple[list[str], list[_Style], list[float]]:
        chars: list[str] = []
        styles: list[_Style] = []
        widths: list[float] = []
        for text, style in pieces:
            font = self.fonts[style.font]
            for char in text:
                chars.append(char)
                styles.append(style)
                widths.append(_advance(font, char) * style.size + style.spacing)
        return chars, styles, widths

    def _lines(
        self,
        pieces: list[tuple[str, _Style]],
        width: float,
        *,
        indent: float = 0.0,
        justify: bool = False,
        line: float = LINE,
    ) -> list[_Line]:
        chars, styles, widths = self._measure(pieces)
        breaks = _break_opportunities(chars)
        out: list[_Line] = []
        start = 0
        while start < len(chars) or not out:
            first = not out
            available = width - (indent if first else 0)
            end = _fit(chars, widths, breaks, start, available)
            last = end >= len(chars)
            target = available if justify and not last else None
            laid = self._make_line(chars, styles, widths, start, end, line, justify_to=target)
            laid.x = indent if first else 0.0
            out.append(laid)
            start = end
            while start < len(chars) and chars[start] == " ":
                start += 1  # a space that ends a line is dropped
            if last:
                break
        return out

    def _make_line(
        self,
        chars: list[str],
        styles: list[_Style],
        widths: list[float],
        start: int,
        end: int,
        height: float,
        *,
        justify_to: float | None,
    ) -> _Line:
        stop = end
        while stop > start and chars[stop - 1] == " ":
            stop -= 1
        advances = widths[start:stop]
        if justify_to is not None:
            spaces = [i for i in range(stop - start) if chars[start + i] in _SPACES]
            slack = justify_to - sum(advances)
            if spaces and slack > 0:
                for i in spaces:
                    advances[i] += slack / len(spaces)
        runs: list[tuple[float, _Style, str, list[float]]] = []
        x = 0.0
        index = start
        while index < stop:
            style = styles[index]
            run_end = index
            while run_end < stop and styles[run_end] is style:
                run_end += 1
            run_advances = advances[index - start : run_end - start]
            runs.append((x, style, "".join(chars[index:run_end]), run_advances))
            x += sum(run_advances)
            index = run_end
        tallest = max((styles[i] for i in range(start, stop)), key=lambda s: s.size, default=_BODY)
        font = self.fonts[tallest.font]
        content = (font.ascender + font.descender) * tallest.size
        baseline = (height - content) / 2 + font.ascender * tallest.size
        return _Line(runs, height, baseline, width=x)


def _advance(font: OpenFont, char: str) -> float:
    if char == "\u2005":  # the four-per-em space between joint units
        return 0.25
    return font.advance(char)


def _break_opportunities(chars: list[str]) -> list[bool]:
    """allowed[i]: a line may end before chars[i]."""
    allowed = [False] * (len(chars) + 1)
    allowed[len(chars)] = True
    for i in range(1, len(chars)):
        before, after = chars[i - 1], chars[i]
        if before in _SPACES:
            allowed[i] = after not in _SPACES
        elif after in _SPACES or after in _NO_START or before in _NO_END:
            allowed[i] = False
        elif before in _QUOTES or after in _QUOTES:
            allowed[i] = False
        elif before in _WORD and after in _WORD:
            allowed[i] = False
        else:
            allowed[i] = True
    return allowed


def _fit(chars: list[str], widths: list[float], breaks: list[bool], start: int, available: float) -> int:
    """Where the line starting at `start` ends: the last break that fits, or a forced one."""
    used = 0.0
    last_break = -1
    index = start
    while index < len(chars):
        if index > start and breaks[index]:
            last_break = index
        if chars[index] not in _SPACES:
            used += widths[index]
            if used > available + 0.01:
                if last_break > start:
                    return last_break
                return max(index, start + 1)
        else:
            used += widths[index]
        index += 1
    return len(chars)


def iter_text(layout: PageLayout) -> Iterator[tuple[int, Glyphs]]:
    """Every run of glyphs with its page number (from 1)."""
    for number, page in enumerate(layout.pages, start=1):
        for glyphs in page.glyphs:
            yield number, glyphs
