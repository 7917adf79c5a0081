"""API tokens: issue one for yourself or (administrators) for a unit's system, revoke one.
Each is audited like any other action; the secret is shown once and only its hash kept."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from kuaibao.api.models import ApiToken, digest
from kuaibao.api.scopes import SCOPES, SYSTEM_DEFAULT, allowed_scopes
from kuaibao.archive.models import Unit
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, office_of, require, require_office
from kuaibao.newsroom.roles import Role


def _days(days: int) -> dt.datetime:
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ActionError(f"有效期应为 1 到 {settings.API_TOKEN_MAX_DAYS} 天")
    return timezone.now() + dt.timedelta(days=days)


def _make(**fields: object) -> tuple[ApiToken, str]:
    prefix = "kb_" + secrets.token_hex(4)
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    return ApiToken.objects.create(prefix=prefix, digest=digest(secret), **fields), secret


def _check_scopes(scopes: list[str], allowed: set[str]) -> list[str]:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ActionError(f"没有这种权限范围：{'、'.join(unknown)}")
    beyond = [s for s in scopes if s not in allowed]
    if beyond:
        raise Forbidden(f"账号的角色不允许这些权限范围：{'、'.join(beyond)}")
    if not scopes:
        raise ActionError("至少选择一项权限范围")
    return sorted(set(scopes))


@transaction.atomic
def issue_personal_token(actor: Actor, *, name: str, scopes: list[str] | None, days: int) -> tuple[ApiToken, str]:
    """A token that acts as the person, with at most what the person's roles allow."""
    user = actor.user
    allowed = allowed_scopes(user)
    chosen = _check_scopes(list(scopes) if scopes else sorted(allowed), allowed)
    if not name.strip():
        raise ActionError("名称不能为空")
    where = scope.scope_of(user)
    token, secret = _make(
        name=name.strip()[:100],
        kind=ApiToken.Kind.PERSON,
        user=user,
        office=where.office,
        unit=where.unit,
        scopes=chosen,
        created_by=user,
        expires_at=_days(days),
        rate_per_minute=settings.API_RATE_PER_MINUTE,
    )
    audit(actor, "token.issue", f"创建个人 API 令牌“{token.name}”（{token.prefix}…）", data={"token": token.pk})
    return token, secret


@transaction.atomic
def issue_system_token(
    actor: Actor,
    *,
    name: str,
    unit: Unit,
    scopes: list[str] | None = None,
    days: int = 365,
    rate_per_minute: int = 120,
) -> tuple[ApiToken, str]:
    """A token for a unit's OA system: it acts as the system's own account, a reporter of that
    unit and of no other, so it may submit and revise for that unit only. The unit is one of the
    administrator's own office."""
    require(actor, "webhooks", "只有管理员可以为系统创建令牌")
    require_office(actor, unit)
    if not name.strip():
        raise ActionError("名称不能为空")
    if not 1 <= rate_per_minute <= 10_000:
        raise ActionError("每分钟请求上限应为 1 到 10000")
    from kuaibao.api.scopes import ROLE_SCOPES

    chosen = _check_scopes(list(scopes) if scopes else list(SYSTEM_DEFAULT), ROLE_SCOPES[Role.REPORTER])
    account = create_account(
        f"system-{secrets.token_hex(5)}",
        secrets.token_urlsafe(32),
        Role.REPORTER,
        unit=unit.name,
        display_name=name.strip()[:50],
        office=unit.office,
    )
    account.set_unusable_password()
    account.save(update_fields=["password"])
    token, secret = _make(
        name=name.strip()[:100],
        kind=ApiToken.Kind.SYSTEM,
        user=account,
        office=unit.office,
        unit=unit,
        scopes=chosen,
        created_by=actor.user,
        expires_at=_days(days),
        rate_per_minute=rate_per_minute,
    )
    audit(
        actor,
        "token.issue",
        f"为{unit.name}的系统创建 API 令牌“{token.name}”（{token.prefix}…）",
        data={"token": token.pk, "unit": unit.pk},
    )
    return token, secret


@transaction.atomic
def revoke_token(actor: Actor, token: ApiToken) -> ApiToken:
    """Its owner or an administrator of its office revokes a token at once; a system's account
    is closed."""
    if token.user_id != actor.user.pk and token.created_by_id != actor.user.pk:
        require(actor, "webhooks", "只能吊销自己的令牌")
        if token.office_id != office_of(actor).pk:
            raise Forbidden("只能吊销本机关的令牌")
    if token.revoked_at is not None:
        raise ActionError("这个令牌已经吊销")
    token.revoked_at = timezone.now()
    token.revoked_by = actor.user
    token.save(update_fields=["revoked_at", "revoked_by"])
    if token.kind == ApiToken.Kind.SYSTEM:
        User.objects.filter(pk=token.user_id).update(is_active=False)
    audit(actor, "token.revoke", f"吊销 API 令牌“{token.name}”（{token.prefix}…）", data={"token": token.pk})
    return token
