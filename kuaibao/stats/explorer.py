"""The figures explorer's queries: one metric (交易额) across the archive, per unit, over time.

Figures are compared only within one measure (元, %, 个): the explorer picks the measure the
metric is most often written in unless one is asked for. Only current items count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Avg, Count, Max, Prefetch, QuerySet, Sum
from django.urls import reverse

from kuaibao.archive.dates import Month, Year
from kuaibao.archive.models import ItemUnit, Unit
from kuaibao.core.figures import decimal_text
from kuaibao.stats.models import ItemFigure, Metric

Aggregate = Literal["sum", "avg", "max", "count"]
AGGREGATES: dict[str, str] = {"sum": "合计", "avg": "平均", "max": "最大", "count": "条数"}
APPROX = {"about": "约", "over": "以上", "under": "不到"}
CHANGE = {"up": "增长", "down": "下降"}


@dataclass(frozen=True, slots=True)
class FigureFilter:
    metric: str = ""
    unit: Unit | None = None
    measure: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    by: Literal["month", "year"] = "month"
    aggregate: Aggregate | None = None  # None: averages for percentages, sums otherwise

    @property
    def how(self) -> Aggregate:
        return self.aggregate or ("avg" if self.measure == "%" else "sum")


def matching(flt: FigureFilter, *, measure: bool = True) -> QuerySet[ItemFigure]:
    """Figures of current items that match the filter (the measure too, if `measure`)."""
    rows = ItemFigure.objects.filter(item__is_current=True)
    if flt.metric:
        rows = rows.filter(metric__in=Metric.objects.filter(name__contains=flt.metric))
    if flt.unit is not None:
        rows = rows.filter(item__itemunit__unit=flt.unit)
    if flt.date_from:
        rows = rows.filter(date__gte=flt.date_from)
    if flt.date_to:
        rows = rows.filter(date__lte=flt.date_to)
    if measure and flt.measure is not None:
        rows = rows.filter(unit=flt.measure)
    return rows


def measures(flt: FigureFilter, limit: int = 12) -> list[tuple[str, int]]:
    """The measures the matching figures are written in, most common first."""
    rows = matching(flt, measure=False).values("unit").annotate(n=Count("id")).order_by("-n", "unit")[:limit]
    return [(row["unit"], row["n"]) for row in rows]


def _aggregates() -> dict[str, Any]:
    return {"total": Sum("value"), "mean": Avg("value"), "peak": Max("value"), "n": Count("id")}


def _pick(row: dict[str, Any], aggregate: Aggregate) -> Decimal:
    key = {"sum": "total", "avg": "mean", "max": "peak", "count": "n"}[aggregate]
    value = row[key]
    return Decimal(0) if value is None else Decimal(str(value))


def series(flt: FigureFilter) -> list[tuple[str, Decimal]]:
    """The metric over time: one point per month (or year) with figures, in order."""
    rows = matching(flt).annotate(y=Year("date"))
    keys = ["y"]
    if flt.by == "month":
        rows = rows.annotate(m=Month("date"))
        keys.append("m")
    grouped = rows.values(*keys).annotate(**_aggregates()).order_by(*keys)
    out = []
    for row in grouped:
        label = f"{row['y']}-{row['m']:02d}" if flt.by == "month" else str(row["y"])
        out.append((label, _pick(row, flt.how)))
    return out


@dataclass(frozen=True, slots=True)
class UnitSummary:
    unit: str
    count: int
    total: Decimal
    peak: Decimal
    value: Decimal  # the chosen aggregate


def per_unit(flt: FigureFilter, limit: int = 30) -> list[UnitSummary]:
    """The metric per unit (a joint item's figure counts for each of its units)."""
    name = "item__itemunit__unit__name"
    rows: Any = matching(flt).values(name).annotate(**_aggregates()).order_by("-n", name)[: limit + 1]
    out = [
        UnitSummary(
            row[name],
            row["n"],
            Decimal(str(row["total"] or 0)),
            Decimal(str(row["peak"] or 0)),
            _pick(row, flt.how),
        )
        for row in rows
        if row[name] is not None  # items without units
    ][:limit]
    return sorted(out, key=lambda s: (-s.value, s.unit))


@dataclass(frozen=True, slots=True)
class Exploration:
    """What the explorer shows for a filter: its measure resolved, the series, the units."""

    filter: FigureFilter
    measures: list[tuple[str, int]]
    series: list[tuple[str, Decimal]]
    units: list[UnitSummary]
    latest: list[ItemFigure]

    @property
    def title(self) -> str:
        flt = self.filter
        by = "年" if flt.by == "year" else "月"
        return f"{flt.metric or '全部指标'}（{flt.measure or '无单位'}，按{by}{AGGREGATES[flt.how]}）"


def explore(flt: FigureFilter) -> Exploration:
    """Run the explorer's queries; without a measure, take the one the metric is most written in."""
    found = measures(flt)
    if flt.measure is None and found:
        flt = replace(flt, measure=found[0][0])
    return Exploration(flt, found, series(flt), per_unit(flt), latest(flt))


def with_items(rows: QuerySet[ItemFigure]) -> QuerySet[ItemFigure]:
    units = Prefetch("item__itemunit_set", queryset=ItemUnit.objects.select_related("unit").order_by("position"))
    return rows.select_related("metric", "item__bulletin", "item__revision__issue").prefetch_related(units)


def latest(flt: FigureFilter, limit: int = 100) -> list[ItemFigure]:
    return list(with_items(matching(flt)).order_by("-date", "-item_id", "position")[:limit])


def value_text(value: Decimal | None, unit: str) -> str:
    """A stored value as people read it: 2,140,000,000 元; 99.9%."""
    if value is None:
        return ""
    if unit == "%":
        return decimal_text(value * 100) + "%"
    number = decimal_text(value)
    whole, _, fraction = number.partition(".")
    grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    return grouped + (f".{fraction}" if fraction else "") + (f" {unit}" if unit else "")


EXPORT_HEADERS = (
    "日期", "刊物", "期号", "信息标题", "报送单位", "位置", "原文", "数值", "上限", "计量单位", "指标",
    "约数", "变化", "比较基准", "时间", "时间起", "时间止", "链接",
)  # fmt: skip


# The columns an export writes, and only those: an item's body and paragraphs are never read
# (with them 75,000 figures took 150 s and 1.3 GB).
EXPORT_FIELDS = (
    "date", "field", "text", "value", "value_max", "unit", "approx", "change", "basis",
    "time_text", "time_start", "time_end", "position", "item_id", "metric__name",
    "item__title", "item__bulletin__title",
    "item__revision__issue__year", "item__revision__issue__number", "item__revision__issue__supplement",
)  # fmt: skip


def export_rows(flt: FigureFilter, *, limit: int | None = None) -> Iterator[list[Any]]:
    """Every matching figure as a row of EXPORT_HEADERS (values as Decimal), newest first."""
    rows = with_items(matching(flt)).only(*EXPORT_FIELDS).order_by("-date", "-item_id", "position")
    if limit is not None:
        rows = rows[:limit]
    for figure in rows.iterator(chunk_size=2000):
        item = figure.item
        issue = item.revision.issue
        yield [
            figure.date,
            item.bulletin.title,
            ("增刊" if issue.supplement else "") + f"{issue.year}年第{issue.number}期",
            item.title,
            "、".join(link.unit.name for link in item.itemunit_set.all()),
            figure.get_field_display(),
            figure.text,
            _exact(figure.value),
            _exact(figure.value_max) if figure.value_max is not None else None,
            figure.unit,
            figure.metric.name if figure.metric is not None else "",
            APPROX.get(figure.approx, ""),
            CHANGE.get(figure.change, ""),
            figure.basis,
            figure.time_text,
            figure.time_start,
            figure.time_end,
            reverse("archive:item", args=[item.pk]),
        ]


def _exact(value: Decimal) -> Decimal:
    return Decimal(decimal_text(value))
