"""Statistics periods: a month (2023-09), a quarter (2023-Q3) or a year (2023), as offices report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["month", "quarter", "year"]
_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?$")
_QUARTERS = ("一", "二", "三", "四")


class PeriodError(ValueError):
    """A period written in a form we do not read; the message is for the user."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """统计期: a calendar month, quarter or year; `number` is the month or quarter (0 for a year)."""

    year: int
    kind: Kind
    number: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read 2023-09, 2023-Q3 or 2023."""
        match = _PATTERN.match(text.strip())
        if match is None:
            raise PeriodError(f"统计期“{text}”的格式应为 2023-09、2023-Q3 或 2023")
        year = int(match[1])
        if not 1900 <= year <= 2999:
            raise PeriodError(f"统计期“{text}”的年份超出范围")
        if match[2] is not None:
            month = int(match[2])
            if not 1 <= month <= 12:
                raise PeriodError(f"统计期“{text}”的月份应在 1 到 12 之间")
            return cls(year, "month", month)
        if match[3] is not None:
            return cls(year, "quarter", int(match[3]))
        return cls(year, "year")

    @classmethod
    def month_of(cls, day: dt.date) -> Period:
        return cls(day.year, "month", day.month)

    @property
    def key(self) -> str:
        """The form `parse` reads back: 2023-09, 2023-Q3, 2023."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        """The name a circular uses: 2023年9月, 2023年第三季度, 2023年."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTERS[self.number - 1]}季度"
        return f"{self.year}年"

    @property
    def first_month(self) -> int:
        return {"month": self.number, "quarter": self.number * 3 - 2, "year": 1}[self.kind]

    @property
    def last_month(self) -> int:
        return {"month": self.number, "quarter": self.number * 3, "year": 12}[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day, inclusive."""
        return _month_after(self.year, self.last_month) - dt.timedelta(days=1)

    @property
    def months(self) -> tuple[str, ...]:
        """The months as the scorer names them: 2023-07, 2023-08, 2023-09."""
        return tuple(f"{self.year}-{m:02d}" for m in range(self.first_month, self.last_month + 1))

    def months_until(self, today: dt.date) -> tuple[str, ...]:
        """The months that have begun by `today`: a quota is not missed in a month to come."""
        current = f"{today.year}-{today.month:02d}"
        return tuple(m for m in self.months if m <= current)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _month_after(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def recent_periods(today: dt.date, *, months: int = 24, quarters: int = 8, years: int = 5) -> list[Period]:
    """Choices for a period menu: recent months, then quarters, then years, newest first."""
    out: list[Period] = []
    year, month = today.year, today.month
    for _ in range(months):
        out.append(Period(year, "month", month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _ in range(quarters):
        out.append(Period(year, "quarter", quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    out.extend(Period(today.year - n, "year") for n in range(years))
    return out
