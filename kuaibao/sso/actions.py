"""Signing in through the platform: find the account a platform user is, or on the first sign-in
map them, to an existing account of their office whose verified e-mail matches or to a new one
with the office, unit and role the platform's claims name (only the roles an office trusts the
platform with). An installation with several offices needs the claim naming the office."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from kuaibao.archive.models import Office
from kuaibao.archive.units import find_unit
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor, audit
from kuaibao.newsroom.models import Profile
from kuaibao.newsroom.roles import Role
from kuaibao.sso.models import PlatformIdentity


class Refused(Exception):
    """The platform user cannot be mapped to an account here; `message` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def _office(claims: dict[str, Any]) -> Office:
    """The office the claims name (by its name or short name); without the claim, the
    installation's only office."""
    claimed = _text(claims, settings.OIDC_OFFICE_CLAIM)
    if claimed:
        found = list(Office.objects.filter(name=claimed)[:1]) or list(Office.objects.filter(short_name=claimed)[:2])
        if len(found) != 1:
            raise Refused(f"平台所说的机关“{claimed[:50]}”不在本系统中，请联系本机关的管理员")
        return found[0]
    offices = list(Office.objects.order_by("pk")[:2])
    if len(offices) != 1:
        raise Refused("平台没有说明您属于哪个机关，无法对应到本系统的账号，请联系管理员")
    return offices[0]


def _linkable(claims: dict[str, Any], office: Office) -> User | None:
    """An existing account the platform user may be: the same e-mail, verified by the platform,
    in the office the claims name, and only one such account."""
    email = _text(claims, "email")
    if not email or claims.get("email_verified") is not True:
        return None
    rows = User.objects.filter(email__iexact=email, is_active=True, profile__office=office)
    matches = list(rows[:2])
    return matches[0] if len(matches) == 1 else None


def _role(claims: dict[str, Any], has_unit: bool) -> Role | None:
    claimed = _text(claims, settings.OIDC_ROLE_CLAIM)
    if claimed in settings.OIDC_TRUSTED_ROLES:
        return Role(claimed)
    if has_unit and settings.OIDC_DEFAULT_ROLE:
        return Role(settings.OIDC_DEFAULT_ROLE)
    return None


def _new_account(issuer: str, subject: str, claims: dict[str, Any], office: Office) -> tuple[User, str]:
    claimed = _text(claims, settings.OIDC_UNIT_CLAIM)
    unit = find_unit(claimed, office) if claimed else None
    role = _role(claims, unit is not None)
    username = _username(issuer, subject, claims)
    name = (_text(claims, "name") or _text(claims, "preferred_username"))[:50]
    email = _text(claims, "email") if claims.get("email_verified") is True else ""
    if role is not None and (role != Role.REPORTER or unit is not None):
        user = create_account(
            username,
            secrets.token_urlsafe(32),
            role,
            unit=unit.name if unit else None,
            display_name=name,
            email=email,
            office=office,
        )
        how = f"新建账号（{office.label}，{unit.name + '，' if unit else ''}{role.value}）"
    else:
        # No role the platform may grant: an account an administrator gives a role to.
        user = User.objects.create_user(username, email=email)
        Profile.objects.create(user=user, office=office, unit=unit, display_name=name)
        how = f"新建账号（{office.label}，待管理员分配角色）"
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user, how


@transaction.atomic
def sign_in(*, issuer: str, subject: str, claims: dict[str, Any], ip: str | None = None) -> User | None:
    """The account for a platform user who has just proved who they are; None if it is closed.
    Raises Refused when a first sign-in cannot be mapped (no office, an unknown office)."""
    identity = PlatformIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        PlatformIdentity.objects.filter(pk=identity.pk).update(last_login_at=timezone.now())
        return identity.user if identity.user.is_active else None
    office = _office(claims)
    user = _linkable(claims, office)
    how = f"关联到已有账号（{office.label}，电子邮箱经平台核实一致）" if user is not None else ""
    if user is None:
        user, how = _new_account(issuer, subject, claims, office)
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
