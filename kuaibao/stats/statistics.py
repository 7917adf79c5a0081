"""Statistics per unit and period, and the ranking the core scorer makes of them.

Per unit: items submitted through the newsroom, items the archive credits it with (adopted by
the county bulletin; a joint item counts for each of its units), adoptions by higher outlets,
约稿 answered on time, late or not at all, 批示 received and answered. The same data become
the scorer's records: every archive item is a county-level adoption, every recorded external
adoption one at its level; late and missing 约稿 and unanswered 批示 are penalties; the
monthly counts feed the quotas, by unit category (部门, 乡镇, 街道).

Which period a record belongs to: a submission by when it was submitted, an item by its issue
date, an external adoption by its date, a 约稿 by its deadline, a 批示 (as received, and as
a penalty when unanswered after the rules' days) by when it was written. A 批示's bonus or
multiplier goes with the item it is on, whenever it was written, since it changes that item's
points: it counts in the period the item was adopted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from kuaibao.archive.dates import Month
from kuaibao.archive.models import Item, ItemUnit, Office, Unit, default_office
from kuaibao.core import scoring
from kuaibao.newsroom.actions.forwarding import Step, chain, published_item
from kuaibao.newsroom.models import Instruction, Profile, Request, Submission
from kuaibao.newsroom.queries import answers
from kuaibao.stats.models import ExternalAdoption, ExternalAdoptionUnit
from kuaibao.stats.periods import Period
from kuaibao.stats.rules import COMMISSION_PENALTY, FEEDBACK_PENALTY, ActiveRules, active_rules_or_error

ANSWER_LABELS = {"late": "逾期", "missing": "未报送"}


@dataclass(slots=True)
class UnitStats:
    """One unit's figures for a period."""

    unit: str
    kind: str  # 部门, 乡镇, 街道, 其他
    submitted: int = 0
    adopted: int = 0
    external: int = 0
    commissions: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    instructions: int = 0
    answered: int = 0

    @property
    def adoption_rate(self) -> Decimal | None:
        """Adopted per submitted, in percent (None without submissions). Items submitted
        outside the system (by paper, before the newsroom) can make it exceed 100."""
        if not self.submitted:
            return None
        return (Decimal(self.adopted) * 100 / self.submitted).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class _Adopted:
    key: str
    units: tuple[str, ...]
    level: str | None  # None: the county bulletin
    month: str
    form: str | None = None
    instruction_level: str = ""
    title: str = ""
    where: str = ""
    # Credit earned above (转报): scored only at the levels the office's rules configure.
    above: bool = False


@dataclass(slots=True)
class PeriodData:
    """Everything read from the database for one period."""

    period: Period
    now: dt.datetime
    office: Office
    stats: dict[str, UnitStats] = field(default_factory=dict)
    monthly: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    adopted: list[_Adopted] = field(default_factory=list)
    penalties: list[scoring.Penalty] = field(default_factory=list)
    county_instructions: dict[str, int] = field(default_factory=dict)
    # 批示 above on items forwarded up: (item key, the leader's office level), each once.
    upper_instructions: set[tuple[str, str]] = field(default_factory=set)
    instructions_received: int = 0
    instructions_answered: int = 0

    def unit(self, unit: Unit) -> UnitStats:
        if unit.name not in self.stats:
            self.stats[unit.name] = UnitStats(unit.name, unit.get_kind_display())
        return self.stats[unit.name]


