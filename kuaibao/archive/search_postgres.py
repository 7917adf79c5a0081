"""The search index on PostgreSQL: a tsvector of grams per current item, GIN-indexed, beside
the item's date and normalised text.

Called by `kuaibao.archive.search`, which chooses the backend; the hits are the same as on
SQLite (exactly a substring search), and so is the ranking. The lexemes are those of
`kuaibao.core.search.ts_lexemes`, without positions: every tsquery is exact in the GIN index,
which never rechecks a row, so a total is a count of index entries. A term of four or more
characters is its triples in the index, verified with strpos on the normalised text of the
few rows that have them all. The date is in this table, so no query joins the items, and the
tsvector and body are kept out of line (TOAST): counts and date order read a narrow table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import DatabaseError, connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.utils import CursorWrapper
from django.db.transaction import TransactionManagementError

from kuaibao.core.search import (
    Query,
    normalize,
    rank_bm25,
    ts_any_tag,
    ts_date_range,
    ts_date_tags,
    ts_exact,
    ts_lexemes,
    ts_tags,
    ts_term,
)

TABLE = "archive_item_search"
# (item id, title, body, date, tags), as `kuaibao.archive.search.Row`
Row = tuple[int, str, str, dt.date, str]
WALK_LIMIT = 2000  # rows "newest first" may read through the date index for a page (`_Search.newest`)


def create(schema_editor: BaseDatabaseSchemaEditor, *, indexes: bool = True) -> None:
    """The table and, unless `indexes` is false (a bulk load adds them after), its indexes."""
    # A low toast_tuple_target moves the tsvector and the body of every row of more than 2 kB
    # out of line; the title stays in the row (MAIN): rows are narrow, many to a page.
    schema_editor.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (item_id bigint PRIMARY KEY, date date NOT NULL, "
        "title text NOT NULL, body text NOT NULL, doc tsvector NOT NULL, big boolean NOT NULL DEFAULT false) "
        "WITH (toast_tuple_target = 128)"
    )
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE MAIN")
    if indexes:
        create_indexes(schema_editor)


def create_indexes(schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_doc ON {TABLE} USING gin (doc)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_date ON {TABLE} (date DESC, item_id DESC)")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_big ON {TABLE} (item_id) WHERE big")


def _row(item_id: int, title: str, body: str, date: dt.date, tags: str) -> tuple[Any, ...]:
    """The table's row for an item: `big` when its text has too many grams for a tsvector."""
    lexemes = ts_lexemes(title, body)
    doc = f"{lexemes or ''} {ts_tags(tags)} {ts_date_tags(date)}"
    return item_id, date, normalize(title), normalize(body), doc, lexemes is None


def add(rows: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE}(item_id, date, title, body, doc, big) "  # noqa: S608 - constant table
            "VALUES (%s, %s, %s, %s, %s::tsvector, %s)",
            [_row(*row) for row in rows],
        )


