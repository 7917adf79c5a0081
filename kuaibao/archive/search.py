"""Full-text search over current items, on SQLite or PostgreSQL: the same compressed bitmaps
in a table of either database, the same queries, the same hits (exactly a substring search;
see `kuaibao.core.search`) and the same order.

The index keeps one roaring bitmap per gram of `kuaibao.core.search.item_grams`, filter tag
and date (year, month, day), split into chunks of 65,536 item ids so that a write rewrites
only the chunk it touches. A query is a few bitmap operations: a total is a cardinality,
whatever the number of hits, and "newest first" walks the year, month and day bitmaps down
to the page. A term of four or more characters is a positional join of its triples' bitmaps:
no row is read to verify a phrase (PostgreSQL's tsvector index, before migration 0015, read
and verified every candidate row, so its latency grew with the hits).
"""

from __future__ import annotations

import array
import calendar
import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from pyroaring import BitMap

from kuaibao.archive import bitmapcache
from kuaibao.archive.models import Section
from kuaibao.core.search import (
    GRAM,
    Query,
    date_tags,
    item_grams,
    normalize,
    phrase_triples,
    rank_bm25,
    tail_grams,
)

POSTINGS_TABLE = "archive_item_postings"
PENDING_TABLE = "archive_item_search_pending"
# Items are written to the bitmaps in batches of this many: until then they wait in the pending
# table (normalised text, date, tags), which every query scans beside the bitmaps. One bitmap
# write per gram and batch instead of one per gram and import keeps imports fast.
MERGE_AT = 1000
FTS_TABLE = "archive_item_fts"  # the FTS5 index before migration 0005
OLD_POSTGRES_TABLE = "archive_item_search"  # PostgreSQL's tsvector index before migration 0015
# PostgreSQL: writers of the index take this transaction-level advisory lock, one at a time (as
# SQLite's single writer is), so that no two merges of a chunk's bitmap lose each other's items.
INDEX_LOCK = 0x6B62_1D58
# A chunk holds the bitmaps of 2**16 item ids. Doc-level bitmaps hold item ids; positional ones
# hold position << 16 | (item id & 0xFFFF), so that shifting by whole positions is cheap.
CHUNK_BITS = 16
LOCAL_MASK = (1 << CHUNK_BITS) - 1
# Filter tags, dates and ALL are small enough for one bitmap each, stored under this chunk.
SHARED_CHUNK = -1
ALL = "*"  # every indexed item
LONG = "L"  # items with text past the last indexed position
# The index's generation: a random value that every change of the bitmaps replaces (see
# `kuaibao.archive.bitmapcache`).
GENERATION = ("#generation", SHARED_CHUNK)
# Above this many hits, relevance is "title hits first, then newest"; up to it, BM25 on the text.
RANK_LIMIT = 250


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
    """Create the search structures for the database in use (called from migrations)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {POSTINGS_TABLE} ("
            "token TEXT NOT NULL, chunk INTEGER NOT NULL, docs BLOB NOT NULL, UNIQUE (token, chunk))"
        )
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PENDING_TABLE} (item_id INTEGER PRIMARY KEY, date TEXT NOT NULL, "
            "tags TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, normal_title TEXT NOT NULL, "
            "normal_body TEXT NOT NULL)"
        )
    elif vendor == "postgresql":
        # Tokens compare bytewise (date ranges are token ranges); bitmaps are compressed
        # already, so they are stored out of line without compression (EXTERNAL).
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {POSTINGS_TABLE} ("
            'token text COLLATE "C" NOT NULL, chunk integer NOT NULL, docs bytea NOT NULL, PRIMARY KEY (token, chunk))'
        )
        schema_editor.execute(f"ALTER TABLE {POSTINGS_TABLE} ALTER COLUMN docs SET STORAGE EXTERNAL")
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PENDING_TABLE} (item_id bigint PRIMARY KEY, date text NOT NULL, "
            "tags text NOT NULL, title text NOT NULL, body text NOT NULL, normal_title text NOT NULL, "
            "normal_body text NOT NULL)"
        )
    else:
        raise RuntimeError(f"search is not available on {vendor}")


def clear_if_orphaned(**kwargs: Any) -> None:
    """After a flush (which empties the model tables but not the index), empty the index too."""
    from kuaibao.archive.models import Item

    tables = [POSTINGS_TABLE, PENDING_TABLE]
    if tables[0] not in connection.introspection.table_names() or Item.objects.exists():
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant


def drop_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    for table in [POSTINGS_TABLE, PENDING_TABLE]:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def rebuild_index(batch: int = 16384) -> int:
    """Index every current item anew (after a change of the index format); returns the count."""
    with transaction.atomic():
        _lock_index()
        with connection.cursor() as cursor:
            for table in [POSTINGS_TABLE, PENDING_TABLE]:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant
        return _build(batch)


def _build(batch: int) -> int:
    from kuaibao.archive.models import Item

    rows = Item.objects.filter(is_current=True).order_by("pk").values_list("id", "title", "body", "date", "search_tags")
    count, last = 0, 0
    built: dict[tuple[str, int], BitMap] = {}  # chunks are written once, when complete
    while part := list(rows.filter(pk__gt=last)[:batch]):
        count += len(part)
        last = part[-1][0]
        for key, bitmap in _postings(part).items():
            if key in built:
                built[key] |= bitmap
            else:
                built[key] = bitmap
        done = {key: bitmap for key, bitmap in built.items() if 0 <= key[1] < last >> CHUNK_BITS}
        _Postings().change(done, add=True)
        built = {key: bitmap for key, bitmap in built.items() if key not in done}
    if built:
        _Postings().change(built, add=True)
    return count


def tags_for(bulletin_id: int, section_id: int | None, unit_ids: Iterable[int]) -> str:
    """The filter tokens indexed beside an item's text: b<bulletin> s<section> u<unit>…"""
    return " ".join([f"b{bulletin_id}", f"s{section_id or 0}", *(f"u{u}" for u in unit_ids)])


