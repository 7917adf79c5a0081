"""Check an OFD package against GB/T 33190-2016 as far as kuaibao writes it.

`check_package` validates every XML part against tests/fixtures/ofd/ofd-subset.xsd (the
standard's structure for what kuaibao writes, written from its text) and then checks what a
schema cannot: every location resolves to a member of the package, IDs are unique and no
greater than MaxUnitID, every font and colour space a page refers to is declared, DeltaX has
no more values than a TextCode has gaps, every embedded font is OpenType and maps every
character drawn with it. With KUAIBAO_OFD_XSD_DIR naming a folder of the standard's own XSD
files (OFD.xsd, Document.xsd, Res.xsd, Page.xsd; not shipped: no licence found for a copy),
the parts are validated against those too.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import uharfbuzz as hb
from lxml import etree

from kuaibao.core.ofd import ENTRY, NAMESPACE, expand_deltas

SUBSET_XSD = Path(__file__).resolve().parent.parent / "fixtures" / "ofd" / "ofd-subset.xsd"
_N = f"{{{NAMESPACE}}}"


@dataclass
class Parts:
    """What the checks learnt: page contents in order, fonts by ID, characters per font."""

    pages: list[etree._Element] = field(default_factory=list)
    fonts: dict[str, etree._Element] = field(default_factory=dict)
    font_files: dict[str, bytes] = field(default_factory=dict)
    drawn: dict[str, set[str]] = field(default_factory=dict)
    info: etree._Element | None = None


@cache
def _subset_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SUBSET_XSD)))


@cache
def _standard_schema(name: str) -> etree.XMLSchema | None:
    folder = os.environ.get("KUAIBAO_OFD_XSD_DIR")
    if not folder:
        return None
    return etree.XMLSchema(etree.parse(str(Path(folder) / f"{name}.xsd")))


def _validate(root: etree._Element, where: str) -> None:
    for schema in (_subset_schema(), _standard_schema(etree.QName(root).localname)):
        if schema is not None and not schema.validate(root):
            raise AssertionError(f"{where}: {schema.error_log.last_error}")


def check_package(data: bytes) -> Parts:
    """Raise AssertionError with the part and the reason at the first fault; else what was read."""
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())

    def xml(name: str) -> etree._Element:
        assert name in names, f"{name} is referred to but not in the package"
        root = etree.fromstring(package.read(name))
        _validate(root, name)
        return root

    parts = Parts()
    ids: list[int] = []
    entry = xml(ENTRY)
    body = entry.find(f"{_N}DocBody")
    assert body is not None
    parts.info = body.find(f"{_N}DocInfo")
    doc_root = (body.findtext(f"{_N}DocRoot") or "").strip().lstrip("/")
    document = xml(doc_root)
    base = posixpath.dirname(doc_root)
    common = document.find(f"{_N}CommonData")
    assert common is not None
    max_id = int(common.findtext(f"{_N}MaxUnitID") or 0)
    colour_spaces: set[str] = set()
    for res_loc in [*common.findall(f"{_N}PublicRes"), *common.findall(f"{_N}DocumentRes")]:
        res_name = posixpath.join(base, (res_loc.text or "").strip())
        res = xml(res_name)
        res_base = posixpath.join(posixpath.dirname(res_name), res.get("BaseLoc", ""))
        for space in res.iter(f"{_N}ColorSpace"):
            ids.append(int(space.get("ID", "0")))
            colour_spaces.add(space.get("ID", ""))
        for font in res.iter(f"{_N}Font"):
            ids.append(int(font.get("ID", "0")))
            parts.fonts[font.get("ID", "")] = font
            location = font.findtext(f"{_N}FontFile")
            if location:
                path = posixpath.normpath(posixpath.join(res_base, location.strip()))
                assert path in names, f"font file {path} is not in the package"
                parts.font_files[font.get("ID", "")] = package.read(path)
    default_cs = common.findtext(f"{_N}DefaultCS")
    assert default_cs is None or default_cs in colour_spaces, f"DefaultCS {default_cs} is not declared"
    for page in document.iter(f"{_N}Page"):
        ids.append(int(page.get("ID", "0")))
        content = xml(posixpath.join(base, page.get("BaseLoc", "")))
        parts.pages.append(content)
        _check_page(content, parts, ids, colour_spaces)
    assert len(ids) == len(set(ids)), "IDs are not unique"
    assert max(ids) <= max_id, f"MaxUnitID {max_id} is less than ID {max(ids)}"
    for font_id, drawn in parts.drawn.items():
        _check_font(parts.font_files.get(font_id), drawn, parts.fonts[font_id].get("FontName", ""))
    return parts


def _check_page(content: etree._Element, parts: Parts, ids: list[int], colour_spaces: set[str]) -> None:
    for element in content.iter(f"{_N}Layer", f"{_N}TextObject", f"{_N}PathObject"):
        ids.append(int(element.get("ID", "0")))
    for colour in content.iter(f"{_N}FillColor", f"{_N}StrokeColor"):
        space = colour.get("ColorSpace")
        assert space is None or space in colour_spaces, f"colour space {space} is not declared"
        assert all(0 <= int(v) <= 255 for v in (colour.get("Value") or "0 0 0").split()), "colour out of range"
    for text in content.iter(f"{_N}TextObject"):
        font_id = text.get("Font", "")
        assert font_id in parts.fonts, f"font {font_id} is not declared"
        assert float(text.get("Size", "0")) > 0
        for code in text.iter(f"{_N}TextCode"):
            chars = code.text or ""
            deltas = expand_deltas(code.get("DeltaX", "")) if code.get("DeltaX") else []
            assert len(deltas) <= max(len(chars) - 1, 0), f"DeltaX has {len(deltas)} values for {chars!r}"
            parts.drawn.setdefault(font_id, set()).update(chars)


def _check_font(data: bytes | None, drawn: set[str], name: str) -> None:
    if data is None:
        return  # a font referred to by name: the reader substitutes
    assert data[:4] in (b"OTTO", b"\x00\x01\x00\x00", b"true"), f"{name}: not an OpenType/TrueType file"
    font = hb.Font(hb.Face(hb.Blob(data)))
    missing = sorted(char for char in drawn if not char.isspace() and not font.get_nominal_glyph(ord(char)))
    assert not missing, f"{name}: the embedded font has no glyph for {''.join(missing[:20])}"
