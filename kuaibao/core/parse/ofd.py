"""Read an OFD file (GB/T 33190-2016, the fixed-layout format of 电子公文 systems and archives).

An OFD is a ZIP package: OFD.xml names each document's root (Doc_0/Document.xml), which lists
the pages, their templates and the resources (fonts). Each page's content holds text objects
(a font, a size in millimetres, a boundary, an optional transformation, and TextCode runs with
the position of the first character and the advances of the others), path objects (rules) and
images. The reader turns them into the same glyphs, rules and picture boxes the PDF reader
extracts, in points with y growing downwards, and hands them to the PDF layout logic
(`pdf.layout`), so an OFD bulletin is rebuilt into paragraphs exactly as a PDF one is.

Signatures (Signatures.xml: provider, time, the stamp's place) and stamp annotations are kept
in the provenance as notes (they are not verified). The package is read under limits: member
count, declared and real uncompressed sizes, compression ratio, XML without entities or DTDs.
Pages whose only content is pictures (a scanned OFD) are recognised by OCR when it is there.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import uharfbuzz as hb
from lxml import etree

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import ImportWarning
from kuaibao.core.ofd import MM
from kuaibao.core.parse.blocks import Reading
from kuaibao.core.parse.pdf import Box, Glyph, PageText, insert_gap_spaces, layout

__all__ = ["MAX_MEMBERS", "MAX_PAGES", "MAX_PART_BYTES", "MAX_TOTAL_BYTES", "read_ofd", "read_ofd_pages"]


# Limits of the package: a bulletin is a few pages and fonts; anything far past these is refused.
MAX_MEMBERS = 20_000
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all parts read, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB
MAX_PAGES = 2000
MAX_OBJECTS = 200_000  # text, path and image objects over all pages
_MAX_NESTING = 32  # PageBlock and CompositeObject nesting

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_BOLD_NAME = re.compile(r"bold|heavy|black|黑", re.IGNORECASE)
_SPACES = re.compile(r"[\s,]+")


@dataclass(slots=True)
class _Font:
    name: str
    bold: bool
    # The embedded font file, when there is one: glyphs get their real widths from it, so a
    # wide Latin letter (M, W) is not taken for a letter and a gap.
    face: hb.Font | None = None

    def width(self, char: str) -> float | None:
        """The advance of `char` in em from the embedded font, or None where unknown."""
        if self.face is None:
            return None
        glyph = self.face.get_nominal_glyph(ord(char))
        return self.face.get_glyph_h_advance(glyph) / self.face.face.upem if glyph else None


@dataclass(slots=True)
class _Package:
    """The ZIP with its members' names folded to lower case (producers differ in case)."""

    archive: zipfile.ZipFile
    names: dict[str, zipfile.ZipInfo]
    read_bytes: int = 0

    def xml(self, path: str) -> etree._Element:
        data, info = self.data(path)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            raise UnreadableInput(f"OFD 文件中的“{info.filename}”不是有效的 XML，文件已损坏") from None
        if root is None:
            raise UnreadableInput(f"OFD 文件中的“{info.filename}”是空的")
        return root

    def data(self, path: str) -> tuple[bytes, zipfile.ZipInfo]:
        """A member's bytes, under the package's limits."""
        info = self.names.get(_clean(path).lower())
        if info is None:
            raise _Missing(path)
        if info.file_size > MAX_PART_BYTES:
            raise UnreadableInput(f"OFD 文件中的“{info.filename}”过大（{info.file_size // 1048576} MB），不像一期快报")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(f"OFD 文件中的“{info.filename}”压缩比异常（可能是压缩炸弹），已拒绝")
        with self.archive.open(info) as handle:
            data = handle.read(MAX_PART_BYTES + 1)
        if len(data) > MAX_PART_BYTES:
            raise UnreadableInput(f"OFD 文件中的“{info.filename}”过大，不像一期快报")
        self.read_bytes += len(data)
        if self.read_bytes > MAX_TOTAL_BYTES:
            raise UnreadableInput("OFD 文件解压后过大，不像一期快报")
        return data, info


class _Missing(UnreadableInput):
    def __init__(self, path: str) -> None:
        super().__init__(f"OFD 文件缺少“{path}”，文件不完整")
        self.path = path


