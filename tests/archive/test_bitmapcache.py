"""Decoded search bitmaps kept by a process between queries: kept and used, forgotten when the
index changes (in this process or another), never holding what a rolled-back write wrote."""

from __future__ import annotations

import pytest
from django.db import transaction
from pyroaring import BitMap

from kuaibao.archive import bitmapcache, search
from kuaibao.core.search import parse_query
from tests.archive.test_search import _SNAPSHOT, brute_force, build_archive, engine

pytestmark = [
    pytest.mark.django_db(transaction=True),
]


def kept() -> bitmapcache.BitmapCache:
    return search._Postings().kept


@pytest.fixture
def merged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every import goes to the bitmaps at once; the brute force reads the items afresh."""
    monkeypatch.setattr(search, "MERGE_AT", 1)
    _SNAPSHOT.clear()


@pytest.mark.usefixtures("merged")
def test_a_repeated_query_reads_kept_bitmaps() -> None:
    build_archive(4)
    query = parse_query('"县人民政府" 项目 -税')
    first = engine(query)
    cache = kept()
    hits, misses = cache.hits, cache.misses
    assert cache.size > 0
    assert engine(query) == first == brute_force(query)
    assert cache.hits > hits and cache.misses == misses  # nothing read again


@pytest.mark.usefixtures("merged")
def test_a_write_to_the_index_makes_processes_forget_their_bitmaps() -> None:
    build_archive(4)
    queries = [parse_query(text) for text in ("县", "项目", '"县人民政府"', "电商 -税")]
    before = [engine(query) for query in queries]
    build_archive(6, first=5)  # two more bulletins, merged into the bitmaps at once
    _SNAPSHOT.clear()
    after = [engine(query) for query in queries]
    assert after == [brute_force(query) for query in queries]
    assert any(new != old for new, old in zip(after, before, strict=True))


@pytest.mark.usefixtures("merged")
def test_a_rolled_back_write_leaves_nothing_in_the_kept_bitmaps() -> None:
    build_archive(3)
    query = parse_query("县")
    committed = engine(query)

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        build_archive(5, first=4)
        during = engine(query)  # read, and kept, inside the transaction
        assert during > committed
        raise Abandon
    _SNAPSHOT.clear()
    assert engine(query) == committed == brute_force(query)


def test_least_recently_used_bitmaps_go_first_within_the_budget() -> None:
    cache = bitmapcache.BitmapCache(budget=100)
    cache.start(b"g1")
    for key in "abcd":
        cache.put(b"g1", key, BitMap([ord(key)]), 20)
    assert cache.peek(b"g1", "a") is not None  # "a" is now the most recent
    cache.put(b"g1", "e", BitMap([5]), 25)  # 105 bytes: "b", the least recent, goes
    assert cache.peek(b"g1", "b") is None
    assert [cache.peek(b"g1", key) is not None for key in "acde"] == [True, True, True, True]
    assert cache.size == 85
    cache.put(b"g1", "huge", BitMap([1]), 26)  # over a quarter of the budget: not kept
    assert cache.peek(b"g1", "huge") is None


def test_values_of_another_generation_are_neither_kept_nor_served() -> None:
    cache = bitmapcache.BitmapCache(budget=100)
    cache.start(b"old")
    cache.put(b"old", "a", BitMap([1]), 10)
    cache.start(b"new")  # a query saw the index change
    assert cache.peek(b"new", "a") is None and cache.size == 0
    cache.put(b"old", "b", BitMap([2]), 10)  # a slower query, begun before the change
    assert cache.peek(b"new", "b") is None
    loaded = cache.get(b"new", "c", lambda: (BitMap([3]), 10))
    assert cache.get(b"new", "c", lambda: (BitMap(), 0)) is loaded
