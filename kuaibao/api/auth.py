"""Who calls: a person signed in to the site (session cookie, with the CSRF token for writes) or a
program with an API token (`Authorization: Bearer kb_…`). Every operation names the scope it
needs; a token without that scope is refused with 403 before anything runs. Calls are counted per
token (or person) and minute."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.throttling import BaseThrottle
from ninja.utils import check_csrf

from kuaibao.api.models import ApiToken, digest
from kuaibao.api.scopes import SCOPES
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions.base import Actor, Forbidden


@dataclass(frozen=True)
class Principal:
    """The account an API call acts as, and the token it came with (None: a signed-in person)."""

    user: User
    token: ApiToken | None = None

    def __str__(self) -> str:  # the throttle's key
        return f"token:{self.token.pk}" if self.token else f"user:{self.user.pk}"

    def actor(self, request: HttpRequest) -> Actor:
        agent = request.META.get("HTTP_USER_AGENT", "")
        via = f"API 令牌“{self.token.name}”（{self.token.prefix}…）" if self.token else "API"
        return Actor(self.user, request.META.get("REMOTE_ADDR"), f"{via} {agent}".strip()[:300], "api")


class TokenAuth(HttpBearer):
    """An API token; `scope` is what the operation needs."""

    def __init__(self, scope: str | None) -> None:
        if scope is not None and scope not in SCOPES:
            raise ValueError(f"unknown scope {scope}")
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        if not token.startswith("kb_") or len(token) > 200:
            return None
        row = ApiToken.objects.select_related("user__profile__unit").filter(digest=digest(token)).first()
        if row is None or not row.usable or scope.scope_of(row.user).office_id != row.office_id:
            return None  # unknown, revoked, expired, or its account now works in another office
        if self.scope is not None and self.scope not in row.scopes:
            raise Forbidden(f"这个令牌没有“{SCOPES[self.scope]}”的权限（{self.scope}）")
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now, last_used_ip=request.META.get("REMOTE_ADDR"))
        request.user = row.user
        return Principal(row.user, row)


class SessionAuth(APIKeyCookie):
    """The site's session; writes need the CSRF token as on the pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if key and check_csrf(request):
            raise HttpError(403, "CSRF 校验失败：请在 X-CSRFToken 请求头中提供页面的 CSRF 令牌")
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Principal | None:
        user = request.user
        if key and isinstance(user, User) and user.is_authenticated and user.is_active:
            return Principal(user)
        return None


def auth(scope: str | None) -> list[Any]:
    """A token with `scope` (None: any valid token) or the session."""
    return [TokenAuth(scope), SessionAuth()]


def principal(request: HttpRequest) -> Principal:
    found = getattr(request, "auth", None)
    if not isinstance(found, Principal):
        raise Forbidden("请先登录")
    return found


def actor(request: HttpRequest) -> Actor:
    return principal(request).actor(request)


def token_unit(request: HttpRequest) -> int | None:
    found = getattr(request, "auth", None)
    token = found.token if isinstance(found, Principal) else None
    return token.unit_id if token is not None else None


class PerMinute(BaseThrottle):
    """At most a token's `rate_per_minute` calls a minute (a person's: API_RATE_PER_MINUTE), counted
    in Django's cache: per process by default, shared with KUAIBAO_CACHE_URL."""

    def allow_request(self, request: HttpRequest) -> bool:
        found = getattr(request, "auth", None)
        if not isinstance(found, Principal):
            return True
        limit = found.token.rate_per_minute if found.token else settings.API_RATE_PER_MINUTE
        now = time.time()
        window = int(now // 60)
        key = f"api-rate:{found}:{window}"
        cache.add(key, 0, timeout=120)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=120)
            count = 1
        self._wait = math.ceil((window + 1) * 60 - now)
        return count <= limit

    def wait(self) -> float | None:
        return float(getattr(self, "_wait", 60))
