"""The archive's pages: they parse input, call a query, and render."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kuaibao.archive import extensions, queries
from kuaibao.archive.access import archive_view, in_readable_offices, require_readable
from kuaibao.archive.forms import SearchForm
from kuaibao.archive.models import Bulletin, Issue, Item, Section, Unit


@archive_view
def home(request: HttpRequest) -> HttpResponse:
    issues = queries.latest_issues(12, offices=extensions.readable_offices(request))
    return render(request, "archive/home.html", {"issues": issues, "years": queries.archive_years()})


@archive_view
def issue_detail(request: HttpRequest, bulletin: str, year: int, number: str) -> HttpResponse:
    issue = _find_issue(request, bulletin, year, number)
    wanted = request.GET.get("rev")
    revision_number = int(wanted) if wanted and wanted.isdigit() else None
    revision, items = queries.issue_items(issue, revision_number)
    if revision is None:
        raise Http404("没有这个版本")
    sections = _group_by_section(items)
    context = {
        "issue": issue,
        "revision": revision,
        "sections": sections,
        "revisions": issue.revisions.order_by("-number"),
        "is_current": revision == issue.current,
        "formats": [
            ("pdf", "PDF"),
            ("ofd", "OFD 版式文件"),
            ("docx", "Word"),
            ("html", "网页"),
            ("txt", "文本"),
            ("md", "标记文本"),
        ],
    }
    return render(request, "archive/issue.html", context)


def _find_issue(request: HttpRequest, bulletin: str, year: int, number: str) -> Issue:
    supplement = number.startswith("s")
    try:
        issue_number = int(number.removeprefix("s"))
    except ValueError:
        raise Http404("没有这一期") from None
    issue = get_object_or_404(
        Issue.objects.select_related("bulletin", "current"),
        bulletin__slug=bulletin,
        year=year,
        supplement=supplement,
        number=issue_number,
    )
    require_readable(request, issue.bulletin.office_id)
    return issue


def _group_by_section(items: list[Item]) -> list[tuple[str | None, list[Item]]]:
    groups: list[tuple[str | None, list[Item]]] = []
    for item in items:
        name = item.section.name if item.section else None
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        groups[-1][1].append(item)
    return groups


@archive_view
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(queries.items_with_units(), pk=pk)
    require_readable(request, item.bulletin.office_id)
    issue = item.revision.issue
    newer = None
    if not item.is_current and issue.current is not None:
        newer = Item.objects.filter(revision=issue.current, title=item.title).first()
    context = {
        "item": item,
        "issue": issue,
        "issue_url": queries.issue_url(issue),
        "newer": newer,
        "instructions": extensions.visible_instructions(request, item.instructions.select_related("leader")),
        "panels": extensions.item_panels(request, item),
    }
    return render(request, "archive/item.html", context)


@archive_view
def unit_list(request: HttpRequest) -> HttpResponse:
    offices = extensions.readable_offices(request)
    units = [u for u in queries.units_with_counts() if offices is None or u.office_id in offices]
    return render(request, "archive/units.html", {"units": units})


LIST_PAGE = 50  # items per page on unit and section pages


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page is in a long list: what `_pager.html` shows."""

    number: int
    pages: int
    total: int
    query: str  # the request's other parameters, for the pager's links


@dataclass(frozen=True, slots=True)
class ListPage(Pager):
    """One page of a long list of items; the total comes from a cached count."""

    items: list[Item]


def _list_page(request: HttpRequest, items: QuerySet[Item], total: int) -> ListPage:
    pages = max(1, -(-total // LIST_PAGE))
    wanted = request.GET.get("page", "1")
    number = min(int(wanted), pages) if wanted.isdigit() and int(wanted) >= 1 else 1
    start = (number - 1) * LIST_PAGE
    return ListPage(number, pages, total, _without_page(request), queries.page_of(items, start, LIST_PAGE))


@archive_view
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    require_readable(request, unit.office_id)
    year = request.GET.get("year")
    years = queries.unit_years(unit)
    total = sum(row["items"] for row in years)
    items = queries.unit_items(unit, count=total)
    if year and year.isdigit():
        total = next((row["items"] for row in years if row["y"] == int(year)), 0)
        items = queries.unit_items(unit, int(year), count=total)
    context = {
        "unit": unit,
        "years": years,
        "page": _list_page(request, items, total),
        "year": year,
        "aliases": unit.aliases.all(),
    }
    return render(request, "archive/unit.html", context)


@archive_view
def section_list(request: HttpRequest) -> HttpResponse:
    sections = in_readable_offices(request, Section.objects.select_related("bulletin"), "bulletin__office_id")
    sections = sections.order_by("bulletin__title", "name")
    return render(request, "archive/sections.html", {"sections": sections})


@archive_view
def section_detail(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(Section.objects.select_related("bulletin"), pk=pk)
    require_readable(request, section.bulletin.office_id)
    page = _list_page(request, queries.section_items(section), queries.section_count(section))
    return render(request, "archive/section.html", {"section": section, "page": page})


@archive_view
def archive_index(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/years.html", {"years": queries.archive_years()})


@archive_view
def archive_year(request: HttpRequest, year: int) -> HttpResponse:
    months = queries.archive_months(year)
    if not months:
        raise Http404("这一年没有快报")
    return render(request, "archive/year.html", {"year": year, "months": months})


@archive_view
def archive_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    issues = (
        in_readable_offices(request, Issue.objects.all(), "bulletin__office_id")
        .filter(current__isnull=False, date__year=year, date__month=month)
        .select_related("bulletin", "current")
        .order_by("date", "number")
    )
    return render(request, "archive/month.html", {"year": year, "month": month, "issues": issues})


@archive_view
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data.get("q"):
        data = form.cleaned_data
        results = queries.run_search(
            queries.SearchRequest(
                text=data["q"],
                bulletin=data.get("bulletin") or None,
                unit=data.get("unit") or None,
                section=data.get("section") or None,
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
                order=data.get("order") or "relevance",
                page=data.get("page") or 1,
                offices=_frozen(extensions.readable_offices(request)),
            )
        )
    page_query = _without_page(request)
    context = {
        "form": form,
        "results": results,
        "pager": results and Pager(results.request.page, results.pages, results.total, page_query),
        "bulletins": in_readable_offices(request, Bulletin.objects.all(), "office_id"),
        "page_query": page_query,
    }
    return render(request, "archive/search.html", context)


def _frozen(offices: set[int] | None) -> frozenset[int] | None:
    return None if offices is None else frozenset(offices)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@archive_view
def issue_download(request: HttpRequest, bulletin: str, year: int, number: str, fmt: str) -> HttpResponse:
    """The issue (or ?rev=N) as DOCX, PDF, HTML, Markdown or text, generated once and kept."""
    from kuaibao.archive.actions.rendering import rendered_file
    from kuaibao.core.render import FORMATS, MEDIA_TYPES, SUFFIXES

    if fmt not in FORMATS:
        raise Http404("没有这种格式")
    issue = _find_issue(request, bulletin, year, number)
    wanted = request.GET.get("rev")
    revision = issue.revisions.filter(number=int(wanted)).first() if wanted and wanted.isdigit() else issue.current
    if revision is None:
        raise Http404("没有这个版本")
    _, data = rendered_file(revision, fmt)
    label = "增刊" if issue.supplement else ""
    name = f"{issue.bulletin.title}{issue.year}年{label}第{issue.number}期{SUFFIXES[fmt]}"
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
