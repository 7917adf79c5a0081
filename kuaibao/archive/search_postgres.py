"""The search index on PostgreSQL: a tsvector per current item, GIN-indexed.

Called by `kuaibao.archive.search`, which chooses the backend; the hits are the same as on
SQLite (exactly a substring search; see `kuaibao.core.search`), ranking is PostgreSQL's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from kuaibao.core.search import Query, index_tokens, tsquery_expression

TABLE = "archive_item_search"
# PostgreSQL keeps word positions up to 16383; longer bodies are searched on that much.
MAX_POSITION = 16383
# (item id, title, body, date, tags), as `kuaibao.archive.search.Row`
Row = tuple[int, str, str, dt.date, str]


def create(schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (item_id bigint PRIMARY KEY, doc tsvector NOT NULL)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_doc ON {TABLE} USING gin (doc)")


def vector(title: str, body: str) -> str:
    """A tsvector literal: title tokens weighted A, body tokens B, positions in order."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, text in (("A", title), ("B", body)):
        for token in index_tokens(text).split():
            position = min(position + 1, MAX_POSITION)
            positions.setdefault(token, []).append(f"{position}{weight}")
    return " ".join(f"{token}:{','.join(places)}" for token, places in positions.items())


def tag_tokens(tags: str) -> str:
    # Underscored, so that no text token (base-36 codes) can equal or prefix-match them.
    return " ".join(f"_{tag}:1D" for tag in tags.split())


def add(rows: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE}(item_id, doc) VALUES (%s, %s::tsvector)",  # noqa: S608 - constant table
            [(i, f"{vector(t, b)} {tag_tokens(g)}") for i, t, b, _, g in rows],
        )


def remove(rows: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE item_id = %s", [(i,) for i, *_ in rows])  # noqa: S608


def search(
    query: Query,
    date_from: dt.date | None,
    date_to: dt.date | None,
    groups: list[list[str]],
    order: str,
    offset: int,
    limit: int,
    rank_limit: int,
) -> tuple[int, list[int]]:
    """(total, one page of item ids); `groups` are filter tags (any of a group, every group)."""
    clauses: list[str] = []
    params: list[Any] = []
    if date_from is not None:
        clauses.append("i.date >= %s")
        params.append(date_from)
    if date_to is not None:
        clauses.append("i.date <= %s")
        params.append(date_to)
    tags = "".join(" & (" + " | ".join(f"_{tag}" for tag in group) + ")" for group in groups)
    where = "".join(f" AND {c}" for c in clauses)
    expression = f"({tsquery_expression(query)}){tags}"
    source = f"{TABLE} f JOIN archive_item i ON i.id = f.item_id"
    match = "f.doc @@ %s::tsquery"
    with connection.cursor() as cursor:
        # The SQL is assembled from constants; every value is a parameter.
        cursor.execute(f"SELECT count(*) FROM {source} WHERE {match}{where}", [expression, *params])  # noqa: S608
        total = int(cursor.fetchone()[0])
        if total == 0 or offset >= total:
            return total, []
        if order == "date":
            ordering, order_params = "i.date DESC, i.id DESC", []
        elif total <= rank_limit:
            ordering, order_params = "ts_rank(f.doc, %s::tsquery) DESC, i.date DESC, i.id DESC", [expression]
        else:  # as on SQLite: title hits first, then newest
            title = tsquery_expression(query, weight="A")
            ordering, order_params = "(f.doc @@ %s::tsquery) DESC, i.date DESC, i.id DESC", [title]
        cursor.execute(
            f"SELECT i.id FROM {source} WHERE {match}{where} ORDER BY {ordering} LIMIT %s OFFSET %s",  # noqa: S608
            [expression, *params, *order_params, limit, offset],
        )
        return total, [int(row[0]) for row in cursor.fetchall()]
