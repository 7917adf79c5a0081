"""The bitmap index on PostgreSQL beyond the random queries of test_search: any character as
the drivers pass it, very long items, many hits in relevance order, writers one at a time, and
migration 0015 from the tsvector index."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import time

import pytest
from django.db import connection, connections, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from kuaibao.archive import search
from kuaibao.archive.models import Item
from kuaibao.core import search as core_search
from kuaibao.core.search import Query, normalize, parse_query
from tests.archive.test_search import _SNAPSHOT, brute_force, build_archive, engine

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own cases"),
]
# Quotes, backslashes, percent signs and question marks (the drivers' placeholders), Latin
# letters, digits, full-width forms.
ALPHABET = "县镇秸秆税收aA9%?。'\\:&|!()<>*-\"@ ，Ａ"
FIRST_ID = 10**9  # rows added straight to the index, apart from any item
Row = tuple[int, str, str, dt.date, str]


def contains(row: Row, term: str) -> bool:
    return term in normalize(row[1]) or term in normalize(row[2])


def found(query: Query, groups: list[list[str]], order: str) -> set[int]:
    page = search._BitmapSearch(query, search.Filters(), groups).page(order, 0, 100)
    assert page.total == len(page.item_ids) == len(set(page.item_ids))
    return set(page.item_ids)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.text(ALPHABET, max_size=8), st.text(ALPHABET, max_size=24)), min_size=1, max_size=4),
    st.text(ALPHABET, min_size=1, max_size=6),
    st.text(ALPHABET, min_size=1, max_size=6),
    st.sampled_from([1, 1000]),
)
def test_postgresql_finds_exactly_the_substrings(
    docs: list[tuple[str, str]], raw: str, raw_excluded: str, merge_at: int
) -> None:
    """In the bitmaps (merge_at 1) or still pending (1000), the hits are the substring hits.
    The rows are not items: relevance is "title hits first, then newest" (RANK_LIMIT 0), which
    reads no item."""
    term, excluded = normalize(raw), normalize(raw_excluded)
    if not term or not excluded or term == excluded:
        return
    rows = [(FIRST_ID + n, t, b, dt.date(2020, 1, 1 + n), f"b1 u{n % 2}") for n, (t, b) in enumerate(docs)]
    saved = search.MERGE_AT, search.RANK_LIMIT
    search.MERGE_AT, search.RANK_LIMIT = merge_at, 0
    try:
        search.add_items(rows)
        for query, groups in [
            (Query((term,)), []),
            (Query((term,), (excluded,)), []),
            (Query((term, excluded)), []),
            (Query((term,)), [["u1"]]),
        ]:
            expected = {
                row[0]
                for row in rows
                if all(contains(row, t) for t in query.terms)
                and not any(contains(row, t) for t in query.excluded)
                and all(any(tag in row[4].split() for tag in group) for group in groups)
            }
            for order in ("date", "relevance"):
                assert found(query, groups, order) == expected, (query, order)
    finally:
        search.remove_items(rows)
        search.MERGE_AT, search.RANK_LIMIT = saved


def test_long_items_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tens of thousands of positions in one item, repeated grams; (items past MAX_POSITION are
    verified on their text: test_search_index)."""
    monkeypatch.setattr(search, "MERGE_AT", 1)
    body = "开展秸秆禁烧巡查。" * 3000 + "惠农e贷授信"
    rows: list[Row] = [
        (FIRST_ID, "县商务局", body, dt.date(2022, 1, 1), "b1"),
        (FIRST_ID + 1, "秸秆" * 5000, "税收" * 20000 + "增长5%", dt.date(2022, 1, 2), "b1"),
        (FIRST_ID + 2, "县供销社", "禁烧巡查" + "惠农e" * 9000, dt.date(2022, 1, 3), "b1"),
    ]
    assert not any(core_search.item_grams(row[1], row[2]).long for row in rows)
    search.add_items(rows)
    try:
        for text in ["惠农e贷授信", "惠农e贷", "禁烧巡查", "税收增长5%", "秸秆秸秆秸秆", "收增长5", "e贷授", "e惠农e惠",
                     "县供销社", "社", "惠农 -巡查。开"]:  # fmt: skip
            query = parse_query(text)
            expected = {
                row[0]
                for row in rows
                if all(contains(row, t) for t in query.terms) and not any(contains(row, t) for t in query.excluded)
            }
            assert found(query, [], "date") == expected, text
        assert found(parse_query("禁烧巡查 -惠农e贷授"), [], "date") == {FIRST_ID + 2}
    finally:
        search.remove_items(rows)


