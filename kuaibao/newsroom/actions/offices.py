"""Offices (机关): a system administrator sets up the tree; an office's administrator may add the
offices directly below their own (a city office its counties). Each new office below appears in
its parent's directory as a unit (下级机关), so that what it forwards arrives from it."""

from __future__ import annotations

from django.db import transaction

from kuaibao.archive.models import Office
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, office_of
from kuaibao.newsroom.actions.forwarding import office_unit
from kuaibao.newsroom.roles import is_administrator


@transaction.atomic
def create_office(actor: Actor, *, name: str, level: str, parent: Office | None = None, short_name: str = "") -> Office:
    """A new office under `parent` (None: a top office, for a system administrator only)."""
    if not is_administrator(actor.user):
        raise Forbidden("只有管理员可以新建机关")
    if not actor.user.is_superuser:
        if parent is None or office_of(actor).pk != parent.pk:
            raise Forbidden("只能在本机关之下新建下级机关")
    name, short_name = name.strip(), short_name.strip()
    if not name:
        raise ActionError("机关名称不能为空")
    if level not in Office.Level.values:
        raise ActionError("级别应为乡镇、县、市、省或国务院办公厅")
    if Office.objects.filter(name=name).exists():
        raise ActionError(f"已有机关“{name}”")
    office = Office.objects.create(name=name, short_name=short_name[:30], level=level, parent=parent)
    if parent is not None:
        office_unit(office)
    audit(actor, "office.create", f"新建机关{name}" + (f"（上级：{parent.name}）" if parent else ""))
    return office
