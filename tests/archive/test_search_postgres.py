"""The PostgreSQL index beyond the random queries of test_search: lexemes with any character
as PostgreSQL parses them, very long items, many hits in relevance order, and migration 0008."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import random

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from kuaibao.archive import search, search_postgres
from kuaibao.archive.models import Item
from kuaibao.core import search as core_search
from kuaibao.core.search import Query, normalize, parse_query, ts_lexemes
from tests.archive.test_search import _SNAPSHOT, brute_force, build_archive, engine, random_terms

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the tsvector index is PostgreSQL's"),
]
# Quotes, backslashes, tsquery operators, Latin letters, digits, full-width forms.
ALPHABET = "县镇秸秆税收aA9%。'\\:&|!()<>*-\"@ ，Ａ"
FIRST_ID = 10**9  # rows added straight to the index, apart from any item


def contains(row: search_postgres.Row, term: str) -> bool:
    return term in normalize(row[1]) or term in normalize(row[2])


def found(query: Query, groups: list[list[str]], order: str, rank_limit: int) -> set[int]:
    total, ids = search_postgres.search(query, None, None, groups, order, 0, 100, rank_limit)
    assert total == len(ids) == len(set(ids))
    return set(ids)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.text(ALPHABET, max_size=8), st.text(ALPHABET, max_size=24)), min_size=1, max_size=4),
    st.text(ALPHABET, min_size=1, max_size=6),
    st.text(ALPHABET, min_size=1, max_size=6),
)
def test_postgresql_finds_exactly_the_substrings(docs: list[tuple[str, str]], raw: str, raw_excluded: str) -> None:
    term, excluded = normalize(raw), normalize(raw_excluded)
    if not term or not excluded or term == excluded:
        return
    rows = [(FIRST_ID + n, t, b, dt.date(2020, 1, 1 + n), f"b1 u{n % 2}") for n, (t, b) in enumerate(docs)]
    search_postgres.add(rows)
    try:
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
            for order, rank_limit in [("date", 0), ("relevance", 0), ("relevance", 100)]:
                assert found(query, groups, order, rank_limit) == expected, (query, order, rank_limit)
    finally:
        search_postgres.remove(rows)


def test_items_of_any_length_are_exact() -> None:
    """No positions: past PostgreSQL's last one (16383) or its 256 per lexeme, nothing is lost;
    text with more grams than a tsvector holds is searched on the text."""
    body = "开展秸秆禁烧巡查。" * 3000 + "惠农e贷授信"
    rng = random.Random(3)
    varied = "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(120_000))
    rows = [
        (FIRST_ID, "县商务局", body, dt.date(2022, 1, 1), "b1"),
        (FIRST_ID + 1, "秸秆" * 5000, "税收" * 20000 + "增长5%", dt.date(2022, 1, 2), "b1"),
        (FIRST_ID + 2, "县供销社", "禁烧巡查" + "惠农e" * 9000, dt.date(2022, 1, 3), "b1"),
        (FIRST_ID + 3, "县供销社" + varied[:50], varied + "惠农e贷", dt.date(2022, 1, 4), "b1"),
    ]
    assert ts_lexemes(rows[3][1], rows[3][2]) is None
    search_postgres.add(rows)
    for text in ["惠农e贷授信", "惠农e贷", "禁烧巡查", "税收增长5%", "秸秆秸秆秸秆", "收增长5", "e贷授", "e惠农e惠",
                 "县供销社", "社", varied[777:779], varied[5000:5003], varied[90000:90007], f"惠农 -{varied[:2]}"]:  # fmt: skip
        query = parse_query(text)
        expected = {
            row[0]
            for row in rows
            if all(contains(row, t) for t in query.terms) and not any(contains(row, t) for t in query.excluded)
        }
        assert found(query, [], "date", 0) == expected, text
        assert found(query, [], "relevance", 0) == expected, text
    assert found(parse_query("禁烧巡查 -惠农e贷授"), [], "date", 0) == {FIRST_ID + 2}


def test_items_without_grams_are_searched_on_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_search, "TS_MAX_BYTES", 3000)  # about half the items
    monkeypatch.setattr(search, "RANK_LIMIT", 5)
    _SNAPSHOT.clear()
    build_archive(12)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FILTER (WHERE big), count(*) FROM {search_postgres.TABLE}")  # noqa: S608
        big, everything = cursor.fetchone()
        assert 0 < big < everything
    rng = random.Random(11)
    texts = [normalize(t) for pair in Item.objects.values_list("title", "body") for t in pair]
    terms = random_terms(rng, texts, 120)
    for term, other in itertools.pairwise(terms):
        for text in (f'"{term}"', f'"{term}" -"{other}"', f'"{term}" "{other[:1]}"'):
            query = parse_query(text)
            assert engine(query) == brute_force(query), text
            filters = {"unit": "东屯镇", "date_from": dt.date(2022, 1, 1)}
            assert engine(query, **filters) == brute_force(query, **filters), text
    query = parse_query("县")
    expected = brute_force(query)
    pages = [
        pk
        for offset in range(0, len(expected), 7)
        for pk in search.search(query, search.Filters(), offset=offset, limit=7).item_ids
    ]
    assert sorted(pages) == sorted(expected)
    in_title = ["县" in normalize(Item.objects.get(pk=pk).title) for pk in pages]
    assert in_title == sorted(in_title, reverse=True)


def test_search_leaves_the_planner_settings_as_they_were() -> None:
    with connection.cursor() as cursor:
        search.search(parse_query("县"), search.Filters())
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


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


def test_migration_0008_rebuilds_the_table_with_dates() -> None:
    _SNAPSHOT.clear()
    build_archive(6)
    with connection.cursor() as cursor:  # the shape before 0008
        cursor.execute(f"DROP TABLE {search_postgres.TABLE}")
        cursor.execute(f"CREATE TABLE {search_postgres.TABLE} (item_id bigint PRIMARY KEY, doc tsvector NOT NULL)")
    migration = importlib.import_module("kuaibao.archive.migrations.0008_search_postgres_grams")
    with connection.schema_editor() as schema_editor:
        migration.forward(None, schema_editor)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT item_id, date FROM {search_postgres.TABLE} ORDER BY item_id")  # noqa: S608
        indexed = cursor.fetchall()
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [search_postgres.TABLE])
        indexes = {row[0] for row in cursor.fetchall()}
    assert indexed == list(Item.objects.filter(is_current=True).order_by("pk").values_list("pk", "date"))
    assert {f"{search_postgres.TABLE}_doc", f"{search_postgres.TABLE}_date"} <= indexes
    for text in ("县", "秸秆", "人民政府", "县 -镇"):
        query = parse_query(text)
        assert engine(query) == brute_force(query), text
