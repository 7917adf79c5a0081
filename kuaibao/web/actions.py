"""The administration's writes on the units directory and the bulletins: each checks that the
actor is an administrator, runs in a transaction and writes its audit row (docs/STYLE.md)."""

from __future__ import annotations

from django.db import transaction

from kuaibao.archive.actions.units import UnitError, merge_units, update_unit
from kuaibao.archive.models import Bulletin, Section, Unit
from kuaibao.archive.units import guess_kind
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden, audit, office_of, require_office
from kuaibao.newsroom.models import ProofLeader, ProofPhrase
from kuaibao.web.access import is_administrator


def _administrator(actor: Actor) -> None:
    if not is_administrator(actor.user):
        raise Forbidden("只有管理员可以修改单位、刊物和审校词表")


@transaction.atomic
def add_unit(actor: Actor, *, name: str, kind: str, aliases: list[str]) -> Unit:
    _administrator(actor)
    office = office_of(actor)
    name = name.strip()
    if not name or Unit.objects.filter(office=office, name=name).exists():
        raise ActionError(f"已有单位“{name}”" if name else "名称不能为空")
    unit = Unit.objects.create(office=office, name=name, kind=kind or guess_kind(name))
    try:
        update_unit(unit, name=name, kind=unit.kind, aliases=aliases)
    except UnitError as exc:
        raise ActionError(str(exc)) from None
    audit(actor, "unit.add", f"新增报送单位 {unit.name}")
    return unit


@transaction.atomic
def change_unit(actor: Actor, unit: Unit, *, name: str, kind: str, aliases: list[str]) -> Unit:
    _administrator(actor)
    require_office(actor, unit)
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
    require_office(actor, gone, kept)
    name = gone.name
    try:
        moved = merge_units(gone, kept)
    except UnitError as exc:
        raise ActionError(str(exc)) from None
    audit(actor, "unit.merge", f"把 {name} 并入 {kept.name}（{moved} 条记录）")
    return moved


# The layout defaults an administrator may set beside the title, publisher and 本期发.
BULLETIN_LAYOUT = ("default_copies", "classification", "secrecy_period", "internal", "total_numbering", "font_profile")


@transaction.atomic
def change_bulletin(
    actor: Actor,
    bulletin: Bulletin,
    *,
    title: str,
    publisher: str,
    distribution: str,
    single_person_office: bool | None = None,
    **layout: object,
) -> Bulletin:
    """The bulletin's defaults for new issues: title, publisher, 本期发 and the layout fields
    (印数, 密级, 保密期限, 内部资料, 总期号, font profile); and whether one person may compile,
    review and sign an edition (a one-person office; audited when it changes)."""
    _administrator(actor)
    require_office(actor, bulletin)
    title = title.strip()
    if not title or Bulletin.objects.filter(office=bulletin.office, title=title).exclude(pk=bulletin.pk).exists():
        raise ActionError(f"已有刊物“{title}”" if title else "刊名不能为空")
    unknown = set(layout) - set(BULLETIN_LAYOUT)
    if unknown:
        raise ValueError(f"not a bulletin default: {sorted(unknown)}")
    if layout.get("secrecy_period") and not layout.get("classification", bulletin.classification):
        raise ActionError("没有密级时不标保密期限")
    bulletin.title, bulletin.publisher, bulletin.default_distribution = title, publisher.strip(), distribution.strip()
    for name, value in layout.items():
        setattr(bulletin, name, value)
    waiver = single_person_office is not None and single_person_office != bulletin.single_person_office
    if single_person_office is not None:
        bulletin.single_person_office = single_person_office
    bulletin.save()
    audit(actor, "bulletin.change", f"修改刊物{bulletin.title}的默认设置")
    if waiver:
        change = "允许一人编审签（编审分离豁免）" if single_person_office else "不再允许一人编审签（编审分离恢复）"
        audit(actor, "bulletin.duties", f"刊物{bulletin.title}{change}")
    return bulletin


@transaction.atomic
def add_section(actor: Actor, bulletin: Bulletin, name: str) -> Section:
    _administrator(actor)
    require_office(actor, bulletin)
    name = name.strip().strip("【】").strip()
    if not name:
        raise ActionError("栏目名称不能为空")
    section, _ = Section.objects.get_or_create(bulletin=bulletin, name=name)
    audit(actor, "bulletin.section", f"为{bulletin.title}新增栏目【{name}】")
    return section


# ---------------------------------------------------------------- the proofreading lists
# The 领导排序表 and the 规范提法/禁用词 list are the installation's, one for every office, so an
# administrator of one office must not change what the others' proofreading uses: they are kept by
# the administrators of the installation's top office (the only one without an office above it)
# and by superusers; with several top offices, by superusers only.


def may_keep_lists(user: object) -> bool:
    from django.contrib.auth.models import User

    from kuaibao.archive.models import Office
    from kuaibao.newsroom import scope

    if not isinstance(user, User) or not is_administrator(user):
        return False
    if user.is_superuser:
        return True
    office = scope.scope_of(user).office
    tops = list(Office.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:2])
    return office is not None and tops == [office.pk]


def _list_keeper(actor: Actor) -> None:
    _administrator(actor)
    if not may_keep_lists(actor.user):
        raise Forbidden("审校词表由各机关共用，只有最上级机关的管理员可以修改")

LEADER_FIELDS = ("name", "titles", "rank", "active", "note")
PHRASE_FIELDS = ("kind", "phrase", "suggestion", "source", "note", "severity", "active")


@transaction.atomic
def save_leader(actor: Actor, leader: ProofLeader | None, **fields: object) -> ProofLeader:
    """A row of the 领导排序表, new or changed; proofreading uses it from the next check on."""
    _list_keeper(actor)
    row = leader or ProofLeader()
    for name in LEADER_FIELDS:
        setattr(row, name, fields[name])
    if not row.title_list():
        raise ActionError("至少写一个职务")
    row.save()
    audit(actor, "proof.leader", f"{'修改' if leader else '新增'}领导排序：{row.titles} {row.name}（第 {row.rank} 位）")
    return row


@transaction.atomic
def remove_leader(actor: Actor, leader: ProofLeader) -> None:
    _list_keeper(actor)
    audit(actor, "proof.leader", f"从领导排序表删除 {leader.titles} {leader.name}")
    leader.delete()


@transaction.atomic
def save_phrase(actor: Actor, entry: ProofPhrase | None, **fields: object) -> ProofPhrase:
    """An entry of the 规范提法 / 禁用词 list with its source."""
    _list_keeper(actor)
    row = entry or ProofPhrase()
    for name in PHRASE_FIELDS:
        setattr(row, name, fields[name])
    clash = ProofPhrase.objects.filter(kind=row.kind, phrase=row.phrase).exclude(pk=row.pk)
    if clash.exists():
        raise ActionError(f"{row.get_kind_display()}中已有“{row.phrase}”")
    row.save()
    audit(actor, "proof.phrase", f"{'修改' if entry else '新增'}{row.get_kind_display()}“{row.phrase}”")
    return row


@transaction.atomic
def remove_phrase(actor: Actor, entry: ProofPhrase) -> None:
    _list_keeper(actor)
    audit(actor, "proof.phrase", f"删除{entry.get_kind_display()}“{entry.phrase}”")
    entry.delete()
