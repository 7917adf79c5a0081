"""Figures as data: a quantity found in an item, with what it measures and when.

Values are `Decimal` so that 21.4 亿元 is exactly 2140000000 (as a float it is 2139999999.99).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Approx = Literal["about", "over", "under"]
"""约 / 左右 → about; 余 / 多 / 超过 / 以上 → over (a lower bound); 近 / 不到 / 以下 → under."""

Change = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """The period a figure refers to: its words (截至目前, 1-4 月) and their resolution.

    `start` and `end` are inclusive and resolved against the issue date; either is None where
    the words leave it open (截至目前 has no start) or cannot be resolved (“五一”期间).
    """

    text: str
    start: dt.date | None = None
    end: dt.date | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True, slots=True)
class Figure:
    """数据: one quantity in a text, at `start:end` of the text it was found in.

    `unit` is normalised (元 for 万元 and 亿元, % for ％, 平方米 for 平方) and `value` is in that
    unit (percentages as fractions: 99.9% → 0.999). A range (4万-5万亩) has `value_max`.
    """

    text: str
    start: int
    end: int
    value: Decimal
    unit: str
    value_max: Decimal | None = None
    metric: str | None = None
    approx: Approx | None = None
    change: Change | None = None
    basis: str | None = None
    time: TimeRef | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; values as decimal strings so nothing is lost."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": decimal_text(self.value),
            "value_max": decimal_text(self.value_max) if self.value_max is not None else None,
            "unit": self.unit,
            "metric": self.metric,
            "approx": self.approx,
            "change": self.change,
            "basis": self.basis,
            "time": self.time.as_dict() if self.time else None,
        }


@dataclass(frozen=True, slots=True)
class ItemFigure:
    """A figure in a bulletin: the index of its item, and whether it is in the title or body."""

    item: int
    field: Literal["title", "body"]
    figure: Figure

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "field": self.field, **self.figure.as_dict()}


def decimal_text(value: Decimal) -> str:
    """A decimal as plain digits without exponent or trailing zeros: 2140000000, 0.999."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
