"""The SQLite bitmap index beyond the random queries of test_search: items too long for
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


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the bitmap index is SQLite's")
def test_rebuild_gives_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "MERGE_AT", 1)  # every import goes to the bitmaps

    def stored() -> dict[tuple[str, int], BitMap]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token, chunk, docs FROM {search.POSTINGS_TABLE}")  # noqa: S608
            return {(token, chunk): BitMap.deserialize(docs) for token, chunk, docs in cursor.fetchall()}

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
