"""Read an HTML page into blocks: our own published bulletins, and articles on county websites.

Our own pages (`kuaibao.core.render.html`) are read from their `<article class="kuaibao-bulletin">`.
Other pages are government CMS articles: the bulletin pasted from Word into a content `<div>`
among navigation, sidebars and footers. There the content is the element that holds most of
the page's paragraph text with fewest links; when it has no masthead of its own, the article
title (延津政务快报（2023年第41期）) and the 发布时间 / 来源 line stand in for one.

Paragraphs (`<p>`, `<div>`, `<li>`, …) are blocks, `<strong>`/`<b>` and bold styles are bold
spans, `<h1>`–`<h6>` are headings, `<br>` is a line break inside a block, `<hr>` a rule, a table
row of plain cells one block. Scripts, styles, forms, hidden elements and embedded objects are
skipped. The charset comes from a byte-order mark, then `<meta>`, then the bytes themselves
(UTF-8, GB18030 for GB2312/GBK pages). The parser is libxml2's (through lxml, already used for
DOCX): it repairs broken markup, caps nesting at 255 levels, and fetches nothing.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import ImportWarning, Span
from kuaibao.core.parse.blocks import Block, Reading, merge_spans
from kuaibao.core.parse.decode import decode

__all__ = ["MAX_HTML_BYTES", "looks_like_html", "read_html"]

# A bulletin page is tens of kilobytes; a government page with inline images a few megabytes.
MAX_HTML_BYTES = 32 * 1024 * 1024
# Nesting deeper than this is read as plain text (libxml2 stops at 255 levels anyway).
_MAX_DEPTH = 200

_BULLETIN_CLASS = "kuaibao-bulletin"

_PARSER = etree.HTMLParser(
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    no_network=True,
    recover=True,
    huge_tree=False,
    default_doctype=False,
)

_SKIP = frozenset(
    "head title script style noscript template iframe frame frameset object embed applet svg math canvas "
    "audio video map area select option optgroup button input textarea datalist progress meter nav dialog form".split()
)
_BLOCK = frozenset(
    "html body address article aside blockquote center dd details dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu ol p pre section summary table tbody thead "
    "tfoot tr td th caption ul legend".split()
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BOLD_TAGS = frozenset({"strong", "b"})
_ROW_PARTS = frozenset({"tbody", "thead", "tfoot"})
_CELLS = frozenset({"td", "th"})
# Block-level content inside a cell makes it a layout cell, read as a container.
_CELL_BLOCKS = _BLOCK - {"td", "th", "tr"} | {"br", "hr", "table"}

_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|article|section|div|p|h[1-6]|table|center)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Labels that pages declare but mean a larger encoding (browsers read GB2312 pages as GBK).
_ENCODING_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
}

_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.IGNORECASE)
_NORMAL_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BREAK_STYLE = re.compile(r"page-break-before\s*:\s*always|break-before\s*:\s*page", re.IGNORECASE)

# The page's stand-ins for a masthead: an article title with 第N期, and the metadata line.
_ISSUE_IN_TITLE = re.compile(r"第\s*[0-9０-９〇零一二三四五六七八九十百]+\s*期")
_BRACKETED_ISSUE = re.compile(
    r"[（(〔\[【]\s*((?:[0-9０-９]{4}\s*年\s*)?(?:增刊\s*)?第\s*[0-9０-９〇零一二三四五六七八九十百]+\s*期(?:\s*[（(]?总第?\s*[0-9]+\s*期[）)]?)?)\s*[）)〕\]】]"
)
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜—]{1,2})\s*[^-_|｜—]{2,40}$")
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_SOURCE = re.compile(r"(?:来源|信息来源|发布机构|发文机关|发布单位)\s*[:：]\s*([^\s:：|｜]{2,40})")
_TITLE_HINT = re.compile(r"title|biaoti|bt\b|headline", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes are HTML markup (after any byte-order mark)."""
    head = data[:2048]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            if encoding == "utf-16":
                try:
                    head = head.decode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be", "ignore").encode()
                except (UnicodeError, LookupError):
                    return False
            break
    return bool(_HTML_START.match(head))


def read_html(data: bytes) -> Reading:
    """Blocks of an HTML page, in document order, from its bulletin or its main content.

    Raises UnreadableInput (one line, in Chinese) for pages too large, undecodable or without
    text; no other exception escapes.
    """
    if len(data) > MAX_HTML_BYTES:
        raise UnreadableInput(f"网页过大（{len(data) / 1048576:.1f} MB，上限 {MAX_HTML_BYTES // 1048576} MB）")
    try:
        text, encoding, warnings = _decode(data)
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), _PARSER)
        if root is None:
            raise UnreadableInput("网页中没有内容")
        reading = _read_document(root, warnings)
    except UnreadableInput:
        raise
    except Exception as error:  # a reader must not crash on a user's file, whatever it holds
        raise UnreadableInput("网页文件已损坏，无法读取") from error
    reading.encoding = encoding
    return reading


