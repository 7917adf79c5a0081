"""Read a Word file (.docx) into blocks: paragraphs with their bold runs, headings, rules, tables.

Only the two parts that carry the text are read, word/document.xml and word/styles.xml, with
a hardened XML parser and size limits checked before anything is decompressed: a user's file
may be a password-protected container, an old .doc, truncated, or a zip bomb, and each of those
is an `UnreadableInput` with a one-line reason. python-docx's `Document()` would load every part
(images included) without limits and is several times slower, so its oxml names are used with
lxml directly.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import nsmap
from lxml import etree

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import ImportWarning, Span
from kuaibao.core.parse.blocks import Block, Reading, merge_spans
from kuaibao.core.parse.limits import MAX_XML_BYTES

# Limits on what a bulletin can be: a two-page issue is ~50 kB zipped, ~200 kB unzipped.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART = MAX_XML_BYTES  # document.xml or styles.xml alone (KUAIBAO_MAX_XML_MB)
MAX_RATIO = 100  # deflated XML shrinks 5–30 times; a zip bomb ~1000 times
RATIO_FLOOR = 4 * 1024 * 1024  # small members may compress well without being bombs
MAX_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

W_TRANSITIONAL = nsmap["w"]
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = nsmap["m"]
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_STYLES = re.compile(r"/styles$")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "标题"})
_FALSE = frozenset({"0", "false", "off"})
_OTHER_FORMATS = (
    ("xl/workbook.xml", "这是 Excel 表格，不是 Word 文档"),
    ("ppt/presentation.xml", "这是 PowerPoint 演示文稿，不是 Word 文档"),
    ("content.xml", "这是 ODF（WPS/LibreOffice）文档，请另存为 .docx 后再导入"),
)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def read_docx(data: bytes) -> Reading:
    """Blocks of a .docx file, one per non-empty paragraph or table row, in document order.

    Raises UnreadableInput (with a one-line Chinese reason) for anything that is not a
    readable Word file; no other exception escapes.
    """
    try:
        document, styles = _open_parts(data)
        return _Reader(document, styles).read()
    except UnreadableInput:
        raise
    except Exception as error:  # a reader must not crash on a user's file, whatever it holds
        raise UnreadableInput("DOCX 文件已损坏，无法读取") from error


# --- the container ------------------------------------------------------------------------


def _open_parts(data: bytes) -> tuple[etree._Element, bytes | None]:
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTED_STREAM in data:
            raise UnreadableInput("文件设有打开密码，请在 Word 中取消密码后另存为 .docx 再导入")
        raise UnreadableInput("这是旧版 Word（.doc）文件，请另存为 .docx 后再导入")
    if not data:
        raise UnreadableInput("文件是空的")
    if data[:2] != b"PK":
        raise UnreadableInput("不是 DOCX 文件：内容不是 ZIP 压缩包")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UnreadableInput("DOCX 文件不完整或已损坏，无法解压") from error
    with archive:
        _check_sizes(infos)
        names = {info.filename for info in infos}
        main = _main_part_name(archive, names)
        if main not in names:
            for marker, reason in _OTHER_FORMATS:
                if marker in names:
                    raise UnreadableInput(reason)
            raise UnreadableInput("压缩包中没有 word/document.xml，不是 Word 文档")
        document = _parse(_read_member(archive, main), main)
        styles_name = _styles_part_name(archive, names, main)
        styles = _read_member(archive, styles_name) if styles_name else None
    return document, styles


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(f"压缩包中有 {len(infos)} 个文件，不像 Word 文档，拒绝读取")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnreadableInput(
            f"解压后有 {total // (1024 * 1024)} MB，超过 {MAX_UNCOMPRESSED // (1024 * 1024)} MB 上限，疑似压缩炸弹"
        )
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and info.file_size > packed * MAX_RATIO:
            raise UnreadableInput(f"“{info.filename}”压缩比超过 {MAX_RATIO} 倍，疑似压缩炸弹，拒绝读取")


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART:
        raise UnreadableInput(f"“{name}”超过 {MAX_PART // (1024 * 1024)} MB，不像一期快报")
    try:
        with archive.open(info) as member:
            blob = member.read(MAX_PART + 1)
    except RuntimeError as error:  # zipfile: "File ... is encrypted, password required"
        raise UnreadableInput("文件已加密，无法读取") from error
    except NotImplementedError as error:
        raise UnreadableInput("DOCX 使用了不支持的压缩方式") from error
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UnreadableInput(f"DOCX 文件已损坏：“{name}”无法解压") from error
    if len(blob) > MAX_PART:  # the member's header understated its size
        raise UnreadableInput(f"“{name}”超过 {MAX_PART // (1024 * 1024)} MB，不像一期快报")
    return blob


def _parse(blob: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.LxmlError as error:
        raise UnreadableInput(f"DOCX 文件已损坏：“{name}”不是完好的 XML") from error


def _relationships(archive: zipfile.ZipFile, names: set[str], rels_name: str) -> list[tuple[str, str]]:
    """(type, target) pairs of a relationships part; empty when it is missing or broken."""
    if rels_name not in names:
        return []
    try:
        root = _parse(_read_member(archive, rels_name), rels_name)
    except UnreadableInput:
        return []
    return [
        (rel.get("Type", ""), rel.get("Target", ""))
        for rel in root
        if rel.tag == f"{{{_PKG_RELS}}}Relationship" and rel.get("TargetMode") != "External"
    ]


def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str:
    for kind, target in _relationships(archive, names, "_rels/.rels"):
        if _OFFICE_DOCUMENT.search(kind):
            resolved = _resolve("", target)
            if resolved in names:
                return resolved
    return "word/document.xml"


def _styles_part_name(archive: zipfile.ZipFile, names: set[str], main: str) -> str | None:
    folder, base = posixpath.split(main)
    for kind, target in _relationships(archive, names, posixpath.join(folder, "_rels", base + ".rels")):
        if _STYLES.search(kind):
            resolved = _resolve(folder, target)
            if resolved in names:
                return resolved
    fallback = posixpath.join(folder, "styles.xml")
    return fallback if fallback in names else None


def _resolve(folder: str, target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/")


# --- styles -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    bottom_rule: bool | None
    top_rule: bool | None


class _Styles:
    """Paragraph and character styles, resolved through their basedOn chains on demand."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.elements: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.default_bold = False
        self._styles: dict[str, _Style | None] = {}
        self._bold: dict[str | None, bool | None] = {}
        self._heading: dict[str | None, int] = {}
        if root is None:
            return
        defaults = root.find(f"{{{w}}}docDefaults/{{{w}}}rPrDefault/{{{w}}}rPr")
        self.default_bold = bool(_bold_of(defaults, w))
        id_key, type_key, default_key = f"{{{w}}}styleId", f"{{{w}}}type", f"{{{w}}}default"
        for element in root.iterchildren(f"{{{w}}}style"):
            style_id = element.get(id_key)
            if style_id:
                self.elements[style_id] = element
                if element.get(type_key) == "paragraph" and element.get(default_key) in ("1", "true", "on"):
                    self.default_paragraph = style_id

    def get(self, style_id: str) -> _Style | None:
        if style_id not in self._styles:
            element = self.elements.get(style_id)
            self._styles[style_id] = None if element is None else self._read(element, style_id)
        return self._styles[style_id]

    def _read(self, element: etree._Element, style_id: str) -> _Style:
        w = self.w
        ppr = element.find(f"{{{w}}}pPr")
        outline = _val(ppr.find(f"{{{w}}}outlineLvl"), w) if ppr is not None else None
        bottom, top = _borders(ppr, w)
        return _Style(
            name=(_val(element.find(f"{{{w}}}name"), w) or style_id).strip(),
            based_on=_val(element.find(f"{{{w}}}basedOn"), w),
            bold=_bold_of(element.find(f"{{{w}}}rPr"), w),
            outline=_int(outline),
            bottom_rule=bottom,
            top_rule=top,
        )

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            style = self.get(style_id)
            if style is None:
                return
            seen.add(style_id)
            yield style
            style_id = style.based_on

    def bold(self, style_id: str | None) -> bool | None:
        if style_id not in self._bold:
            self._bold[style_id] = next((s.bold for s in self.chain(style_id) if s.bold is not None), None)
        return self._bold[style_id]

    def heading(self, style_id: str | None) -> int:
        if style_id not in self._heading:
            self._heading[style_id] = self._heading_of(style_id)
        return self._heading[style_id]

    def _heading_of(self, style_id: str | None) -> int:
        style = self.get(style_id) if style_id is not None else None
        if style is None:
            return 0
        name = style.name.lower()
        match = _HEADING_NAME.match(name)
        if match:
            return int(match.group(1))
        if name in _TITLE_NAMES:
            return 1
        outline = next((s.outline for s in self.chain(style_id) if s.outline is not None), None)
        return outline + 1 if outline is not None and 0 <= outline < 9 else 0

    def rules(self, style_id: str | None) -> tuple[bool, bool]:
        bottom = next((s.bottom_rule for s in self.chain(style_id) if s.bottom_rule is not None), False)
        top = next((s.top_rule for s in self.chain(style_id) if s.top_rule is not None), False)
        return bottom, top


