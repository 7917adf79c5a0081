"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN (the offices' machines have
no network), readable on a phone (the SVG scales to its box). Every label is escaped."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

Number = int | float | Decimal
Format = Callable[[Number], str]

WIDTH = 640
FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"'
BAR = "#c0392b"
LINE = "#1a4fa0"
GRID = "#ddd"
INK = "#333"


def compact(value: Number) -> str:
    """A number short enough for a chart: 21.4亿, 5000万, 1,583, 0.35."""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    number = abs(number)
    for size, suffix in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if number >= size:
            return f"{sign}{_trim(number / size)}{suffix}"
    if number == number.to_integral_value():
        return f"{sign}{int(number):,}"
    return f"{sign}{_trim(number)}"


def _trim(number: Decimal) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _open(width: int, height: int, title: str) -> list[str]:
    label = escape(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{label}" class="chart" {FONT} font-size="12">',
        f"<title>{label}</title>",
        f'<text x="{width // 2}" y="18" text-anchor="middle" font-size="14" fill="{INK}">{label}</text>',
    ]


def _short(label: str, size: int) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(bars: Sequence[tuple[str, Number]], *, title: str, fmt: Format = compact) -> str:
    """Vertical bars, one per label (months of a year, a dozen sections)."""
    height, top, bottom, left, right = 280, 34, 46, 52, 12
    if not bars:
        return _empty(title)
    whole = all(isinstance(v, int) for _, v in bars)
    peak = nice_ceiling(max((float(v) for _, v in bars), default=0.0), whole=whole)
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / len(bars)
    parts = _open(WIDTH, height, title)
    parts += _y_grid(peak, left, top, plot_w, plot_h, fmt)
    slant = len(bars) > 12 or max(len(label) for label, _ in bars) * 12 > step
    for n, (label, value) in enumerate(bars):
        h = max(0.0, float(value) / peak * plot_h)
        x = left + n * step + step * 0.15
        y = top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="{BAR}">'
            f"<title>{escape(label)}：{escape(fmt(value))}</title></rect>"
        )
        cx = left + n * step + step / 2
        if step >= 24:
            parts.append(
                f'<text x="{cx:.1f}" y="{y - 3:.1f}" text-anchor="middle" fill="{INK}">{escape(fmt(value))}</text>'
            )
        text = escape(_short(label, 8))
        ly = top + plot_h + 15
        if slant:
            parts.append(
                f'<text x="{cx:.1f}" y="{ly}" text-anchor="end" transform="rotate(-35 {cx:.1f} {ly})" '
                f'fill="{INK}">{text}</text>'
            )
        else:
            parts.append(f'<text x="{cx:.1f}" y="{ly}" text-anchor="middle" fill="{INK}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(bars: Sequence[tuple[str, Number]], *, title: str, fmt: Format = compact) -> str:
    """Horizontal bars, one row per label: long Chinese names (units) stay readable."""
    if not bars:
        return _empty(title)
    row, top, label_w, right = 22, 30, 150, 60
    height = top + row * len(bars) + 8
    peak = max((float(v) for _, v in bars), default=0.0) or 1.0
    plot_w = WIDTH - label_w - right
    parts = _open(WIDTH, height, title)
    for n, (label, value) in enumerate(bars):
        y = top + n * row
        w = max(0.0, float(value) / peak * plot_w)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">{escape(_short(label, 12))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{BAR}">'
            f"<title>{escape(label)}：{escape(fmt(value))}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" fill="{INK}">{escape(fmt(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(points: Sequence[tuple[str, Number]], *, title: str, fmt: Format = compact) -> str:
    """A series over time (a metric month by month), with a dot and a tooltip per point."""
    if not points:
        return _empty(title)
    height, top, bottom, left, right = 280, 34, 46, 60, 16
    values = [float(v) for _, v in points]
    low, high = 0.0, nice_ceiling(max(values))
    span = high - low
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)
    parts = _open(WIDTH, height, title)
    parts += _y_grid(high, left, top, plot_w, plot_h, fmt)

    def xy(n: int, value: float) -> tuple[float, float]:
        x = left + (n * step if len(points) > 1 else plot_w / 2)
        return x, top + plot_h - (value - low) / span * plot_h

    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(n, v) for n, v in enumerate(values)))
    parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    every = max(1, len(points) // 12)
    for n, (label, value) in enumerate(points):
        x, y = xy(n, float(value))
        tip = f"{escape(label)}：{escape(fmt(value))}"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"><title>{tip}</title></circle>')
        if n % every == 0:
            ly = top + plot_h + 15
            parts.append(
                f'<text x="{x:.1f}" y="{ly}" text-anchor="end" transform="rotate(-35 {x:.1f} {ly})" '
                f'fill="{INK}">{escape(_short(label, 10))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def nice_ceiling(peak: float, *, whole: bool = False) -> float:
    """The top of an axis with four round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ): 10 for 9, 1600 for
    1583; with `whole` (counts) no step is below 1."""
    if peak <= 0:
        return 4.0 if whole else 1.0
    step = peak / 4
    if whole and step <= 1:
        return 4.0
    magnitude = 10.0 ** math.floor(math.log10(step))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if whole and (factor * magnitude) % 1:
            continue  # counts step by whole numbers: 0, 2, 4, 6, 8 rather than 0, 1.5, 3, 4.5, 6
        if step <= factor * magnitude * (1 + 1e-9):
            return 4 * factor * magnitude
    return peak


def _y_grid(top_value: float, left: int, top: int, plot_w: int, plot_h: int, fmt: Format) -> list[str]:
    parts = []
    for n in range(5):
        value = top_value * n / 4
        y = top + plot_h - plot_h * n / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#666">{escape(fmt(_round(value)))}</text>'
        )
    return parts


def _round(value: float) -> Number:
    return int(value) if value == int(value) else Decimal(str(round(value, 6)))


def _empty(title: str) -> str:
    parts = _open(WIDTH, 60, title)
    parts.append(f'<text x="{WIDTH // 2}" y="44" text-anchor="middle" fill="#666">暂无数据</text></svg>')
    return "".join(parts)
