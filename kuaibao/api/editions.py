"""Editions over the API: compile an issue from adopted items, arrange and finish them, send it to
review; reviewers approve or return; signers sign (which publishes it) or return."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from kuaibao.api.auth import actor, principal
from kuaibao.api.common import MAX_ID, Page, UnitRef, local, name_of, op, paged, unit_ref
from kuaibao.newsroom import queries, scope
from kuaibao.newsroom.actions import editions as actions
from kuaibao.newsroom.actions.base import ActionError
from kuaibao.newsroom.models import Edition, Placement

router = Router(tags=["编辑中的期"])
DETAIL_FIELDS = [f.name for f in dataclasses.fields(actions.Details)]
EditionStatus = Literal["editing", "in_review", "awaiting_signature", "signed"]
STAFF = "责任编辑、审核、签发"


class PlacementOut(Schema):
    id: int
    position: int
    section: str
    ready: bool
    submission: int
    title: str
    unit: UnitRef


class EditionOut(Schema):
    id: int
    name: str
    bulletin: str
    year: int
    number: int
    supplement: bool
    status: EditionStatus
    status_label: str
    comment: str
    number_warning: str
    distribution: str
    copies: int | None
    version: int
    editor: str
    reviewer: str
    signer: str
    date: dt.date | None
    signed_at: dt.datetime | None
    issue: int | None
    created_at: dt.datetime
    url: str


class EditionDetail(EditionOut):
    placements: list[PlacementOut]


class EditionList(Schema):
    total: int
    items: list[EditionOut]


class EditionIn(Schema):
    bulletin: str = Field(min_length=1, max_length=100, description="刊物的简称（slug）或名称")
    supplement: bool = False
    number: int | None = Field(None, ge=1, le=10_000, description="期号；不填为顺序的下一期")


class DetailsIn(Schema):
    """Only the fields sent change; the others keep their values."""

    distribution: str | None = Field(None, max_length=2000)
    copies: int | None = Field(None, ge=0, le=1_000_000)
    total_issue: int | None = Field(None, ge=1, le=1_000_000, description="总期号")
    classification: str | None = Field(None, max_length=10, description="密级：空、秘密、机密或绝密")
    secrecy_period: str | None = Field(None, max_length=50)
    serial: str | None = Field(None, max_length=50)
    internal: bool | None = Field(None, description="内部资料")
    expected_version: int = Field(ge=1, le=1_000_000)


class PlaceIn(Schema):
    submission: int = Field(ge=1, le=MAX_ID)
    section: str | None = Field(None, max_length=50)


class PlacementEdit(Schema):
    ready: bool | None = None
    section: str | None = Field(None, max_length=50)


class OrderIn(Schema):
    order: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        max_length=500, description="本期全部稿件（placement id）的新顺序"
    )


class CommentIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


class EditionFilter(Page):
    status: EditionStatus | None = None


def summary(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "name": str(edition),
        "bulletin": edition.bulletin.title,
        "year": edition.year,
        "number": edition.number,
        "supplement": edition.supplement,
        "status": edition.status,
        "status_label": edition.get_status_display(),
        "comment": edition.comment,
        "number_warning": edition.number_warning,
        "distribution": edition.distribution,
        "copies": edition.copies,
        "version": edition.version,
        "editor": name_of(edition.editor),
        "reviewer": name_of(edition.reviewer),
        "signer": name_of(edition.signer),
        "date": edition.date,
        "signed_at": local(edition.signed_at),
        "issue": edition.issue_id,
        "created_at": local(edition.created_at),
        "url": request.build_absolute_uri(reverse("newsroom:edition", args=[edition.pk])),
    }


def detail(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    data = summary(request, edition)
    data["placements"] = [
        {
            "id": p.pk,
            "position": p.position,
            "section": p.section,
            "ready": p.ready,
            "submission": p.submission_id,
            "title": p.submission.title,
            "unit": unit_ref(p.submission.unit),
        }
        for p in edition.placements.select_related("submission__unit").order_by("position")
    ]
    return data


def _edition(request: HttpRequest, pk: int) -> Edition:
    rows = queries.editions_for(principal(request).user).select_related("editor", "reviewer", "signer")
    return get_object_or_404(rows, pk=pk)


def _placement(edition: Edition, pk: int) -> Placement:
    return get_object_or_404(edition.placements.select_related("submission", "edition"), pk=pk)


def _fresh(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    return detail(request, _edition(request, edition.pk))


@router.get("/editions", **op("editions:read", STAFF, "编辑中和已签发的期", response=EditionList))
def list_editions(request: HttpRequest, filters: Query[EditionFilter]) -> dict[str, Any]:
    rows = queries.editions_for(principal(request).user).select_related("editor", "reviewer", "signer")
    if filters.status:
        rows = rows.filter(status=filters.status)
    total, page = paged(rows.order_by("-created_at", "-id"), filters)
    return {"total": total, "items": [summary(request, e) for e in page]}


@router.post("/editions", **op("editions:compile", "责任编辑", "新建一期", 400, 404, response={201: EditionDetail}))
def create_edition(request: HttpRequest, payload: EditionIn) -> Status[dict[str, Any]]:
    own = scope.bulletins(principal(request).user)  # the caller's office's bulletins only
    bulletin = own.filter(slug=payload.bulletin).first() or own.filter(title=payload.bulletin).first()
    if bulletin is None:
        raise Http404(f"没有刊物“{payload.bulletin}”")
    edition = actions.create_edition(actor(request), bulletin, supplement=payload.supplement, number=payload.number)
    return Status(201, _fresh(request, edition))


@router.get("/editions/{edition_id}", **op("editions:read", STAFF, "一期：状态和稿件", 404, response=EditionDetail))
def get_edition(request: HttpRequest, edition_id: int) -> dict[str, Any]:
    return detail(request, _edition(request, edition_id))


@router.patch(
    "/editions/{edition_id}",
    **op("editions:compile", "责任编辑", "修改发送范围和印数", 400, 404, 409, response=EditionDetail),
)
def update_details(request: HttpRequest, edition_id: int, payload: DetailsIn) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    current = {name: getattr(edition, name) for name in DETAIL_FIELDS}
    sent = payload.dict(exclude_unset=True)
    details = actions.Details(**{**current, **{k: v for k, v in sent.items() if k in DETAIL_FIELDS}})
    actions.update_details(actor(request), edition, details, expected_version=payload.expected_version)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/placements",
    **op("editions:compile", "责任编辑", "采用一篇已报送的稿件编入本期", 400, 404, response={201: EditionDetail}),
)
def place(request: HttpRequest, edition_id: int, payload: PlaceIn) -> Status[dict[str, Any]]:
    edition = _edition(request, edition_id)
    submission = get_object_or_404(queries.visible_submissions(principal(request).user), pk=payload.submission)
    actions.add_submission(actor(request), edition, submission, section=payload.section)
    return Status(201, _fresh(request, edition))


@router.patch(
    "/editions/{edition_id}/placements/{placement_id}",
    **op("editions:compile", "责任编辑", "定稿或取消定稿、修改栏目", 400, 404, response=EditionDetail),
)
def edit_placement(request: HttpRequest, edition_id: int, placement_id: int, payload: PlacementEdit) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    placement = _placement(edition, placement_id)
    acting = actor(request)
    if payload.section is not None:
        order = list(edition.placements.order_by("position").values_list("pk", flat=True))
        actions.arrange(acting, edition, order=order, sections={placement.pk: payload.section})
    if payload.ready is not None:
        actions.set_ready(acting, placement, ready=payload.ready)
    return _fresh(request, edition)


@router.delete(
    "/editions/{edition_id}/placements/{placement_id}",
    **op("editions:compile", "责任编辑", "从本期撤下一篇稿件（回到已报送）", 400, 404, response=EditionDetail),
)
def remove_placement(request: HttpRequest, edition_id: int, placement_id: int) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.remove_submission(actor(request), edition, _placement(edition, placement_id))
    return _fresh(request, edition)


@router.put(
    "/editions/{edition_id}/order",
    **op("editions:compile", "责任编辑", "调整本期稿件的顺序", 400, 404, response=EditionDetail),
)
def arrange(request: HttpRequest, edition_id: int, payload: OrderIn) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.arrange(actor(request), edition, order=payload.order)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/send",
    **op("editions:compile", "责任编辑", "送审（全部稿件定稿后）", 400, 404, response=EditionDetail),
)
def send(request: HttpRequest, edition_id: int) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.send_to_review(actor(request), edition)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/approve",
    **op("editions:review", "审核", "审核通过，送签发", 400, 404, response=EditionDetail),
)
def approve(request: HttpRequest, edition_id: int) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.approve(actor(request), edition)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/return",
    **op(
        "editions:review",
        "审核（待审核的期）；签发（待签发的期，令牌须含 editions:sign）",
        "退回修改（须写明意见）",
        400,
        404,
        response=EditionDetail,
    ),
)
def return_edition(request: HttpRequest, edition_id: int, payload: CommentIn) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.return_edition(actor(request), edition, comment=payload.comment)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/return-signature",
    **op("editions:sign", "签发", "签发前退回修改（须写明意见）", 400, 404, response=EditionDetail),
)
def return_before_signing(request: HttpRequest, edition_id: int, payload: CommentIn) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    if edition.status != Edition.Status.AWAITING_SIGNATURE:
        raise ActionError(f"这一期当前为“{edition.get_status_display()}”，不在待签发")
    actions.return_edition(actor(request), edition, comment=payload.comment)
    return _fresh(request, edition)


@router.post(
    "/editions/{edition_id}/sign",
    **op("editions:sign", "签发", "签发（定下日期，归入档案）", 400, 404, response=EditionDetail),
)
def sign(request: HttpRequest, edition_id: int) -> dict[str, Any]:
    edition = _edition(request, edition_id)
    actions.sign(actor(request), edition)
    return _fresh(request, edition)