# --- decoding -----------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str, list[ImportWarning]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, []
    declared = _declared_encoding(data[:4096])
    if declared is not None:
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError:
            pass
        except LookupError:
            declared = None
    try:
        text, encoding = decode(data)
    except UnreadableInput:
        text, encoding = data.decode("gb18030", errors="replace"), "gb18030"
    warnings = []
    if declared is not None and encoding != declared:
        message = f"网页声明的编码 {declared} 与内容不符，已按 {encoding} 读取"
        warnings.append(ImportWarning("html-charset-mismatch", message))
    return text, encoding, warnings


def _declared_encoding(head: bytes) -> str | None:
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# --- the document -------------------------------------------------------------------------


def _read_document(root: etree._Element, warnings: list[ImportWarning]) -> Reading:
    own = _own_bulletin(root)
    if own is not None:
        blocks = _Walker().read(own)
    else:
        body = root.find("body")
        content = _main_content(body if body is not None else root)
        blocks = _Walker().read(content)
        if not _has_issue_line(blocks):
            head = _page_masthead(root, content)
            if head:
                blocks = head + blocks
                warnings.append(
                    ImportWarning("masthead-from-page", "正文中没有报头，报头取自网页标题和发布信息", line=head[0].line)
                )
    if not any(block.text.strip() for block in blocks):
        raise UnreadableInput("网页中没有文字")
    return Reading(blocks, warnings, encoding=None, format="html")


def _own_bulletin(root: etree._Element) -> etree._Element | None:
    for element in root.iter("article", "div", "section", "main"):
        if _BULLETIN_CLASS in (element.get("class") or "").split():
            return element
    return None


def _has_issue_line(blocks: list[Block]) -> bool:
    texts = [block.text for block in blocks if not block.rule][:8]
    return any(_ISSUE_IN_TITLE.search(text) and len(text) <= 60 for text in texts)


# --- finding the article on a site's page ---------------------------------------------------


