"""The 采用情况通报 as plain data: what the DOCX and XLSX renderers draw."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CircularRow:
    """One unit's line in the circular's table."""

    rank: int
    unit: str
    kind: str
    submitted: int
    adopted: int
    rate: Decimal | None  # percent; None without submissions
    external: int
    commissions: int
    on_time: int
    instructions: int
    answered: int
    adoption_points: Decimal
    penalty_points: Decimal
    quota_points: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class CircularLine:
    """One reason for points (negative: deducted), as the scorer wrote it."""

    unit: str
    month: str
    kind: str  # 采用, 扣分, 定额
    points: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class Circular:
    """采用情况通报 for one period."""

    title: str
    period: str
    publisher: str
    date: dt.date
    addressees: str
    summary: str
    rows: tuple[CircularRow, ...]
    lines: tuple[CircularLine, ...]
    rules_name: str
    rules: tuple[str, ...]

    @property
    def deductions(self) -> tuple[CircularLine, ...]:
        return tuple(line for line in self.lines if line.points < 0)


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def points_text(value: Decimal) -> str:
    """Points without trailing zeros: 10, 7.5, 3.34, −10."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate}%"
