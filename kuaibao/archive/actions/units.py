"""The units directory's writes: rename, aliases, and merging two units into one.

A merge moves every row that points at the unit going away, in every app (found through the
model's relations, so a table added later is moved too), onto the unit kept; a row that would
then repeat (the same item credited twice) is dropped. The moved items are re-indexed for
search, whose unit filter is keyed by unit."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction

from kuaibao.archive import search
from kuaibao.archive.models import Item, Unit, UnitAlias


class UnitError(ValueError):
    """A change the directory refuses; the message says why, in Chinese."""


@transaction.atomic
def update_unit(unit: Unit, *, name: str, kind: str, aliases: list[str]) -> Unit:
    name = name.strip()
    if not name:
        raise UnitError("名称不能为空")
    # Names and aliases are unique within the unit's office (another office may have its own 商务局).
    units = Unit.objects.filter(office=unit.office)
    if units.filter(name=name).exclude(pk=unit.pk).exists():
        raise UnitError(f"已有单位“{name}”；如是同一单位，请用“合并”")
    taken = (
        UnitAlias.objects.filter(office=unit.office, alias__in=aliases)
        .exclude(unit=unit)
        .select_related("unit")
        .first()
    )
    if taken is not None:
        raise UnitError(f"别名“{taken.alias}”已属于{taken.unit.name}")
    if units.filter(name__in=aliases).exclude(pk=unit.pk).exists():
        raise UnitError("别名不能是另一个单位的规范名称；如是同一单位，请用“合并”")
    unit.name, unit.kind = name, kind
    unit.save()
    unit.aliases.exclude(alias__in=aliases).delete()
    for alias in aliases:
        if alias != name:
            UnitAlias.objects.get_or_create(office=unit.office, alias=alias, defaults={"unit": unit})
    return unit


def _unique_with(model: type[models.Model], field: str) -> list[str]:
    """Other fields that form a unique constraint together with `field` on `model`."""
    out = []
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()))
        if isinstance(constraint, models.UniqueConstraint) and field in fields and len(fields) == 2:
            out += [f for f in fields if f != field]
    return out


@transaction.atomic
def merge_units(gone: Unit, kept: Unit) -> int:
    """Move everything of `gone` onto `kept`, keep `gone`'s name as an alias, delete `gone`.
    Returns the number of rows moved."""
    if gone.pk == kept.pk:
        raise UnitError("不能把单位并入它自己")
    if gone.office_id != kept.office_id:
        raise UnitError("只能合并同一机关的单位")
    affected = list(Item.objects.filter(itemunit__unit=gone).values_list("pk", flat=True))
    old_rows = list(Item.objects.filter(pk__in=affected).values_list("id", "title", "body", "date", "search_tags"))
    moved = 0
    for relation in Unit._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many:
            through = getattr(relation, "through", None)
            if through is not None and not through._meta.auto_created:
                continue  # the through model is itself a one-to-many relation below
            for row in model._default_manager.filter(**{relation.field.name: gone}):
                getattr(row, relation.field.name).add(kept)
                getattr(row, relation.field.name).remove(gone)
                moved += 1
            continue
        field = relation.field.name
        for other in _unique_with(model, field):
            clashing = model._default_manager.filter(**{field: kept}).values_list(other, flat=True)
            model._default_manager.filter(**{field: gone, f"{other}__in": clashing}).delete()
        moved += model._default_manager.filter(**{field: gone}).update(**{field: kept})
    name = gone.name
    gone.delete()
    UnitAlias.objects.get_or_create(office=kept.office, alias=name, defaults={"unit": kept})
    _reindex(old_rows)
    return moved


def _reindex(old_rows: list[tuple[int, str, str, dt.date, str]]) -> None:
    if not old_rows:
        return
    search.remove_items(old_rows)
    fresh = []
    for item in Item.objects.filter(pk__in=[row[0] for row in old_rows]).prefetch_related("itemunit_set"):
        units = [link.unit_id for link in item.itemunit_set.all()]
        item.search_tags = search.tags_for(item.bulletin_id, item.section_id, units)
        item.save(update_fields=["search_tags"])
        if item.is_current:
            fresh.append((item.id, item.title, item.body, item.date, item.search_tags))
    search.add_items(fresh)
