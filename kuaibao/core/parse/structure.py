"""Turn the blocks of any source format into a `Bulletin`.

The rules are the bulletin's own, not any one file's:
- the masthead is the run of short lines before the body (see `masthead`);
- a section is 【…】, a heading, or a short line standing alone before an item with a title;
- an item starts with its title: a bold lead-in, a line of its own, or the text before the first
  space between two Chinese characters; it ends with its attribution （单位） at the end of the
  paragraph or on the next line;
- a paragraph that stops mid-sentence continues in the next block (a page break);
- the tail starts at the first distribution or sign-off line (see `tail`).
Every repair and every doubt is recorded as an `ImportWarning` with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin, ImportWarning, Item, Paragraph, Provenance, Span
from kuaibao.core.parse import masthead as mh
from kuaibao.core.parse.blocks import Block, Reading, merge_spans
from kuaibao.core.parse.chrome import PageHints, drop_chrome
from kuaibao.core.parse.kinds import describe
from kuaibao.core.parse.tail import read_tail, starts_tail
from kuaibao.core.text import CJK_CLASS, SPACE_CLASS, ends_sentence, is_page_number, squeeze, tidy

# Titles are short; a boundary further in than this is inside the body.
TITLE_MAX = 64
# A section name standing alone without 【】 is shorter than any item title.
SECTION_MAX = 16

_SECTION = re.compile(r"^[【\[〖]\s*(.+?)\s*[】\]〗]$")
_TITLE_SPACE = re.compile(f"(?<={CJK_CLASS}){SPACE_CLASS}+(?={CJK_CLASS})")
_ATTRIBUTION = re.compile(rf"[（(]{SPACE_CLASS}*([^（）()\n]{{1,80}}?){SPACE_CLASS}*[）)]\s*$")
_NOT_UNIT = re.compile(r"[，。；：！？、%％0-9０-９“”\"]")
_UNIT_SPLIT = re.compile(f"(?:{SPACE_CLASS}|[、,，/])+")


def build_bulletin(reading: Reading, *, source_name: str, sha256: str) -> Bulletin:
    """Recognise the bulletin in the blocks; raise UnreadableInput when it is no bulletin."""
    warnings = list(reading.warnings)
    blocks = _drop_page_numbers(reading.blocks, warnings)
    blocks, hints = drop_chrome(blocks, warnings)
    head, body_start_blocks = _read_masthead(blocks)
    warnings.extend(head.warnings)
    if head.issue is None and head.total_issue is not None:
        head.issue = head.total_issue  # 总第56期 alone: the running number is the issue's number
    if head.issue is None or head.title is None:
        _masthead_from_hints(head, hints, warnings)
    if head.issue is None:
        raise UnreadableInput(describe(blocks) or _no_masthead("报头中没有期号（第 N 期）", blocks))
    if head.date is None:
        body_start_blocks = _date_at_foot(head, body_start_blocks, warnings)
    if head.date is None:
        _masthead_from_hints(head, hints, warnings)
    if head.date is None:
        raise UnreadableInput(describe(blocks) or _no_masthead("报头和文末都没有日期", blocks))
    if head.title is None:
        raise UnreadableInput(describe(blocks) or _no_masthead("没有报头标题", blocks))
    if head.publisher is None:
        warnings.append(ImportWarning("no-publisher", "报头中没有编发单位"))
    if head.year is not None and head.year != head.date.year:
        warnings.append(ImportWarning("year-mismatch", f"期号年份 {head.year} 与日期 {head.date} 不一致"))
    body, tail_blocks = _split_tail(body_start_blocks)
    items = _ItemReader(warnings, head.title).read(body)
    if not items:
        raise UnreadableInput("不是快报：报头之后没有找到任何信息条目")
    tail = read_tail([(line, b.line) for b in tail_blocks if not b.rule for line in b.text.split("\n")])
    warnings.extend(tail.warnings)
    if not tail.distribution:
        warnings.append(ImportWarning("no-distribution", "报尾中没有“本期发”等发送范围"))
    return Bulletin(
        title=head.title,
        issue=head.issue,
        date=head.date,
        publisher=head.publisher or "",
        items=tuple(items),
        distribution=tuple(tail.distribution),
        staff=tail.staff,
        supplement=head.supplement,
        total_issue=head.total_issue,
        copies=tail.copies,
        marks=head.marks,
        provenance=Provenance(source_name, sha256, reading.format, reading.encoding, tuple(warnings)),
    )


def _no_masthead(reason: str, blocks: list[Block]) -> str:
    first = next((b.text.split("\n")[0].strip() for b in blocks if not b.rule and b.text.strip()), "")
    opening = f"，文件开头是“{first[:40]}”" if first else ""
    return f"不是快报：{reason}{opening}"


def _masthead_from_hints(head: mh.Masthead, hints: PageHints, warnings: list[ImportWarning]) -> None:
    """Fill what the masthead lacks from the web page's metadata (文件名称, 发布机构, 成文日期)."""
    used = False
    if hints.name and (head.issue is None or head.title is None):
        probe = mh.Masthead()
        mh.read_line(probe, hints.name, None)
        if head.issue is None and probe.issue is not None:
            head.issue, head.year, used = probe.issue, probe.year, True
        if head.title is None and probe.title is not None and probe.issue is not None:
            head.title, used = probe.title, True
    if head.date is None and hints.date:
        probe = mh.Masthead()
        mh.read_line(probe, hints.date, None)
        if probe.date is not None:
            head.date, used = probe.date, True
    if head.publisher is None and hints.publisher and head.issue is not None:
        head.publisher, used = hints.publisher, True
    if used:
        message = "报头缺少的字段取自网页的元数据（文件名称、发布机构、成文日期）"
        warnings.append(ImportWarning("masthead-from-page", message))


