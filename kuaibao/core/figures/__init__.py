"""Figures (数据) in bulletin items: every quantity with its value, unit, metric, qualifiers and time.

`extract_figures(text, issue_date)` reads one text; `bulletin_figures(bulletin)` reads every item of
an issue. The grammar is a regular one (number, 余/多, 万/亿, unit or %), values are `Decimal`.
"""

from __future__ import annotations

from kuaibao.core.figures.extract import bulletin_figures, extract_figures, item_figures
from kuaibao.core.figures.model import Approx, Change, Figure, ItemFigure, TimeRef, decimal_text
from kuaibao.core.figures.timeref import TimeSpan, find_times

__all__ = [
    "Approx",
    "Change",
    "Figure",
    "ItemFigure",
    "TimeRef",
    "TimeSpan",
    "bulletin_figures",
    "decimal_text",
    "extract_figures",
    "find_times",
    "item_figures",
]
