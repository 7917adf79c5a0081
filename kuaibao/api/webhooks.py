"""Webhook receivers and the delivery log over the API, for administrators: register a receiver,
read each delivery and its attempts, send one again."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kuaibao.api.auth import actor
from kuaibao.api.common import MAX_ID, Page, UnitRef, local, op, paged, unit_ref
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions import notifications as actions
from kuaibao.newsroom.actions.base import Forbidden
from kuaibao.newsroom.models import Delivery, Webhook
from kuaibao.newsroom.notify import KINDS
from kuaibao.newsroom.roles import can

router = Router(tags=["通知接收地址"])
ADMIN = "管理员"


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    unit: UnitRef | None
    active: bool
    created_at: dt.datetime


class NewWebhook(WebhookOut):
    secret: str = Field(description="签名密钥（HMAC-SHA256），见 docs/notifications.md")


class WebhookIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    url: str = Field(min_length=8, max_length=500, pattern=r"^https?://\S+$")
    events: list[str] = Field([], max_length=len(KINDS), description="不填为全部事件")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="只接收与该单位有关的事件")


class WebhookEdit(Schema):
    url: str = Field(min_length=8, max_length=500, pattern=r"^https?://\S+$")
    events: list[str] = Field([], max_length=len(KINDS))
    active: bool = True


class AttemptOut(Schema):
    at: dt.datetime
    ok: bool
    status_code: int | None
    error: str
    duration_ms: int


class DeliveryOut(Schema):
    id: int
    event_id: str
    event: str
    label: str
    channel: Literal["mail", "webhook"]
    target: str
    status: Literal["pending", "delivered", "failed"]
    status_label: str
    attempts: int
    next_attempt_at: dt.datetime | None
    last_error: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    replay_of: int | None
    payload: dict[str, Any]
    tries: list[AttemptOut]


class DeliveryList(Schema):
    total: int
    items: list[DeliveryOut]


class DeliveryFilter(Page):
    status: Literal["pending", "delivered", "failed"] | None = None
    webhook: int | None = Field(None, ge=1, le=MAX_ID)


def _admin(request: HttpRequest) -> None:
    if not can(actor(request).user, "webhooks"):
        raise Forbidden("只有管理员可以管理通知接收地址")


def _webhooks(request: HttpRequest) -> QuerySet[Webhook]:
    """The receivers of the caller's office (kuaibao.newsroom.scope decides which that is)."""
    return scope.of_office(actor(request).user, Webhook.objects.all(), "office_id")


def _deliveries(request: HttpRequest) -> QuerySet[Delivery]:
    return scope.of_office(actor(request).user, Delivery.objects.all(), "office_id")


def webhook_out(row: Webhook) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "url": row.url,
        "events": row.events,
        "unit": unit_ref(row.unit),
        "active": row.active,
        "created_at": local(row.created_at),
    }


def delivery_out(row: Delivery) -> dict[str, Any]:
    return {
        "id": row.pk,
        "event_id": row.event_id,
        "event": row.kind,
        "label": KINDS.get(row.kind, row.kind),
        "channel": row.channel,
        "target": row.target,
        "status": row.status,
        "status_label": row.get_status_display(),
        "attempts": row.attempts,
        "next_attempt_at": local(row.next_attempt_at),
        "last_error": row.last_error,
        "created_at": local(row.created_at),
        "delivered_at": local(row.delivered_at),
        "replay_of": row.replay_of_id,
        "payload": row.payload,
        "tries": [
            {
                "at": local(t.at),
                "ok": t.ok,
                "status_code": t.status_code,
                "error": t.error,
                "duration_ms": t.duration_ms,
            }
            for t in row.tries.all()
        ],
    }


@router.get("/webhooks", **op("webhooks:manage", ADMIN, "通知接收地址", response=list[WebhookOut]))
def list_webhooks(request: HttpRequest) -> list[dict[str, Any]]:
    _admin(request)
    return [webhook_out(row) for row in _webhooks(request).select_related("unit")[:500]]


@router.post("/webhooks", **op("webhooks:manage", ADMIN, "登记通知接收地址", 400, 404, response={201: NewWebhook}))
def register(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    unit = get_object_or_404(scope.units(actor(request).user), pk=payload.unit) if payload.unit else None
    row = actions.register_webhook(actor(request), name=payload.name, url=payload.url, events=payload.events, unit=unit)
    return Status(201, {**webhook_out(row), "secret": row.secret})


@router.patch(
    "/webhooks/{webhook_id}", **op("webhooks:manage", ADMIN, "修改通知接收地址", 400, 404, response=WebhookOut)
)
def change(request: HttpRequest, webhook_id: int, payload: WebhookEdit) -> dict[str, Any]:
    _admin(request)
    row = get_object_or_404(_webhooks(request), pk=webhook_id)
    return webhook_out(
        actions.change_webhook(actor(request), row, url=payload.url, events=payload.events, active=payload.active)
    )


@router.delete("/webhooks/{webhook_id}", **op("webhooks:manage", ADMIN, "删除通知接收地址", 404, response={204: None}))
def remove(request: HttpRequest, webhook_id: int) -> Status[None]:
    _admin(request)
    actions.remove_webhook(actor(request), get_object_or_404(_webhooks(request), pk=webhook_id))
    return Status(204, None)


@router.get("/deliveries", **op("webhooks:manage", ADMIN, "通知投递记录（每次尝试）", response=DeliveryList))
def deliveries(request: HttpRequest, filters: Query[DeliveryFilter]) -> dict[str, Any]:
    _admin(request)
    rows = _deliveries(request).select_related("webhook").prefetch_related("tries").order_by("-created_at", "-id")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.webhook:
        rows = rows.filter(webhook_id=filters.webhook)
    total, chosen = paged(rows, filters)
    return {"total": total, "items": [delivery_out(row) for row in chosen]}


@router.post(
    "/deliveries/{delivery_id}/replay",
    **op(
        "webhooks:manage", ADMIN, "重新发送一条通知（同样的内容，新的投递记录）", 400, 404, response={201: DeliveryOut}
    ),
)
def replay(request: HttpRequest, delivery_id: int) -> Status[dict[str, Any]]:
    _admin(request)
    row = get_object_or_404(_deliveries(request).select_related("webhook"), pk=delivery_id)
    return Status(201, delivery_out(actions.replay(actor(request), row)))
