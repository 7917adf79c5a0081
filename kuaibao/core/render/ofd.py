"""Write a bulletin as OFD (GB/T 33190-2016), the fixed-layout format of 电子公文 and archives.

The pages are the PDF's (`pages.layout_pages` lays them out as the print stylesheet does): each
line's runs become text objects (font, size, the first character's position on the baseline and
every advance in DeltaX), the masthead's red rule and the tail's rules are vector paths, and the
open fonts the text is drawn with are embedded as subsets (OpenType, the glyphs used, with their
cmap), as the standard allows. OFD.xml carries the title, publisher, date and the 密级 / 编号
marks as document metadata. Lengths are millimetres; every piece of text is XML-escaped.

No Java and no network: lxml is not even needed; the parts are written as text. The same
bulletin always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from kuaibao.core.model import Bulletin
from kuaibao.core.ofd import DOC_ROOT, ENTRY, NAMESPACE, PUBLIC_RES, VERSION, compress_deltas, number, page_path
from kuaibao.core.render.fonts import open_font
from kuaibao.core.render.pages import PAGE_HEIGHT, PAGE_WIDTH, PT_PER_MM, Glyphs, PageLayout, Rule, layout_pages

__all__ = ["render_ofd"]

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = f'xmlns:ofd="{NAMESPACE}"'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOR_SPACE_ID = 1


def render_ofd(bulletin: Bulletin) -> bytes:
    """The bulletin as an .ofd file (bytes); the same bulletin always gives the same bytes."""
    return _Writer(bulletin, layout_pages(bulletin)).write()


def _mm(points: float) -> str:
    return number(points / PT_PER_MM)


def _text(text: str) -> str:
    if _NOT_XML.search(text):
        raise ValueError(f"XML cannot hold the control characters in {text!r}")
    return escape(text)


class _Writer:
    def __init__(self, bulletin: Bulletin, layout: PageLayout) -> None:
        self.bulletin = bulletin
        self.layout = layout
        self.next_id = _COLOR_SPACE_ID + 1
        used = [key for key, chars in layout.chars.items() if chars]
        self.font_ids = {key: self._id() for key in used}

    def _id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def write(self) -> bytes:
        pages = [self._page(page.glyphs, page.rules) for page in self.layout.pages]
        page_ids = [self._id() for _ in pages]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            _put(package, ENTRY, self._entry())
            _put(package, DOC_ROOT, self._document(page_ids))
            _put(package, PUBLIC_RES, self._resources())
            for key, font_id in self.font_ids.items():
                data = open_font(key).subset(self.layout.chars[key])
                # Font files barely compress (CFF outlines): stored, they cost no time.
                _put(package, f"Doc_0/Res/font_{font_id}.otf", data, compress=False)
            for index, content in enumerate(pages):
                _put(package, page_path(index), content)
        return out.getvalue()

    # --- parts -------------------------------------------------------------------------------

    def _entry(self) -> bytes:
        b = self.bulletin
        title = f"{b.title}{'（增刊）' if b.supplement else ''}第{b.issue}期"
        custom = "".join(
            f"<ofd:CustomData Name={quoteattr(name)}>{_text(value)}</ofd:CustomData>"
            for name, value in (
                ("密级", b.marks.classification or ""),
                ("保密期限", b.marks.secrecy_period or ""),
                ("编号", b.marks.serial or ""),
                ("内部资料", "是" if b.marks.internal else ""),
                ("总期号", "" if b.total_issue is None else str(b.total_issue)),
                ("印数", "" if b.copies is None else str(b.copies)),
            )
            if value
        )
        custom_xml = f"<ofd:CustomDatas>{custom}</ofd:CustomDatas>" if custom else ""
        author = f"<ofd:Author>{_text(b.publisher)}</ofd:Author>" if b.publisher else ""
        info = (
            f"<ofd:DocID>{self._doc_id()}</ofd:DocID><ofd:Title>{_text(title)}</ofd:Title>{author}"
            f"<ofd:CreationDate>{b.date.isoformat()}</ofd:CreationDate>"
            f"<ofd:Creator>kuaibao</ofd:Creator>{custom_xml}"
        )
        return (
            f'{_HEAD}<ofd:OFD {_NS} Version="{VERSION}" DocType="OFD"><ofd:DocBody>'
            f"<ofd:DocInfo>{info}</ofd:DocInfo><ofd:DocRoot>{DOC_ROOT}</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>"
        ).encode()

    def _doc_id(self) -> str:
        """A UUID's 32 hex digits, from what the issue is: equal bulletins, equal files."""
        b = self.bulletin
        key = f"{b.title}|{b.supplement}|{b.date.isoformat()}|{b.issue}|{len(self.layout.pages)}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def _document(self, page_ids: list[int]) -> bytes:
        pages = "".join(
            f'<ofd:Page ID="{page_id}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
            for index, page_id in enumerate(page_ids)
        )
        box = f"0 0 {_mm(PAGE_WIDTH)} {_mm(PAGE_HEIGHT)}"
        return (
            f"{_HEAD}<ofd:Document {_NS}><ofd:CommonData>"
            f"<ofd:MaxUnitID>{self.next_id - 1}</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            f"<ofd:DefaultCS>{_COLOR_SPACE_ID}</ofd:DefaultCS>"
            f"</ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
        ).encode()

    def _resources(self) -> bytes:
        fonts = []
        for key, font_id in self.font_ids.items():
            font = open_font(key)
            bold = ' Bold="true"' if font.bold else ""
            serif = ' Serif="true"' if font.serif else ""
            name = font.family + (" Bold" if font.bold else "")
            fonts.append(
                f'<ofd:Font ID="{font_id}" FontName={quoteattr(name)} FamilyName={quoteattr(font.family)}{bold}{serif}>'
                f"<ofd:FontFile>font_{font_id}.otf</ofd:FontFile></ofd:Font>"
            )
        return (
            f'{_HEAD}<ofd:Res {_NS} BaseLoc="Res"><ofd:ColorSpaces>'
            f'<ofd:ColorSpace ID="{_COLOR_SPACE_ID}" Type="RGB" BitsPerComponent="8"/></ofd:ColorSpaces>'
            f"<ofd:Fonts>{''.join(fonts)}</ofd:Fonts></ofd:Res>"
        ).encode()

    def _page(self, glyphs: list[Glyphs], rules: list[Rule]) -> bytes:
        layer_id = self._id()
        objects = "".join([*(self._rule(rule) for rule in rules), *self._texts(glyphs)])
        return (
            f'{_HEAD}<ofd:Page {_NS}><ofd:Content><ofd:Layer ID="{layer_id}">{objects}</ofd:Layer>'
            "</ofd:Content></ofd:Page>"
        ).encode()

    def _texts(self, runs: list[Glyphs]) -> Iterator[str]:
        for run in runs:
            if not run.text.strip():
                continue
            font = open_font(run.font)
            top = run.y - font.ascender * run.size
            height = (font.ascender + font.descender) * run.size
            width = sum(run.advances)
            boundary = f"{_mm(run.x)} {_mm(top)} {_mm(width)} {_mm(height)}"
            weight = ' Weight="700"' if font.bold else ""
            color = f'<ofd:FillColor Value="{run.color}"/>' if run.color != "0 0 0" else ""
            deltas = compress_deltas([advance / PT_PER_MM for advance in run.advances[:-1]])
            delta = f' DeltaX="{deltas}"' if deltas else ""
            yield (
                f'<ofd:TextObject ID="{self._id()}" Boundary="{boundary}" Font="{self.font_ids[run.font]}"'
                f' Size="{_mm(run.size)}"{weight}>{color}'
                f'<ofd:TextCode X="0" Y="{_mm(run.y - top)}"{delta}>{_text(run.text)}</ofd:TextCode></ofd:TextObject>'
            )

    def _rule(self, rule: Rule) -> str:
        top = rule.y - rule.width / 2
        boundary = f"{_mm(rule.x0)} {_mm(top)} {_mm(rule.x1 - rule.x0)} {_mm(rule.width)}"
        middle = _mm(rule.width / 2)
        return (
            f'<ofd:PathObject ID="{self._id()}" Boundary="{boundary}" LineWidth="{_mm(rule.width)}">'
            f'<ofd:StrokeColor Value="{rule.color}"/>'
            f"<ofd:AbbreviatedData>M 0 {middle} L {_mm(rule.x1 - rule.x0)} {middle}</ofd:AbbreviatedData>"
            "</ofd:PathObject>"
        )


def _put(package: zipfile.ZipFile, name: str, data: bytes, *, compress: bool = True) -> None:
    """A member with a fixed timestamp, so that equal bulletins give equal bytes."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    entry.external_attr = 0o644 << 16
    package.writestr(entry, data)
