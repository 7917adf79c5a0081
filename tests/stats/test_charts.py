"""Server-side SVG charts: well-formed, scaled to their box, every label escaped."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

import pytest

from kuaibao.stats.render.svg import bar_chart, compact, hbar_chart, line_chart, nice_ceiling

EVIL = '<script>alert("x")</script>&'


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


@pytest.mark.parametrize("draw", [bar_chart, hbar_chart, line_chart])
def test_labels_and_titles_are_escaped(draw: object) -> None:
    svg = draw([(EVIL, 3), ("县商务局", Decimal("2140000000"))], title=EVIL)  # type: ignore[operator]
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)  # well-formed XML
    assert root.get("width") == "100%" and root.get("viewBox")


@pytest.mark.parametrize("draw", [bar_chart, hbar_chart, line_chart])
def test_no_data_says_so(draw: object) -> None:
    svg = draw([], title="交易额")  # type: ignore[operator]
    assert "暂无数据" in svg
    parse(svg)


def test_bars_scale_to_the_largest_value() -> None:
    svg = hbar_chart([("东屯镇", 10), ("县财政局", 5)], title="得分")
    widths = [float(rect.get("width") or 0) for rect in parse(svg).iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("2140000000"), "21.4亿"),
        (50_000_000, "5000万"),
        (1583, "1,583"),
        (Decimal("0.35"), "0.35"),
        (-20, "-20"),
    ],
)
def test_compact_numbers_read_like_the_bulletin(value: object, text: str) -> None:
    assert compact(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("peak", "whole", "top"),
    [(9, False, 10), (1583, False, 1600), (0.35, False, 0.4), (3, True, 4), (0, True, 4), (41, True, 60), (6, True, 8)],
)
def test_axes_end_on_round_numbers(peak: float, whole: bool, top: float) -> None:
    assert nice_ceiling(peak, whole=whole) == pytest.approx(top)
