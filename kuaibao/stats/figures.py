"""Figures of archive items: extract them with the core and store them, idempotently.

`refresh_figures(items)` replaces whatever was stored for those items, so running it twice
leaves the same rows. Importing and publishing call it for the new items in their own
transaction (kuaibao/archive/actions/importing.py); `kuaibao figures-index` fills in archives
made before, or after EXTRACTOR_VERSION changes. `figures_for_item` serves an item page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string

from kuaibao.archive import pagecache
from kuaibao.archive.models import Item
from kuaibao.core.figures import Figure, extract_figures
from kuaibao.stats.models import FigureIndex, ItemFigure, Metric

# Raise when the extractor changes what it finds: items indexed by an older version count as
# missing, so the item page and `kuaibao figures-index` extract them again.
EXTRACTOR_VERSION = 1


def extract_item(item: Item) -> list[ItemFigure]:
    """The figures of one item as unsaved rows, title first; times resolve against its date."""
    reporters = tuple(name for name in item.units_as_written or () if isinstance(name, str) and name)
    rows: list[ItemFigure] = []
    for field, text in ((ItemFigure.Field.TITLE, item.title), (ItemFigure.Field.BODY, item.body)):
        for figure in extract_figures(text, item.date, reporters=reporters):
            rows.append(_row(item, len(rows) + 1, field, figure))
    return rows


def _row(item: Item, position: int, field: str, figure: Figure) -> ItemFigure:
    time = figure.time
    return ItemFigure(
        item=item,
        position=position,
        field=field,
        start=figure.start,
        end=figure.end,
        text=figure.text[:100],
        value=figure.value,
        value_max=figure.value_max,
        unit=figure.unit[:20],
        metric=Metric(name=figure.metric[:100]) if figure.metric else None,
        approx=figure.approx or "",
        change=figure.change or "",
        basis=(figure.basis or "")[:30],
        time_text=time.text[:60] if time else "",
        time_start=time.start if time else None,
        time_end=time.end if time else None,
        date=item.date,
    )


def refresh_figures(items: Iterable[Item]) -> int:
    """Extract and store the figures of `items`, replacing those stored; return how many.

    One transaction for the lot: callers pass batches (a thousand items is a good size)."""
    batch = list(items)
    rows = [row for item in batch for row in extract_item(item)]
    store(batch, rows)
    return len(rows)


def store(items: Sequence[Item], rows: list[ItemFigure]) -> None:
    """Replace the stored figures of `items` with `rows` and mark them indexed."""
    ids = [item.pk for item in items]
    with transaction.atomic():
        ItemFigure.objects.filter(item_id__in=ids).delete()
        _insert(rows)
        FigureIndex.objects.bulk_create(
            [FigureIndex(item_id=pk, version=EXTRACTOR_VERSION) for pk in ids],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["item"],
            update_fields=["version", "indexed_at"],
        )
        transaction.on_commit(pagecache.invalidate)  # item pages show the figures


_COLUMNS = (
    "item", "position", "field", "start", "end", "text", "value", "value_max", "unit", "metric",
    "approx", "change", "basis", "time_text", "time_start", "time_end", "date",
)  # fmt: skip


def _insert(rows: list[ItemFigure]) -> None:
    """INSERT the rows with executemany: for seven figures an item, `bulk_create` spends nine
    tenths of the indexing time compiling its SQL field by field (bench/figures_db.py)."""
    if not rows:
        return
    metrics = _metric_ids({row.metric.name for row in rows if row.metric is not None})
    meta, ops = ItemFigure._meta, connection.ops
    column = {field.name: field.column for field in meta.concrete_fields if field.column}
    columns = ", ".join(ops.quote_name(column[name]) for name in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model names

    def prepared(row: ItemFigure) -> tuple[Any, ...]:
        return (
            row.item_id, row.position, row.field, row.start, row.end, row.text,
            ops.adapt_decimalfield_value(row.value, 40, 10),
            None if row.value_max is None else ops.adapt_decimalfield_value(row.value_max, 40, 10),
            row.unit, metrics[row.metric.name] if row.metric is not None else None,
            row.approx, row.change, row.basis, row.time_text,
            ops.adapt_datefield_value(row.time_start), ops.adapt_datefield_value(row.time_end),
            ops.adapt_datefield_value(row.date),
        )  # fmt: skip

    with connection.cursor() as cursor:
        cursor.executemany(sql, [prepared(row) for row in rows])


def _metric_ids(names: set[str]) -> dict[str, int]:
    """The ids of these metric phrases, adding the new ones."""
    ids: dict[str, int] = {}
    ordered = sorted(names)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        ids.update(Metric.objects.filter(name__in=chunk).values_list("name", "id"))
        new = [Metric(name=name) for name in chunk if name not in ids]
        if new:
            Metric.objects.bulk_create(new, ignore_conflicts=True)
            ids.update(Metric.objects.filter(name__in=[m.name for m in new]).values_list("name", "id"))
    return ids


def is_indexed(item: Item) -> bool:
    return FigureIndex.objects.filter(item=item, version__gte=EXTRACTOR_VERSION).exists()


def store_figures_of_new_items(items: Sequence[Item]) -> None:
    """The archive's hook for items it has just stored (same transaction)."""
    refresh_figures(items)


def item_figures_panel(request: HttpRequest, item: Item) -> str:
    """The figures table under an item's text, for the archive's item page."""
    return render_to_string("stats/_item_figures.html", {"figures": figures_for_item(item), "item": item}, request)


def figures_for_item(item: Item) -> list[ItemFigure]:
    """The figures to show under an item: those stored, or, for an item not indexed by the
    current extractor (an archive upgraded from an older version, before `kuaibao
    figures-index` has run), extracted for this page only. Reading a page never writes."""
    if is_indexed(item):
        return list(item.figures.select_related("metric").order_by("position"))
    return extract_item(item)


FIELDS = ("id", "title", "body", "date", "units_as_written")


def missing() -> QuerySet[Item]:
    """Items whose figures are not stored by the current extractor (for counting and tests;
    walking a large archive goes by `batches`, which avoids this anti-join)."""
    return Item.objects.exclude(figure_index__version__gte=EXTRACTOR_VERSION).only(*FIELDS).order_by("pk")


def _unindexed(batch: list[Item]) -> list[Item]:
    ids = [item.pk for item in batch]
    done = set(
        FigureIndex.objects.filter(item_id__in=ids, version__gte=EXTRACTOR_VERSION).values_list("item_id", flat=True)
    )
    return [item for item in batch if item.pk not in done]


def batches(*, rebuild: bool = False, size: int = 1000) -> Iterator[list[Item]]:
    """Every item (or, unless `rebuild`, every item not indexed) in batches, by primary key
    (keyset pagination: each batch is an index range scan, whatever the archive's size)."""
    last = 0
    while True:
        batch = list(Item.objects.filter(pk__gt=last).only(*FIELDS).order_by("pk")[:size])
        if not batch:
            return
        last = batch[-1].pk
        todo = batch if rebuild else _unindexed(batch)
        if todo:
            yield todo


@dataclass(frozen=True, slots=True)
class IndexState:
    items: int
    indexed: int

    @property
    def unindexed(self) -> int:
        return max(0, self.items - self.indexed)


def index_state() -> IndexState:
    """How many items have their figures stored (two counts: cheap even for a large archive)."""
    return IndexState(Item.objects.count(), FigureIndex.objects.filter(version__gte=EXTRACTOR_VERSION).count())
