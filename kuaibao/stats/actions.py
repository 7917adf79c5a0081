"""The statistics app's writes: external adoptions an editor records or removes, and which rule
set is active. Each checks permission, runs in a transaction and writes its audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kuaibao.archive.models import Item, Unit
from kuaibao.core.scoring import RuleSetError
from kuaibao.newsroom.actions.base import (
    ActionError,
    Actor,
    Forbidden,
    audit,
    notify,
    office_of,
    require,
    require_office,
)
from kuaibao.newsroom.models import Profile
from kuaibao.stats.models import ExternalAdoption, ExternalAdoptionUnit, ScoringRules
from kuaibao.stats.rules import active_rules_or_error, check


@transaction.atomic
def record_external_adoption(
    actor: Actor,
    *,
    level: str,
    date: dt.date,
    item: Item | None = None,
    title: str = "",
    units: Sequence[Unit] = (),
    form: str = "",
    outlet: str = "",
    instruction_level: str = "",
    note: str = "",
) -> ExternalAdoption:
    """Record that a higher outlet adopted an archive item (or an item known by title and units)."""
    require(actor, "edit", "只有责任编辑可以记录上级采用")
    office = office_of(actor)
    require_office(actor, *([item] if item is not None else []), *units)
    active, error = active_rules_or_error(office)
    if active is None:
        raise ActionError(error or "尚未设定评分规则")
    if level not in active.external_levels:
        raise ActionError(f"采用级别应为{'、'.join(active.external_levels)}之一")
    if form and form not in active.rules.outlets[level]:
        raise ActionError(f"{level}级采用没有“{form}”这种形式")
    if instruction_level and instruction_level not in active.rules.instructions:
        raise ActionError(f"评分规则中没有“{instruction_level}”这一批示级别")
    if date > timezone.localdate():
        raise ActionError("采用日期不能晚于今天")
    if item is not None:
        if not item.is_current:
            raise ActionError("请选择这条信息的当前版本")
        title = item.title
        units = [link.unit for link in item.itemunit_set.select_related("unit").order_by("position")]
    title = title.strip()
    if not title:
        raise ActionError("请填写标题或选择快报中的信息")
    if not units:
        raise ActionError("请填写报送单位")
    if len({unit.pk for unit in units}) != len(units):
        raise ActionError("报送单位重复")
    duplicate = ExternalAdoption.objects.filter(office=office, level=level, date=date, outlet=outlet.strip()[:100])
    duplicate = duplicate.filter(item=item) if item is not None else duplicate.filter(item=None, title=title[:300])
    if duplicate.exists():
        raise ActionError("这条采用已经记录过")
    adoption = ExternalAdoption.objects.create(
        office=office,
        item=item,
        title=title[:300],
        level=level,
        form=form,
        outlet=outlet.strip()[:100],
        date=date,
        instruction_level=instruction_level,
        note=note.strip()[:200],
        recorded_by=actor.user,
    )
    ExternalAdoptionUnit.objects.bulk_create(
        ExternalAdoptionUnit(adoption=adoption, unit=unit, position=n) for n, unit in enumerate(units)
    )
    label = f"{level}级{form or ''}采用"
    audit(
        actor,
        "adoption.record",
        f"记录{label}《{title}》" + (f"（{outlet.strip()}）" if outlet.strip() else ""),
        item=item,
        data={"adoption": adoption.pk, "level": level, "form": form, "date": date.isoformat()},
    )
    reporters = Profile.objects.filter(unit__in=units, user__is_active=True).select_related("user")
    url = reverse("archive:item", args=[item.pk]) if item is not None else ""
    notify([p.user for p in reporters], f"《{title}》被{label}", url)
    return adoption


@transaction.atomic
def remove_external_adoption(actor: Actor, adoption: ExternalAdoption) -> None:
    """Remove a wrongly recorded adoption; the audit row keeps what it was."""
    require(actor, "edit", "只有责任编辑可以删除上级采用记录")
    require_office(actor, adoption)
    audit(
        actor,
        "adoption.remove",
        f"删除{adoption.level}级采用记录《{adoption.title}》",
        item=adoption.item,
        data={"adoption": adoption.pk, "level": adoption.level, "date": adoption.date.isoformat()},
    )
    adoption.delete()


@transaction.atomic
def activate_rules(actor: Actor, rules: ScoringRules) -> ScoringRules:
    """Make `rules` the one rule set in use; administrators only."""
    if not actor.user.has_perm("stats.change_scoringrules"):
        raise Forbidden("只有管理员可以更换评分规则")
    require_office(actor, rules)
    try:
        check(rules.rules, rules.county_level, rules.county_instruction_level)
    except RuleSetError as exc:
        raise ActionError(f"评分规则“{rules.name}”有误：{exc.reason}") from None
    ScoringRules.objects.filter(office=rules.office, active=True).exclude(pk=rules.pk).update(active=False)
    ScoringRules.objects.filter(pk=rules.pk).update(active=True)
    rules.refresh_from_db()
    audit(actor, "rules.activate", f"启用评分规则“{rules.name}”", data={"rules": rules.pk})
    return rules


@transaction.atomic
def save_rules(
    actor: Actor,
    row: ScoringRules | None,
    *,
    name: str,
    rules: dict[str, object],
    county_level: str,
    county_instruction_level: str,
    feedback_days: int,
    note: str = "",
) -> ScoringRules:
    """Add a rule set or change one (the active one takes effect at once); the core scorer must
    accept it first. Administrators only."""
    if not actor.user.has_perm("stats.change_scoringrules"):
        raise Forbidden("只有管理员可以修改评分规则")
    office = office_of(actor)
    if row is not None:
        require_office(actor, row)
    try:
        check(rules, county_level, county_instruction_level)
    except RuleSetError as exc:
        raise ActionError(exc.reason) from None
    name = name.strip()
    clash = ScoringRules.objects.filter(office=office, name=name)
    if row is not None:
        clash = clash.exclude(pk=row.pk)
    if not name or clash.exists():
        raise ActionError(f"已有名为“{name}”的评分规则" if name else "名称不能为空")
    row = row or ScoringRules(office=office)
    row.name, row.rules, row.note = name, rules, note.strip()
    row.county_level, row.county_instruction_level = county_level, county_instruction_level
    row.feedback_days = feedback_days
    row.save()
    audit(actor, "rules.save", f"保存评分规则“{row.name}”", data={"rules": row.pk})
    return row
