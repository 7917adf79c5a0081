"""Full-text search over current items, on SQLite (FTS5) or PostgreSQL (tsvector + GIN).

Both backends index the token stream of `kuaibao.core.search` and answer the same queries
with the same hits; ranking is each engine's own (bm25 / ts_rank), date order is identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from kuaibao.archive.models import Section
from kuaibao.core.search import Query, fts5_expression, index_tokens, tsquery_expression

FTS_TABLE = "archive_item_fts"
PG_TABLE = "archive_item_search"
TITLE_WEIGHT = 4.0
# PostgreSQL keeps word positions up to 16383; longer bodies are searched on that much.
PG_MAX_POSITION = 16383


@dataclass(frozen=True, slots=True)
class Filters:
    bulletin_id: int | None = None
    unit_id: int | None = None
    section_name: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(slots=True)
class Page:
    total: int
    item_ids: list[int] = field(default_factory=list)


def create_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create the search structures for the database in use (called from a migration)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "title, body, tags, content='', prefix='4', tokenize='ascii')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
            "item_id bigint PRIMARY KEY, doc tsvector NOT NULL)"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_doc ON {PG_TABLE} USING gin (doc)")
    else:
        raise RuntimeError(f"search is not available on {vendor}")


def clear_if_orphaned(**kwargs: Any) -> None:
    """After a flush (which empties the model tables but not the index), empty the index too."""
    from kuaibao.archive.models import Item

    table = FTS_TABLE if connection.vendor == "sqlite" else PG_TABLE
    if table not in connection.introspection.table_names() or Item.objects.exists():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")  # noqa: S608 - constant
        else:
            cursor.execute(f"TRUNCATE {PG_TABLE}")


def drop_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    table = FTS_TABLE if schema_editor.connection.vendor == "sqlite" else PG_TABLE
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def _pg_vector(title: str, body: str) -> str:
    """A tsvector literal: title tokens weighted A, body tokens B, positions in order."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, text in (("A", title), ("B", body)):
        for token in index_tokens(text).split():
            position = min(position + 1, PG_MAX_POSITION)
            positions.setdefault(token, []).append(f"{position}{weight}")
    return " ".join(f"{token}:{','.join(places)}" for token, places in positions.items())


# An FTS5 row's id orders it by date: (date ordinal << 32) | item id. "Newest first" is then
# the index's own descending rowid order, read only as far as the page needs, and a date range
# is a rowid range; the item id is the low 32 bits.
KEY_BITS = 32
KEY_MASK = (1 << KEY_BITS) - 1
# Above this many hits, relevance is "title hits first, then newest": scoring every hit with
# bm25 costs seconds at a million items and says little about a character found everywhere.
RANK_LIMIT = 2000


def fts_key(item_id: int, date: dt.date) -> int:
    return (date.toordinal() << KEY_BITS) | item_id


def tags_for(bulletin_id: int, section_id: int | None, unit_ids: Iterable[int]) -> str:
    """The filter tokens indexed beside an item's text: b<bulletin> s<section> u<unit>…"""
    return " ".join([f"b{bulletin_id}", f"s{section_id or 0}", *(f"u{u}" for u in unit_ids)])


def _pg_tags(tags: str) -> str:
    # Underscored, so that no text token (base-36 codes) can equal or prefix-match them.
    return " ".join(f"_{tag}:1D" for tag in tags.split())


# (item id, title, body, date, tags)
Row = tuple[int, str, str, dt.date, str]


def add_items(rows: Iterable[Row]) -> None:
    """Index items given as (id, title, body, date)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body, tags) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(fts_key(i, d), index_tokens(t), index_tokens(b), g) for i, t, b, d, g in rows],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {PG_TABLE}(item_id, doc) VALUES (%s, %s::tsvector)",  # noqa: S608 - constant table
                [(i, f"{_pg_vector(t, b)} {_pg_tags(g)}") for i, t, b, _, g in rows],
            )


def remove_items(rows: Iterable[Row]) -> None:
    """Remove items given as (id, title, body, date) as they were indexed."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A contentless FTS5 table forgets a row when told the tokens it was indexed with.
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, tags) VALUES ('delete', %s, %s, %s, %s)",  # noqa: S608
                [(fts_key(i, d), index_tokens(t), index_tokens(b), g) for i, t, b, d, g in rows],
            )
        else:
            cursor.executemany(f"DELETE FROM {PG_TABLE} WHERE item_id = %s", [(i,) for i, *_ in rows])  # noqa: S608


def _filter_tags(filters: Filters) -> list[list[str]] | None:
    """The filters as groups of tags (any tag of a group, every group); None: nothing can match."""
    groups: list[list[str]] = []
    if filters.bulletin_id is not None:
        groups.append([f"b{filters.bulletin_id}"])
    if filters.unit_id is not None:
        groups.append([f"u{filters.unit_id}"])
    if filters.section_name:
        ids = list(Section.objects.filter(name=filters.section_name).values_list("pk", flat=True))
        if not ids:
            return None
        groups.append([f"s{pk}" for pk in ids])
    return groups