def remove(rows: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE item_id = %s", [(i,) for i, *_ in rows])  # noqa: S608


def _in_text(term: str, table: str = "s") -> tuple[str, list[Any]]:
    """SQL: the term is in the row's normalised title or body."""
    return f"(strpos({table}.title, %s) > 0 OR strpos({table}.body, %s) > 0)", [term, term]


Where = tuple[str, list[Any]]  # a SQL condition on the table as `s`, and its parameters


class _Search:
    """One query as SQL conditions: an exact tsquery (terms, filter tags, dates), strpos for
    long terms.

    The planner cannot tell that reading a row's tsvector means fetching it from TOAST, so it
    would happily filter rows found through the date index with @@, reading every tsvector.
    Counts therefore have the dates in the tsquery only (`hits`), so that GIN finds the rows;
    a page that may walk the date index has them as a range on the date too (`paged`, see
    `newest`)."""

    def __init__(
        self,
        cursor: CursorWrapper,
        query: Query,
        date_from: dt.date | None,
        date_to: dt.date | None,
        groups: list[list[str]],
    ) -> None:
        self.query = query
        self.cursor = cursor
        self._documents: int | None = None
        self.empty = False
        filters = [ts_any_tag(group) for group in groups]
        dates: list[str] = []
        date_params: list[Any] = []
        if date_from is not None or date_to is not None:
            self.cursor.execute(f"SELECT min(date), max(date) FROM {TABLE}")  # noqa: S608 - constant
            first, last = self.cursor.fetchone()  # an open range ends at the dates indexed
            first, last = first or dt.date.max, last or dt.date.min  # none: an empty range
            start, end = max(date_from or first, first), min(date_to or last, last)
            days = ts_date_range(start, end)
            self.empty = not days
            filters += [days] if days else []
            dates, date_params = ["s.date >= %s", "s.date <= %s"], [start, end]
        positive = " & ".join(ts_term(term) for term in query.terms)
        negative = "".join(f" & !{ts_term(term)}" for term in query.excluded if ts_exact(term))
        sql: list[str] = ["s.doc @@ %s::tsquery"]
        params: list[Any] = [" & ".join([f"({positive}){negative}", *filters])]
        for term in query.terms:
            if not ts_exact(term):
                clause, values = _in_text(term)
                sql.append(clause)
                params += values
        for term in query.excluded:
            if not ts_exact(term):
                clause, values = _in_text(term, "e")
                sql.append(
                    f"NOT EXISTS (SELECT FROM {TABLE} e WHERE e.item_id = s.item_id "
                    f"AND e.doc @@ %s::tsquery AND {clause})"
                )
                params += [ts_term(term), *values]
        self.hits: Where = (" AND ".join(sql), params)
        self.paged: Where = (" AND ".join([*sql, *dates]), [*params, *date_params])
        self.big = [] if self.empty else self._big_hits(filters)

    def _big_hits(self, filters: list[str]) -> list[tuple[int, dt.date, bool]]:
        """(id, date, every term in the title) of the hits among the items without grams."""
        matching = " AND s.doc @@ %s::tsquery" if filters else ""
        self.cursor.execute(
            f"SELECT s.item_id, s.date, s.title, s.body FROM {TABLE} s WHERE s.big{matching}",  # noqa: S608
            [" & ".join(filters)] if filters else [],
        )
        terms, excluded = self.query.terms, self.query.excluded
        return [
            (item_id, date, all(term in title for term in terms))
            for item_id, date, title, body in self.cursor.fetchall()
            if all(term in title or term in body for term in terms)
            and not any(term in title or term in body for term in excluded)
        ]

    def in_title(self, hits: Where) -> Where:
        """Hits with every term in the title: exact lexemes, or triples then strpos."""
        sql, params = f"{hits[0]} AND s.doc @@ %s::tsquery", [*hits[1], self._title_tsquery()]
        for term in self.query.terms:
            if not ts_exact(term):
                sql += " AND strpos(s.title, %s) > 0"
                params.append(term)
        return sql, params

    def not_in_title(self, hits: Where) -> Where:
        """Hits with some term not in the title (the title is in the row: strpos is cheap)."""
        every = " AND ".join("strpos(s.title, %s) > 0" for _ in self.query.terms)
        return f"{hits[0]} AND NOT ({every})", [*hits[1], *self.query.terms]

    def _title_tsquery(self) -> str:
        return " & ".join(ts_term(term, title=True) for term in self.query.terms)

    def count(self, where: Where) -> int:
        self.cursor.execute(f"SELECT count(*) FROM {TABLE} s WHERE {where[0]}", where[1])  # noqa: S608 - constant
        return int(self.cursor.fetchone()[0])

    def newest(self, hits: Where, paged: Where, offset: int, limit: int, count: int | None) -> list[int]:
        """Hits newest first, [offset:offset + limit]; `count`: how many hits there are, if known.

        The planner may walk the date index and test each row's tsvector (from TOAST) until the
        page is full: fast when hits are common, ruinous when they are rarer than it thinks.
        It may walk only where the count says the page ends within WALK_LIMIT rows; otherwise
        GIN finds every hit (no date range on the index, see the class) and they are sorted."""
        walk = count is not None and (offset + limit) * self.documents() <= WALK_LIMIT * count
        where = paged if walk else hits
        sql = f"SELECT s.item_id FROM {TABLE} s WHERE {where[0]} ORDER BY s.date DESC, s.item_id DESC"  # noqa: S608
        if not walk:
            self.cursor.execute("SELECT set_config('enable_indexscan', 'off', false)")
        try:
            self.cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*where[1], limit, offset])
            return [int(row[0]) for row in self.cursor.fetchall()]
        finally:
            if not walk:
                with contextlib.suppress(DatabaseError, TransactionManagementError):  # see `search`
                    self.cursor.execute("SELECT set_config('enable_indexscan', 'on', false)")

    def documents(self) -> int:
        """About how many items are indexed (PostgreSQL's estimate)."""
        if self._documents is None:
            self.cursor.execute("SELECT greatest(reltuples, 1)::bigint FROM pg_class WHERE oid = %s::regclass", [TABLE])
            self._documents = int(self.cursor.fetchone()[0])
        return self._documents

    def ranked(self, total: int) -> list[int]:
        """Every hit by BM25 over the title and body (as on SQLite), then newest."""
        counts = "".join(
            f", (length(s.{field}) - length(replace(s.{field}, %s, ''))) / %s"
            for _ in self.query.terms
            for field in ("title", "body")
        )
        params = [value for term in self.query.terms for value in (term, len(term), term, len(term))]
        big = " OR s.item_id = ANY(%s)" if self.big else ""
        self.cursor.execute(
            f"SELECT s.item_id, s.date, length(s.title), length(s.body){counts} "  # noqa: S608 - constant
            f"FROM {TABLE} s WHERE ({self.hits[0]}){big}",
            [*params, *self.hits[1], *([[hit[0] for hit in self.big]] if self.big else [])],
        )
        rows = self.cursor.fetchall()
        documents, frequencies = self._frequencies(total)
        return rank_bm25(rows, self.query.terms, frequencies, documents)

    def _frequencies(self, total: int) -> tuple[int, dict[str, int]]:
        """The number of items and of items with each term (for a longer term, with its
        triples: ranking needs no exactness). One term: its weight does not change the order."""
        documents = max(self.documents(), total)
        if len(self.query.terms) == 1:
            return documents, {self.query.terms[0]: total}
        frequencies = {term: self.count(("s.doc @@ %s::tsquery", [ts_term(term)])) for term in self.query.terms}
        return max(documents, *frequencies.values()), frequencies

    def verified_page(self, order: str, offset: int, limit: int, rank_limit: int) -> tuple[int, list[int]]:
        """For terms verified on the text, which costs a TOAST read a candidate, and for items
        without grams: verify each candidate once, then count and page the hits in the same
        statement."""
        in_title = " AND ".join(["strpos(s.title, %s) > 0"] * len(self.query.terms))
        ordering = "date DESC, item_id DESC" if order == "date" else "in_title DESC, date DESC, item_id DESC"
        big = " UNION ALL SELECT * FROM unnest(%s::bigint[], %s::date[], %s::boolean[])" if self.big else ""
        columns = [list(column) for column in zip(*self.big, strict=True)]
        self.cursor.execute(
            f"WITH hits AS MATERIALIZED (SELECT s.item_id, s.date, {in_title} AS in_title "  # noqa: S608 - constant
            f"FROM {TABLE} s WHERE {self.hits[0]}{big}) SELECT (SELECT count(*) FROM hits), "
            f"ARRAY(SELECT item_id FROM hits ORDER BY {ordering} LIMIT %s OFFSET %s)",
            [*self.query.terms, *self.hits[1], *columns, limit, offset],
        )
        total, ids = self.cursor.fetchone()
        if order != "date" and offset < total <= rank_limit:
            ids = self.ranked(total)[offset : offset + limit]
        return int(total), [int(item_id) for item_id in ids]

    def page(self, order: str, offset: int, limit: int, rank_limit: int) -> tuple[int, list[int]]:
        if not self.empty and (self.big or not all(ts_exact(term) for term in self.query.terms)):
            return self.verified_page(order, offset, limit, rank_limit)
        total = 0 if self.empty else self.count(self.hits)
        if total == 0 or offset >= total:
            return total, []
        if order == "date":
            return total, self.newest(self.hits, self.paged, offset, limit, total)
        if total <= rank_limit:
            return total, self.ranked(total)[offset : offset + limit]
        # Title hits first, then the others, each newest first. The title hits up to the end of
        # the page are as cheap as the page; if there are fewer, they are all, and their number
        # is where the others start (counting all title hits costs as much as the total).
        titled = self.newest(self.in_title(self.hits), self.in_title(self.paged), 0, offset + limit, None)
        ids = titled[offset:]
        if len(ids) < limit:
            rest = self.not_in_title(self.hits), self.not_in_title(self.paged)
            ids += self.newest(*rest, max(0, offset - len(titled)), limit - len(ids), total - len(titled))
        return total, ids


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
    with connection.cursor() as cursor:
        # The planner cannot tell that reading a row's tsvector means fetching it from TOAST: a
        # sequential scan that evaluates @@ on every row looks cheaper to it than the exact GIN
        # scan, and is a hundred times slower. Off for these queries only.
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', false)")
        previous = cursor.fetchone()[0]
        try:
            return _Search(cursor, query, date_from, date_to, groups).page(order, offset, limit, rank_limit)
        finally:
            # In a failed transaction, the setting goes back with the rollback.
            with contextlib.suppress(DatabaseError, TransactionManagementError):
                cursor.execute("SELECT set_config('enable_seqscan', %s, false)", [previous])
