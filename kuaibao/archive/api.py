"""The archive's read-only REST API (django-ninja): issues, items, units, search and exports.
kuaibao.api mounts this router at /api/ beside the newsroom's, with API tokens as well."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja import Query as QueryParam
from ninja.errors import HttpError

from kuaibao.archive import extensions, queries
from kuaibao.archive.access import can_read_archive, in_readable_offices, require_readable
from kuaibao.archive.models import Issue, Item, Unit
from kuaibao.core.render import MEDIA_TYPES, SUFFIXES, Format


class ArchiveAccess:
    """Read access as on the web pages: public archive or a signed-in session."""

    def __call__(self, request: HttpRequest) -> bool:
        return can_read_archive(request)


router = Router(tags=["档案"])


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """The one error shape of the whole API (docs/api.md); kuaibao.api.errors fills it in."""

    code: str
    detail: str
    errors: list[FieldError] = []
    current: dict[str, Any] | None = None


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The documented error answers of an operation (401, 403, 422 and 429 are possible everywhere:
    no credentials, a token without the operation's scope, invalid input, too many calls)."""
    return {status: ErrorOut for status in sorted({401, 403, 422, 429, *statuses})}


class UnitOut(Schema):
    id: int
    name: str
    kind: str


class ItemOut(Schema):
    id: int
    position: int
    section: str | None
    title: str
    body: str
    units: list[str]
    units_as_written: list[str]
    date: dt.date
    is_current: bool
    url: str


class IssueSummary(Schema):
    id: int
    bulletin: str
    year: int
    number: int
    supplement: bool
    date: dt.date
    url: str


class IssueOut(IssueSummary):
    revision: int
    publisher: str
    distribution: list[dict[str, str]]
    staff: dict[str, str]
    items: list[ItemOut]


class HitOut(Schema):
    bulletin: str
    issue: int
    date: dt.date
    title: str
    units: list[str]
    snippet: str
    url: str


class SearchOut(Schema):
    total: int
    hits: list[HitOut]


class SearchParams(Schema):
    q: str = Field(min_length=1, max_length=200)
    bulletin: str | None = Field(None, max_length=100)
    unit: str | None = Field(None, max_length=100)
    section: str | None = Field(None, max_length=100)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    order: Literal["relevance", "date"] = "relevance"
    page: int = Field(1, ge=1, le=10000)


def _item(item: Item, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "position": item.position,
        "section": item.section.name if item.section else None,
        "title": item.title,
        "body": item.body,
        "units": [link.unit.name for link in item.itemunit_set.all()],
        "units_as_written": item.units_as_written,
        "date": item.date,
        "is_current": item.is_current,
        "url": request.build_absolute_uri(queries.item_url(item)),
    }


def _issue_summary(issue: Issue, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": issue.pk,
        "bulletin": issue.bulletin.title,
        "year": issue.year,
        "number": issue.number,
        "supplement": issue.supplement,
        "date": issue.date,
        "url": request.build_absolute_uri(queries.issue_url(issue)),
    }


@router.get("/issues", response={200: list[IssueSummary], **errors()}, summary="最新的期（分页）")
def list_issues(
    request: HttpRequest,
    page: int = QueryParam(1, ge=1, le=100_000),  # type: ignore[type-arg]
    page_size: int = QueryParam(50, ge=1, le=200),  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    issues = in_readable_offices(request, Issue.objects.filter(current__isnull=False), "bulletin__office_id")
    issues = issues.select_related("bulletin").order_by("-date", "-number")
    start = (page - 1) * page_size
    return [_issue_summary(issue, request) for issue in issues[start : start + page_size]]


@router.get("/issues/{issue_id}", response={200: IssueOut, **errors(404)}, summary="一期的全部内容（当前版本）")
def get_issue(request: HttpRequest, issue_id: int) -> dict[str, Any]:
    issue = get_object_or_404(Issue.objects.select_related("bulletin", "current"), pk=issue_id)
    require_readable(request, issue.bulletin.office_id)
    revision, items = queries.issue_items(issue)
    if revision is None:
        raise HttpError(404, "这一期没有内容")
    data = _issue_summary(issue, request)
    data.update(
        revision=issue.current.number if issue.current else 0,
        publisher=issue.current.publisher if issue.current else "",
        distribution=issue.current.distribution if issue.current else [],
        staff=issue.current.staff if issue.current else {},
        items=[_item(item, request) for item in items],
    )
    return data


@router.get("/items/{item_id}", response={200: ItemOut, **errors(404)}, summary="一条信息")
def get_item(request: HttpRequest, item_id: int) -> dict[str, Any]:
    item = get_object_or_404(queries.items_with_units(), pk=item_id)
    require_readable(request, item.bulletin.office_id)
    return _item(item, request)


@router.get("/units", response={200: list[UnitOut], **errors()}, summary="报送单位目录")
def list_units(request: HttpRequest) -> list[dict[str, Any]]:
    units = in_readable_offices(request, Unit.objects.order_by("name"), "office_id")
    return [{"id": u.pk, "name": u.name, "kind": u.get_kind_display()} for u in units]


@router.get("/search", response={200: SearchOut, **errors(400)}, summary="全文检索（与 kuaibao search 相同）")
def search_items(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    offices = extensions.readable_offices(request)
    results = queries.run_search(
        queries.SearchRequest(
            text=params.q,
            bulletin=params.bulletin,
            unit=params.unit,
            section=params.section,
            date_from=params.date_from,
            date_to=params.date_to,
            order=params.order,
            page=params.page,
            offices=None if offices is None else frozenset(offices),
        )
    )
    if results.error:
        raise HttpError(400, results.error)
    return {"total": results.total, "hits": [hit_json(hit, request.build_absolute_uri) for hit in results.hits]}


def hit_json(hit: queries.Hit, absolute: Any = None) -> dict[str, Any]:
    """A search hit in the form the API and `kuaibao search --format json` share."""
    url = queries.item_url(hit.item)
    return {
        "bulletin": hit.item.bulletin.title,
        "issue": hit.item.revision.issue.number,
        "date": hit.item.date,
        "title": hit.item.title,
        "units": hit.units,
        "snippet": hit.snippet_text,
        "url": absolute(url) if absolute else url,
    }


@router.get(
    "/issues/{issue_id}/export.{fmt}",
    response=errors(404),
    summary="一期导出为 DOCX、PDF、HTML、Markdown 或纯文本（当前版本，或 ?rev=N）",
    openapi_extra={
        "responses": {
            "200": {
                "description": "导出的文件",
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}}
                    for media in sorted(set(MEDIA_TYPES.values()))
                },
            }
        }
    },
)
def export_issue(
    request: HttpRequest,
    issue_id: int,
    fmt: Format,
    rev: int | None = QueryParam(None, ge=1, le=10_000),  # type: ignore[type-arg]
) -> HttpResponse:
    from kuaibao.archive.actions.rendering import rendered_file

    issue = get_object_or_404(Issue.objects.select_related("bulletin", "current"), pk=issue_id)
    require_readable(request, issue.bulletin.office_id)
    revision = issue.revisions.filter(number=rev).first() if rev else issue.current
    if revision is None:
        raise HttpError(404, "没有这个版本")
    _, data = rendered_file(revision, fmt)
    label = "增刊" if issue.supplement else ""
    name = f"{issue.bulletin.title}{issue.year}年{label}第{issue.number}期{SUFFIXES[fmt]}"
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