def _date_at_foot(head: mh.Masthead, blocks: list[Block], warnings: list[ImportWarning]) -> list[Block]:
    """The date at the end of the body (with the publisher on the line above), as some
    bulletins sign off like a letter; the blocks without those lines."""
    body, tail = _split_tail(blocks)
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
        block = body[index]
        if block.rule:
            continue
        lines = [line for line in block.text.split("\n") if line.strip()]
        if not lines or len(lines) > 2:
            return blocks
        probe = mh.Masthead()
        if not mh.read_line(probe, lines[-1], block.line) or probe.date is None or probe.title is not None:
            return blocks
        head.date = probe.date
        drop = [index]
        before = lines[0] if len(lines) == 2 else None
        if before is None and index > 0 and not body[index - 1].rule:
            previous = body[index - 1].text.strip()
            if "\n" not in previous and mh.could_be_masthead_line(previous) and len(previous) <= 30:
                before, drop = previous, [index - 1, index]
        if before is not None and head.publisher is None:
            head.publisher = before.strip()
        elif before is not None and drop[0] == index - 1:
            drop = [index]
        warnings.append(ImportWarning("date-at-foot", f"日期取自文末“{block.text.strip()}”", block.line, block.page))
        return [b for i, b in enumerate(body) if i not in drop] + tail
    return blocks


_TYPED_RULE = re.compile(r"^\s*[─━═—＝=﹏_－\-]{6,}\s*$")
# A heading line inside an article or before an item: 一、主要成效, （二）存在问题, 3. 下步建议.
_ORDINAL_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])\S")


# An attribution, then at once the next numbered item's title: a layout joined two paragraphs.
_NEXT_NUMBERED = re.compile(r"[（(]([^（）()\n]{2,30})[）)](?=\s*[一二三四五六七八九十]{1,3}、\S)")


