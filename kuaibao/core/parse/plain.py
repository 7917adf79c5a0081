"""Read plain text and Markdown into blocks.

Both shapes of the archive go through one reader: Markdown's headings (``#``), emphasis
(``**…**``), rules (``---``) and hard breaks are recognised wherever they occur, and plain text
simply has none. Text that was hard-wrapped by a layout (every ~28 characters, as text copied
out of a PDF) is recognised by its line widths and rejoined; page numbers and form feeds are
dropped by the structure stage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kuaibao.core.model import ImportWarning, Span
from kuaibao.core.parse.blocks import Block, Reading, merge_spans
from kuaibao.core.text import SPACE_CLASS, display_width, is_page_number

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
# Markdown's --- and ***, and the rules people type or paste: ──── ━━━ ════ ———— ＝＝＝.
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$|^\s*[─━═—＝=﹏_－]{6,}\s*$")
_EMPHASIS = re.compile(r"\*\*|__")
_SECTION_LINE = re.compile(r"^(?:\*\*)?[【〖][^】〗]{1,24}[】〗](?:\*\*)?$")
_INDENT = re.compile(f"^(?:{SPACE_CLASS}{{2,}}|\u3000)")


@dataclass(slots=True)
class _Line:
    text: str
    number: int
    page_break_before: bool
    page_break_after: bool = False


def read_text(text: str, *, encoding: str | None = None) -> Reading:
    """Split decoded text into blocks; markup is interpreted, wraps are rejoined."""
    lines = _lines(text)
    wrap_width = _wrap_width(lines)
    warnings: list[ImportWarning] = []
    if wrap_width:
        warnings.append(
            ImportWarning(
                "wrapped-lines-joined",
                f"文本按约 {wrap_width // 2} 字折行，已把折行重新接成段落",
                line=1,
            )
        )
    builder = _BlockBuilder(warnings, wrap_width)
    for line in lines:
        builder.feed(line)
    builder.flush()
    fmt = "markdown" if builder.saw_markdown else "text"
    return Reading(builder.blocks, warnings, encoding=encoding, format=fmt)


def _lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    out: list[_Line] = []
    page_break = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page_break = True
            raw = raw.replace("\f", "")
            if out:
                out[-1].page_break_after = True
        out.append(_Line(raw, number, page_break))
        if raw.strip():
            page_break = False
    if out:
        out[-1].page_break_after = True
    return out


def _wrap_width(lines: list[_Line]) -> int:
    """The layout width the text was hard-wrapped at, or 0 when lines are whole paragraphs."""
    widths = [display_width(line.text.rstrip()) for line in lines if line.text.strip()]
    long_lines = [w for w in widths if w >= 30]
    if len(long_lines) < 8:
        return 0
    # Wrapped text has many lines of (nearly) the same maximal width.
    counts = Counter(long_lines)
    top_width = max(long_lines)
    for width, _ in counts.most_common(3):
        near = sum(1 for w in long_lines if width - 3 <= w <= width)
        if near >= 0.5 * len(long_lines) and width >= top_width - 4:
            return width
    return 0


class _BlockBuilder:
    def __init__(self, warnings: list[ImportWarning], wrap_width: int) -> None:
        self.blocks: list[Block] = []
        self.warnings = warnings
        self.wrap_width = wrap_width
        self.saw_markdown = False
        self._lines: list[_Line] = []
        self._joins: list[str] = []  # "" (wrap) or "\n" (hard break) before each line but the first

    def feed(self, line: _Line) -> None:
        stripped = line.text.strip()
        if not stripped:
            self.flush()
            return
        at_page_edge = line.page_break_before or line.page_break_after
        if is_page_number(stripped, lone_digits=at_page_edge):
            self.warnings.append(ImportWarning("page-number-dropped", f"删去页码“{stripped}”", line=line.number))
            return
        if _RULE.match(line.text):
            self.flush()
            self.saw_markdown = True
            self.blocks.append(Block((), line=line.number, rule=True, page_break_before=line.page_break_before))
            return
        heading = _HEADING.match(line.text)
        if heading and heading.group(2):
            self.flush()
            self.saw_markdown = True
            self._emit([line], [], heading=len(heading.group(1)), text=heading.group(2))
            return
        if _SECTION_LINE.match(stripped):
            self.flush()
            self._emit([line], [])
            return
        if self._lines and self.wrap_width and not self._continues(line):
            self.flush()
        if self._lines:
            # Wrapped lines join seamlessly; a line break in an unwrapped paragraph is kept.
            self._joins.append("" if self.wrap_width else "\n")
        self._lines.append(line)

    def _continues(self, line: _Line) -> bool:
        """In wrapped text a line continues the paragraph when the one before it is full and it
        is not indented."""
        previous = self._lines[-1].text.rstrip()
        return display_width(previous) >= self.wrap_width - 3 and not _INDENT.match(line.text)

    def flush(self) -> None:
        if self._lines:
            self._emit(self._lines, self._joins)
        self._lines, self._joins = [], []

    def _emit(self, lines: list[_Line], joins: list[str], *, heading: int = 0, text: str | None = None) -> None:
        if text is None:
            parts = [lines[0].text.strip()]
            for join, line in zip(joins, lines[1:], strict=True):
                parts.append(join + line.text.strip())
            text = "".join(parts)
        spans = self._emphasis(text, lines[0].number)
        self.blocks.append(
            Block(
                spans,
                line=lines[0].number,
                heading=heading,
                page_break_before=lines[0].page_break_before,
            )
        )

    def _emphasis(self, text: str, line: int) -> tuple[Span, ...]:
        pieces = _EMPHASIS.split(text)
        if len(pieces) == 1:
            return (Span(text),)
        self.saw_markdown = True
        if len(pieces) % 2 == 0:
            message = "加粗标记 ** 未成对，按普通文字处理末段"
            self.warnings.append(ImportWarning("unclosed-emphasis", message, line=line))
        spans = [Span(piece, bold=index % 2 == 1) for index, piece in enumerate(pieces)]
        return merge_spans(spans)
