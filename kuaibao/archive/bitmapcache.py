"""Decoded search bitmaps a process keeps between queries (SQLite index).

A query reads the bitmaps of its grams, tags and dates from the index table and decodes them.
The bitmaps of common grams (项目, 工作, 推进…) are the large ones and come back in query after
query, so each process keeps the decoded bitmaps it read last, up to a budget of bytes, in
its own memory (which, unlike the file system's cache, the kernel never evicts to read
something else).

The kept bitmaps belong to one generation of the index: a random value that every write to the
index replaces (`kuaibao.archive.search._Postings.change`) and that every query reads first.
A query that finds another generation empties the cache. A write rolled back restores the old
value, under which nothing of the rolled-back write was kept. A query never keeps what it read
under another generation than the cache's.

Callers must not change a bitmap they got from the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class BitmapCache:
    """Least recently used values with their sizes in bytes, for one index generation."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.generation: bytes | None = None
        self.entries: OrderedDict[object, tuple[object, int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def start(self, generation: bytes | None) -> None:
        """A query begins on this generation of the index: forget any other."""
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.size = 0
                self.generation = generation

    def peek(self, generation: bytes | None, key: object) -> object | None:
        """The value kept under `key` for this generation, or None."""
        with self.lock:
            if generation != self.generation or key not in self.entries:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return self.entries[key][0]

    def put(self, generation: bytes | None, key: object, value: object, size: int) -> None:
        """Keep a value of `size` bytes read under this generation (if it is still the cache's,
        and the value is at most a quarter of the budget), dropping the least recently used."""
        with self.lock:
            if generation != self.generation or size > self.budget // 4 or key in self.entries:
                return
            self.entries[key] = (value, size)
            self.size += size
            while self.size > self.budget:
                _, (_, dropped) = self.entries.popitem(last=False)
                self.size -= dropped

    def get(self, generation: bytes | None, key: object, load: Callable[[], tuple[T, int]]) -> T:
        """The value kept under `key`, or else `load()`'s (value, size in bytes), kept."""
        kept = self.peek(generation, key)
        if kept is not None:
            return kept  # type: ignore[return-value]
        value, size = load()
        self.put(generation, key, value, size)
        return value


_CACHES: dict[str, BitmapCache] = {}
_CACHES_LOCK = threading.Lock()


def for_database(name: str, budget: int) -> BitmapCache:
    """The process's cache for one database file."""
    with _CACHES_LOCK:
        cache = _CACHES.get(name)
        if cache is None or cache.budget != budget:
            cache = _CACHES[name] = BitmapCache(budget)
        return cache


def stats() -> dict[str, int]:
    """The process's kept bitmaps: bytes, entries, and reads served from them or not."""
    with _CACHES_LOCK:
        caches = list(_CACHES.values())
    return {
        "bytes": sum(cache.size for cache in caches),
        "entries": sum(len(cache.entries) for cache in caches),
        "hits": sum(cache.hits for cache in caches),
        "misses": sum(cache.misses for cache in caches),
    }