def _split_numbered(block: Block) -> list[Block]:
    cuts = [m.end() for m in _NEXT_NUMBERED.finditer(block.text) if _units(m.group(1)) is not None]
    if not cuts:
        return [block]
    out = []
    for start, end in zip([0, *cuts], [*cuts, None], strict=True):
        spans = _strip_spans(_slice_spans(block.spans, start, end))
        if spans:
            out.append(Block(spans, line=block.line, page=block.page, heading=block.heading if start == 0 else 0))
    return out


def _drop_page_numbers(blocks: list[Block], warnings: list[ImportWarning]) -> list[Block]:
    out = []
    for block in blocks:
        text = block.text
        if not block.rule and _TYPED_RULE.match(text):  # ──── typed or pasted as a rule
            rule = Block((), line=block.line, page=block.page, rule=True, page_break_before=block.page_break_before)
            out.append(rule)
            continue
        if not block.rule and _NEXT_NUMBERED.search(text):
            out.extend(_split_numbered(block))
            continue
        if not block.rule and not text.strip():
            continue
        if not block.rule and is_page_number(text):
            warnings.append(ImportWarning("page-number-dropped", f"删去页码“{text.strip()}”", block.line, block.page))
            continue
        out.append(block)
    return out


def _read_masthead(blocks: list[Block]) -> tuple[mh.Masthead, list[Block]]:
    """Consume masthead lines from the front; return the masthead and the remaining blocks."""
    head = mh.Masthead()
    for index, block in enumerate(blocks):
        if block.rule:
            if head.issue is not None or head.date is not None:
                return head, blocks[index + 1 :]
            continue
        lines = block.text.split("\n")
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            where = None if block.line is None else block.line + number
            if _SECTION.match(squeeze(line)) or not mh.read_line(head, line, where):
                rest = _rest_of_block(block, number)
                return head, [*rest, *blocks[index + 1 :]]
    return head, []


def _rest_of_block(block: Block, line_index: int) -> list[Block]:
    if line_index == 0:
        return [block]
    offset = sum(len(line) + 1 for line in block.text.split("\n")[:line_index])
    spans = _slice_spans(block.spans, offset, None)
    line = None if block.line is None else block.line + line_index
    return [Block(spans, line=line, page=block.page, heading=block.heading)]