@pytest.mark.django_db(transaction=True)
def test_writers_of_the_index_wait_for_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two imports that merge the same chunk's bitmaps at once would each write the bitmap it
    read plus its own items, and one would lose the other's: the second waits for the first."""
    monkeypatch.setattr(search, "MERGE_AT", 1)
    first: list[Row] = [(FIRST_ID, "县商务局", "秸秆禁烧", dt.date(2022, 1, 1), "b1")]
    second: list[Row] = [(FIRST_ID + 1, "县财政局", "秸秆还田", dt.date(2022, 1, 2), "b1")]
    events: list[str] = []
    started = threading.Event()

    def other_writer() -> None:
        try:
            started.set()
            search.add_items(second)
            events.append("second written")
        finally:
            connections.close_all()

    try:
        with transaction.atomic():
            search.add_items(first)
            thread = threading.Thread(target=other_writer)
            thread.start()
            started.wait()
            time.sleep(1.0)  # the other writer is waiting for the lock by now
            events.append("first committing")
        thread.join(timeout=30)
        assert events == ["first committing", "second written"]
        assert found(parse_query("秸秆"), [], "date") == {FIRST_ID, FIRST_ID + 1}
    finally:
        search.remove_items([*first, *second])


def test_many_hits_of_long_terms_rank_title_hits_first_then_newest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    _SNAPSHOT.clear()
    build_archive(20)
    fields = [(normalize(t), normalize(b)) for t, b in Item.objects.values_list("title", "body")]
    # Four characters of a title that other items have in their body only, and in their title.
    mixed = next(
        gram
        for title, _ in fields
        for gram in (title[i : i + 4] for i in range(len(title) - 3))
        if sum(gram in t for t, _ in fields) >= 3 and sum(gram in b and gram not in t for t, b in fields) >= 3
    )
    for text in (mixed, f"{mixed} -镇", f"{mixed[:2]} {mixed}", "县 -人民政府办"):
        query = parse_query(text)
        expected = brute_force(query)
        assert len(expected) > 2
        pages: list[int] = []
        for offset in range(0, len(expected) + 5, 4):
            page = search.search(query, search.Filters(), offset=offset, limit=4)
            assert page.total == len(expected)
            pages += page.item_ids
        assert sorted(pages) == sorted(expected), text
        items = {item.pk: item for item in Item.objects.filter(pk__in=pages)}
        in_title = [all(t in normalize(items[pk].title) for t in query.terms) for pk in pages]
        assert in_title == sorted(in_title, reverse=True), text
        for group in (True, False):
            keys = [(items[pk].date, pk) for pk, hit in zip(pages, in_title, strict=True) if hit == group]
            assert keys == sorted(keys, reverse=True), text


def test_migration_0015_replaces_the_tsvector_table_by_bitmaps() -> None:
    _SNAPSHOT.clear()
    build_archive(6)
    with connection.cursor() as cursor:  # the shape before 0015: the tsvector table, no bitmaps
        cursor.execute(f"DROP TABLE {search.POSTINGS_TABLE}")
        cursor.execute(f"DROP TABLE {search.PENDING_TABLE}")
        cursor.execute(
            f"CREATE TABLE {search.OLD_POSTGRES_TABLE} (item_id bigint PRIMARY KEY, date date, doc tsvector NOT NULL)"
        )
    migration = importlib.import_module("kuaibao.archive.migrations.0015_search_bitmaps_postgres")
    with connection.schema_editor() as schema_editor:
        migration.forward(None, schema_editor)
    tables = connection.introspection.table_names()
    assert search.OLD_POSTGRES_TABLE not in tables and search.POSTINGS_TABLE in tables
    for text in ("县", "秸秆", "人民政府", "县 -镇"):
        query = parse_query(text)
        assert engine(query) == brute_force(query), text
