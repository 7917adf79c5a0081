"""Read-side queries of the archive, shared by the web pages, the API and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from kuaibao.archive import search
from kuaibao.archive.dates import Month, Year
from kuaibao.archive.models import Bulletin, Issue, Item, ItemUnit, Revision, Section, Unit
from kuaibao.archive.units import find_unit
from kuaibao.core.search import Query, QueryError, parse_query, snippet


def items_with_units() -> QuerySet[Item]:
    return Item.objects.select_related("section", "bulletin", "revision__issue__bulletin").prefetch_related(
        Prefetch("itemunit_set", queryset=ItemUnit.objects.select_related("unit").order_by("position"))
    )


def issue_url(issue: Issue) -> str:
    prefix = "s" if issue.supplement else ""
    return reverse("archive:issue", args=[issue.bulletin.slug, issue.year, f"{prefix}{issue.number}"])


def item_url(item: Item) -> str:
    return reverse("archive:item", args=[item.pk])


def latest_issues(limit: int = 10, *, offices: set[int] | None = None) -> list[Issue]:
    """The newest published issues (of `offices` only, when given)."""
    rows = Issue.objects.filter(current__isnull=False)
    if offices is not None:
        rows = rows.filter(bulletin__office_id__in=offices)
    return list(rows.select_related("bulletin", "current").order_by("-date", "-number")[:limit])


def issue_items(issue: Issue, revision_number: int | None = None) -> tuple[object, list[Item]]:
    revision = issue.current if revision_number is None else issue.revisions.filter(number=revision_number).first()
    if revision is None:
        return None, []
    return revision, list(items_with_units().filter(revision=revision).order_by("position"))


def _rows(rows: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


# Archive-wide counts are costly on a large archive and change only when a revision is added
# (an import, a publication, a correction: the newest revision's id is in the cache key, so
# they are exact after each) or when a unit is renamed or merged in the admin (seen within
# SUMMARY_SECONDS). Each web process keeps its own copy (Django's cache, local memory unless
# configured otherwise).
SUMMARY_SECONDS = 60
T = TypeVar("T")


def archive_stamp() -> int:
    """Changes with every revision added to the archive."""
    return int(Revision.objects.aggregate(last=Max("id"))["last"] or 0)


def _summary(key: str, compute: Callable[[], T]) -> T:
    full_key = f"kuaibao:archive:{key}:{archive_stamp()}"
    value: T | None = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, SUMMARY_SECONDS)
    return value


def archive_years() -> list[dict[str, Any]]:
    return _summary("years", _archive_years)


def _archive_years() -> list[dict[str, Any]]:
    return _rows(
        Issue.objects.filter(current__isnull=False)
        .annotate(y=Year("date"))
        .values("y")
        .annotate(issues=Count("id"))
        .order_by("-y")
    )


def archive_months(year: int) -> list[dict[str, Any]]:
    return _summary(f"months:{year}", lambda: _archive_months(year))


def _archive_months(year: int) -> list[dict[str, Any]]:
    return _rows(
        Issue.objects.filter(current__isnull=False, date__year=year)
        .annotate(m=Month("date"))
        .values("m")
        .annotate(issues=Count("id"))
        .order_by("m")
    )


def units_with_counts() -> list[Unit]:
    return _summary("units", _units_with_counts)


def _units_with_counts() -> list[Unit]:
    current = Q(items__is_current=True)
    return list(Unit.objects.annotate(item_count=Count("items", filter=current)).order_by("-item_count", "name"))


def unit_years(unit: Unit) -> list[dict[str, Any]]:
    return _summary(f"unit-years:{unit.pk}", lambda: _unit_years(unit))


def _unit_years(unit: Unit) -> list[dict[str, Any]]:
    return _rows(
        Item.objects.filter(units=unit, is_current=True)
        .annotate(y=Year("date"))
        .values("y")
        .annotate(items=Count("id"))
        .order_by("-y")
    )


# Up to this many items, a unit's page joins and sorts them; above, it walks all current items
# by date and stops at the page.
WALK_ABOVE = 2000


def unit_items(unit: Unit, year: int | None = None, *, count: int) -> QuerySet[Item]:
    """A unit's current items, newest first; `count` is how many there are (cached). A join
    fetches and sorts all of them, which is cheap for a small unit and slow for a large one
    (40,000 items at a million); EXISTS lets the database walk the current items by date and
    stop at the page, which is fast for a large unit and slow for a small one."""
    items = Item.objects.filter(is_current=True).order_by("-date", "position")
    if count > WALK_ABOVE:
        items = items.filter(Exists(ItemUnit.objects.filter(item=OuterRef("pk"), unit=unit)))
    else:
        items = items.filter(itemunit__unit=unit)
    return items.filter(date__year=year) if year is not None else items


def page_of(items: QuerySet[Item], start: int, size: int) -> list[Item]:
    """items[start:start + size] with their issue, section and units. The ids come first, from
    the item table alone: joined to issues and bulletins, SQLite's planner may start from the
    bulletin and sort every item of the archive (2.5 s at a million) instead of walking the
    date index down to the page (10 ms)."""
    ids = list(items.values_list("pk", flat=True)[start : start + size])
    found = items_with_units().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def section_items(section: Section) -> QuerySet[Item]:
    """A section's current items, newest first (for `page_of`)."""
    return Item.objects.filter(section=section, is_current=True).order_by("-date", "position")