# Word's styles.xml holds hundreds of styles (python-docx's template: 350 kB) of which a bulletin
# uses a handful; parsing all of it costs more than the rest of the file. So the styles in use
# and their bases are cut out of the bytes and only those are parsed. Anything written another
# way than Word writes it (another prefix, odd quoting) falls back to parsing the whole part.
_STYLE_START = re.compile(rb"<w:style[\s/>]")
_STYLE_ID = re.compile(rb"""\sw:styleId\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_BASED_ON = re.compile(rb"""<w:basedOn\s+w:val\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PARAGRAPH_DEFAULT = re.compile(rb"""\sw:default\s*=\s*["'](?:1|true|on)["']""")
_DOC_DEFAULTS = re.compile(rb"<w:docDefaults[\s>].*?</w:docDefaults>", re.DOTALL)
_STYLES_ROOT = re.compile(rb"<w:styles[\s>][^>]*>")


def _styles_root(blob: bytes, wanted: set[str]) -> etree._Element:
    """The styles part, parsed only as far as the `wanted` style ids (and their bases) need."""
    subset = _styles_subset(blob, wanted)
    if subset is not None:
        try:
            return etree.fromstring(subset, _PARSER)
        except etree.LxmlError:
            pass
    return _parse(blob, "word/styles.xml")


def _styles_subset(blob: bytes, wanted: set[str]) -> bytes | None:
    root = _STYLES_ROOT.search(blob)
    if root is None or b"&" in root.group(0):
        return None
    chunks: dict[str, bytes] = {}
    for match in _STYLE_START.finditer(blob, root.end()):
        head_end = blob.find(b">", match.start())
        if head_end < 0:
            return None
        head = blob[match.start() : head_end + 1]
        if head.endswith(b"/>"):
            end = head_end + 1
        else:
            close = blob.find(b"</w:style>", head_end)
            if close < 0:
                return None
            end = close + len(b"</w:style>")
        found = _STYLE_ID.search(head)
        if found is None:
            continue
        raw_id = found.group(1) if found.group(1) is not None else found.group(2)
        if b"&" in raw_id:
            return None
        style_id = raw_id.decode("utf-8")
        if _PARAGRAPH_DEFAULT.search(head) and b'w:type="paragraph"' in head:
            wanted = wanted | {style_id}
        chunks[style_id] = blob[match.start() : end]
    keep: list[bytes] = []
    queue = [style_id for style_id in wanted if style_id in chunks]
    done: set[str] = set()
    while queue:
        style_id = queue.pop()
        if style_id in done:
            continue
        done.add(style_id)
        chunk = chunks[style_id]
        keep.append(chunk)
        based = _BASED_ON.search(chunk)
        if based is not None:
            base = (based.group(1) if based.group(1) is not None else based.group(2) or b"").decode("utf-8")
            if base in chunks:
                queue.append(base)
    defaults = _DOC_DEFAULTS.search(blob)
    return b"".join([root.group(0), defaults.group(0) if defaults else b"", *keep, b"</w:styles>"])


def _val(element: etree._Element | None, w: str) -> str | None:
    return None if element is None else element.get(f"{{{w}}}val")


def _int(text: str | None) -> int | None:
    try:
        return None if text is None else int(text)
    except ValueError:
        return None


def _bold_of(rpr: etree._Element | None, w: str) -> bool | None:
    """The w:b toggle of run properties: None when not set."""
    if rpr is None:
        return None
    bold = rpr.find(f"{{{w}}}b")
    return None if bold is None else _switched_on(bold, w)


def _borders(ppr: etree._Element | None, w: str) -> tuple[bool | None, bool | None]:
    """Whether the paragraph properties draw a rule below and above (None: not said)."""
    if ppr is None:
        return None, None
    borders = ppr.find(f"{{{w}}}pBdr")
    if borders is None:
        return None, None

    def drawn(side: str) -> bool | None:
        edge = borders.find(f"{{{w}}}{side}")
        if edge is None:
            return None
        return (edge.get(f"{{{w}}}val") or "none") not in ("none", "nil")

    # A box around a paragraph is a frame, not a rule.
    if drawn("left") or drawn("right"):
        return False, False
    return drawn("bottom"), drawn("top")


# --- the document -------------------------------------------------------------------------


@dataclass(slots=True)
class _Paragraph:
    """What one paragraph gave: its spans and what else was in it."""

    spans: list[Span] = field(default_factory=list)
    images: int = 0
    line_shapes: int = 0
    page_break: bool = False  # a page break inside or at the end
    boxes: list[etree._Element] = field(default_factory=list)  # text boxes' paragraphs


class _Reader:
    def __init__(self, document: etree._Element, styles_blob: bytes | None) -> None:
        w = _namespace(document.tag)
        if w not in (W_TRANSITIONAL, W_STRICT) or document.tag != f"{{{w}}}document":
            raise UnreadableInput("word/document.xml 不是 Word 正文")
        self.w = w
        self.root = document
        wanted = {
            value
            for element in document.iter(f"{{{w}}}pStyle", f"{{{w}}}rStyle")
            if (value := element.get(f"{{{w}}}val"))
        }
        self.styles = _Styles(None if styles_blob is None else _styles_root(styles_blob, wanted), w)
        self.blocks: list[Block] = []
        self.warnings: list[ImportWarning] = []
        self.number = 0
        self.break_pending = False
        self.tracked = False
        t = self._tag
        self.P, self.R, self.TBL, self.TR, self.TC = t("p"), t("r"), t("tbl"), t("tr"), t("tc")
        self.T, self.TAB, self.PTAB, self.BR, self.CR = t("t"), t("tab"), t("ptab"), t("br"), t("cr")
        self.PPR, self.RPR, self.PSTYLE, self.RSTYLE = t("pPr"), t("rPr"), t("pStyle"), t("rStyle")
        self.SDT, self.SDT_CONTENT, self.SECT_PR = t("sdt"), t("sdtContent"), t("sectPr")
        self.DRAWINGS = frozenset({t("drawing"), t("pict"), t("object"), f"{{{_MC}}}AlternateContent"})
        self.INLINE_CONTAINERS = frozenset(
            t(name) for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")
        )
        self.DELETED = frozenset({t("del"), t("moveFrom")})
        self.INSERTED = frozenset({t("ins"), t("moveTo")})
        self.BLOCK_CONTAINERS = frozenset({t("customXml"), t("ins"), t("moveTo")})
        self.TXBX = t("txbxContent")
        self.ALT_CHUNK = t("altChunk")

    def _tag(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    def read(self) -> Reading:
        body = self.root.find(self._tag("body"))
        if body is None:
            raise UnreadableInput("Word 文档没有正文")
        self._read_body(body)
        if self.tracked:
            self.warnings.append(ImportWarning("tracked-changes", "文档中有未处理的修订，按接受全部修订后的文字读取"))
        if not any(not block.rule for block in self.blocks):
            images = any(warning.code == "image-skipped" for warning in self.warnings)
            raise UnreadableInput("Word 文档中没有文字" + ("（只有图片）" if images else ""))
        return Reading(self.blocks, self.warnings, encoding=None, format="docx")

    def _read_body(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == self.P:
                self.number += 1
                self._read_paragraph(child, self.number)
            elif tag == self.TBL:
                self._read_table(child)
            elif tag == self.SDT:
                content = child.find(self.SDT_CONTENT)
                if content is not None:
                    self._read_body(content)
            elif tag in self.BLOCK_CONTAINERS:
                self.tracked = self.tracked or tag in self.INSERTED
                self._read_body(child)
            elif tag in self.DELETED:
                self.tracked = True
            elif tag == f"{{{_MC}}}AlternateContent":
                branch = _alternate_branch(child)
                if branch is not None:
                    self._read_body(branch)
            elif tag == self.ALT_CHUNK:
                self.warnings.append(
                    ImportWarning("embedded-skipped", "文档中嵌入的其他文件内容已略去", line=self.number or None)
                )

    def _read_paragraph(self, p: etree._Element, number: int) -> None:
        ppr = p.find(self.PPR)
        style_id = _val(ppr.find(self.PSTYLE), self.w) if ppr is not None else None
        style_id = style_id or self.styles.default_paragraph
        found = _Paragraph()
        self._walk(p, found, style_id)
        for box in found.boxes:
            self._read_box(box, number)
        page_break_before = self.break_pending or self._breaks_before(ppr)
        self.break_pending = found.page_break or self._ends_section(ppr)
        if found.images:
            count = f" {found.images} 张" if found.images > 1 else ""
            self.warnings.append(
                ImportWarning(
                    "image-skipped", f"第 {number} 段中的{count}图片已略去，图片中的文字不会导入", line=number
                )
            )
        bottom, top = self._rules(ppr, style_id)
        spans = merge_spans(_trim_breaks(found.spans))
        text = "".join(span.text for span in spans)
        if not text.strip():
            if bottom or top or found.line_shapes:
                self.blocks.append(Block((), line=number, rule=True, page_break_before=page_break_before))
            else:
                self.break_pending = self.break_pending or page_break_before
            return
        if top:
            self.blocks.append(Block((), line=number, rule=True))
        heading = self._heading(ppr, style_id)
        self.blocks.append(Block(spans, line=number, heading=heading, page_break_before=page_break_before))
        if bottom:
            self.blocks.append(Block((), line=number, rule=True))

    def _read_box(self, box: etree._Element, number: int) -> None:
        """A text box's paragraphs (a masthead is often drawn in one) come before its anchor."""
        start, count = len(self.blocks), self.number
        self._read_body(box)
        self.number = count
        self.blocks[start:] = [dataclasses.replace(block, line=number) for block in self.blocks[start:]]

    def _breaks_before(self, ppr: etree._Element | None) -> bool:
        return ppr is not None and _switched_on(ppr.find(self._tag("pageBreakBefore")), self.w)

    def _ends_section(self, ppr: etree._Element | None) -> bool:
        """A section break in this paragraph starts the next on a new page (unless continuous)."""
        if ppr is None:
            return False
        section = ppr.find(self.SECT_PR)
        if section is None:
            return False
        kind = _val(section.find(self._tag("type")), self.w) or "nextPage"
        return kind != "continuous"

    def _rules(self, ppr: etree._Element | None, style_id: str | None) -> tuple[bool, bool]:
        bottom, top = _borders(ppr, self.w)
        style_bottom, style_top = self.styles.rules(style_id)
        return (style_bottom if bottom is None else bottom), (style_top if top is None else top)

    def _heading(self, ppr: etree._Element | None, style_id: str | None) -> int:
        if ppr is not None:
            outline = _int(_val(ppr.find(self._tag("outlineLvl")), self.w))
            if outline is not None:
                return outline + 1 if 0 <= outline < 9 else 0
        return self.styles.heading(style_id)

    def _walk(self, container: etree._Element, found: _Paragraph, style_id: str | None) -> None:
        for child in container:
            tag = child.tag
            if tag == self.R:
                self._read_run(child, found, style_id)
            elif tag in self.INLINE_CONTAINERS:
                self.tracked = self.tracked or tag in self.INSERTED
                self._walk(child, found, style_id)
            elif tag == self.SDT:
                content = child.find(self.SDT_CONTENT)
                if content is not None:
                    self._walk(content, found, style_id)
            elif tag in self.DELETED:
                self.tracked = True
            elif tag == f"{{{_MATH}}}oMath" or tag == f"{{{_MATH}}}oMathPara":
                found.spans.append(Span("".join(child.itertext(f"{{{_MATH}}}t"))))
            elif tag == f"{{{_MC}}}AlternateContent":
                branch = _alternate_branch(child)
                if branch is not None:
                    self._walk(branch, found, style_id)

    def _read_run(self, run: etree._Element, found: _Paragraph, style_id: str | None) -> None:
        bold = self._run_bold(run, style_id)
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == self.T:
                parts.append((child.text or "").replace("\t", " "))
            elif tag == self.TAB or tag == self.PTAB:
                parts.append(" ")
            elif tag == self.BR:
                if child.get(self._tag("type")) == "page":
                    found.page_break = True
                parts.append("\n")
            elif tag == self.CR:
                parts.append("\n")
            elif tag == self._tag("noBreakHyphen"):
                parts.append("-")
            elif tag in self.DRAWINGS:
                self._read_drawing(child, found)
        if parts:
            found.spans.append(Span("".join(parts), bold))

    def _run_bold(self, run: etree._Element, style_id: str | None) -> bool:
        rpr = run.find(self.RPR)
        if rpr is not None:
            direct = _bold_of(rpr, self.w)
            if direct is not None:
                return direct
            run_style = _val(rpr.find(self.RSTYLE), self.w)
            if run_style is not None:
                by_run_style = self.styles.bold(run_style)
                if by_run_style is not None:
                    return by_run_style
        by_paragraph = self.styles.bold(style_id)
        return self.styles.default_bold if by_paragraph is None else by_paragraph

    def _read_drawing(self, drawing: etree._Element, found: _Paragraph) -> None:
        """Text boxes are read; a drawn line is a rule; anything else is an image, skipped."""
        if drawing.tag == f"{{{_MC}}}AlternateContent":
            branch = _alternate_branch(drawing)
            if branch is None:
                return
            drawing = branch
        names = {_local(element.tag) for element in drawing.iter() if isinstance(element.tag, str)}
        if "txbxContent" in names:
            box = next(drawing.iter(self.TXBX), None)
            if box is not None:
                found.boxes.append(box)
            return
        textpath = next((e for e in drawing.iter() if isinstance(e.tag, str) and _local(e.tag) == "textpath"), None)
        if textpath is not None and textpath.get("string"):
            found.spans.append(Span(textpath.get("string", "")))  # WordArt (VML)
            return
        if names & {"blip", "imagedata", "pic", "OLEObject"}:
            found.images += 1
        elif "line" in names or _preset_shapes(drawing) & {"line", "straightConnector1"}:
            found.line_shapes += 1  # VML v:line or a DrawingML line: the red rule of a masthead
        else:
            found.images += 1

    def _read_table(self, table: etree._Element) -> None:
        for row in _rows(table, self.TR, self.SDT, self.SDT_CONTENT):
            self.number += 1
            cells: list[list[Span]] = []
            found = _Paragraph()
            for cell in _cells(row, self.TC, self.SDT, self.SDT_CONTENT):
                spans = self._cell_spans(cell, found)
                if "".join(span.text for span in spans).strip():
                    cells.append(spans)
            if found.images:
                self.warnings.append(
                    ImportWarning("image-skipped", f"第 {self.number} 段（表格）中的图片已略去", line=self.number)
                )
            if not cells:
                continue
            spans_out: list[Span] = []
            for index, cell_spans in enumerate(cells):
                if index:
                    spans_out.append(Span(" "))
                spans_out.extend(cell_spans)
            self.blocks.append(Block(merge_spans(spans_out), line=self.number))

    def _cell_spans(self, cell: etree._Element, found: _Paragraph) -> list[Span]:
        """A cell's paragraphs and nested tables as one run of spans, joined by spaces."""
        out: list[Span] = []
        for element in cell.iter(self.P):
            if any(ancestor.tag == self.TXBX for ancestor in element.iterancestors(self.TXBX)):
                continue
            ppr = element.find(self.PPR)
            style_id = _val(ppr.find(self.PSTYLE), self.w) if ppr is not None else None
            paragraph = _Paragraph()
            self._walk(element, paragraph, style_id or self.styles.default_paragraph)
            found.images += paragraph.images
            text = "".join(span.text for span in paragraph.spans).strip()
            if text:
                if out:
                    out.append(Span(" "))
                out.extend(Span(span.text.replace("\n", " "), span.bold) for span in paragraph.spans)
        return out


def _switched_on(element: etree._Element | None, w: str) -> bool:
    """An on/off property: present without w:val, or with a true value."""
    if element is None:
        return False
    value = element.get(f"{{{w}}}val")
    return value is None or value.lower() not in _FALSE


def _rows(table: etree._Element, tr: str, sdt: str, content: str) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == tr:
            yield child
        elif child.tag == sdt:
            inner = child.find(content)
            if inner is not None:
                yield from _rows(inner, tr, sdt, content)


def _cells(row: etree._Element, tc: str, sdt: str, content: str) -> Iterator[etree._Element]:
    for child in row:
        if child.tag == tc:
            yield child
        elif child.tag == sdt:
            inner = child.find(content)
            if inner is not None:
                yield from _cells(inner, tc, sdt, content)


def _alternate_branch(element: etree._Element) -> etree._Element | None:
    """The first mc:Choice of markup-compatibility content, else its mc:Fallback."""
    choice = element.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else element.find(f"{{{_MC}}}Fallback")


def _preset_shapes(drawing: etree._Element) -> set[str]:
    return {
        element.get("prst", "")
        for element in drawing.iter()
        if isinstance(element.tag, str) and _local(element.tag) == "prstGeom"
    }


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: object) -> str:
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]


def _trim_breaks(spans: list[Span]) -> list[Span]:
    """Drop line breaks at the very start and end of a paragraph (a trailing Shift+Enter)."""
    out = list(spans)
    while out and not out[0].text.lstrip("\n"):
        out.pop(0)
    if out:
        out[0] = Span(out[0].text.lstrip("\n"), out[0].bold)
    while out and not out[-1].text.rstrip("\n"):
        out.pop()
    if out:
        out[-1] = Span(out[-1].text.rstrip("\n"), out[-1].bold)
    return out