def read_ofd(data: bytes) -> Reading:
    """Read an OFD's pages into blocks with the PDF layout logic; one-line errors only."""
    pages, notes = read_ofd_pages(data)
    try:
        reading = layout(pages)
    except UnreadableInput as exc:
        if "无文本层" in exc.reason:
            raise UnreadableInput("OFD 文件中没有文字（只有图片，可能是扫描件），需要先做文字识别") from None
        raise
    except Exception as exc:  # a layout the rules never met must still fail as bad input
        raise UnreadableInput(f"OFD 版面无法识别（{type(exc).__name__}）") from exc
    reading.format = "ofd-scan" if any(note.code == "ocr" for note in notes) else "ofd"
    warnings = [
        ImportWarning(w.code, w.message.replace("PDF 文本层", "OFD 文字"), w.line, w.page) for w in reading.warnings
    ]
    reading.warnings = sorted([*notes, *warnings], key=lambda w: (w.page or 0, w.line or 0))
    return reading


def read_ofd_pages(data: bytes) -> tuple[list[PageText], list[ImportWarning]]:
    """The glyphs, rules and pictures of every page of the first document, and the notes on
    its signatures and stamps."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UnreadableInput("OFD 文件已损坏（不是完整的 ZIP 包）") from None
    try:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadableInput(f"OFD 包内有 {len(infos)} 个文件，超过上限，不像一期快报")
        package = _Package(archive, {_clean(info.filename).lower(): info for info in infos})
        return _Reader(package).read()
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, RuntimeError, NotImplementedError) as exc:
        raise UnreadableInput(f"OFD 文件已损坏（{type(exc).__name__}）") from None
    finally:
        archive.close()


def _clean(path: str) -> str:
    return posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if _local(child) == name:
            return child
    return None


def _descendant(element: etree._Element, *path: str) -> etree._Element | None:
    for name in path:
        found = _child(element, name)
        if found is None:
            return None
        element = found
    return element


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _numbers(text: str | None) -> list[float]:
    out = []
    for token in _SPACES.split((text or "").strip()):
        if not token:
            continue
        try:
            value = float(token)
        except ValueError:
            continue
        if math.isfinite(value):
            out.append(value)
    return out


def _deltas(text: str | None) -> list[float]:
    """DeltaX / DeltaY: numbers, with "g N v" meaning N times v."""
    out: list[float] = []
    tokens = [t for t in _SPACES.split((text or "").strip()) if t]
    index = 0
    while index < len(tokens) and len(out) < 100_000:
        token = tokens[index]
        if token == "g" and index + 2 < len(tokens):  # noqa: S105 - OFD's repeat marker, no secret
            try:
                count, value = int(float(tokens[index + 1])), float(tokens[index + 2])
            except ValueError:
                index += 3
                continue
            out.extend([value] * max(0, min(count, 100_000)))
            index += 3
            continue
        try:
            out.append(float(token))
        except ValueError:
            pass
        index += 1
    return [value if math.isfinite(value) else 0.0 for value in out]


@dataclass(slots=True)
class _Matrix:
    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def then(self, outer: _Matrix) -> _Matrix:
        """This transformation followed by `outer`."""
        return _Matrix(
            self.a * outer.a + self.b * outer.c,
            self.a * outer.b + self.b * outer.d,
            self.c * outer.a + self.d * outer.c,
            self.c * outer.b + self.d * outer.d,
            self.e * outer.a + self.f * outer.c + outer.e,
            self.e * outer.b + self.f * outer.d + outer.f,
        )

    @property
    def scale(self) -> float:
        return math.sqrt(abs(self.a * self.d - self.b * self.c)) or 1.0

    @property
    def upright(self) -> bool:
        return self.a > 0 and abs(self.b) <= 0.05 * abs(self.a) and abs(self.c) <= 0.05 * abs(self.a)

    @classmethod
    def parse(cls, text: str | None) -> _Matrix:
        values = _numbers(text)
        return cls(*values) if len(values) == 6 else cls()


@dataclass(slots=True)
class _PageBuilder:
    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[float] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    rotated: list[str] = field(default_factory=list)

    def page(self) -> PageText:
        merged: list[float] = []
        for y in sorted(self.rules):  # a double rule (thick and thin) is one rule
            if not merged or y - merged[-1] > 6:
                merged.append(y)
        page = PageText(self.number, self.width, self.height, self.glyphs, merged, "".join(self.rotated), self.images)
        insert_gap_spaces(page)
        return page


class _Reader:
    def __init__(self, package: _Package) -> None:
        self.package = package
        self.fonts: dict[str, _Font] = {}
        self.templates: dict[str, str] = {}
        self.objects = 0
        self.notes: list[ImportWarning] = []
        self.media: dict[str, str] = {}  # MultiMedia ID -> path of an image in the package
        self.pictures: dict[int, list[tuple[Box, str]]] = {}  # page -> its images with their resource
        self.page_number = 0

    def read(self) -> tuple[list[PageText], list[ImportWarning]]:
        try:
            root = self.package.xml("OFD.xml")
        except _Missing:
            raise UnreadableInput("不是 OFD 文件（包内没有 OFD.xml）") from None
        bodies = _children(root, "DocBody")
        if not bodies:
            raise UnreadableInput("OFD 文件中没有文档（OFD.xml 没有 DocBody）")
        body = bodies[0]
        doc_path = _clean(_text(_child(body, "DocRoot")))
        if not doc_path:
            raise UnreadableInput("OFD 文件中没有文档根（DocRoot）")
        if len(bodies) > 1:
            self.notes.append(ImportWarning("ofd-documents", f"OFD 包含 {len(bodies)} 个文档，只读取第一个"))
        document = self.package.xml(doc_path)
        base = posixpath.dirname(doc_path)
        default_box = self._default_box(document)
        self._read_resources(document, base)
        pages_element = _child(document, "Pages")
        page_entries = _children(pages_element, "Page") if pages_element is not None else []
        if not page_entries:
            raise UnreadableInput("OFD 文件中没有页面")
        if len(page_entries) > MAX_PAGES:
            raise UnreadableInput(f"OFD 有 {len(page_entries)} 页，超过 {MAX_PAGES} 页的上限，不像一期快报")
        pages = [
            self._page(number, self._resolve(base, entry.get("BaseLoc", "")), default_box)
            for number, entry in enumerate(page_entries, start=1)
        ]
        page_ids = {entry.get("ID", ""): number for number, entry in enumerate(page_entries, start=1)}
        self._signatures(body, base, page_ids)
        self._stamps(document, base, page_ids)
        self._recognise_scans(pages)
        return pages, self.notes

    def _recognise_scans(self, pages: list[PageText]) -> None:
        """A page without text whose picture covers most of it is a scan (电子公文 systems keep
        signed paper this way): the picture is recognised and its text takes the page's place."""
        from kuaibao.core.parse import ocr

        for page in pages:
            if page.glyphs:
                continue
            covering = [
                (box, path)
                for box, path in self.pictures.get(page.number, [])
                if (box.x1 - box.x0) * (box.bottom - box.top) >= 0.5 * page.width * page.height and path
            ]
            if not covering or not ocr.ocr_available():
                continue
            box, path = max(covering, key=lambda item: (item[0].x1 - item[0].x0) * (item[0].bottom - item[0].top))
            try:
                data, _ = self.package.data(path)
            except _Missing:
                self.notes.append(ImportWarning("ofd-missing-part", f"OFD 缺少图片“{path}”", page=page.number))
                continue
            image = ocr.image_array(data)
            dpi = image.shape[1] / ((box.x1 - box.x0) / 72)
            text, warnings = ocr.page_text(ocr.recognise(image, dpi), page.number)
            scale = (box.x1 - box.x0) / text.width if text.width else 1.0
            page.glyphs = [
                Glyph(
                    g.text,
                    box.x0 + g.x0 * scale,
                    box.x0 + g.x1 * scale,
                    box.top + g.baseline * scale,
                    g.size * scale,
                    g.font,
                    g.bold,
                )
                for g in text.glyphs
            ]
            page.rules = [box.top + y * scale for y in text.rules]
            self.notes.extend(warnings)

    # documents and resources -----------------------------------------------------------------

    def _resolve(self, base: str, location: str) -> str:
        """A path in the package: absolute from the root ("/Doc_0/..."), else relative to the
        document's folder; producers write both, and some repeat the document folder."""
        location = location.replace("\\", "/").strip()
        if location.startswith("/"):
            return _clean(location)
        joined = _clean(posixpath.join(base, location))
        if joined.lower() in self.package.names or not base:
            return joined
        return _clean(location)

    def _default_box(self, document: etree._Element) -> tuple[float, float]:
        box = _numbers(_text(_descendant(document, "CommonData", "PageArea", "PhysicalBox")))
        return (box[2], box[3]) if len(box) == 4 and box[2] > 0 and box[3] > 0 else (210.0, 297.0)

    def _read_resources(self, document: etree._Element, base: str) -> None:
        common = _child(document, "CommonData")
        if common is None:
            return
        for name in ("PublicRes", "DocumentRes"):
            for element in _children(common, name):
                path = self._resolve(base, _text(element))
                try:
                    res = self.package.xml(path)
                except _Missing:
                    self.notes.append(ImportWarning("ofd-missing-part", f"OFD 缺少资源文件“{path}”，按默认字体读取"))
                    continue
                fonts = _child(res, "Fonts")
                location = res.get("BaseLoc", "").replace("\\", "/").strip()
                folder = location if location.startswith("/") else posixpath.join(posixpath.dirname(path), location)
                res_base = _clean(folder)
                for font in _children(fonts, "Font") if fonts is not None else []:
                    face = font.get("FontName", "") or font.get("FamilyName", "")
                    bold = font.get("Bold", "false").lower() == "true" or bool(_BOLD_NAME.search(face))
                    embedded = self._embedded_font(res_base, _text(_child(font, "FontFile")))
                    self.fonts[font.get("ID", "")] = _Font(face, bold, embedded)
                medias = _child(res, "MultiMedias")
                for media in _children(medias, "MultiMedia") if medias is not None else []:
                    file = _text(_child(media, "MediaFile"))
                    if media.get("Type", "Image").lower() == "image" and file:
                        self.media[media.get("ID", "")] = self._resolve(res_base, file)
        for template in _children(common, "TemplatePage"):
            self.templates[template.get("ID", "")] = self._resolve(base, template.get("BaseLoc", ""))

    def _embedded_font(self, base: str, location: str) -> hb.Font | None:
        """The font file a Font names, if it is in the package and HarfBuzz can read it."""
        if not location:
            return None
        try:
            data, _ = self.package.data(self._resolve(base, location))
        except UnreadableInput:
            return None
        font = hb.Font(hb.Face(hb.Blob(data)))
        return font if font.face.upem > 0 and font.face.glyph_count > 0 else None

    # pages -------------------------------------------------------------------------------------

    def _page(self, number: int, path: str, default_box: tuple[float, float]) -> PageText:
        try:
            page = self.package.xml(path)
        except _Missing:
            self.notes.append(ImportWarning("ofd-missing-page", f"OFD 缺少第 {number} 页的内容文件", page=number))
            return PageText(number, default_box[0] * MM, default_box[1] * MM, [])
        box = _numbers(_text(_descendant(page, "Area", "PhysicalBox")))
        width, height = (box[2], box[3]) if len(box) == 4 and box[2] > 0 and box[3] > 0 else default_box
        builder = _PageBuilder(number, width * MM, height * MM)
        for template in _children(page, "Template"):
            template_path = self.templates.get(template.get("TemplateID", ""))
            if template_path:
                try:
                    self._content(self.package.xml(template_path), builder)
                except _Missing:
                    self.notes.append(
                        ImportWarning("ofd-missing-part", f"OFD 缺少模板页“{template_path}”", page=number)
                    )
        self._content(page, builder)
        return builder.page()

    def _content(self, page: etree._Element, builder: _PageBuilder) -> None:
        content = _child(page, "Content")
        if content is None:
            return
        for layer in _children(content, "Layer"):
            self._objects(layer, builder, _Matrix(), 0)

    def _objects(self, parent: etree._Element, builder: _PageBuilder, outer: _Matrix, depth: int) -> None:
        if depth > _MAX_NESTING:
            raise UnreadableInput("OFD 页面对象嵌套过深，文件可能已损坏")
        for element in parent:
            kind = _local(element)
            if kind not in ("TextObject", "PathObject", "ImageObject", "PageBlock", "CompositeObject"):
                continue
            self.objects += 1
            if self.objects > MAX_OBJECTS:
                raise UnreadableInput("OFD 页面对象过多，不像一期快报")
            if kind == "PageBlock":
                self._objects(element, builder, outer, depth + 1)
                continue
            boundary = _numbers(element.get("Boundary"))
            if len(boundary) != 4:
                continue
            x, y, w, h = boundary
            place = _Matrix.parse(element.get("CTM")).then(_Matrix(e=x, f=y)).then(outer)
            if kind == "TextObject":
                self._text_object(element, place, builder)
            elif kind == "PathObject":
                self._path_object(place, w, h, builder)
            elif kind == "ImageObject":
                self._image_object(place, builder, self.media.get(element.get("ResourceID", ""), ""))

    def _text_object(self, element: etree._Element, place: _Matrix, builder: _PageBuilder) -> None:
        font = self.fonts.get(element.get("Font", ""), _Font("", False))
        sizes = _numbers(element.get("Size"))
        size_mm = sizes[0] if sizes else 3.5
        weight = _numbers(element.get("Weight"))
        bold = font.bold or bool(weight and weight[0] >= 600)
        size = size_mm * place.scale * MM
        upright = place.upright
        x = y = 0.0
        for code in _children(element, "TextCode"):
            text = code.text or ""
            if code.get("X") is not None:
                x = (_numbers(code.get("X")) or [x])[0]
            if code.get("Y") is not None:
                y = (_numbers(code.get("Y")) or [y])[0]
            dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
            if not upright:
                builder.rotated.append(text)
                continue
            for index, char in enumerate(text):
                width = font.width(char)
                if width is not None:
                    natural = width * size_mm
                else:
                    natural = size_mm if unicodedata.east_asian_width(char) in "WFA" else 0.55 * size_mm
                advance = dx[index] if index < len(dx) else natural
                px, py = place.apply(x, y)
                # The glyph ends where its own width does; a larger advance is a gap (spaces).
                right, _ = place.apply(x + min(advance, natural) if advance > 0 else x + natural, y)
                if not char.isspace() or char == "\u3000":
                    builder.glyphs.append(Glyph(char, px * MM, max(right, px) * MM, py * MM, size, font.name, bold))
                else:
                    builder.glyphs.append(Glyph(" ", px * MM, max(right, px) * MM, py * MM, size, font.name, bold))
                x += advance
                if index < len(dy):
                    y += dy[index]

    def _path_object(self, place: _Matrix, w: float, h: float, builder: _PageBuilder) -> None:
        x0, y0 = place.apply(0, 0)
        x1, y1 = place.apply(w, h)
        left, right, top, bottom = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        if (bottom - top) * MM <= 6 and (right - left) * MM >= 0.4 * builder.width:
            builder.rules.append((top + bottom) / 2 * MM)

    def _image_object(self, place: _Matrix, builder: _PageBuilder, path: str) -> None:
        # An image's CTM maps the unit square onto the picture.
        corners = [place.apply(u, v) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        box = Box(min(xs) * MM, min(ys) * MM, max(xs) * MM, max(ys) * MM)
        builder.images.append(box)
        self.pictures.setdefault(builder.number, []).append((box, path))

    # provenance: signatures and stamps -----------------------------------------------------

    def _signatures(self, body: etree._Element, base: str, page_ids: dict[str, int]) -> None:
        location = _text(_child(body, "Signatures"))
        if not location:
            return
        path = self._resolve("", location)
        try:
            listing = self.package.xml(path)
        except _Missing:
            self.notes.append(ImportWarning("ofd-signature", "OFD 声明有电子签章，但签章列表缺失"))
            return
        folder = posixpath.dirname(path)
        for entry in _children(listing, "Signature"):
            kind = "签名" if entry.get("Type", "Seal") == "Sign" else "电子签章"
            where = self._resolve(folder, entry.get("BaseLoc", ""))
            try:
                signature = self.package.xml(where)
            except _Missing:
                self.notes.append(ImportWarning("ofd-signature", f"OFD 有{kind}，但其内容“{where}”缺失"))
                continue
            info = _child(signature, "SignedInfo")
            provider = _child(info, "Provider") if info is not None else None
            who = provider.get("ProviderName", "") if provider is not None else ""
            when = _text(_child(info, "SignatureDateTime")) if info is not None else ""
            stamp = _child(info, "StampAnnot") if info is not None else None
            page = page_ids.get(stamp.get("PageRef", "")) if stamp is not None else None
            details = "，".join(
                part for part in (f"签章程序 {who}" if who else "", f"时间 {when}" if when else "") if part
            )
            message = f"文件带有{kind}（{details or '无说明'}），签名未核验，只作来源记录"
            self.notes.append(ImportWarning("ofd-signature", message, page=page))

    def _stamps(self, document: etree._Element, base: str, page_ids: dict[str, int]) -> None:
        location = _text(_child(document, "Annotations"))
        if not location:
            return
        try:
            listing = self.package.xml(self._resolve(base, location))
        except _Missing:
            return
        folder = posixpath.dirname(self._resolve(base, location))
        for page in _children(listing, "Page"):
            number = page_ids.get(page.get("PageID", ""))
            file_location = _text(_child(page, "FileLoc"))
            if not file_location:
                continue
            try:
                annotations = self.package.xml(self._resolve(folder, file_location))
            except _Missing:
                continue
            stamps = [a for a in _children(annotations, "Annot") if a.get("Type") == "Stamp"]
            if stamps:
                self.notes.append(
                    ImportWarning("ofd-stamp", f"页面上有 {len(stamps)} 个印章注释，只作来源记录", page=number)
                )
