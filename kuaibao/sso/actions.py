"""Signing in through the platform: find the account a platform user is, or on the first sign-in
map them, to an existing account whose verified e-mail matches or to a new one with the unit and
role the platform's claims name (only the roles an office trusts the platform with)."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from kuaibao.archive.units import find_unit
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor, audit
from kuaibao.newsroom.models import Profile
from kuaibao.newsroom.roles import Role
from kuaibao.sso.models import PlatformIdentity

USERNAME = re.compile(r"^[\w.@+-]{1,150}$")
KEPT_CLAIMS = ("name", "preferred_username", "email", "email_verified")


def _text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return str(value).strip() if isinstance(value, str | int) else ""


def _username(issuer: str, subject: str, claims: dict[str, Any]) -> str:
    wanted = _text(claims, "preferred_username")
    if USERNAME.match(wanted) and not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    return "sso-" + hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:16]


def _linkable(claims: dict[str, Any]) -> User | None:
    """An existing account the platform user may be: the same e-mail, verified by the platform,
    and only one such account."""
    email = _text(claims, "email")
    if not email or claims.get("email_verified") is not True:
        return None
    matches = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


def _role(claims: dict[str, Any], has_unit: bool) -> Role | None:
    claimed = _text(claims, settings.OIDC_ROLE_CLAIM)
    if claimed in settings.OIDC_TRUSTED_ROLES:
        return Role(claimed)
    if has_unit and settings.OIDC_DEFAULT_ROLE:
        return Role(settings.OIDC_DEFAULT_ROLE)
    return None


def _new_account(issuer: str, subject: str, claims: dict[str, Any]) -> tuple[User, str]:
    unit = find_unit(_text(claims, settings.OIDC_UNIT_CLAIM)) if _text(claims, settings.OIDC_UNIT_CLAIM) else None
    role = _role(claims, unit is not None)
    username = _username(issuer, subject, claims)
    name = (_text(claims, "name") or _text(claims, "preferred_username"))[:50]
    email = _text(claims, "email") if claims.get("email_verified") is True else ""
    if role is not None and (role != Role.REPORTER or unit is not None):
        user = create_account(
            username, secrets.token_urlsafe(32), role, unit=unit.name if unit else None, display_name=name, email=email
        )
        how = f"新建账号（{unit.name + '，' if unit else ''}{role.value}）"
    else:
        # No role the platform may grant: an account an administrator gives a role to.
        user = User.objects.create_user(username, email=email)
        Profile.objects.create(user=user, unit=unit, display_name=name)
        how = "新建账号（待管理员分配角色）"
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user, how


@transaction.atomic
def sign_in(*, issuer: str, subject: str, claims: dict[str, Any], ip: str | None = None) -> User | None:
    """The account for a platform user who has just proved who they are; None if it is closed."""
    identity = PlatformIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        PlatformIdentity.objects.filter(pk=identity.pk).update(last_login_at=timezone.now())
        return identity.user if identity.user.is_active else None
    user = _linkable(claims)
    how = "关联到已有账号（电子邮箱经平台核实一致）" if user is not None else ""
    if user is None:
        user, how = _new_account(issuer, subject, claims)
    PlatformIdentity.objects.create(
        issuer=issuer,
        subject=subject,
        user=user,
        claims={key: claims[key] for key in KEPT_CLAIMS if key in claims},
        last_login_at=timezone.now(),
    )
    audit(
        Actor(user, ip, f"单点登录：{settings.OIDC_NAME}", "sso"),
        "sso.map",
        f"首次通过{settings.OIDC_NAME}登录：{how}",
        data={"issuer": issuer, "subject": subject},
    )
    return user
