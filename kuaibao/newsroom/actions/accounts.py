"""Accounts: create a user with a role (and a unit for reporters), as the admin or CLI does."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from kuaibao.archive.models import Bulletin, Office, Unit, default_office
from kuaibao.archive.units import find_unit
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, office_of, require_office
from kuaibao.newsroom.models import Profile
from kuaibao.newsroom.roles import GROUP_NAMES, Role, ensure_groups, roles_of


@transaction.atomic
def create_account(
    username: str,
    password: str,
    role: Role,
    *,
    unit: str | None = None,
    display_name: str = "",
    email: str = "",
    office: Office | None = None,
) -> User:
    """Create an account in one role in `office` (default: the installation's only office);
    reporters must name their unit (from that office's directory)."""
    office = office if office is not None else Office.objects.get(pk=default_office())
    if User.objects.filter(username=username).exists():
        raise ActionError(f"账号 {username} 已存在")
    unit_row: Unit | None = None
    if role == Role.REPORTER:
        if not unit:
            raise ActionError("信息员必须指定所属单位")
        unit_row = find_unit(unit, office)
        if unit_row is None:
            raise ActionError(f"单位目录中没有“{unit}”")
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ActionError("；".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    ensure_groups()
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    Profile.objects.create(user=user, office=office, unit=unit_row, display_name=display_name)
    return user


# ---------------------------------------------------------------- administration of people
# What an administrator may do to accounts. The rules of who may grant what (and separation of
# duties) belong here, in one place; the administration pages and the command line call these.

ROLE_LABELS = {role: GROUP_NAMES[role] for role in Role}
# Who compiles an issue does not also approve or sign it (docs/DOMAIN.md: separate duties).
EXCLUSIVE = [({Role.EDITOR}, {Role.REVIEWER, Role.SIGNER})]


def _administrator(actor: Actor) -> None:
    user = actor.user
    if not (user.is_active and _is_admin(user)):
        raise Forbidden("只有管理员可以管理人员")


def check_roles(actor: Actor, roles: set[Role], unit: Unit | None) -> None:
    """The roles one person may hold, as this actor may grant them."""
    if not roles:
        raise ActionError("请至少选择一个角色")
    for one, other in EXCLUSIVE:
        if roles & one and roles & other and not Bulletin.objects.filter(single_person_office=True).exists():
            raise ActionError("同一人不能既是责任编辑又审核或签发（编审分离）")
    if Role.REPORTER in roles and unit is None:
        raise ActionError("信息员必须指定所属单位")
    if Role.ADMINISTRATOR in roles and not actor.user.is_superuser and not _is_admin(actor.user):
        raise Forbidden("只有管理员可以授予管理员角色")


def _same_office(actor: Actor, user: User) -> None:
    """An administrator manages the people of their own office only."""
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    if profile is not None and profile.office_id != office_of(actor).pk:
        raise Forbidden("只能管理本机关的人员")


def _is_admin(user: User) -> bool:
    return user.is_superuser or user.groups.filter(name=GROUP_NAMES[Role.ADMINISTRATOR]).exists()


def _set_roles(user: User, roles: set[Role]) -> None:
    ensure_groups()
    ours = Group.objects.filter(name__in=GROUP_NAMES.values())
    user.groups.remove(*ours)
    user.groups.add(*Group.objects.filter(name__in=[GROUP_NAMES[r] for r in roles]))
    user.is_staff = False  # Django's admin is for superusers only; administrators use the pages


def _password_ok(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ActionError("；".join(exc.messages)) from None


def new_password() -> str:
    """A password an administrator hands over once: 12 letters and digits, no look-alikes."""
    import secrets

    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


@transaction.atomic
def add_person(
    actor: Actor,
    *,
    username: str,
    display_name: str,
    roles: set[Role],
    unit: Unit | None = None,
    email: str = "",
    password: str = "",
) -> tuple[User, str]:
    """A new account with its name, roles and unit; returns it and its first password (made up
    when none is given, to be handed over once)."""
    _administrator(actor)
    username, display_name = username.strip(), display_name.strip()
    if not username or not display_name:
        raise ActionError("登录名和姓名都不能为空")
    if User.objects.filter(username__iexact=username).exists():
        raise ActionError(f"登录名“{username}”已被使用")
    check_roles(actor, roles, unit)
    office = office_of(actor)
    if unit is not None:
        require_office(actor, unit)
    password = password or new_password()
    user = User(username=username, email=email.strip())
    _password_ok(password, user)
    user.set_password(password)
    user.save()
    _set_roles(user, roles)
    user.save()
    Profile.objects.create(user=user, office=office, unit=unit, display_name=display_name[:50])
    audit(actor, "account.add", f"新建人员 {display_name}（{'、'.join(ROLE_LABELS[r] for r in sorted(roles))}）")
    return user, password


@transaction.atomic
def change_person(
    actor: Actor, user: User, *, display_name: str, roles: set[Role], unit: Unit | None, email: str, active: bool
) -> User:
    """Name, roles, unit, e-mail and whether the account is in use (a departed person is
    switched off, never deleted: their name stays on what they did)."""
    _administrator(actor)
    if user.is_superuser and not actor.user.is_superuser:
        raise Forbidden("系统管理员账号只能由系统管理员修改")
    if user.pk == actor.user.pk and not active:
        raise ActionError("不能停用自己的账号")
    if user.pk == actor.user.pk and not actor.user.is_superuser and set(roles) != roles_of(user):
        # An administrator who could give themselves 签发 (or anything else) could then act
        # on what they manage; another administrator does it, and the audit shows who.
        raise ActionError("不能修改自己的角色，请由另一位管理员办理")
    if not display_name.strip():
        raise ActionError("姓名不能为空")
    check_roles(actor, roles, unit)
    _same_office(actor, user)
    if unit is not None:
        require_office(actor, unit)
    _set_roles(user, roles)
    user.email = email.strip()
    user.is_active = active
    user.save()
    fields = {"unit": unit, "display_name": display_name.strip()[:50]}
    Profile.objects.update_or_create(user=user, defaults=fields, create_defaults={**fields, "office": office_of(actor)})
    audit(actor, "account.change", f"修改人员 {display_name.strip()} 的资料")
    return user


@transaction.atomic
def reset_password(actor: Actor, user: User, *, password: str = "") -> str:
    """A forgotten password replaced; returns the new one (made up when none is given)."""
    _administrator(actor)
    if user.is_superuser and not actor.user.is_superuser:
        raise Forbidden("系统管理员账号只能由系统管理员修改")
    _same_office(actor, user)
    password = password or new_password()
    _password_ok(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    name = getattr(getattr(user, "profile", None), "display_name", "") or user.get_username()
    audit(actor, "account.reset", f"重设 {name} 的密码")
    return password


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One row of a bulk import: where it came from (the sheet's row number) and what it says."""

    line: int
    display_name: str
    username: str
    roles: set[Role]
    unit: str
    email: str = ""


@transaction.atomic
def import_people(actor: Actor, rows: list[PersonRow]) -> list[tuple[User, str]]:
    """Many accounts at once (a sheet of 100 units' 信息员): all or none. An error names the row."""
    _administrator(actor)
    seen: set[str] = set()
    out = []
    for row in rows:
        key = row.username.lower()
        if key in seen:
            raise ActionError(f"第 {row.line} 行：登录名“{row.username}”在表中重复")
        seen.add(key)
        unit = None
        if row.unit:
            unit = find_unit(row.unit, office_of(actor))
            if unit is None:
                raise ActionError(f"第 {row.line} 行：单位目录中没有“{row.unit}”")
        try:
            person = add_person(
                actor, username=row.username, display_name=row.display_name, roles=row.roles, unit=unit, email=row.email
            )
            out.append(person)
        except ActionError as exc:
            raise ActionError(f"第 {row.line} 行：{exc.message}") from None
    return out
