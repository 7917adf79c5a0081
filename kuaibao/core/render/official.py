"""公文 style: the page, type sizes and fonts every document the office sends out shares.

GB/T 9704-2012 sets the page (A4, text block 156 × 225 mm, 22 lines of 28 characters) and the
faces: titles in 小标宋, body in 仿宋 三号, headings in 黑体 and 楷体, page numbers in 宋体 四号.
Offices' machines name those faces differently, so each bulletin chooses a font profile:

- ``gb2312``: the names of Windows XP/7 office machines (仿宋_GB2312, 楷体_GB2312), still what
  most offices' templates say;
- ``gb9704``: the names of newer Windows (仿宋, 楷体), which no longer ship the _GB2312 fonts;
- ``xinchuang``: 信创 desktops (UOS, Kylin) with WPS, whose Founder fonts are 方正仿宋_GBK etc.

Every face names an alternate (w:altName: what Word and WPS fall back to where the face is
missing), its PANOSE class and charset, so a substitute is of the same kind; and the open font
a server has (fonts-noto-cjk), which the PDF, the OFD and LibreOffice use. The bulletin's DOCX,
the 采用情况通报 and the notices all take their fonts and sizes from here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_PROFILE",
    "LATIN",
    "PAGE",
    "PROFILES",
    "SIZES",
    "Face",
    "FontProfile",
    "Page",
    "profile",
]


@dataclass(frozen=True, slots=True)
class Face:
    """A Chinese font as offices name it, with stand-ins where it is not installed."""

    name: str
    alternate: str  # w:altName: the face Word and WPS use where `name` is missing
    panose: str  # w:panose1 of the face's class, so a substitute is of the same design
    family: str  # font table family class: roman (serif), modern (fixed pitch), swiss (sans)
    open_font: str  # the open font a server substitutes (PDF, OFD, LibreOffice)
    serif: bool = True


# PANOSE of the Windows Chinese faces (as their font files declare them); a Founder face takes
# the class of the Windows face it resembles, so Word's substitution picks one of that design.
_SONG = "02010600030101010101"  # SimSun
_HEI = "02010609060101010101"  # SimHei
_FANG = "02010609060101010101"  # FangSong
_KAI = "02010609060101010101"  # KaiTi

# Digits and Latin letters, as offices' templates set them. Quotes and dashes, which Word
# would give this font too, are written with the Chinese face (see docx.run_fonts).
LATIN = "Times New Roman"

_NOTO_SERIF = "Noto Serif CJK SC"
_NOTO_SANS = "Noto Sans CJK SC"

# The Windows faces themselves, declared too: an alternate must be in the font table to be used.
SIMSUN = Face("宋体", "SimSun", _SONG, "roman", _NOTO_SERIF)
SIMHEI = Face("黑体", "SimHei", _HEI, "modern", _NOTO_SANS, serif=False)
FANGSONG = Face("仿宋", "FangSong", _FANG, "modern", _NOTO_SERIF)
KAITI = Face("楷体", "KaiTi", _KAI, "modern", _NOTO_SERIF)
XIAOBIAOSONG = Face("方正小标宋简体", "宋体", _SONG, "roman", _NOTO_SERIF)
_KNOWN = {face.name: face for face in (SIMSUN, SIMHEI, FANGSONG, KAITI, XIAOBIAOSONG)}


@dataclass(frozen=True, slots=True)
class FontProfile:
    """The faces one office's machines have, by role."""

    key: str
    label: str
    title: Face  # 小标宋: mastheads and document titles
    body: Face  # 仿宋: text
    heading: Face  # 黑体: first-level headings, 【栏目】, 密级
    kai: Face  # 楷体: second-level headings
    folio: Face  # 宋体: page numbers

    @property
    def faces(self) -> tuple[Face, ...]:
        """Every face the profile names, its alternates' own faces included, once each."""
        seen: dict[str, Face] = {}
        pending = [self.title, self.body, self.heading, self.kai, self.folio]
        while pending:
            face = pending.pop(0)
            if face.name not in seen:
                seen[face.name] = face
                if face.alternate in _KNOWN:
                    pending.append(_KNOWN[face.alternate])
        return tuple(seen.values())


PROFILES: dict[str, FontProfile] = {
    profile.key: profile
    for profile in (
        FontProfile(
            "gb2312",
            "仿宋_GB2312、楷体_GB2312（多数公文模板的字体名）",
            title=XIAOBIAOSONG,
            body=Face("仿宋_GB2312", "仿宋", _FANG, "modern", _NOTO_SERIF),
            heading=SIMHEI,
            kai=Face("楷体_GB2312", "楷体", _KAI, "modern", _NOTO_SERIF),
            folio=SIMSUN,
        ),
        FontProfile(
            "gb9704",
            "仿宋、楷体（GB/T 9704 字体名，新版 Windows）",
            title=XIAOBIAOSONG,
            body=FANGSONG,
            heading=SIMHEI,
            kai=KAITI,
            folio=SIMSUN,
        ),
        FontProfile(
            "xinchuang",
            "方正仿宋_GBK、方正小标宋_GBK（信创桌面）",
            title=Face("方正小标宋_GBK", "方正小标宋简体", _SONG, "roman", _NOTO_SERIF),
            body=Face("方正仿宋_GBK", "仿宋", _FANG, "modern", _NOTO_SERIF),
            heading=Face("方正黑体_GBK", "黑体", _HEI, "modern", _NOTO_SANS, serif=False),
            kai=Face("方正楷体_GBK", "楷体", _KAI, "modern", _NOTO_SERIF),
            folio=Face("方正书宋_GBK", "宋体", _SONG, "roman", _NOTO_SERIF),
        ),
    )
}
DEFAULT_PROFILE = "gb2312"


def profile(key: str | None) -> FontProfile:
    """The profile named `key`; the default for None. Raises ValueError for an unknown name."""
    try:
        return PROFILES[key or DEFAULT_PROFILE]
    except KeyError:
        raise ValueError(f"没有字体方案“{key}”（可用：{'、'.join(PROFILES)}）") from None


# Chinese type sizes (字号) in points.
SIZES: dict[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
}


@dataclass(frozen=True, slots=True)
class Page:
    """The GB/T 9704-2012 page, in millimetres and points."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    lines: int = 22
    chars: int = 28
    body_pt: float = 16.0  # 三号

    @property
    def block_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm  # 156

    @property
    def block_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm  # 225

    @property
    def line_pt(self) -> float:
        """The line pitch: 225 mm over 22 lines, 28.95 pt (579 twips)."""
        return round(self.block_height_mm / 25.4 * 72 / self.lines, 2)


PAGE = Page()
