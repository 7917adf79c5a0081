"""The caller's own things: who the API takes them for, their notices, their API tokens (tokens
are made and revoked only when signed in, never with another token)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from kuaibao.api import actions
from kuaibao.api.auth import SessionAuth, actor, principal
from kuaibao.api.common import MAX_ID, Page, UnitRef, local, name_of, op, paged, unit_ref
from kuaibao.api.errors import errors
from kuaibao.api.models import ApiToken
from kuaibao.api.scopes import SCOPES, allowed_scopes
from kuaibao.newsroom import scope
from kuaibao.newsroom.models import Notification
from kuaibao.newsroom.roles import GROUP_NAMES, roles_of

router = Router(tags=["本人"])
ANYONE = "任何登录的人或令牌"


class MeOut(Schema):
    name: str
    account: str
    roles: list[str]
    unit: UnitRef | None
    token: str | None = Field(description="以令牌调用时：令牌的名称")
    scopes: list[str] = Field(description="这次调用可用的权限范围")


class NotificationOut(Schema):
    id: int
    text: str
    url: str
    created_at: dt.datetime
    read: bool


class NotificationList(Schema):
    total: int
    unread: int
    items: list[NotificationOut]


class NotificationFilter(Page):
    unread: bool = False


class TokenOut(Schema):
    id: int
    name: str
    kind: Literal["person", "system"]
    prefix: str
    account: str
    unit: UnitRef | None
    scopes: list[str]
    rate_per_minute: int
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None
    state: str


class NewToken(TokenOut):
    secret: str = Field(description="令牌本身：只显示这一次，请妥善保存")


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    scopes: list[str] = Field([], max_length=len(SCOPES), description="不填为账号角色允许的全部")
    days: int = Field(90, ge=1, le=366)


class SystemTokenIn(TokenIn):
    unit: int = Field(ge=1, le=MAX_ID, description="令牌只能为这个单位报送")
    rate_per_minute: int = Field(120, ge=1, le=10_000)


def token_out(row: ApiToken) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "kind": row.kind,
        "prefix": row.prefix,
        "account": name_of(row.user),
        "unit": unit_ref(row.unit),
        "scopes": row.scopes,
        "rate_per_minute": row.rate_per_minute,
        "created_at": local(row.created_at),
        "expires_at": local(row.expires_at),
        "revoked_at": local(row.revoked_at),
        "last_used_at": local(row.last_used_at),
        "state": row.state,
    }


@router.get("/me", **op(None, ANYONE, "调用者是谁：姓名、角色、单位、可用的权限范围", response=MeOut))
def me(request: HttpRequest) -> dict[str, Any]:
    found = principal(request)
    user = found.user
    return {
        "name": name_of(user),
        "account": user.get_username(),
        "roles": [GROUP_NAMES[role] for role in sorted(roles_of(user))],
        "unit": unit_ref(getattr(getattr(user, "profile", None), "unit", None)),
        "token": found.token.name if found.token else None,
        "scopes": sorted(found.token.scopes if found.token else allowed_scopes(user)),
    }


@router.get("/notifications", **op("notifications:read", ANYONE, "本人的提醒", response=NotificationList))
def notifications(request: HttpRequest, filters: Query[NotificationFilter]) -> dict[str, Any]:
    rows = Notification.objects.filter(user=principal(request).user).order_by("-created_at", "-id")
    unread = rows.filter(read_at__isnull=True)
    total, chosen = paged(unread if filters.unread else rows, filters)
    return {
        "total": total,
        "unread": unread.count(),
        "items": [
            {"id": n.pk, "text": n.text, "url": n.url, "created_at": local(n.created_at), "read": n.read_at is not None}
            for n in chosen
        ],
    }


@router.post(
    "/notifications/read", **op("notifications:read", ANYONE, "把本人的提醒全部标为已读", response={204: None})
)
def notifications_read(request: HttpRequest) -> Status[None]:
    Notification.objects.filter(user=principal(request).user, read_at__isnull=True).update(read_at=timezone.now())
    return Status(204, None)


SESSION_ONLY = "仅限登录的人（不能用令牌创建或吊销令牌）。"


@router.get(
    "/tokens",
    auth=[SessionAuth()],
    summary="本人的 API 令牌（管理员：全部）",
    description=SESSION_ONLY,
    response={200: list[TokenOut], **errors(403)},
    openapi_extra={"x-permission": {"scope": None, "who": "登录的人"}},
)
def list_tokens(request: HttpRequest, page: Query[Page]) -> list[dict[str, Any]]:
    user = principal(request).user
    rows = ApiToken.objects.select_related("user__profile", "unit").order_by("-created_at", "-id")
    if user.has_perm("newsroom.change_webhook") and scope.scope_of(user).office_id:
        rows = scope.of_office(user, rows, "office_id")  # an administrator: the office's
    else:
        rows = rows.filter(user=user) | rows.filter(created_by=user)
    _, chosen = paged(rows, page)
    return [token_out(row) for row in chosen]


@router.post(
    "/tokens",
    auth=[SessionAuth()],
    summary="为自己创建 API 令牌（代表本人，权限不超过本人的角色）",
    description=SESSION_ONLY,
    response={201: NewToken, **errors(400, 403)},
    openapi_extra={"x-permission": {"scope": None, "who": "登录的人"}},
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    row, secret = actions.issue_personal_token(
        actor(request), name=payload.name, scopes=payload.scopes, days=payload.days
    )
    return Status(201, {**token_out(row), "secret": secret})


@router.post(
    "/tokens/system",
    auth=[SessionAuth()],
    summary="为一个单位的 OA 系统创建令牌（只能为该单位报送）",
    description="仅限管理员登录后创建。",
    response={201: NewToken, **errors(400, 403, 404)},
    openapi_extra={"x-permission": {"scope": None, "who": "管理员"}},
)
def create_system_token(request: HttpRequest, payload: SystemTokenIn) -> Status[dict[str, Any]]:
    unit = get_object_or_404(scope.units(principal(request).user), pk=payload.unit)
    row, secret = actions.issue_system_token(
        actor(request),
        name=payload.name,
        unit=unit,
        scopes=payload.scopes,
        days=payload.days,
        rate_per_minute=payload.rate_per_minute,
    )
    return Status(201, {**token_out(row), "secret": secret})


@router.delete(
    "/tokens/{token_id}",
    auth=[SessionAuth()],
    summary="吊销一个令牌（本人的，或管理员吊销任何令牌）",
    description=SESSION_ONLY,
    response={200: TokenOut, **errors(400, 403, 404)},
    openapi_extra={"x-permission": {"scope": None, "who": "令牌的主人或管理员"}},
)
def revoke_token(request: HttpRequest, token_id: int) -> dict[str, Any]:
    row = get_object_or_404(ApiToken, pk=token_id)
    user = principal(request).user
    mine = row.user_id == user.pk or row.created_by_id == user.pk
    administers = user.has_perm("newsroom.change_webhook") and row.office_id == scope.scope_of(user).office_id
    if not (mine or administers):
        from django.http import Http404

        raise Http404("找不到这个令牌")
    return token_out(actions.revoke_token(actor(request), row))
