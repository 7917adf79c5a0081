"""领导批示 over the API: leaders record an instruction on a published item; the item's units
answer with what was done; each sees what concerns them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kuaibao.api.auth import actor, principal
from kuaibao.api.common import Page, UnitRef, local, name_of, op, paged
from kuaibao.newsroom import queries, scope
from kuaibao.newsroom.actions import instructions as actions
from kuaibao.newsroom.models import Instruction
from kuaibao.newsroom.roles import can

router = Router(tags=["领导批示"])
WHO = "作批示的领导、责任编辑；信息员（本单位信息上的批示）"


class ItemRef(Schema):
    id: int
    title: str


class InstructionOut(Schema):
    id: int
    item: ItemRef
    units: list[UnitRef]
    leader: str
    leader_title: str
    text: str
    created_at: dt.datetime
    feedback: str
    feedback_by: str
    feedback_at: dt.datetime | None


class InstructionList(Schema):
    total: int
    items: list[InstructionOut]


class InstructionIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    leader_title: str = Field("", max_length=100)


class FeedbackIn(Schema):
    feedback: str = Field(min_length=1, max_length=5000)


class InstructionFilter(Page):
    unanswered: bool = Field(False, description="只列尚未反馈的")


def _out(row: Instruction) -> dict[str, Any]:
    return {
        "id": row.pk,
        "item": {"id": row.item_id, "title": row.item.title},
        "units": [{"id": u.pk, "name": u.name} for u in row.item.units.order_by("name")],
        "leader": name_of(row.leader),
        "leader_title": row.leader_title,
        "text": row.text,
        "created_at": local(row.created_at),
        "feedback": row.feedback,
        "feedback_by": name_of(row.feedback_by),
        "feedback_at": local(row.feedback_at),
    }


def _visible(request: HttpRequest) -> QuerySet[Instruction]:
    """The instructions list's rule: editors all; a leader their own; a unit those on its items."""
    user = principal(request).user
    rows = scope.instructions(user).select_related("item", "leader__profile", "feedback_by__profile")
    if can(user, "edit"):
        return rows
    if can(user, "instruct"):
        return rows.filter(leader=user)
    unit = queries.user_unit(user)
    return rows.filter(item__units=unit).distinct() if unit is not None and can(user, "submit") else rows.none()


@router.get("/instructions", **op("instructions:read", WHO, "领导批示", response=InstructionList))
def list_instructions(request: HttpRequest, filters: Query[InstructionFilter]) -> dict[str, Any]:
    rows = _visible(request).order_by("-created_at", "-id")
    if filters.unanswered:
        rows = rows.filter(feedback="")
    total, chosen = paged(rows, filters)
    return {"total": total, "items": [_out(r) for r in chosen]}


@router.get("/instructions/{instruction_id}", **op("instructions:read", WHO, "一条批示", 404, response=InstructionOut))
def get_instruction(request: HttpRequest, instruction_id: int) -> dict[str, Any]:
    return _out(get_object_or_404(_visible(request), pk=instruction_id))


@router.post(
    "/items/{item_id}/instructions",
    **op(
        "instructions:write", "领导（读者角色）", "对一条已刊发的信息作批示", 400, 404, response={201: InstructionOut}
    ),
)
def instruct(request: HttpRequest, item_id: int, payload: InstructionIn) -> Status[dict[str, Any]]:
    item = get_object_or_404(scope.items(principal(request).user), pk=item_id)
    row = actions.record_instruction(actor(request), item, text=payload.text, leader_title=payload.leader_title)
    return Status(201, _out(row))


@router.post(
    "/instructions/{instruction_id}/feedback",
    **op("instructions:answer", "信息员（信息的署名单位）", "反馈批示的落实情况", 400, 404, response=InstructionOut),
)
def answer(request: HttpRequest, instruction_id: int, payload: FeedbackIn) -> dict[str, Any]:
    row = get_object_or_404(_visible(request), pk=instruction_id)
    actions.answer_instruction(actor(request), row, feedback=payload.feedback)
    row.refresh_from_db()
    return _out(row)
