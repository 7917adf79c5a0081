"""What the API's operations share: the permission each declares (checked for tokens, shown in
OpenAPI), paging, and references to units and people by name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Schema

from kuaibao.api.auth import auth
from kuaibao.api.errors import errors
from kuaibao.api.scopes import SCOPES
from kuaibao.archive.models import Unit
from kuaibao.newsroom.notify.events import display_name


def op(
    scope: str | None, who: str, summary: str, *statuses: int, response: Any = None, **kwargs: Any
) -> dict[str, Any]:
    """The keyword arguments of an operation that needs `scope`, for the people in `who`."""
    responses: dict[int, Any] = errors(403, *statuses)
    if response is not None:
        if isinstance(response, dict):
            responses.update(response)
        else:
            responses[200] = response
    extra = kwargs.pop("openapi_extra", {})
    return {
        "auth": auth(scope),
        "summary": summary,
        "description": f"权限：{who}。"
        + (f"API 令牌须含 `{scope}`（{SCOPES[scope]}）。" if scope else "任何有效的 API 令牌。")
        + kwargs.pop("description", ""),
        "response": responses,
        "openapi_extra": {"x-permission": {"scope": scope, "who": who}, **extra},
        **kwargs,
    }


MAX_ID = 2**53  # ids beyond any table's; larger ones would overflow a database integer


class UnitRef(Schema):
    id: int
    name: str


class Page(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


def paged(rows: QuerySet[Any], page: Page) -> tuple[int, list[Any]]:
    start = (page.page - 1) * page.page_size
    return rows.count(), list(rows[start : start + page.page_size])


def unit_ref(unit: Unit | None) -> dict[str, Any] | None:
    return {"id": unit.pk, "name": unit.name} if unit is not None else None


def name_of(user: User | None) -> str:
    return display_name(user) if user is not None else ""


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment) if moment else None
