"""What every newsroom action shares: the actor, permission checks, errors, audit, notices.

An action is one function that checks permission and the current status, runs in a
transaction, writes its audit row, and sends notifications after commit (docs/STYLE.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest

from kuaibao.archive.models import Item, Office
from kuaibao.newsroom import scope
from kuaibao.newsroom.models import AuditEntry, Edition, Submission
from kuaibao.newsroom.notify import Event, emit
from kuaibao.newsroom.roles import GROUP_NAMES, Role, can
from kuaibao.proxies import client_ip


class ActionError(Exception):
    """An action that cannot be done now; the message says why, in Chinese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(ActionError):
    """The actor may not do this."""


class Conflict(ActionError):
    """Someone else saved first: the stored state and the actor's unsaved input, both kept."""

    def __init__(self, message: str, *, current: dict[str, Any], yours: dict[str, Any]) -> None:
        super().__init__(message)
        self.current = current
        self.yours = yours


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts and from where (an address and a user agent, or the command line)."""

    user: User
    ip: str | None = None
    user_agent: str = ""
    origin: str = field(default="web")

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        return cls(
            request.user,  # type: ignore[arg-type]
            client_ip(request),
            request.META.get("HTTP_USER_AGENT", "")[:300],
            "web",
        )

    @classmethod
    def command_line(cls, user: User) -> Actor:
        return cls(user, None, "kuaibao 命令行", "cli")


def require(actor: Actor, what: str, message: str) -> None:
    if not can(actor.user, what):
        raise Forbidden(message)


def require_office(actor: Actor, *rows: Model) -> None:
    """Every row must belong to the actor's office (kuaibao.newsroom.scope decides)."""
    for row in rows:
        if not scope.in_office(actor.user, row):
            raise Forbidden("不属于本机关，无权操作")


def office_of(actor: Actor) -> Office:
    """The office the actor acts for; an account bound to none may not act."""
    office = scope.scope_of(actor.user).office
    if office is None:
        raise Forbidden("您的账号没有所属机关，请联系管理员")
    return office


def audit(
    actor: Actor,
    action: str,
    summary: str,
    *,
    submission: Submission | None = None,
    edition: Edition | None = None,
    item: Item | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor.user,
        office=scope.scope_of(actor.user).office,
        action=action,
        summary=summary[:300],
        submission=submission,
        edition=edition,
        item=item,
        data=data or {},
        ip=actor.ip,
        user_agent=actor.user_agent or actor.origin,
    )


def users_with_role(role: Role, office: Office | None = None) -> list[User]:
    rows = User.objects.filter(groups__name=GROUP_NAMES[role], is_active=True)
    return list(rows.filter(profile__office=office) if office is not None else rows)


def notify(users: Iterable[User], text: str, url: str = "", *, kind: str = "notice") -> None:
    """A plain notice through the notifier (in the app, by mail, to webhooks that want it);
    the newsroom's own events carry their documented payloads (kuaibao.newsroom.notices)."""
    emit(Event(kind=kind, text=text, url=url, recipients=list(users)))
