"""约稿 and 报送要点 over the API: editors publish them; units read what is asked of them; editors
see each asked unit's answer (on time, late, missing, not yet due)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator

from kuaibao.api.auth import actor, principal
from kuaibao.api.common import MAX_ID, Page, UnitRef, local, name_of, op, paged
from kuaibao.newsroom import queries, scope
from kuaibao.newsroom.actions import requests as actions
from kuaibao.newsroom.actions.base import ActionError
from kuaibao.newsroom.models import Request
from kuaibao.newsroom.roles import can

router = Router(tags=["约稿与报送要点"])
Kind = Literal["commission", "guidance"]


class AnswerOut(Schema):
    unit: UnitRef
    state: Literal["on_time", "late", "missing", "pending"]
    state_label: str
    submitted_at: dt.datetime | None


class RequestOut(Schema):
    id: int
    kind: Kind
    kind_label: str
    title: str
    description: str
    deadline: dt.datetime | None
    units: list[UnitRef]
    created_by: str
    created_at: dt.datetime


class RequestDetail(RequestOut):
    answers: list[AnswerOut] = Field(description="各约稿单位的报送情况（仅编辑可见）")


class RequestList(Schema):
    total: int
    items: list[RequestOut]


class RequestIn(Schema):
    kind: Kind
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    deadline: dt.datetime | None = Field(None, description="约稿必填，如 2026-11-25T18:00:00+08:00")

    @field_validator("deadline")
    @classmethod
    def plausible(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValueError("截止时间应在 2000 年到 2100 年之间")
        return value

    units: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        [], max_length=500, description="约稿单位的 id；报送要点可不填（发给全部单位）"
    )


def _out(row: Request, *, answers: bool = False) -> dict[str, Any]:
    data = {
        "id": row.pk,
        "kind": row.kind,
        "kind_label": row.get_kind_display(),
        "title": row.title,
        "description": row.description,
        "deadline": local(row.deadline),
        "units": [{"id": u.pk, "name": u.name} for u in row.units.order_by("name")],
        "created_by": name_of(row.created_by),
        "created_at": local(row.created_at),
    }
    if answers:
        data["answers"] = [
            {
                "unit": {"id": a.unit.pk, "name": a.unit.name},
                "state": a.state,
                "state_label": a.label,
                "submitted_at": local(a.submitted_at),
            }
            for a in queries.answers(row)
        ]
    return data


def _visible(request: HttpRequest) -> Any:
    user = principal(request).user
    if can(user, "edit"):
        return scope.requests(user)
    return queries.open_requests_for(user)


@router.get(
    "/requests",
    **op(
        "requests:read",
        "责任编辑（全部）；信息员（本单位的未截止约稿和报送要点）",
        "约稿和报送要点",
        response=RequestList,
    ),
)
def list_requests(request: HttpRequest, page: Query[Page]) -> dict[str, Any]:
    rows = _visible(request).select_related("created_by__profile").order_by("-created_at", "-id")
    total, chosen = paged(rows, page)
    return {"total": total, "items": [_out(r) for r in chosen]}


@router.post("/requests", **op("requests:write", "责任编辑", "发布约稿或报送要点", 400, response={201: RequestDetail}))
def publish(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    units = list(scope.units(principal(request).user).filter(pk__in=payload.units))
    if len(units) != len(set(payload.units)):
        raise ActionError("单位目录中没有其中的一些单位")
    row = actions.publish_request(
        actor(request),
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        deadline=payload.deadline,
        units=units,
    )
    return Status(201, _out(row, answers=True))


@router.get(
    "/requests/{request_id}",
    **op(
        "requests:read",
        "责任编辑；信息员（本单位的）",
        "一项约稿或报送要点（编辑可见各单位报送情况）",
        404,
        response=RequestDetail,
    ),
)
def get_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    row = get_object_or_404(_visible(request), pk=request_id)
    editor = can(principal(request).user, "edit")
    data = _out(row, answers=editor)
    data.setdefault("answers", [])
    return data