def _main_content(body: etree._Element) -> etree._Element:
    """The element holding most paragraph text with fewest links (readability's idea)."""
    scores: dict[etree._Element, float] = {}
    for element in body.iter("p", "td", "pre", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
        if _skipped_inside(element):
            continue
        own = _own_text_length(element)
        if own < 10:
            continue
        parent = element.getparent()
        if element.tag == "div" or element.tag == "td":
            parent = element  # text directly in a div or cell counts for the div itself
        weight = 1.0 + min(own / 50.0, 6.0) + own / 2000.0
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + weight / 2
    if not scores:
        return body
    best = max(scores, key=lambda element: scores[element] * (1 - _link_density(element)))
    return best


def _skipped_inside(element: etree._Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag in _SKIP for a in element.iterancestors())


def _own_text_length(element: etree._Element) -> int:
    """Text directly in the element or its inline children, not in nested blocks."""
    total = len((element.text or "").strip())
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            total += len((child.tail or "").strip())
            continue
        if child.tag not in _BLOCK:
            total += len("".join(child.itertext()).strip())
        total += len((child.tail or "").strip())
    return total


def _link_density(element: etree._Element) -> float:
    text = len("".join(element.itertext()).strip()) or 1
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return min(links / text, 1.0)


def _page_masthead(root: etree._Element, content: etree._Element) -> list[Block]:
    """Masthead blocks made from the article title and its 发布时间 / 来源 line, if any."""
    title_element = _article_title(root, content)
    if title_element is None:
        return []
    title_text = _clean_title(_flat_text(title_element))
    line = title_element.sourceline
    out = [Block((Span(title_text),), line=line, heading=1)]
    meta = _meta_text(title_element, content)
    date = _DATE.search(meta)
    if date:
        year, month, day = (int(group) for group in date.groups())
        out.append(Block((Span(f"{year}年{month}月{day}日"),), line=line))
    source = _SOURCE.search(meta)
    if source:
        out.append(Block((Span(source.group(1)),), line=line))
    out.append(Block((), line=line, rule=True))
    return out


def _article_title(root: etree._Element, content: etree._Element) -> etree._Element | None:
    """The heading before the content that names an issue (第N期), or the page's <title>."""
    candidates: list[etree._Element] = []
    for element in root.iter():
        if element is content:
            break
        if not isinstance(element.tag, str) or _skipped_inside(element):
            continue
        if element.tag in _HEADINGS or _TITLE_HINT.search(f"{element.get('class', '')} {element.get('id', '')}"):
            candidates.append(element)
    for element in reversed(candidates):
        text = _flat_text(element)
        if _ISSUE_IN_TITLE.search(text) and len(text) <= 80:
            return element
    title = root.find("head/title")
    if title is not None and _ISSUE_IN_TITLE.search(_flat_text(title)):
        return title
    return None


def _clean_title(text: str) -> str:
    text = _SPACE_RUN.sub(" ", text).strip()
    if _SITE_SUFFIX.search(text) and _ISSUE_IN_TITLE.search(_SITE_SUFFIX.sub("", text)):
        text = _SITE_SUFFIX.sub("", text)
    return _BRACKETED_ISSUE.sub(r" \1 ", text).strip()


def _meta_text(title: etree._Element, content: etree._Element) -> str:
    """Text between the article title and the content: where pages print 发布时间 and 来源."""
    parts: list[str] = []
    started = False
    for element in title.getroottree().getroot().iter():
        if element is content:
            break
        if element is title:
            started = True
            continue
        if started and isinstance(element.tag, str) and not _skipped_inside(element):
            if element.tag in _SKIP:
                continue
            parts.append(element.text or "")
            parts.append(element.tail or "")
        if sum(len(p) for p in parts) > 2000:
            break
    return _SPACE_RUN.sub(" ", " ".join(parts))


def _flat_text(element: etree._Element) -> str:
    return _SPACE_RUN.sub(" ", "".join(element.itertext())).strip()


# --- blocks -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Walker:
    """Walks the tree like a browser lays it out: block elements end the current block."""

    blocks: list[Block] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    line: int | None = None
    heading: int = 0
    page_break: bool = False
    pre: int = 0

    def read(self, root: etree._Element) -> list[Block]:
        self._element(root, bold=False, depth=0)
        self._flush()
        return self.blocks

    # text ------------------------------------------------------------------------------------

    def _text(self, text: str | None, bold: bool, line: int | None) -> None:
        if not text:
            return
        if not self.pre:
            text = _SPACE_RUN.sub(" ", text)
            if text.startswith(" ") and self._ends_with_space():
                text = text[1:]
            if not text:
                return
        if self.line is None:
            self.line = line
        self.spans.append(Span(text, bold))

    def _ends_with_space(self) -> bool:
        for span in reversed(self.spans):
            if span.text:
                return span.text[-1] in " \n"
        return True

    def _newline(self, line: int | None) -> None:
        """A <br>: a line break inside the block; a second one in a row (a blank line, as CMS
        editors separate paragraphs) ends the block."""
        if self.spans and self.spans[-1].text.endswith("\n") and not self.pre:
            self._flush()
            return
        if self.spans:
            last = self.spans[-1]
            if not self.pre and last.text.endswith(" "):
                self.spans[-1] = Span(last.text[:-1], last.bold)
            self.spans.append(Span("\n", last.bold))
        if self.line is None:
            self.line = line

    def _flush(self) -> None:
        spans = list(merge_spans(self.spans))
        while spans and not spans[0].text.strip():
            spans.pop(0)
        while spans and not spans[-1].text.strip():
            spans.pop()
        if spans:
            spans[0] = Span(spans[0].text.lstrip(), spans[0].bold)
            spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].bold)
            self.blocks.append(
                Block(tuple(spans), line=self.line, heading=self.heading, page_break_before=self.page_break)
            )
            self.page_break = False
        self.spans, self.line, self.heading = [], None, 0

    # elements --------------------------------------------------------------------------------

    def _element(self, element: etree._Element, *, bold: bool, depth: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP or _hidden(element):
            return
        line = element.sourceline
        if tag == "br":
            self._newline(line)
            return
        if tag == "hr":
            self._flush()
            self.blocks.append(Block((), line=line, rule=True, page_break_before=self.page_break))
            self.page_break = False
            return
        bold = _bold(element, tag, bold)
        if depth > _MAX_DEPTH:
            self._text("".join(element.itertext()), bold, line)
            return
        if tag == "tr" and _plain_row(element):
            self._flush()
            self._row(element, bold, depth)
            self._flush()
            return
        block = tag in _BLOCK
        if block:
            self._flush()
            if _BREAK_STYLE.search(element.get("style") or ""):
                self.page_break = True
            self.heading = _HEADINGS.get(tag, 0)
            if tag == "pre":
                self.pre += 1
        self._text(element.text, bold, line)
        for child in element:
            self._element(child, bold=bold, depth=depth + 1)
            self._text(child.tail, bold, child.sourceline)
        if block:
            if tag == "pre":
                self.pre -= 1
            self._flush()

    def _row(self, row: etree._Element, bold: bool, depth: int) -> None:
        """A table row of plain cells: one block, cells separated by a space."""
        wrote = False
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in _CELLS or _hidden(cell):
                continue
            mark = len(self.spans)
            if wrote:
                self._text(" ", bold, cell.sourceline)
            start = len(self.spans)
            cell_bold = _bold(cell, cell.tag.lower(), bold)
            self._text(cell.text, cell_bold, cell.sourceline)
            for child in cell:
                self._element(child, bold=cell_bold, depth=depth + 1)
                self._text(child.tail, cell_bold, child.sourceline)
            if len(self.spans) == start:  # an empty cell adds no separator
                del self.spans[mark:]
            else:
                wrote = True


def _hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _bold(element: etree._Element, tag: str, inherited: bool) -> bool:
    style = element.get("style") or ""
    if _NORMAL_STYLE.search(style):
        return False
    return inherited or tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(style))


def _plain_row(row: etree._Element) -> bool:
    """True when no cell holds block content: the row reads as one line of text."""
    for cell in row:
        if not isinstance(cell.tag, str):
            continue
        if any(isinstance(e.tag, str) and e.tag.lower() in _CELL_BLOCKS for e in cell.iterdescendants()):
            return False
    return True