def search(query: Query, filters: Filters, *, order: str = "relevance", offset: int = 0, limit: int = 20) -> Page:
    """One page of current item ids matching the query, with the total number of hits."""
    groups = _filter_tags(filters)
    if groups is None:
        return Page(0)
    if connection.vendor == "sqlite":
        return _SqliteSearch(query, filters, groups).page(order, offset, limit)
    return _postgres_search(query, filters, groups, order, offset, limit)


class _SqliteSearch:
    """Everything happens inside FTS5: text, filter tags and the date range (rowid range)."""

    def __init__(self, query: Query, filters: Filters, groups: list[list[str]]) -> None:
        tags = "".join(f" AND {{tags}} : ({' OR '.join(group)})" for group in groups)
        self.expression = f"{{title body}} : ({fts5_expression(query)}){tags}"
        self.positive = fts5_expression(Query(query.terms))
        self.params: list[Any] = []
        clauses = []
        if filters.date_from is not None:
            clauses.append("rowid >= %s")
            self.params.append(filters.date_from.toordinal() << KEY_BITS)
        if filters.date_to is not None:
            clauses.append("rowid <= %s")
            self.params.append(((filters.date_to.toordinal() + 1) << KEY_BITS) - 1)
        self.where = "".join(f" AND {c}" for c in clauses)

    def _sql(self, select: str, expression: str, tail: str = "") -> tuple[str, list[Any]]:
        # Constant SQL; the query and every value are parameters.
        sql = f"SELECT {select} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{self.where}{tail}"  # noqa: S608
        return sql, [expression, *self.params]

    def _count(self, expression: str) -> int:
        sql, params = self._sql("count(*)", expression)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])

    def _ids(self, expression: str, ordering: str, offset: int, limit: int) -> list[int]:
        sql, params = self._sql("rowid", expression, f" ORDER BY {ordering} LIMIT %s OFFSET %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [int(row[0]) & KEY_MASK for row in cursor.fetchall()]

    def page(self, order: str, offset: int, limit: int) -> Page:
        total = self._count(self.expression)
        if total == 0 or offset >= total:
            return Page(total)
        if order == "date":
            return Page(total, self._ids(self.expression, "rowid DESC", offset, limit))
        if total <= RANK_LIMIT:
            rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0, 0.0), rowid DESC"
            return Page(total, self._ids(self.expression, rank, offset, limit))
        in_title = f"({self.expression}) AND {{title}} : ({self.positive})"
        title_total = self._count(in_title)
        ids: list[int] = []
        if offset < title_total:
            ids = self._ids(in_title, "rowid DESC", offset, limit)
        if len(ids) < limit:
            rest = f"({self.expression}) NOT {{title}} : ({self.positive})"
            ids += self._ids(rest, "rowid DESC", max(0, offset - title_total), limit - len(ids))
        return Page(total, ids)


def _postgres_search(
    query: Query, filters: Filters, groups: list[list[str]], order: str, offset: int, limit: int
) -> Page:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from is not None:
        clauses.append("i.date >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("i.date <= %s")
        params.append(filters.date_to)
    tags = "".join(" & (" + " | ".join(f"_{tag}" for tag in group) + ")" for group in groups)
    where = "".join(f" AND {c}" for c in clauses)
    expression = f"({tsquery_expression(query)}){tags}"
    source = f"{PG_TABLE} f JOIN archive_item i ON i.id = f.item_id"
    match = "f.doc @@ %s::tsquery"
    with connection.cursor() as cursor:
        # The SQL is assembled from constants; every value is a parameter.
        cursor.execute(f"SELECT count(*) FROM {source} WHERE {match}{where}", [expression, *params])  # noqa: S608
        total = int(cursor.fetchone()[0])
        if total == 0 or offset >= total:
            return Page(total)
        if order == "date":
            ordering, order_params = "i.date DESC, i.id DESC", []
        elif total <= RANK_LIMIT:
            ordering, order_params = "ts_rank(f.doc, %s::tsquery) DESC, i.date DESC, i.id DESC", [expression]
        else:  # as on SQLite: title hits first, then newest
            title = tsquery_expression(query, weight="A")
            ordering, order_params = "(f.doc @@ %s::tsquery) DESC, i.date DESC, i.id DESC", [title]
        cursor.execute(
            f"SELECT i.id FROM {source} WHERE {match}{where} ORDER BY {ordering} LIMIT %s OFFSET %s",  # noqa: S608
            [expression, *params, *order_params, limit, offset],
        )
        return Page(total, [int(row[0]) for row in cursor.fetchall()])
