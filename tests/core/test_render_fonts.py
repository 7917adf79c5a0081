"""Fonts in every Word file kuaibao writes, for every font profile: each run and each style it
uses names its Chinese and Latin faces (quotes and dashes in the Chinese face), nothing takes
the theme's fonts, and the font table declares each face with its alternate and class."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pytest
from lxml import etree

from kuaibao.core.model import Bulletin, Item, Marks, Paragraph, Span
from kuaibao.core.render.docx import render_docx
from kuaibao.core.render.json import from_dict
from kuaibao.core.render.notice import commission_notice, render_notice_docx
from kuaibao.core.render.official import PROFILES, FontProfile
from kuaibao.stats.render.docx import render_circular_docx
from kuaibao.stats.render.model import Circular
from tests.golden import CORPUS_NAMES, load_gold

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SHARED = set("‘’“”—–…·")
THEME = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def bulletin(key: str) -> Bulletin:
    base = from_dict(load_gold(CORPUS_NAMES[0]))
    item = Item(
        "县商务局“双十一”电商销售额达3.5亿元——同比增长12%",
        (Paragraph((Span("全县开展“数商兴农”行动……"), Span("GDP增长5.2%", bold=True), Span("，2023—2024年。"))),),
        ("县商务局",),
    )
    marks = Marks("秘密", "1年", "000123", internal=True)
    return dataclasses.replace(base, items=(*base.items, item), marks=marks, font_profile=key, copies=80)


def circular(key: str) -> bytes:
    data = Circular(
        title="关于2023年9月政务信息报送采用情况的通报", period="2023年9月", publisher="延津县人民政府办公室",
        date=dt.date(2023, 10, 8), addressees="各乡镇人民政府，县直各单位", summary="全县报送“信息”120条——采用36条。",
        rows=(), lines=(), rules_name="2023年规则", rules=("县级采用 5 分",),
    )  # fmt: skip
    return render_circular_docx(data, font_profile=key)


def notice(key: str) -> bytes:
    made = commission_notice(
        kind="约稿", topic="秋收秋种", description="进展——成效。", deadline=None, units=["东屯镇"],
        issuer="延津县人民政府办公室", date=dt.date(2023, 9, 1),
    )  # fmt: skip
    return render_notice_docx(made, font_profile=key)


DOCUMENTS: dict[str, Callable[[str], bytes]] = {
    "bulletin": lambda key: render_docx(bulletin(key)),
    "circular": circular,
    "notice": notice,
}


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml") and ("document" in name or "footer" in name
                                                                         or name in ("word/styles.xml", "word/fontTable.xml"))
        }  # fmt: skip


def check_fonts(fonts: etree._Element | None, profile: FontProfile, where: str) -> None:
    assert fonts is not None, f"{where}: no w:rFonts"
    names = {face.name for face in profile.faces}
    assert not any(fonts.get(_w(theme)) for theme in THEME), f"{where}: theme fonts"
    assert fonts.get(_w("eastAsia")) in names, f"{where}: East-Asian font {fonts.get(_w('eastAsia'))}"
    assert fonts.get(_w("ascii")) and fonts.get(_w("hAnsi")), f"{where}: no Latin font"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("key", PROFILES)
def test_every_run_and_used_style_names_the_profiles_fonts(key: str, document: str) -> None:
    profile = PROFILES[key]
    xml = parts(DOCUMENTS[document](key))
    runs = 0
    used_styles: set[str] = set()
    for name, root in xml.items():
        if name in ("word/styles.xml", "word/fontTable.xml"):
            continue
        for run in root.iter(_w("r")):
            text = "".join(t.text or "" for t in run.iter(_w("t")))
            fonts = run.find("w:rPr/w:rFonts", NS)
            check_fonts(fonts, profile, f"{name} run {text!r}")
            if set(text) & SHARED:
                assert fonts is not None
                faces = {fonts.get(_w(slot)) for slot in ("ascii", "hAnsi", "eastAsia")}
                assert len(faces) == 1 and faces <= {f.name for f in profile.faces}, f"quotes/dashes in {text!r}"
            runs += 1
        for ref in root.iter(_w("pStyle"), _w("rStyle"), _w("tblStyle")):
            used_styles.add(ref.get(_w("val")))
    assert runs > 10
    styles = xml["word/styles.xml"]
    by_id = {style.get(_w("styleId")): style for style in styles.iter(_w("style"))}
    chain = set(used_styles) | {"Normal"}
    for style_id in list(chain):
        while style_id in by_id:
            based = by_id[style_id].find("w:basedOn", NS)
            style_id = based.get(_w("val")) if based is not None else None
            if style_id:
                chain.add(style_id)
    for style_id in chain:
        style = by_id[style_id]
        if style.get(_w("type")) in ("paragraph", "character") or style_id == "TableGrid":
            check_fonts(style.find("w:rPr/w:rFonts", NS), profile, f"style {style_id}")
    check_fonts(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS), profile, "document defaults")


@pytest.mark.parametrize("key", PROFILES)
def test_font_table_declares_every_face_with_its_fallback(key: str) -> None:
    profile = PROFILES[key]
    table = parts(render_docx(bulletin(key)))["word/fontTable.xml"]
    declared = {font.get(_w("name")): font for font in table.iter(_w("font"))}
    for face in profile.faces:
        font = declared[face.name]
        assert font.find("w:altName", NS).get(_w("val")) == face.alternate
        assert font.find("w:panose1", NS).get(_w("val")) == face.panose
        assert font.find("w:charset", NS).get(_w("val")) == "86"
        assert font.find("w:family", NS).get(_w("val")) == face.family
        # A face's alternate is declared too, so Word and WPS can fall back to it by name.
        # (the Windows faces' own alternates are their English names, which Windows knows)
        assert face.alternate in declared or face.alternate in {"SimSun", "SimHei", "FangSong", "KaiTi"}


def test_profiles_name_the_faces_offices_have() -> None:
    assert (PROFILES["gb2312"].body.name, PROFILES["gb2312"].kai.name) == ("仿宋_GB2312", "楷体_GB2312")
    assert (PROFILES["gb9704"].body.name, PROFILES["gb9704"].title.name) == ("仿宋", "方正小标宋简体")
    assert PROFILES["xinchuang"].body.name == "方正仿宋_GBK" and PROFILES["xinchuang"].body.alternate == "仿宋"


def test_tables_keep_their_own_exact_line() -> None:
    """The text's exact 28.95 pt line would make each table row that high: table paragraphs
    carry their own exact line and ignore the document grid."""
    xml = parts(circular("gb9704"))
    styles = {s.get(_w("styleId")): s for s in xml["word/styles.xml"].iter(_w("style"))}
    table_style = next(s for s in styles.values() if s.find("w:name", NS).get(_w("val")) == "公文表格")
    spacing = table_style.find("w:pPr/w:spacing", NS)
    assert spacing.get(_w("lineRule")) == "exact" and int(spacing.get(_w("line"))) == 300
    assert table_style.find("w:pPr/w:snapToGrid", NS).get(_w("val")) == "0"