# (item id, title, body, date, tags)
Row = tuple[int, str, str, dt.date, str]


def add_items(rows: Iterable[Row]) -> None:
    """Index items given as (id, title, body, date, tags)."""
    rows = list(rows)
    if not rows:
        return
    with transaction.atomic():
        _lock_index()
        _add_pending(rows)


def remove_items(rows: Iterable[Row]) -> None:
    """Remove items given as (id, title, body, date, tags) as they were indexed."""
    rows = list(rows)
    if not rows:
        return
    with transaction.atomic():
        _lock_index()
        postings = _Postings()
        postings.execute(
            f"DELETE FROM {PENDING_TABLE} WHERE {postings.in_list('item_id')} RETURNING item_id",  # noqa: S608
            [postings.listed([row[0] for row in rows])],
        )
        pending = {item_id for (item_id,) in postings.cursor.fetchall()}
        postings.change(_postings([row for row in rows if row[0] not in pending]), add=False)


def _lock_index() -> None:
    """PostgreSQL: wait for the other writers of the index (see INDEX_LOCK); in a transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INDEX_LOCK])


def _add_pending(rows: list[Row]) -> None:
    """Queue items for the bitmaps; write the queue to them once it holds MERGE_AT items."""
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {PENDING_TABLE}(item_id, date, tags, title, body, normal_title, normal_body) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(i, f"{d:%Y%m%d}", g, t, b, normalize(t), normalize(b)) for i, t, b, d, g in rows],
        )
        cursor.execute(f"SELECT count(*) FROM {PENDING_TABLE}")  # noqa: S608 - constant
        if cursor.fetchone()[0] < MERGE_AT:
            return
        cursor.execute(f"SELECT item_id, title, body, date, tags FROM {PENDING_TABLE}")  # noqa: S608 - constant
        queued = [(i, t, b, dt.date(int(d[:4]), int(d[4:6]), int(d[6:])), g) for i, t, b, d, g in cursor.fetchall()]
        _Postings().change(_postings(queued), add=True)
        cursor.execute(f"DELETE FROM {PENDING_TABLE}")  # noqa: S608 - constant


def _postings(rows: list[Row]) -> dict[tuple[str, int], BitMap]:
    """The bitmap values the rows add under each (token, chunk). Only positions are collected
    item by item; the doc-level grams are derived from them, chunk by chunk (see `_derive`)."""
    chunks: dict[int, dict[str, defaultdict[str, list[int]]]] = {}
    shared: defaultdict[str, list[int]] = defaultdict(list)  # tags, dates: small, one row each
    step = 1 << CHUNK_BITS  # one position further
    for item_id, title, body, date, tags in rows:
        chunk, local = item_id >> CHUNK_BITS, item_id & LOCAL_MASK
        if chunk not in chunks:
            chunks[chunk] = {kind: defaultdict(list) for kind in ("a", "t", "p", "r")}
        kinds = chunks[chunk]
        grams = item_grams(title, body)
        stream, in_title = kinds["p"], kinds["r"]
        title_triples, body_triples = grams.indexed()
        for triple, key in zip(title_triples, range(local, local + len(title_triples) * step, step), strict=True):
            stream[triple].append(key)
            in_title[triple].append(key)
        start = local + grams.body_start * step
        for triple, key in zip(body_triples, range(start, start + len(body_triples) * step, step), strict=True):
            stream[triple].append(key)
        if grams.long:  # the positions miss some triples: give the doc-level grams directly
            for kind, of_title in (("a", False), ("t", True)):
                for gram in grams.grams(title=of_title):
                    kinds[kind][gram].append(item_id)
        # The fields' last two characters start no triple: their grams are given directly.
        for gram in {*tail_grams(grams.title_tail), *tail_grams(grams.body_tail)}:
            kinds["a"][gram].append(item_id)
        for gram in tail_grams(grams.title_tail):
            kinds["t"][gram].append(item_id)
        tokens = [*(f"g{tag}" for tag in tags.split()), *date_tags(date), ALL, *([LONG] if grams.long else [])]
        for token in tokens:
            shared[token].append(item_id)
    values = {(token, SHARED_CHUNK): BitMap(array.array("I", ids)) for token, ids in shared.items()}
    for chunk, kinds in chunks.items():
        for kind, found in kinds.items():
            for gram, keys in found.items():
                values[kind + gram, chunk] = BitMap(array.array("I", keys))
        _derive(values, chunk, "p", "a")
        _derive(values, chunk, "r", "t")
    return values


def _derive(values: dict[tuple[str, int], BitMap], chunk: int, positional: str, doc: str) -> None:
    """Doc-level grams of one chunk from its positional triples: each triple's items, and for
    each pair and character the items of the triples it starts (the items where it starts a
    field's tail are there already)."""
    triples = [(token[1:], bitmap) for (token, at), bitmap in values.items() if at == chunk and token[0] == positional]
    starting: defaultdict[str, list[BitMap]] = defaultdict(list)
    for triple, bitmap in triples:
        items = _project(bitmap, chunk)
        starting[triple].append(items)
        starting[triple[:2]].append(items)
        starting[triple[0]].append(items)
    for gram, parts in starting.items():
        key = (doc + gram, chunk)
        if key in values:
            parts.append(values[key])
        # A new bitmap for every gram, even of one part: the callers merge batches in place,
        # and a bitmap shared by a triple and its pair would merge into both.
        values[key] = BitMap.union(*parts) if len(parts) > 1 else BitMap(parts[0])


class _Postings:
    """The bitmap table: reads for one query (cached), and changes. Statements are written with
    "?" parameters and go to the driver's own cursor (sqlite3, or psycopg with "%s")."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self.cursor = connection.connection.cursor()
        self.sqlite = connection.vendor == "sqlite"
        self.cache: dict[str, dict[int, BitMap]] = {}
        self.ranges: dict[tuple[str, str], dict[str, BitMap]] = {}
        self.positional: dict[tuple[str, int], BitMap] = {}  # (token, chunk): read one chunk at a time
        # Bitmaps decoded by earlier queries of this process, for this generation of the index.
        database = connection.settings_dict
        name = "{HOST}:{PORT}/{NAME}".format(**database) if not self.sqlite else str(database["NAME"])
        self.kept = bitmapcache.for_database(name, settings.SEARCH_CACHE_MB << 20)
        self.execute(f"SELECT docs FROM {POSTINGS_TABLE} WHERE token = ? AND chunk = ?", GENERATION)  # noqa: S608
        row = self.cursor.fetchone()
        self.generation: bytes | None = bytes(row[0]) if row else None
        self.kept.start(self.generation)

    def execute(self, sql: str, params: Any = ()) -> None:
        self.cursor.execute(sql if self.sqlite else sql.replace("?", "%s"), params)

    def executemany(self, sql: str, params: list[Any]) -> None:
        if params:
            self.cursor.executemany(sql if self.sqlite else sql.replace("?", "%s"), params)

    def in_list(self, column: str) -> str:
        """SQL: the column is one of a list given as one parameter (`listed`)."""
        return f"{column} IN (SELECT value FROM json_each(?))" if self.sqlite else f"{column} = ANY(?)"  # noqa: S608

    def listed(self, values: list[Any]) -> Any:
        return json.dumps(values) if self.sqlite else values

    def chunks(self, token: str) -> dict[int, BitMap]:
        """A token's bitmaps by chunk."""
        if token not in self.cache:

            def load() -> tuple[dict[int, BitMap], int]:
                self.execute(f"SELECT chunk, docs FROM {POSTINGS_TABLE} WHERE token = ?", [token])  # noqa: S608
                rows = self.cursor.fetchall()
                return {chunk: BitMap.deserialize(docs) for chunk, docs in rows}, sum(len(docs) for _, docs in rows)

            self.cache[token] = self.kept.get(self.generation, ("chunks", token), load)
        return self.cache[token]

    def positions(self, token: str, chunk: int) -> BitMap:
        """A positional token's bitmap in one chunk (empty if it has none there)."""
        self.load_positions(token, [chunk])
        return self.positional[token, chunk]

    def load_positions(self, token: str, chunks: list[int]) -> None:
        """Read a positional token's bitmaps in these chunks (`positions` then finds them): those
        no earlier query kept, with one statement."""
        missing = [chunk for chunk in chunks if (token, chunk) not in self.positional]
        if not missing:
            return
        unknown = []
        for chunk in missing:
            kept = self.kept.peek(self.generation, ("positions", token, chunk))
            if isinstance(kept, BitMap):
                self.positional[token, chunk] = kept
            else:
                unknown.append(chunk)
        if not unknown:
            return
        self.execute(
            f"SELECT chunk, docs FROM {POSTINGS_TABLE} WHERE token = ? AND {self.in_list('chunk')}",  # noqa: S608
            [token, self.listed(unknown)],
        )
        found = dict(self.cursor.fetchall())
        for chunk in unknown:
            docs = found.get(chunk)
            bitmap = BitMap.deserialize(docs) if docs is not None else BitMap()
            self.positional[token, chunk] = bitmap
            self.kept.put(self.generation, ("positions", token, chunk), bitmap, len(docs or b""))

    def docs(self, token: str) -> BitMap:
        """A doc-level token's item ids."""
        return BitMap.union(BitMap(), *self.chunks(token).values())

    def tokens_between(self, low: str, high: str) -> dict[str, BitMap]:
        """Doc-level tokens with low <= token < high (dates), with their item ids."""
        if (low, high) in self.ranges:
            return self.ranges[low, high]

        def load() -> tuple[dict[str, dict[int, BitMap]], int]:
            self.execute(
                f"SELECT token, chunk, docs FROM {POSTINGS_TABLE} WHERE token >= ? AND token < ?",  # noqa: S608
                [low, high],
            )
            found: dict[str, dict[int, BitMap]] = defaultdict(dict)
            size = 0
            for token, chunk, docs in self.cursor.fetchall():
                found[token][chunk] = BitMap.deserialize(docs)
                size += len(docs)
            return dict(found), size

        found = self.kept.get(self.generation, ("between", low, high), load)
        self.cache.update(found)
        self.ranges[low, high] = {token: BitMap.union(BitMap(), *parts.values()) for token, parts in found.items()}
        return self.ranges[low, high]

    def change(self, values: dict[tuple[str, int], BitMap], *, add: bool) -> None:
        by_chunk: dict[int, list[str]] = defaultdict(list)
        for token, chunk in values:
            by_chunk[chunk].append(token)
        writes, deletes = [], []
        for chunk, tokens in by_chunk.items():
            for start in range(0, len(tokens), 500):
                part = tokens[start : start + 500]
                self.execute(
                    f"SELECT token, docs FROM {POSTINGS_TABLE} WHERE chunk = ? AND {self.in_list('token')}",  # noqa: S608
                    [chunk, self.listed(part)],
                )
                stored = {token: BitMap.deserialize(bytes(docs)) for token, docs in self.cursor.fetchall()}
                for token in part:
                    bitmap = stored.get(token, BitMap())
                    if add:
                        bitmap |= values[token, chunk]
                    else:
                        bitmap -= values[token, chunk]
                    if bitmap:
                        bitmap.run_optimize()
                        writes.append((token, chunk, bitmap.serialize()))
                    else:
                        deletes.append((token, chunk))
        self.executemany(
            f"INSERT INTO {POSTINGS_TABLE}(token, chunk, docs) VALUES (?, ?, ?) "  # noqa: S608
            "ON CONFLICT(token, chunk) DO UPDATE SET docs = excluded.docs",
            writes,
        )
        self.executemany(f"DELETE FROM {POSTINGS_TABLE} WHERE token = ? AND chunk = ?", deletes)  # noqa: S608
        if writes or deletes:  # a new generation: processes forget the bitmaps they kept
            self.execute(
                f"INSERT INTO {POSTINGS_TABLE}(token, chunk, docs) VALUES (?, ?, ?) "  # noqa: S608
                "ON CONFLICT(token, chunk) DO UPDATE SET docs = excluded.docs",
                [*GENERATION, os.urandom(8)],
            )


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
    return _BitmapSearch(query, filters, groups).page(order, offset, limit)


def _project(matches: BitMap, chunk: int) -> BitMap:
    """The item ids of positional matches (position << 16 | local id) in one chunk."""
    raw = matches.to_array().tobytes()
    count = len(raw) // 4
    ids = bytearray(len(raw))
    ids[0::4] = raw[0::4]
    ids[1::4] = raw[1::4]
    ids[2::4] = bytes([chunk & 0xFF]) * count
    ids[3::4] = bytes([chunk >> 8 & 0xFF]) * count
    return BitMap(array.array("I", bytes(ids)))


class _BitmapSearch:
    """A query as bitmap operations: terms, exclusions, filter tags and the date range."""

    def __init__(self, query: Query, filters: Filters, groups: list[list[str]]) -> None:
        self.query = query
        self.filters = filters
        self.groups = groups
        self.postings = _Postings()
        self.frequencies: dict[str, int] = {}
        # Terms of four or more characters: (chunk, offset, positions of the term's triple at that
        # offset where the whole term follows) for every chunk with matches.
        self.joined: dict[str, list[tuple[int, int, BitMap]]] = {}

    def term(self, term: str, *, title: bool = False) -> BitMap:
        """Items with the term (anywhere, or in the title)."""
        if len(term) <= GRAM:
            return self.postings.docs(("t" if title else "a") + term)
        if title:
            return self._in_title(term)
        triples = phrase_triples(term)
        docs = [self.postings.chunks("a" + triple) for _, triple in triples]
        # Only the chunks where some item has every triple need the triples' positions; in
        # each, they are joined from the rarest triple on.
        orders: dict[int, list[tuple[int, str]]] = {}
        for chunk in sorted(set.intersection(*(set(parts) for parts in docs))):
            if BitMap.intersection(*(parts[chunk] for parts in docs)):
                ranked = sorted(zip(triples, docs, strict=True), key=lambda entry: len(entry[1][chunk]))
                orders[chunk] = [entry[0] for entry in ranked]
        # Round by round: every chunk still matching joins its next triple. A round reads each
        # triple's positions in all the chunks that need them with one statement.
        joined: dict[int, tuple[int, str, BitMap]] = {}  # chunk: (offset, triple, positions)
        for step in range(len(triples)):
            needed: defaultdict[str, list[int]] = defaultdict(list)
            for chunk, order in orders.items():
                if step == 0 or joined[chunk][2]:
                    needed[order[step][1]].append(chunk)
            for triple, chunks in needed.items():
                self.postings.load_positions("p" + triple, chunks)
                for chunk in chunks:
                    offset, _ = orders[chunk][step]
                    following = self.postings.positions("p" + triple, chunk)
                    if step == 0:
                        joined[chunk] = (offset, triple, following)
                        continue
                    at, _, matches = joined[chunk]
                    joined[chunk] = (offset, triple, matches.shift((offset - at) << CHUNK_BITS) & following)
        self.joined[term] = [(chunk, at, matches) for chunk, (at, _, matches) in joined.items() if matches]
        found = BitMap.union(BitMap(), *(_project(matches, chunk) for chunk, _, matches in self.joined[term]))
        return found | self._long_items(term, triples, title=False)

    def _in_title(self, term: str) -> BitMap:
        """Items with a term of four or more characters in the title: the term's matches (from
        `term`) whose triple is a title triple there. A match cannot reach from the title into
        the body, so one triple of it in the title puts all of it there."""
        if term not in self.joined:
            self.term(term)
        triples = phrase_triples(term)
        titles = [self.postings.chunks("t" + triple) for _, triple in triples]
        # In each chunk, the matches are tested against the title positions of the triple
        # rarest in titles there.
        tested: list[tuple[int, str, BitMap]] = []
        for chunk, at, matches in self.joined[term]:
            if not all(chunk in parts for parts in titles):
                continue
            if not BitMap.intersection(*(parts[chunk] for parts in titles)):
                continue
            (offset, triple), _ = min(zip(triples, titles, strict=True), key=lambda entry: len(entry[1][chunk]))
            tested.append((chunk, triple, matches.shift((offset - at) << CHUNK_BITS)))
        by_triple: defaultdict[str, list[int]] = defaultdict(list)
        for chunk, triple, _ in tested:
            by_triple[triple].append(chunk)
        for triple, chunks in by_triple.items():
            self.postings.load_positions("r" + triple, chunks)
        found = BitMap()
        for chunk, triple, matches in tested:
            in_title = matches & self.postings.positions("r" + triple, chunk)
            if in_title:
                found |= _project(in_title, chunk)
        return found | self._long_items(term, triples, title=True)

    def _long_items(self, term: str, triples: list[tuple[int, str]], title: bool) -> BitMap:
        """Items whose text goes past the last indexed position, verified on their text."""
        long = self.postings.docs(LONG)
        if not long:
            return BitMap()
        candidates = BitMap.intersection(long, *(self.postings.docs("a" + triple) for _, triple in triples))
        from kuaibao.archive.models import Item

        rows = Item.objects.filter(pk__in=list(candidates)).values_list("pk", "title", "body")
        return BitMap(pk for pk, t, b in rows if term in normalize(t) or (not title and term in normalize(b)))

    def allowed(self) -> BitMap | None:
        """Items the filters allow; None: no filter."""
        sets = [BitMap.union(BitMap(), *(self.postings.docs(f"g{tag}") for tag in group)) for group in self.groups]
        if self.filters.date_from is not None or self.filters.date_to is not None:
            sets.append(self.dates(self.filters.date_from or dt.date.min, self.filters.date_to or dt.date.max))
        return BitMap.intersection(*sets) if sets else None

    def dates(self, start: dt.date, end: dt.date) -> BitMap:
        """Items dated start..end: whole years, whole months, then days."""
        found = BitMap()
        for token, items in self.postings.tokens_between(f"y{start.year:04d}", f"y{end.year:04d}~").items():
            year = int(token[1:])
            if dt.date(year, 1, 1) >= start and dt.date(year, 12, 31) <= end:
                found |= items
                continue
            for month_token, month_items in self.postings.tokens_between(f"m{year:04d}", f"m{year:04d}~").items():
                first = dt.date(year, int(month_token[5:]), 1)
                last = first.replace(day=calendar.monthrange(year, first.month)[1])
                if last < start or first > end:
                    continue
                if first >= start and last <= end:
                    found |= month_items
                    continue
                days = self.postings.tokens_between(f"d{month_token[1:]}", f"d{month_token[1:]}~")
                for day_token, day_items in days.items():
                    if start <= dt.date(year, first.month, int(day_token[7:])) <= end:
                        found |= day_items
        return found

    def hits(self) -> BitMap:
        allowed = self.allowed()
        found = BitMap() if allowed is None else allowed
        for number, term in enumerate(self.query.terms):
            items = self.term(term)
            self.frequencies[term] = len(items)
            found = items if number == 0 and allowed is None else found & items
        for term in self.query.excluded:
            if found:
                found -= self.term(term)
        return found

    def pending(self) -> list[tuple[int, str, str, str]]:
        """Hits among the items not yet in the bitmaps: (id, yyyymmdd date, title, body)."""
        start, end = self.filters.date_from, self.filters.date_to
        low, high = f"{start:%Y%m%d}" if start else "", f"{end:%Y%m%d}" if end else "~"
        columns = "item_id, date, tags, normal_title, normal_body"
        self.postings.execute(f"SELECT {columns} FROM {PENDING_TABLE}")  # noqa: S608 - constant
        found = []
        for item_id, date, tags, title, body in self.postings.cursor.fetchall():
            if not low <= date <= high:
                continue
            if not all(any(tag in group for tag in tags.split()) for group in self.groups):
                continue
            if not all(term in title or term in body for term in self.query.terms):
                continue
            if not any(term in title or term in body for term in self.query.excluded):
                found.append((item_id, date, title, body))
        return found

    def page(self, order: str, offset: int, limit: int) -> Page:
        hits, pending = self.hits(), self.pending()
        total = len(hits) + len(pending)
        if total == 0 or offset >= total:
            return Page(total)
        if order == "date":
            return Page(total, self.newest(hits, pending, offset, limit))
        if total <= RANK_LIMIT:
            return Page(total, self.ranked(hits | BitMap(p[0] for p in pending))[offset : offset + limit])
        in_title = hits & BitMap.intersection(*(self.term(t, title=True) for t in self.query.terms))
        pending_in_title = [p for p in pending if all(term in p[2] for term in self.query.terms)]
        titled = len(in_title) + len(pending_in_title)
        ids: list[int] = []
        if offset < titled:
            ids = self.newest(in_title, pending_in_title, offset, limit)
        if len(ids) < limit:
            titled_ids = {p[0] for p in pending_in_title}
            rest = [p for p in pending if p[0] not in titled_ids]
            ids += self.newest(hits - in_title, rest, max(0, offset - titled), limit - len(ids))
        return Page(total, ids)

    def newest(self, hits: BitMap, pending: list[tuple[int, str, str, str]], offset: int, limit: int) -> list[int]:
        """(hits + pending)[offset:offset + limit] by date then id, newest first: walk years,
        months, days."""
        page: list[int] = []
        skip = offset
        waiting: dict[str, list[int]] = defaultdict(list)  # pending items by date token
        for item_id, date, _, _ in pending:
            for token in (f"y{date[:4]}", f"m{date[:6]}", f"d{date}"):
                waiting[token].append(item_id)

        def walk(low: str, high: str) -> None:
            nonlocal skip
            indexed = self.postings.tokens_between(low, high)
            for token in sorted({*indexed, *(t for t in waiting if low <= t < high)}, reverse=True):
                items = indexed.get(token, BitMap())
                count = hits.intersection_cardinality(items) + len(waiting.get(token, ()))
                if count <= skip:
                    skip -= count
                    continue
                if token[0] == "y":
                    walk(f"m{token[1:]}", f"m{token[1:]}~")
                elif token[0] == "m":
                    walk(f"d{token[1:]}", f"d{token[1:]}~")
                else:
                    day = sorted([*(hits & items), *waiting.get(token, ())], reverse=True)
                    page.extend(day[skip : skip + limit - len(page)])
                    skip = 0
                if len(page) >= limit:
                    return

        walk("y", "z")
        return page

    def ranked(self, hits: BitMap) -> list[int]:
        """All hits by BM25 over title and body (title weighted), then newest. Occurrences are
        counted by the database on the stored text (lower-cased, not normalised: ranking needs
        no exactness), so that no text leaves the database."""
        counts = "".join(
            f", (length({field}) - length(replace(lower({field}), ?, ''))) / {len(term)}"
            for term in self.query.terms
            for field in ("title", "body")
        )
        params = [term for term in self.query.terms for _ in range(2)]
        matching = self.postings.in_list("id")
        sql = f"SELECT id, date, length(title), length(body){counts} FROM archive_item WHERE {matching}"  # noqa: S608
        self.postings.execute(sql, [*params, self.postings.listed(list(hits))])
        return rank_bm25(
            self.postings.cursor.fetchall(), self.query.terms, self.frequencies, len(self.postings.docs(ALL))
        )
