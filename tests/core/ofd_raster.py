"""Draw OFD pages as images from nothing but the package: its text objects with the fonts it
embeds, and its paths. A check of what a reader shows (kuaibao's OFD has no other drawing);
the cross-format test compares these images with the PDF's."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from kuaibao.core.ofd import NAMESPACE, expand_deltas
from tests.core.ofd_checks import Parts

_N = f"{{{NAMESPACE}}}"


def rasterize(parts: Parts, dpi: int = 50) -> list[Image.Image]:
    """Every page as a white RGB image of A4 at `dpi`."""
    scale = dpi / 25.4  # pixels per millimetre
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}
    images = []
    for content in parts.pages:
        image = Image.new("RGB", (round(210 * scale), round(297 * scale)), "white")
        draw = ImageDraw.Draw(image)
        for path in content.iter(f"{_N}PathObject"):
            _path(draw, path, scale)
        for text in content.iter(f"{_N}TextObject"):
            _text(draw, text, scale, parts, fonts)
        images.append(image)
    return images


def _colour(element: object, name: str) -> tuple[int, int, int]:
    colour = element.find(f"{_N}{name}")  # type: ignore[attr-defined]
    values = (colour.get("Value") if colour is not None else None) or "0 0 0"
    red, green, blue = (int(v) for v in values.split())
    return red, green, blue


def _path(draw: ImageDraw.ImageDraw, path: object, scale: float) -> None:
    x, y, _w, _h = (float(v) for v in path.get("Boundary").split())  # type: ignore[attr-defined]
    width = max(1, round(float(path.get("LineWidth", "0.353")) * scale))  # type: ignore[attr-defined]
    tokens = path.findtext(f"{_N}AbbreviatedData").split()  # type: ignore[attr-defined]
    points: list[tuple[float, float]] = []
    index = 0
    while index < len(tokens):
        if tokens[index] in ("M", "L"):
            points.append(((x + float(tokens[index + 1])) * scale, (y + float(tokens[index + 2])) * scale))
            index += 3
        else:
            index += 1
    draw.line(points, fill=_colour(path, "StrokeColor"), width=width)


def _text(
    draw: ImageDraw.ImageDraw,
    text: object,
    scale: float,
    parts: Parts,
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont],
) -> None:
    x, y, _w, _h = (float(v) for v in text.get("Boundary").split())  # type: ignore[attr-defined]
    font_id = text.get("Font")  # type: ignore[attr-defined]
    size = float(text.get("Size")) * scale  # type: ignore[attr-defined]
    key = (font_id, round(size, 2))
    if key not in fonts:
        fonts[key] = ImageFont.truetype(io.BytesIO(parts.font_files[font_id]), size=max(1, round(size)))
    font = fonts[key]
    colour = _colour(text, "FillColor")
    for code in text.iter(f"{_N}TextCode"):  # type: ignore[attr-defined]
        deltas = expand_deltas(code.get("DeltaX")) if code.get("DeltaX") else []
        pen_x = x + float(code.get("X"))
        baseline = y + float(code.get("Y"))
        for index, char in enumerate(code.text or ""):
            draw.text((pen_x * scale, baseline * scale), char, font=font, fill=colour, anchor="ls")
            pen_x += deltas[index] if index < len(deltas) else 0.0
