"""The units directory: resolve attribution names as written to canonical units.

A department written without the county prefix (商务局) and with it (县商务局) is one unit;
the canonical name carries the prefix, the other spelling becomes an alias. Townships (镇, 乡)
and subdistricts (街道) are named as they are. Unknown names create a unit, which an
administrator can merge or rename in the admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from kuaibao.archive.models import Office, Unit, UnitAlias, default_office

COUNTY_PREFIX = "县"


def guess_kind(name: str) -> str:
    if name.endswith(("街道", "街道办事处", "办事处")):
        return Unit.Kind.SUBDISTRICT
    if name.endswith(("镇", "乡")):
        return Unit.Kind.TOWNSHIP
    return Unit.Kind.DEPARTMENT


def canonical_name(name: str) -> str:
    """The directory's spelling of a name: departments carry the county prefix."""
    if guess_kind(name) != Unit.Kind.DEPARTMENT or name.startswith(COUNTY_PREFIX) or "县" in name[:4]:
        return name
    return COUNTY_PREFIX + name


def office_id(office: Office | None) -> int:
    """The office a name is looked up in: the one given, else the installation's only office."""
    return office.pk if office is not None else default_office()


def find_unit(name: str, office: Office | None = None) -> Unit | None:
    """The unit of `office`'s directory that `name` names (as its name or an alias)."""
    oid = office_id(office)
    unit = Unit.objects.filter(office_id=oid, name=name).first()
    if unit is not None:
        return unit
    alias = UnitAlias.objects.filter(office_id=oid, alias=name).select_related("unit").first()
    return alias.unit if alias is not None else None


def doubled_slip_of(name: str, office: Office | None = None) -> Unit | None:
    """The directory's unit that `name` is a typing slip of, one character doubled
    (县政务服务和大数数据管理局 for 县政务服务和大数据管理局): the item keeps the name as
    written (proofreading flags it), but no slipped unit joins the directory."""
    candidates = {name[:i] + name[i + 1 :] for i in range(1, len(name)) if name[i] == name[i - 1]}
    candidates |= {canonical_name(c) for c in candidates}
    if not candidates:
        return None
    return Unit.objects.filter(office_id=office_id(office), name__in=candidates).first()


def resolve_unit(name: str, office: Office | None = None) -> Unit:
    """The unit of `office`'s directory a written name stands for, creating it (and its alias)
    if new. A write. A name that is a known unit with one character doubled resolves to that unit."""
    unit = find_unit(name, office)
    if unit is not None:
        return unit
    slip = doubled_slip_of(name, office)
    if slip is not None:
        return slip
    canonical = canonical_name(name)
    unit = find_unit(canonical, office)
    oid = office_id(office)
    if unit is None:
        unit = Unit.objects.create(office_id=oid, name=canonical, kind=guess_kind(canonical))
    if canonical != name:
        UnitAlias.objects.get_or_create(office_id=oid, alias=name, defaults={"unit": unit})
    return unit


def resolve_units(names: Iterable[str], office: Office | None = None) -> list[Unit]:
    """Units of `office` for an attribution, in written order, each once."""
    out: list[Unit] = []
    for name in names:
        unit = resolve_unit(name, office)
        if unit not in out:
            out.append(unit)
    return out