def _split_tail(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    for index, block in enumerate(blocks):
        if not block.rule and starts_tail(block.text):
            return blocks[:index], blocks[index:]
    return blocks, []


@dataclass(slots=True)
class _Draft:
    """An item being assembled from one or more blocks."""

    section: str | None
    line: int | None
    page: int | None
    title: str = ""
    paragraphs: list[list[Span]] = field(default_factory=list)
    units: tuple[str, ...] | None = None
    joined_lines: bool = False

    def last_text(self) -> str:
        return "".join(s.text for s in self.paragraphs[-1]) if self.paragraphs else ""


class _ItemReader:
    def __init__(self, warnings: list[ImportWarning], masthead_title: str) -> None:
        self.warnings = warnings
        self.masthead_title = masthead_title
        self.items: list[Item] = []
        self.section: str | None = None
        self.draft: _Draft | None = None

    def read(self, blocks: list[Block]) -> list[Item]:
        blocks = [b for b in blocks if not b.rule]
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self._feed(block, following)
        self._close(final=True)
        return self.items

    def _warn(self, code: str, message: str, block: Block) -> None:
        self.warnings.append(ImportWarning(code, message, block.line, block.page))

    def _feed(self, block: Block, following: Block | None) -> None:
        text = block.text.strip()
        if self.items and _is_running_head(squeeze(text), self.masthead_title):
            self._warn("running-head-dropped", f"删去页眉“{text}”", block)
            return
        section = self._section_name(block, following)
        if section is not None:
            self._close()
            self.section = section
            return
        units = _attribution_only(text)
        if units is not None and self.draft is not None and not self.draft.paragraphs and self.draft.units is None:
            self.draft.units = units  # the attribution before the body, under the title
            return
        if units is not None:
            self._attach_units(units, block)
            return
        draft = self.draft
        if (
            draft is not None
            and draft.paragraphs
            and following is not None
            and "\n" not in text
            and _short_title(text)
            and _attribution_only(following.text.strip()) is not None
            and ends_sentence(draft.last_text())
        ) or (
            draft is not None
            and draft.units is not None
            and draft.paragraphs
            and "\n" not in text
            and _short_title(_ATTRIBUTION.sub("", text))
            and ends_sentence(draft.last_text())
        ):
            # A title line with its attribution under it, or (where items credit their units
            # before the body) a short line after a finished sentence: the next item.
            self._close()
            draft = None
        if draft is not None:
            if not draft.paragraphs and draft.units is None and _title_continues(draft.title, text):
                # A long title centred over two lines (a blank line between on a web page)
                self._warn("title-joined", f"条目标题跨两行，“{text}”已接到“{draft.title}”之后", block)
                draft.title = tidy(draft.title + text)
            elif not draft.paragraphs:
                draft.paragraphs.append(list(_strip_spans(block.spans)))
            elif not ends_sentence(draft.last_text()) and not _is_heading_line(draft.last_text()):
                self._warn("paragraph-joined", "段落在句中断开（多为分页），已与下一段接上", block)
                draft.paragraphs[-1].extend(_strip_spans(block.spans))
            elif _has_own_title(block):
                self._close()  # which notes a missing attribution
                self._start(block)
            else:
                draft.paragraphs.append(list(_strip_spans(block.spans)))
            self._take_attribution()
            return
        self._start(block)

    def _section_name(self, block: Block, following: Block | None) -> str | None:
        text = squeeze(block.text.replace("*", ""))
        match = _SECTION.match(text)
        if match:
            return match.group(1)
        if block.heading and len(text) <= 2 * SECTION_MAX:
            # A heading is a section unless it is an item title standing on its own line.
            heads_item = following is not None and not following.heading and not _has_own_title(following)
            if not (heads_item and len(text) > SECTION_MAX):
                return text
        if (
            following is not None
            and len(text) <= SECTION_MAX
            and "\n" not in block.text.strip()
            and not ends_sentence(text)
            and _has_own_title(following)
            and (self.draft is None or ends_sentence(self.draft.last_text()) or self.draft.units is not None)
            # 一、存在问题 inside an article that credits no unit is its heading, not a section
            and not (_ORDINAL_HEADING.match(text) and self.draft is not None and self.draft.units is None)
        ):
            self._warn("bare-section", f"“{block.text.strip()}”单独成行且后接带标题的条目，视为栏目名", block)
            return text
        return None

    def _start(self, block: Block) -> None:
        draft = _Draft(self.section, block.line, block.page)
        text = block.text.strip()
        attribution = _ATTRIBUTION.search(text) if "\n" not in text else None
        units = _units(attribution.group(1)) if attribution else None
        if attribution is not None and units is not None and _short_title(text[: attribution.start()]):
            # 标题（单位） on one line, the body below it
            draft.title, draft.units = tidy(text[: attribution.start()]), units
            self.draft = draft
            return
        title, body = _split_title(block)
        if title is None:
            self._warn("no-title", "条目找不到标题（既无加粗、也无独立成行或空格分隔）", block)
            title = ""
        draft.title = tidy(title.replace("\n", ""))
        body = self._units_before_body(draft, body)
        if body:
            draft.paragraphs.append(list(body))
        self.draft = draft
        self._take_attribution()

    def _units_before_body(self, draft: _Draft, body: tuple[Span, ...]) -> tuple[Span, ...]:
        """An attribution on the line under the title, before the body: （县农业农村局）."""
        text = "".join(span.text for span in body)
        first, newline, _ = text.partition("\n")
        units = _attribution_only(first) if newline else None
        if units is None:
            return body
        draft.units = units
        return _strip_spans(_slice_spans(body, len(first) + 1, None))

    def _take_attribution(self) -> None:
        draft = self.draft
        if draft is None or not draft.paragraphs or draft.units is not None:
            return
        spans = draft.paragraphs[-1]
        text = "".join(s.text for s in spans)
        match = _ATTRIBUTION.search(text)
        if not match:
            return
        units = _units(match.group(1))
        if units is None:
            return
        draft.paragraphs[-1] = list(_strip_spans(_slice_spans(tuple(spans), 0, match.start())))
        if not "".join(s.text for s in draft.paragraphs[-1]).strip():
            draft.paragraphs.pop()
        draft.units = units
        self._close()

    def _attach_units(self, units: tuple[str, ...], block: Block) -> None:
        if self.draft is not None:
            self.draft.units = units
            self._close()
        elif self.items and not self.items[-1].units:
            last = self.items[-1]
            self.items[-1] = Item(last.title, last.paragraphs, units, last.section)
        else:
            self._warn("stray-attribution", f"署名“（{' '.join(units)}）”不属于任何条目，已忽略", block)

    def _close(self, *, final: bool = False) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if draft.units is None:
            where = Block((), line=draft.line, page=draft.page)
            self._warn("no-attribution", f"条目“{draft.title}”没有署名单位", where)
        paragraphs = tuple(p for p in (_finish_paragraph(spans, draft, self) for spans in draft.paragraphs) if p)
        self.items.append(Item(draft.title, paragraphs, draft.units or (), draft.section))

    def note_joined_lines(self, draft: _Draft) -> None:
        if not draft.joined_lines:
            draft.joined_lines = True
            where = Block((), line=draft.line, page=draft.page)
            self._warn("lines-joined", f"条目“{draft.title}”正文内的换行已接成一段", where)


_TITLE_BREAK = re.compile(r"[，。；：！？,;:!?]")


def _title_continues(title: str, text: str) -> bool:
    """The second line of a title broken over two lines: both short, no sentence punctuation
    in either, the second no heading, attribution or section of its own."""
    if not title or "\n" in text or _TITLE_BREAK.search(title) or _TITLE_BREAK.search(text):
        return False
    if len(text) > 30 or len(title) + len(text) > 60 or _ORDINAL_HEADING.match(text):
        return False
    return _attribution_only(text) is None and not _SECTION.match(text) and not ends_sentence(title)


def _is_heading_line(text: str) -> bool:
    """A short numbered heading (一、主要成效): a line of its own, not a sentence cut by a page."""
    stripped = text.strip()
    return len(stripped) <= 30 and "\n" not in stripped and bool(_ORDINAL_HEADING.match(stripped))


def _is_running_head(squeezed: str, title: str) -> bool:
    """The masthead title again, alone or with its 期号 or a page number: a page's running head."""
    if not squeezed.startswith(title):
        return False
    rest = squeezed[len(title) :]
    return not rest or (len(rest) <= 16 and bool(_HEAD_REST.fullmatch(rest)))


_HEAD_REST = re.compile(r"[第总增刊\d一二三四五六七八九十〇零百期年月日页共/—\-（）()]*")


def _finish_paragraph(spans: list[Span], draft: _Draft, reader: _ItemReader) -> Paragraph | None:
    if any("\n" in s.text for s in spans):
        reader.note_joined_lines(draft)
    tidied = tidy_spans(tuple(Span(s.text.replace("\n", ""), s.bold) for s in spans))
    return Paragraph(tidied) if tidied else None


def _split_title(block: Block) -> tuple[str | None, tuple[Span, ...]]:
    """Find the item's title: bold lead-in, own line, or text before a CJK space."""
    spans = _strip_spans(block.spans)
    text = "".join(s.text for s in spans)
    if spans and spans[0].bold and spans[0].text.strip():
        lead = spans[0].text
        if len(spans) > 1 or _short_title(lead):
            return lead, _strip_spans(spans[1:])
    first_line, newline, _ = text.partition("\n")
    if newline and _short_title(first_line):
        return first_line, _strip_spans(_slice_spans(spans, len(first_line) + 1, None))
    boundary = _title_boundary(text)
    if boundary is not None:
        start, end = boundary
        return text[:start], _strip_spans(_slice_spans(spans, end, None))
    if _short_title(text):
        return text, ()
    return None, spans


def _title_boundary(text: str) -> tuple[int, int] | None:
    match = _TITLE_SPACE.search(text, 0, TITLE_MAX + 4)
    if match is None or match.start() > TITLE_MAX or "。" in text[: match.start()]:
        return None
    return match.start(), match.end()


def _short_title(text: str) -> bool:
    stripped = text.strip()
    return 0 < len(stripped) <= TITLE_MAX and not ends_sentence(stripped) and "。" not in stripped


def _has_own_title(block: Block) -> bool:
    """True when a block starts an item by itself: bold lead-in or a CJK-space title."""
    spans = _strip_spans(block.spans)
    if not spans:
        return False
    if spans[0].bold and len(spans[0].text.strip()) >= 2 and len(spans) > 1:
        return True  # a bold lead-in (one bold letter is a slip of the pen or of recognition)
    text = "".join(s.text for s in spans)
    first_line, newline, rest = text.partition("\n")
    if newline and _short_title(first_line) and rest.strip():
        return True
    return _title_boundary(text) is not None


def _units(inside: str) -> tuple[str, ...] | None:
    """The units named inside an attribution, or None when the brackets hold something else."""
    inside = inside.strip()
    if not inside or _NOT_UNIT.search(inside.replace("、", "")):
        return None
    units = tuple(u for u in _UNIT_SPLIT.split(inside) if u)
    if not units or any(len(u) > 30 or not re.search(r"[\u4e00-\u9fff]", u) for u in units):
        return None
    return units


def _attribution_only(text: str) -> tuple[str, ...] | None:
    squeezed = text.strip()
    match = _ATTRIBUTION.fullmatch(squeezed) if squeezed[:1] in "（(" else None
    return _units(match.group(1)) if match else None


def _strip_spans(spans: tuple[Span, ...] | list[Span]) -> tuple[Span, ...]:
    """Drop leading and trailing whitespace across spans."""
    items = [s for s in spans if s.text]
    while items and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].text.strip():
        items.pop()
    if not items:
        return ()
    items[0] = Span(items[0].text.lstrip(), items[0].bold)
    items[-1] = Span(items[-1].text.rstrip(), items[-1].bold)
    return tuple(items)


