"""The administration's writes on the units directory and the bulletins: each checks that the
actor is an administrator, runs in a transaction and writes its audit row (docs/STYLE.md)."""

from __future__ import annotations

from django.db import transaction

from kuaibao.archive.actions.units import UnitError, merge_units, update_unit
from kuaibao.archive.models import Bulletin, Section, Unit
from kuaibao.archive.units import guess_kind
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit
from kuaibao.web.access import is_administrator


def _administrator(actor: Actor) -> None:
    if not is_administrator(actor.user):
        raise Forbidden("只有管理员可以修改单位和刊物")


@transaction.atomic
def add_unit(actor: Actor, *, name: str, kind: str, aliases: list[str]) -> Unit:
    _administrator(actor)
    name = name.strip()
    if not name or Unit.objects.filter(name=name).exists():
        raise ActionError(f"已有单位“{name}”" if name else "名称不能为空")
    unit = Unit.objects.create(name=name, kind=kind or guess_kind(name))
    try:
        update_unit(unit, name=name, kind=unit.kind, aliases=aliases)
    except UnitError as exc:
        raise ActionError(str(exc)) from None
    audit(actor, "unit.add", f"新增报送单位 {unit.name}")
    return unit


@transaction.atomic
def change_unit(actor: Actor, unit: Unit, *, name: str, kind: str, aliases: list[str]) -> Unit:
    _administrator(actor)
    before = unit.name
    try:
        update_unit(unit, name=name, kind=kind, aliases=aliases)
    except UnitError as exc:
        raise ActionError(str(exc)) from None
    renamed = f"（原名 {before}）" if before != unit.name else ""
    audit(actor, "unit.change", f"修改报送单位 {unit.name}{renamed}")
    return unit


@transaction.atomic
def merge(actor: Actor, gone: Unit, kept: Unit) -> int:
    """Two units that are one (a slip, a renamed office): `gone`'s items, submissions, people and
    records move to `kept`; its name becomes an alias."""
    _administrator(actor)
    name = gone.name
    try:
        moved = merge_units(gone, kept)
    except UnitError as exc:
        raise ActionError(str(exc)) from None
    audit(actor, "unit.merge", f"把 {name} 并入 {kept.name}（{moved} 条记录）")
    return moved


@transaction.atomic
def change_bulletin(actor: Actor, bulletin: Bulletin, *, title: str, publisher: str, distribution: str) -> Bulletin:
    _administrator(actor)
    title = title.strip()
    if not title or Bulletin.objects.filter(title=title).exclude(pk=bulletin.pk).exists():
        raise ActionError(f"已有刊物“{title}”" if title else "刊名不能为空")
    bulletin.title, bulletin.publisher, bulletin.default_distribution = title, publisher.strip(), distribution.strip()
    bulletin.save()
    audit(actor, "bulletin.change", f"修改刊物{bulletin.title}的默认设置")
    return bulletin


@transaction.atomic
def add_section(actor: Actor, bulletin: Bulletin, name: str) -> Section:
    _administrator(actor)
    name = name.strip().strip("【】").strip()
    if not name:
        raise ActionError("栏目名称不能为空")
    section, _ = Section.objects.get_or_create(bulletin=bulletin, name=name)
    audit(actor, "bulletin.section", f"为{bulletin.title}新增栏目【{name}】")
    return section
