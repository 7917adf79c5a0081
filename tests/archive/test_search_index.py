"""The bitmap index beyond the random queries of test_search: items too long for
positions, a rebuild from the items, date ranges over whole years and open ends."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from pyroaring import BitMap

from kuaibao.archive import search
from kuaibao.archive.models import Item
from kuaibao.core import search as core_search
from kuaibao.core.search import normalize, parse_query
from tests.archive.test_search import _SNAPSHOT, brute_force, build_archive, engine, random_terms

pytestmark = pytest.mark.django_db


def texts() -> list[str]:
    return [normalize(t) for pair in Item.objects.values_list("title", "body") for t in pair]


def test_items_past_the_last_position_are_verified_on_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_search, "MAX_POSITION", 60)  # most bodies are longer
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    monkeypatch.setattr(search, "MERGE_AT", 10)
    _SNAPSHOT.clear()
    build_archive(12)
    rng = random.Random(7)
    for term in random_terms(rng, texts(), 150):
        query = parse_query(f'"{term}"')
        assert engine(query) == brute_force(query), term
    query = parse_query("县人民政府")
    page = search.search(query, search.Filters(), limit=100)
    titles = ["县人民政府" in normalize(Item.objects.get(pk=pk).title) for pk in page.item_ids]
    assert titles == sorted(titles, reverse=True)


def test_rebuild_gives_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "MERGE_AT", 1)  # every import goes to the bitmaps

    def stored() -> dict[tuple[str, int], BitMap]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token, chunk, docs FROM {search.POSTINGS_TABLE}")  # noqa: S608
            rows = cursor.fetchall()
            return {(t, c): BitMap.deserialize(docs) for t, c, docs in rows if (t, c) != search.GENERATION}

    build_archive(8)
    before = stored()
    assert search.rebuild_index() == Item.objects.filter(is_current=True).count()
    assert stored() == before
    # In small batches, as a large archive is rebuilt: each batch's bitmaps are merged.
    assert search.rebuild_index(batch=3) == Item.objects.filter(is_current=True).count()
    assert stored() == before


def test_date_ranges_over_whole_years_and_open_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "MERGE_AT", 20)
    _SNAPSHOT.clear()
    build_archive(30)
    query = parse_query("县")
    for start, end in [
        (dt.date(2021, 1, 1), dt.date(2022, 12, 31)),
        (dt.date(2021, 3, 1), dt.date(2023, 1, 31)),
        (None, dt.date(2022, 6, 15)),
        (dt.date(2022, 2, 28), None),
        (dt.date(2022, 2, 28), dt.date(2022, 2, 28)),
        (dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    ]:
        filters = {"date_from": start, "date_to": end}
        assert engine(query, **filters) == brute_force(query, **filters), (start, end)


def test_long_terms_anywhere_and_in_titles_equal_substring_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terms of 4 to 10 characters are joins of triples' positions; in titles, the matches
    whose triple is a title triple."""
    monkeypatch.setattr(search, "MERGE_AT", 1)  # every item in the bitmaps
    build_archive(10)
    rows = list(Item.objects.filter(is_current=True).values_list("pk", "title", "body"))
    fields = {pk: (normalize(title), normalize(body)) for pk, title, body in rows}
    rng = random.Random(11)
    texts = [field for pair in fields.values() for field in pair if len(field) >= 10]
    terms = []
    for _ in range(150):
        text = rng.choice(texts)
        length = rng.randint(4, 10)
        start = rng.randrange(0, len(text) - length + 1)
        terms.append(text[start : start + length])
    # Terms in one item's title and only in another's body: a title search must tell them apart.
    both = {
        title[start : start + length]
        for title, _ in fields.values()
        for length in (4, 5, 6)
        for start in range(len(title) - length + 1)
    }
    both = {term for term in both if any(term in b and term not in t for t, b in fields.values())}
    assert len(both) >= 5
    for term in [*terms, *sorted(both)]:
        run = search._BitmapSearch(parse_query(f'"{term}"'), search.Filters(), [])
        assert run.term(term) == BitMap(pk for pk, (t, b) in fields.items() if term in t or term in b), term
        assert run.term(term, title=True) == BitMap(pk for pk, (t, _) in fields.items() if term in t), term


def test_every_write_to_the_bitmaps_gives_a_new_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "MERGE_AT", 1)

    def generation() -> bytes | None:
        return search._Postings().generation

    assert generation() is None  # an empty index
    build_archive(2)
    first = generation()
    assert first is not None and len(first) == 8
    build_archive(3, first=3)
    second = generation()
    assert second not in (None, first)
    search.rebuild_index()
    assert generation() not in (None, first, second)