def _slice_spans(spans: tuple[Span, ...], start: int, end: int | None) -> tuple[Span, ...]:
    """The spans covering text[start:end] of their concatenation."""
    out: list[Span] = []
    position = 0
    for span in spans:
        span_start, span_end = position, position + len(span.text)
        position = span_end
        lo = max(start, span_start)
        hi = span_end if end is None else min(end, span_end)
        if lo < hi:
            out.append(Span(span.text[lo - span_start : hi - span_start], span.bold))
    return tuple(out)


_SPACE_RUN = re.compile(f"{SPACE_CLASS}+")
_CJK_CHAR = re.compile(CJK_CLASS)


def tidy_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`tidy` across span boundaries: spaces touching Chinese go, others become one space."""
    if len(spans) == 1:
        return merge_spans([Span(tidy(spans[0].text), spans[0].bold)])
    text = "".join(s.text for s in spans)
    keep = [True] * len(text)
    replace: dict[int, str] = {}
    for match in _SPACE_RUN.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        drop_all = not before or not after or bool(_CJK_CHAR.match(before)) or bool(_CJK_CHAR.match(after))
        for index in range(start, end):
            keep[index] = False
        if not drop_all:
            replace[start] = " "
    out: list[Span] = []
    position = 0
    for span in spans:
        chars = []
        for offset, char in enumerate(span.text):
            index = position + offset
            if keep[index]:
                chars.append(char)
            elif index in replace:
                chars.append(replace[index])
        position += len(span.text)
        out.append(Span("".join(chars), span.bold))
    return merge_spans(out)
