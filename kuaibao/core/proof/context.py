"""What a rule sees: the text, where the bulletin's parts are in it, and the office's data.

When the text is a whole bulletin, its structure comes from the importer, and each part
(masthead fields, item titles, attributions, distribution) is located back in the text as
written, ignoring whitespace and Markdown emphasis, so findings point at the source.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from kuaibao.core.model import Bulletin, Item
from kuaibao.core.proof.config import IssueRecord, ProofConfig
from kuaibao.core.proof.finding import Finding, Severity, TextIndex
from kuaibao.core.proof.lexicon import Lexicon

Span = tuple[int, int]

_IGNORED = re.compile(r"[\s\u3000*#]")
_IGNORED_RUN = re.compile(r"[\s\u3000*#]+")
_ISSUE_LINE = re.compile(r"第\s*[0-9０-９〇零一二三四五六七八九十百]+\s*期")


@lru_cache(maxsize=4096)
def _normal(text: str) -> str:
    return _IGNORED.sub("", text)


class Squeezed:
    """The text without whitespace and Markdown marks, mapped back to source offsets."""

    def __init__(self, text: str) -> None:
        self.text = _IGNORED.sub("", text)
        # For each run of ignored characters: where it falls in the squeezed text, and how
        # many characters were dropped up to its end.
        self._gaps: list[int] = []
        self._dropped: list[int] = []
        dropped = 0
        for run in _IGNORED_RUN.finditer(text):
            dropped += run.end() - run.start()
            self._gaps.append(run.end() - dropped)
            self._dropped.append(dropped)

    def source(self, index: int) -> int:
        """The source offset of the squeezed character at `index`."""
        run = bisect_right(self._gaps, index)
        return index + (self._dropped[run - 1] if run else 0)

    @staticmethod
    def normal(text: str) -> str:
        return _normal(text)

    def source_span(self, start: int, end: int) -> Span:
        return self.source(start), self.source(end - 1) + 1

    def find(self, needle: str, start: int = 0, end: int | None = None, *, last: bool = False) -> int:
        """Position of the squeezed needle in the squeezed text, or -1."""
        needle = self.normal(needle)
        if not needle:
            return -1
        stop = len(self.text) if end is None else end
        return self.text.rfind(needle, start, stop) if last else self.text.find(needle, start, stop)


@dataclass(slots=True)
class ItemPlace:
    """An item with where its title and each of its attribution's units are in the source."""

    item: Item
    title: Span | None
    units: list[Span | None]
    body: Span | None = None


@dataclass(slots=True)
class Layout:
    """Where the bulletin's parts are in the source text."""

    title: Span | None = None
    issue: Span | None = None
    publisher: Span | None = None
    distribution: Span | None = None
    items: list[ItemPlace] = field(default_factory=list)


def _always_clean(wording: str) -> bool:
    return True


def _as_written(wording: str) -> str:
    return wording


@dataclass(slots=True)
class Context:
    """The text under proofreading and everything the rules may consult."""

    index: TextIndex
    lexicon: Lexicon
    config: ProofConfig
    bulletin: Bulletin | None = None
    layout: Layout = field(default_factory=Layout)
    issue_date: dt.date | None = None
    archive: tuple[IssueRecord, ...] = ()
    clean: Callable[[str], bool] = _always_clean
    meant: Callable[[str], str] = _as_written

    @property
    def text(self) -> str:
        return self.index.text

    def finding(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        severity: Severity = Severity.error,
    ) -> Finding:
        return self.index.finding(rule, start, end, message, suggestion, severity)


def locate(text: str, bulletin: Bulletin) -> Layout:
    """Find the bulletin's parts in its source text; a part not found has no span."""
    squeezed = Squeezed(text)
    layout = Layout()
    head_end = _masthead_end(squeezed, bulletin)
    layout.title = _span(squeezed, bulletin.title, 0, head_end)
    layout.publisher = _span(squeezed, bulletin.publisher, 0, head_end)
    issue = _ISSUE_LINE.search(text, 0, squeezed.source(head_end - 1) + 1 if head_end else len(text))
    layout.issue = issue.span() if issue else None
    tail_start = len(squeezed.text)
    distribution = bulletin.distribution_text
    if distribution:
        at = squeezed.find(distribution, last=True)
        if at >= 0:
            layout.distribution = squeezed.source_span(at, at + len(squeezed.normal(distribution)))
            tail_start = at
    layout.items = _locate_items(squeezed, bulletin.items, head_end, tail_start)
    return layout


def _masthead_end(squeezed: Squeezed, bulletin: Bulletin) -> int:
    """A squeezed position past the masthead: the first item's title, or the whole text."""
    if bulletin.items:
        at = squeezed.find(bulletin.items[0].title)
        if at >= 0:
            return at
    return len(squeezed.text)


def _span(squeezed: Squeezed, needle: str, start: int, end: int) -> Span | None:
    at = squeezed.find(needle, start, end)
    if at < 0:
        return None
    return squeezed.source_span(at, at + len(squeezed.normal(needle)))


def _locate_items(squeezed: Squeezed, items: tuple[Item, ...], start: int, end: int) -> list[ItemPlace]:
    titles = _locate_titles(squeezed, items, start, end)
    places: list[ItemPlace] = []
    for number, item in enumerate(items):
        title = titles[number]
        region_start = title[1] if title else next((t[1] for t in reversed(titles[:number]) if t), start)
        region_end = next((t[0] for t in titles[number + 1 :] if t), end)
        units: list[Span | None] = []
        first_unit = region_end
        for unit in item.units:
            at = squeezed.find(unit, region_start, region_end, last=True)
            units.append(squeezed.source_span(at, at + len(squeezed.normal(unit))) if at >= 0 else None)
            first_unit = min(first_unit, at) if at >= 0 else first_unit
        body = squeezed.source_span(region_start, first_unit) if first_unit > region_start else None
        places.append(ItemPlace(item, squeezed.source_span(*title) if title else None, units, body))
    return places


def _locate_titles(squeezed: Squeezed, items: tuple[Item, ...], start: int, end: int) -> list[tuple[int, int] | None]:
    """Squeezed spans of the item titles, searched in order."""
    titles: list[tuple[int, int] | None] = []
    cursor = start
    for item in items:
        at = squeezed.find(item.title, cursor, end)
        if at < 0:
            titles.append(None)
            continue
        cursor = at + len(squeezed.normal(item.title))
        titles.append((at, cursor))
    return titles
