"""The open fonts a server draws bulletins with (fonts-noto-cjk): metrics and subsets.

The OFD writer lays out text with the advances of the fonts the PDF uses (Noto Serif CJK SC for
text and titles, its Bold for lead-ins, Noto Sans CJK SC for headings) and embeds a subset of
each with the characters it drew. Fonts are found through fontconfig (as WeasyPrint finds
them), read and subset with HarfBuzz (uharfbuzz); each is loaded once per process.
"""

from __future__ import annotations

import functools
import shutil
import subprocess  # fc-match, a fixed command with fixed arguments
import threading
from dataclasses import dataclass, field

import uharfbuzz as hb

__all__ = ["OPEN_FONTS", "FontMissing", "OpenFont", "open_font"]

# Tables a fixed-layout reader never needs: layout features (the text is already placed),
# vertical metrics, signatures. Without them a subset is half the size and made in half the time.
_DROPPED_TABLES = ("GSUB", "GPOS", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "MATH", "COLR", "CPAL")


class FontMissing(RuntimeError):
    """An open font the layout needs is not installed; the message says which, in Chinese."""


@dataclass(frozen=True, slots=True)
class _Request:
    family: str
    bold: bool


# The faces the print stylesheet uses, by the key the layout names them with.
OPEN_FONTS: dict[str, _Request] = {
    "serif": _Request("Noto Serif CJK SC", False),
    "serif-bold": _Request("Noto Serif CJK SC", True),
    "sans": _Request("Noto Sans CJK SC", False),
}


@dataclass(slots=True)
class OpenFont:
    """One face of an installed font: advances in em, vertical extents, subsets."""

    key: str
    family: str
    bold: bool
    serif: bool
    path: str
    index: int
    face: hb.Face
    font: hb.Font
    ascender: float  # em, from the font's horizontal header, as Pango places a line
    descender: float  # em, positive
    _advances: dict[str, float] = field(default_factory=dict)

    def advance(self, char: str) -> float:
        """The advance of `char` in em (0 for a character the font does not have)."""
        width = self._advances.get(char)
        if width is None:
            glyph = self.font.get_nominal_glyph(ord(char))
            width = self.font.get_glyph_h_advance(glyph) / self.face.upem if glyph else 0.0
            self._advances[char] = width
        return width

    def has(self, char: str) -> bool:
        return bool(self.font.get_nominal_glyph(ord(char)))

    def subset(self, chars: set[str]) -> bytes:
        """An OpenType font with the glyphs of `chars`, their cmap and metrics."""
        subset_input = hb.SubsetInput()
        subset_input.unicode_set.update(ord(char) for char in chars)
        subset_input.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
        dropped = subset_input.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
        for tag in _DROPPED_TABLES:
            dropped.add(int.from_bytes(tag.encode("ascii"), "big"))
        with _LOCK:
            subset = hb.subset(self.face, subset_input)
        if subset is None:
            raise FontMissing(f"无法从字体“{self.family}”中取出所用字形")
        return bytes(subset.blob.data)


_LOCK = threading.Lock()


def open_font(key: str) -> OpenFont:
    """The face named `key` in OPEN_FONTS, loaded once per process."""
    return _load(key)


@functools.cache
def _load(key: str) -> OpenFont:
    request = OPEN_FONTS[key]
    path, index = _find(request)
    blob = hb.Blob.from_file_path(path)
    face = hb.Face(blob, index)
    font = hb.Font(face)
    extents = font.get_font_extents("ltr")
    upem = face.upem
    return OpenFont(
        key=key,
        family=request.family,
        bold=request.bold,
        serif="Serif" in request.family,
        path=path,
        index=index,
        face=face,
        font=font,
        ascender=extents.ascender / upem,
        descender=-extents.descender / upem,
    )


def _find(request: _Request) -> tuple[str, int]:
    """The file and face index fontconfig gives for the family, refusing a stand-in."""
    command = shutil.which("fc-match")
    if command is None:
        raise FontMissing("找不到 fontconfig（fc-match），无法定位字体；请运行 scripts/setup")
    pattern = f"{request.family}:{'bold' if request.bold else 'regular'}"
    answer = subprocess.run(  # noqa: S603  # a fixed program and a pattern we wrote
        [command, "--format=%{family}\n%{file}\n%{index}\n%{weight}", pattern],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    lines = answer.stdout.split("\n")
    if answer.returncode != 0 or len(lines) < 4 or request.family not in lines[0].split(","):
        raise FontMissing(f"没有安装字体“{request.family}”（Debian 软件包 fonts-noto-cjk）；请运行 scripts/setup")
    weight = int(float(lines[3] or 0))
    if request.bold and weight < 150:  # fontconfig weights: 80 regular, 200 bold
        raise FontMissing(f"没有安装“{request.family}”的粗体（Debian 软件包 fonts-noto-cjk）")
    return lines[1], int(lines[2] or 0)
