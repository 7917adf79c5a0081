"""Full-text search over current items, on SQLite (FTS5) or PostgreSQL (tsvector + GIN).

Both backends index the token stream of `kuaibao.core.search` and answer the same queries
with the same hits; ranking is each engine's own (bm25 / ts_rank), date order is identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

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
            "title, body, content='', prefix='4', tokenize='ascii')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
            "item_id bigint PRIMARY KEY REFERENCES archive_item(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
            "doc tsvector NOT NULL)"
        )
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_doc ON {PG_TABLE} USING gin (doc)")
    else:
        raise RuntimeError(f"search is not available on {vendor}")


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


def add_items(rows: Iterable[tuple[int, str, str]]) -> None:
    """Index items given as (id, title, body)."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608 - constant table
                [(i, index_tokens(t), index_tokens(b)) for i, t, b in rows],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {PG_TABLE}(item_id, doc) VALUES (%s, %s::tsvector)",  # noqa: S608 - constant table
                [(i, _pg_vector(t, b)) for i, t, b in rows],
            )


def remove_items(rows: Iterable[tuple[int, str, str]]) -> None:
    """Remove items given as (id, title, body) as they were indexed."""
    rows = list(rows)
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A contentless FTS5 table forgets a row when told the tokens it was indexed with.
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', %s, %s, %s)",  # noqa: S608
                [(i, index_tokens(t), index_tokens(b)) for i, t, b in rows],
            )
        else:
            cursor.executemany(f"DELETE FROM {PG_TABLE} WHERE item_id = %s", [(i,) for i, _, _ in rows])  # noqa: S608


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    clauses = ["i.is_current"]
    params: list[Any] = []
    if filters.bulletin_id is not None:
        clauses.append("i.bulletin_id = %s")
        params.append(filters.bulletin_id)
    if filters.unit_id is not None:
        clauses.append("EXISTS (SELECT 1 FROM archive_itemunit iu WHERE iu.item_id = i.id AND iu.unit_id = %s)")
        params.append(filters.unit_id)
    if filters.section_name:
        clauses.append("i.section_id IN (SELECT s.id FROM archive_section s WHERE s.name = %s)")
        params.append(filters.section_name)
    if filters.date_from is not None:
        clauses.append("i.date >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("i.date <= %s")
        params.append(filters.date_to)
    return " AND ".join(clauses), params


def search(query: Query, filters: Filters, *, order: str = "relevance", offset: int = 0, limit: int = 20) -> Page:
    """One page of current item ids matching the query, with the total number of hits."""
    where, params = _filter_sql(filters)
    if connection.vendor == "sqlite":
        source = f"{FTS_TABLE} f JOIN archive_item i ON i.id = f.rowid"
        match = f"{FTS_TABLE} MATCH %s"
        expression: str = fts5_expression(query)
        rank = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0)"
    else:
        source = f"{PG_TABLE} f JOIN archive_item i ON i.id = f.item_id"
        match = "f.doc @@ %s::tsquery"
        expression = tsquery_expression(query)
        rank = "-ts_rank(f.doc, %s::tsquery)"
    ordering = "i.date DESC, i.id DESC" if order == "date" else f"{rank}, i.date DESC, i.id DESC"
    order_params: Sequence[Any] = [expression] if (order != "date" and connection.vendor != "sqlite") else []
    with connection.cursor() as cursor:
        # The SQL is assembled from constants; every value is a parameter.
        count_sql = f"SELECT count(*) FROM {source} WHERE {match} AND {where}"  # noqa: S608
        cursor.execute(count_sql, [expression, *params])
        total = int(cursor.fetchone()[0])
        if total == 0 or offset >= total:
            return Page(total)
        cursor.execute(
            f"SELECT i.id FROM {source} WHERE {match} AND {where} ORDER BY {ordering} LIMIT %s OFFSET %s",  # noqa: S608
            [expression, *params, *order_params, limit, offset],
        )
        return Page(total, [int(row[0]) for row in cursor.fetchall()])
