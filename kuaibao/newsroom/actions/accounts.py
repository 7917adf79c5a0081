"""Accounts: create a user with a role (and a unit for reporters), as the admin or CLI does."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from kuaibao.archive.models import Unit
from kuaibao.archive.units import find_unit
from kuaibao.newsroom.actions.base import ActionError
from kuaibao.newsroom.models import Profile
from kuaibao.newsroom.roles import GROUP_NAMES, Role, ensure_groups


@transaction.atomic
def create_account(
    username: str, password: str, role: Role, *, unit: str | None = None, display_name: str = "", email: str = ""
) -> User:
    """Create an account in one role; reporters must name their unit (from the directory)."""
    if User.objects.filter(username=username).exists():
        raise ActionError(f"账号 {username} 已存在")
    unit_row: Unit | None = None
    if role == Role.REPORTER:
        if not unit:
            raise ActionError("信息员必须指定所属单位")
        unit_row = find_unit(unit)
        if unit_row is None:
            raise ActionError(f"单位目录中没有“{unit}”")
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ActionError("；".join(exc.messages)) from None
    user.set_password(password)
    user.is_staff = role == Role.ADMINISTRATOR
    user.save()
    ensure_groups()
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    Profile.objects.create(user=user, unit=unit_row, display_name=display_name)
    return user