def section_count(section: Section) -> int:
    return _summary(f"section-count:{section.pk}", lambda: _section_count(section))


def _section_count(section: Section) -> int:
    return Item.objects.filter(section=section, is_current=True).count()


@dataclass(slots=True)
class SearchRequest:
    text: str
    bulletin: str | None = None
    unit: str | None = None
    section: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    order: str = "relevance"
    page: int = 1
    page_size: int = 20
    # The offices whose items may be shown (None: all); others' hits are left out of the page.
    offices: frozenset[int] | None = None


@dataclass(slots=True)
class Hit:
    item: Item
    title_pieces: list[tuple[str, bool]]
    snippet_pieces: list[tuple[str, bool]]

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet_pieces)

    @property
    def units(self) -> list[str]:
        return [link.unit.name for link in self.item.itemunit_set.all()]


@dataclass(slots=True)
class SearchResults:
    request: SearchRequest
    query: Query | None
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    error: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.page_size))


def run_search(request: SearchRequest) -> SearchResults:
    """Parse the query, resolve the filters by name, and fetch one page of hits."""
    given = (request.text, request.bulletin, request.unit, request.section)
    if any(value and "\x00" in value for value in given):
        return SearchResults(request, None, error="检索条件中含有无效字符（NUL）")
    try:
        query = parse_query(request.text)
    except QueryError as exc:
        return SearchResults(request, None, error=str(exc))
    filters, unknown = _filters(request)
    if unknown:
        return SearchResults(request, query, error=unknown)
    offset = (max(1, request.page) - 1) * request.page_size
    page = search.search(query, filters, order=request.order, offset=offset, limit=request.page_size)
    by_id = {item.pk: item for item in items_with_units().filter(pk__in=page.item_ids)}
    hits = []
    for item_id in page.item_ids:
        item = by_id.get(item_id)
        if item is None:  # an index row whose item is gone: skip it rather than fail the page
            continue
        if request.offices is not None and item.bulletin.office_id not in request.offices:
            continue
        hits.append(Hit(item, list(snippet(item.title, query.terms, 200)), snippet(item.body, query.terms)))
    return SearchResults(request, query, page.total, hits)


def _filters(request: SearchRequest) -> tuple[search.Filters, str | None]:
    bulletin_id = unit_id = None
    if request.bulletin:
        bulletins = Bulletin.objects.all()
        if request.offices is not None:
            bulletins = bulletins.filter(office_id__in=request.offices)
        bulletin = bulletins.filter(slug=request.bulletin).first() or bulletins.filter(title=request.bulletin).first()
        if bulletin is None:
            return search.Filters(), f"没有名为“{request.bulletin}”的刊物"
        bulletin_id = bulletin.pk
    if request.unit:
        if request.offices is None:
            unit = find_unit(request.unit)
        else:
            units = Unit.objects.filter(office_id__in=request.offices)
            unit = units.filter(name=request.unit).first() or units.filter(aliases__alias=request.unit).first()
        if unit is None:
            return search.Filters(), f"单位目录中没有“{request.unit}”"
        unit_id = unit.pk
    filters = search.Filters(
        bulletin_id=bulletin_id,
        unit_id=unit_id,
        section_name=request.section or None,
        date_from=request.date_from,
        date_to=request.date_to,
    )
    return filters, None