def window(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes [start, end) in the configured time zone."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return start, end


def month_of(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def the_office(office: Office | None) -> Office:
    """The office figures are for (default: the installation's only office)."""
    return office if office is not None else Office.objects.get(pk=default_office())


def collect(
    period: Period, *, now: dt.datetime | None = None, rules: ActiveRules | None = None, office: Office | None = None
) -> PeriodData:
    """Read one office's submissions, items, external adoptions, 约稿 and 批示 of the period."""
    data = PeriodData(period, now or timezone.now(), the_office(office))
    _expected_units(data, rules)
    _submissions(data)
    _county_items(data)
    _external(data)
    _commissions(data)
    _instructions(data, rules)
    _credit_above(data)
    return data


def _expected_units(data: PeriodData, rules: ActiveRules | None) -> None:
    """Units listed even when silent: those with a reporter, and those a quota applies to."""
    reporting = Unit.objects.filter(
        office=data.office,
        pk__in=Profile.objects.filter(user__is_active=True, unit__isnull=False).values("unit_id"),
    )
    for unit in reporting:
        data.unit(unit)
    if rules is not None and rules.rules.quotas:
        labels = dict(Unit.Kind.choices)
        kinds = [kind for kind, label in labels.items() if label in rules.rules.quotas]
        for unit in Unit.objects.filter(office=data.office, kind__in=kinds):
            data.unit(unit)


def _submissions(data: PeriodData) -> None:
    start, end = window(data.period)
    rows = Submission.objects.filter(unit__office=data.office, submitted_at__gte=start, submitted_at__lt=end)
    rows = rows.select_related("unit")
    for submission in rows.only("unit", "submitted_at"):
        if submission.submitted_at is None:  # excluded by the filter; for the type checker
            continue
        data.unit(submission.unit).submitted += 1
        data.monthly[(submission.unit.name, month_of(timezone.localtime(submission.submitted_at).date()))][0] += 1


def _county_items(data: PeriodData) -> None:
    links = (
        ItemUnit.objects.filter(
            item__bulletin__office=data.office,
            item__is_current=True,
            item__date__range=(data.period.start, data.period.end),
        )
        .order_by("item_id", "position")
        .values_list("item_id", "item__date", "item__title", "unit__name", "unit__kind", "item__bulletin__info_type")
    )
    units: dict[int, list[str]] = {}
    dates: dict[int, dt.date] = {}
    titles: dict[int, str] = {}
    forms: dict[int, str] = {}
    labels = dict(Unit.Kind.choices)
    for item_id, date, title, name, kind, info_type in links:
        units.setdefault(item_id, []).append(name)
        dates[item_id] = date
        titles[item_id] = title
        forms[item_id] = info_type
        if name not in data.stats:
            data.stats[name] = UnitStats(name, labels.get(kind, kind))
        data.stats[name].adopted += 1
        data.monthly[(name, month_of(date))][1] += 1
    for item_id, names in units.items():
        data.adopted.append(
            _Adopted(
                f"item:{item_id}",
                tuple(names),
                None,
                month_of(dates[item_id]),
                forms[item_id] or None,  # the bulletin's 信息类别 is the adoption's form
                title=titles[item_id],
            )
        )


def _external(data: PeriodData) -> None:
    rows = ExternalAdoption.objects.filter(
        office=data.office, date__range=(data.period.start, data.period.end)
    ).prefetch_related(
        Prefetch("externaladoptionunit_set", queryset=ExternalAdoptionUnit.objects.select_related("unit")),
        Prefetch("item__itemunit_set", queryset=ItemUnit.objects.select_related("unit").order_by("position")),
    )
    for adoption in rows:
        if adoption.item is not None:
            units = [link.unit for link in adoption.item.itemunit_set.all()]
            key = f"item:{adoption.item_id}"
        else:
            units = [link.unit for link in adoption.externaladoptionunit_set.all()]
            key = f"adoption:{adoption.pk}"
        for unit in units:
            data.unit(unit).external += 1
        if units:
            data.adopted.append(
                _Adopted(
                    key,
                    tuple(u.name for u in units),
                    adoption.level,
                    month_of(adoption.date),
                    adoption.form or None,
                    adoption.instruction_level,
                    adoption.title,
                )
            )


def _commissions(data: PeriodData) -> None:
    start, end = window(data.period)
    commissions = Request.objects.filter(
        office=data.office, kind=Request.Kind.COMMISSION, deadline__gte=start, deadline__lt=end
    )
    for request in commissions.order_by("deadline"):
        if request.deadline is None:  # excluded by the filter; for the type checker
            continue
        month = month_of(timezone.localtime(request.deadline).date())
        for answer in answers(request, now=data.now):
            stats = data.unit(answer.unit)
            stats.commissions += 1
            if answer.state == "on_time":
                stats.on_time += 1
            elif answer.state == "late":
                stats.late += 1
            elif answer.state == "missing":
                stats.missing += 1
            if answer.state in ANSWER_LABELS:
                ref = f"约稿“{request.title}”{ANSWER_LABELS[answer.state]}"
                data.penalties.append(scoring.Penalty(answer.unit.name, month, COMMISSION_PENALTY, ref))


def _instructions(data: PeriodData, rules: ActiveRules | None) -> None:
    start, end = window(data.period)
    received = Instruction.objects.filter(
        item__bulletin__office=data.office, created_at__gte=start, created_at__lt=end
    ).prefetch_related(
        Prefetch("item__itemunit_set", queryset=ItemUnit.objects.select_related("unit").order_by("position"))
    )
    grace = dt.timedelta(days=rules.row.feedback_days if rules else 7)
    for instruction in received.select_related("item").order_by("created_at"):
        overdue = not instruction.feedback and instruction.created_at + grace < data.now
        data.instructions_received += 1
        data.instructions_answered += bool(instruction.feedback)
        month = month_of(timezone.localtime(instruction.created_at).date())
        for link in instruction.item.itemunit_set.all():
            stats = data.unit(link.unit)
            stats.instructions += 1
            stats.answered += bool(instruction.feedback)
            if overdue:
                ref = f"《{instruction.item.title[:30]}》"
                data.penalties.append(scoring.Penalty(link.unit.name, month, FEEDBACK_PENALTY, ref))
    county_keys = [a.key for a in data.adopted if a.level is None]
    ids = [int(key.removeprefix("item:")) for key in county_keys]
    counts = Instruction.objects.filter(item_id__in=ids).values("item_id").annotate(n=Count("id"))
    data.county_instructions = {f"item:{row['item_id']}": row["n"] for row in counts}


def _credit_above(data: PeriodData) -> None:
    """What the office's items earned above it (逐级报送): each item it forwarded up is credited,
    for every office up the chain that adopted it into a signed issue in the period, to the units
    it is attributed to here (the item's units in this office's own issue, else the unit that
    sent it), as an adoption at that office's level in the form of that office's bulletin; a
    forwarding that an office above passed on counts as 报 + the next level (转报 credit, where
    the rules give it); and 批示 there by that office's leaders, once per level."""

    roots = Submission.objects.filter(unit__office=data.office, forwards__isnull=False).select_related("unit")
    for root in roots.distinct().order_by("pk"):
        own = published_item(root)
        key = f"item:{own.pk}" if own is not None else f"submission:{root.pk}"
        names = tuple(own.units.order_by("itemunit__position").values_list("name", flat=True)) if own else ()
        units = names or (root.unit.name,)
        steps = chain(root)
        for position, step in enumerate(steps):
            if position + 1 < len(steps):  # passed on to the next office: 转报 credit
                _forwarded(data, key, units, root.title, step, steps[position + 1])
            if position == 0:
                continue
            item = step.item
            if step.submission.status != Submission.Status.ADOPTED or item is None or not item.is_current:
                continue
            if not data.period.start <= item.date <= data.period.end:
                continue
            issue = item.revision.issue
            data.adopted.append(
                _Adopted(
                    key,
                    units,
                    step.office.level,
                    month_of(item.date),
                    issue.bulletin.info_type or None,
                    title=root.title,
                    where=str(issue),
                    above=True,
                )
            )
            for name in units:
                if name in data.stats:
                    data.stats[name].external += 1
            for level in Instruction.objects.filter(item=item).exclude(level="").values_list("level", flat=True):
                data.upper_instructions.add((key, level))


def _forwarded(data: PeriodData, key: str, units: tuple[str, ...], title: str, step: Step, upper: Step) -> None:
    sent = upper.submission.submitted_at
    if sent is None or not data.period.start <= timezone.localtime(sent).date() <= data.period.end:
        return
    data.adopted.append(
        _Adopted(
            key,
            units,
            f"报{upper.office.level}",
            month_of(timezone.localtime(sent).date()),
            title=title,
            where=f"{step.office.label}转报{upper.office.label}",
            above=True,
        )
    )


LEADER_OF = {"国务院办公厅": "国务院领导"}


def instruction_key(level: str, rules: scoring.RuleSet) -> str | None:
    """The rules' key for a 批示 by a leader of an office of `level` (市 → 市领导, or 市)."""
    for key in (f"{level}领导", level, LEADER_OF.get(level, "")):
        if key in rules.instructions:
            return key
    return None


def unit_statistics(period: Period, *, now: dt.datetime | None = None, office: Office | None = None) -> list[UnitStats]:
    """Each unit's figures for the period, most adopted first."""
    office = the_office(office)
    rules, _ = active_rules_or_error(office)
    data = collect(period, now=now, rules=rules, office=office)
    return sorted(data.stats.values(), key=lambda s: (-s.adopted, -s.submitted, s.unit))


def records(data: PeriodData, active: ActiveRules) -> scoring.Records:
    """The period's data as the scorer's records under the active rules' mapping."""
    row, rules = active.row, active.rules
    adopted = [a for a in data.adopted if not a.above or a.level in rules.outlets]
    adoptions = tuple(
        scoring.Adoption(a.key, a.units, a.level or row.county_level, a.month, a.form, a.title, a.where)
        for a in adopted
    )
    keys = {a.key for a in adopted}
    instructions: list[scoring.Instruction] = []
    if row.county_instruction_level in rules.instructions:
        # Several 批示 by this office's leaders on one item count once (a repeated 批示 at one
        # level is not counted again: 湖政办函〔2018〕9号 二(一)4).
        instructions.extend(scoring.Instruction(key, row.county_instruction_level) for key in data.county_instructions)
    instructions.extend(
        scoring.Instruction(a.key, a.instruction_level) for a in adopted if a.level and a.instruction_level
    )
    # 批示 above: once per item and level (a repeated 批示 at one level is not counted again).
    upper = {(key, instruction_key(level, rules)) for key, level in data.upper_instructions if key in keys}
    instructions.extend(scoring.Instruction(key, rule) for key, rule in sorted(upper) if rule is not None)
    penalties = tuple(p for p in data.penalties if p.kind in rules.penalties)
    counts = tuple(
        scoring.MonthlyCount(unit, month, submitted, adopted)
        for (unit, month), (submitted, adopted) in sorted(data.monthly.items())
    )
    return scoring.Records(
        adoptions=adoptions,
        instructions=tuple(instructions),
        penalties=penalties,
        counts=counts,
        categories={name: stats.kind for name, stats in data.stats.items()},
        months=data.period.months_until(timezone.localtime(data.now).date()),
    )


@dataclass(frozen=True, slots=True)
class RankRow:
    stats: UnitStats
    score: scoring.UnitScore
    lines: tuple[scoring.Line, ...]


@dataclass(frozen=True, slots=True)
class Ranking:
    """考核排名: each unit's statistics and score for a period under the active rules."""

    period: Period
    rules: ActiveRules | None
    rows: tuple[RankRow, ...]
    generated_at: dt.datetime
    error: str | None = None

    summary: Summary | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """The period in a few numbers, for the circular's opening paragraph."""

    units: int
    submitted: int
    adopted_items: int
    external: int
    commissions: int
    on_time: int
    instructions: int
    answered: int

    @classmethod
    def of(cls, data: PeriodData) -> Summary:
        stats = data.stats.values()
        return cls(
            units=sum(1 for s in stats if s.submitted or s.adopted or s.external),
            submitted=sum(s.submitted for s in stats),
            adopted_items=sum(1 for a in data.adopted if a.level is None),
            external=sum(1 for a in data.adopted if a.level is not None and not (a.above and a.level.startswith("报"))),
            commissions=sum(s.commissions for s in stats),
            on_time=sum(s.on_time for s in stats),
            instructions=data.instructions_received,
            answered=data.instructions_answered,
        )


def ranking(period: Period, *, now: dt.datetime | None = None, office: Office | None = None) -> Ranking:
    """Score every unit of an office for the period with the office's active rule set."""
    now = now or timezone.now()
    office = the_office(office)
    active, error = active_rules_or_error(office)
    if active is None:
        return Ranking(period, None, (), now, error)
    data = collect(period, now=now, rules=active, office=office)
    try:
        board = scoring.score(records(data, active), active.rules)
    except scoring.RuleSetError as exc:
        return Ranking(period, active, (), now, f"按当前规则无法计分：{exc.reason}")
    lines: dict[str, list[scoring.Line]] = defaultdict(list)
    for line in board.lines:
        lines[line.unit].append(line)
    rows = tuple(RankRow(data.stats[s.unit], s, tuple(lines[s.unit])) for s in board.units)
    return Ranking(period, active, rows, now, summary=Summary.of(data))


# ---------------------------------------------------------------- chart series


def items_per_month(year: int, office: Office | None = None) -> list[tuple[str, int]]:
    """Current items of the office's bulletins per month of a year."""
    rows = (
        Item.objects.filter(bulletin__office=the_office(office), is_current=True, date__year=year)
        .annotate(m=Month("date"))
        .values("m")
        .annotate(n=Count("id"))
    )
    counts = {row["m"]: row["n"] for row in rows}
    return [(f"{m}月", counts.get(m, 0)) for m in range(1, 13)]


def items_per_section(period: Period, limit: int = 15, office: Office | None = None) -> list[tuple[str, int]]:
    rows = (
        Item.objects.filter(
            bulletin__office=the_office(office), is_current=True, date__range=(period.start, period.end)
        )
        .values("section__name")
        .annotate(n=Count("id"))
        .order_by("-n", "section__name")[:limit]
    )
    return [(row["section__name"] or "（无栏目）", row["n"]) for row in rows]


def items_per_unit(period: Period, limit: int = 20, office: Office | None = None) -> list[tuple[str, int]]:
    """Items crediting each unit of the office (a joint item counts for each), most first."""
    current = Q(items__is_current=True, items__date__range=(period.start, period.end))
    rows = (
        Unit.objects.filter(office=the_office(office))
        .annotate(n=Count("items", filter=current))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values_list("name", "n")[:limit]
    )
    return list(rows)
