"""考核: score reporting units from plain records under a configurable rule set.

Offices score differently, so every number is configuration (`RuleSet`, readable from JSON):
points per outlet level and adoption form, a leader's instruction (批示) as a bonus or a
multiplier, the split of a joint item between its units, penalties (约稿逾期, 批示未反馈, 迟报 /
漏报 / 瞒报) and monthly quotas whose base score is forfeited when missed. `score` is a pure
function of the records and the rules; every point it gives comes with a line saying why, so a
circular (采用情况通报) can show its working.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any, Literal

from kuaibao.core.errors import KuaibaoError

CENT = Decimal("0.01")
Combine = Literal["sum", "max"]


class RuleSetError(KuaibaoError):
    """A rule set or a record that the rules cannot score; the message is one line in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class InstructionRule:
    """批示 by a leader of one level: points added, or the item's points multiplied. `by_form`
    gives another bonus when the item was adopted in that form (湖州: 每日要情 +10, 专报信息 +20);
    the largest that applies is used."""

    bonus: Decimal = Decimal(0)
    multiplier: Decimal = Decimal(1)
    by_form: Mapping[str, Decimal] = field(default_factory=dict)

    def bonus_for(self, forms: Iterable[str]) -> Decimal:
        found = [self.by_form[form] for form in forms if form in self.by_form]
        return max(found) if found else self.bonus


@dataclass(frozen=True, slots=True)
class QuotaRule:
    """A monthly minimum for a category of units (乡镇 ≥ 8 items): `base` points when met;
    when missed the base is forfeited and `per_missing` is deducted for each item short."""

    minimum: int
    base: Decimal
    counts: Literal["submitted", "adopted"] = "submitted"
    per_missing: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One office's scoring rules.

    `outlets` maps an outlet level (县, 市, 省, 国务院办公厅) to points per adoption form (全文,
    摘要, 综合); `default_form` is the form of an adoption that names none. `instructions`
    maps a leader level to its bonus or multiplier; `instruction_combine` says whether several
    instructions on one item all count ("sum": bonuses add up, the largest multiplier applies)
    or only the one worth most ("max"), and `adoption_combine` whether one item adopted by
    several outlets earns every adoption ("sum") or the best one ("max"). A joint item's points
    go `lead_share` to its first unit and the rest equally to the others (None: all equal).
    """

    outlets: Mapping[str, Mapping[str, Decimal]]
    default_form: str = "全文"
    instructions: Mapping[str, InstructionRule] = field(default_factory=dict)
    instruction_combine: Combine = "sum"
    adoption_combine: Combine = "sum"
    lead_share: Decimal | None = None
    penalties: Mapping[str, Decimal] = field(default_factory=dict)
    quotas: Mapping[str, QuotaRule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(bool(self.outlets), "评分规则至少要有一个采用级别")
        for level, forms in self.outlets.items():
            _check(bool(forms), f"采用级别“{level}”没有配置分值")
            for form, points in forms.items():
                _check(points >= 0, f"“{level}”“{form}”的分值不能为负")
        for level, rule in self.instructions.items():
            _check(rule.bonus >= 0 and rule.multiplier >= 1, f"“{level}”批示的加分不能为负、倍数不能小于 1")
            _check(all(p >= 0 for p in rule.by_form.values()), f"“{level}”批示的加分不能为负")
        for kind, points in self.penalties.items():
            _check(points >= 0, f"扣分项“{kind}”请写正数（扣分时自动取负）")
        _check(self.lead_share is None or 0 < self.lead_share <= 1, "牵头单位分成比例应在 0 到 1 之间")
        _check(self.instruction_combine in ("sum", "max"), "批示合并方式只能是 sum 或 max")
        _check(self.adoption_combine in ("sum", "max"), "多级采用合并方式只能是 sum 或 max")
        for category, quota in self.quotas.items():
            _check(quota.minimum >= 0 and quota.base >= 0 and quota.per_missing >= 0, f"“{category}”的定额配置有误")
            _check(quota.counts in ("submitted", "adopted"), f"“{category}”的定额只能按报送或采用计数")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        """Read a rule set from JSON-shaped data (numbers as numbers or decimal strings)."""
        try:
            return cls(
                outlets={level: {f: _dec(p) for f, p in forms.items()} for level, forms in data["outlets"].items()},
                default_form=str(data.get("default_form", "全文")),
                instructions={
                    level: InstructionRule(
                        _dec(rule.get("bonus", 0)),
                        _dec(rule.get("multiplier", 1)),
                        {form: _dec(p) for form, p in rule.get("by_form", {}).items()},
                    )
                    for level, rule in data.get("instructions", {}).items()
                },
                instruction_combine=data.get("instruction_combine", "sum"),
                adoption_combine=data.get("adoption_combine", "sum"),
                lead_share=None if data.get("lead_share") is None else _dec(data["lead_share"]),
                penalties={kind: _dec(p) for kind, p in data.get("penalties", {}).items()},
                quotas={
                    category: QuotaRule(
                        int(q["minimum"]), _dec(q["base"]), q.get("counts", "submitted"), _dec(q.get("per_missing", 0))
                    )
                    for category, q in data.get("quotas", {}).items()
                },
            )
        except KeyError as exc:
            raise RuleSetError(f"评分规则格式有误：缺少“{exc.args[0]}”") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            raise RuleSetError(f"评分规则格式有误：{exc}") from None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data that `from_dict` reads back to an equal rule set."""
        return {
            "outlets": {level: {form: str(p) for form, p in forms.items()} for level, forms in self.outlets.items()},
            "default_form": self.default_form,
            "instructions": {
                level: {"bonus": str(rule.bonus), "multiplier": str(rule.multiplier)}
                | ({"by_form": {form: str(p) for form, p in rule.by_form.items()}} if rule.by_form else {})
                for level, rule in self.instructions.items()
            },
            "instruction_combine": self.instruction_combine,
            "adoption_combine": self.adoption_combine,
            "lead_share": None if self.lead_share is None else str(self.lead_share),
            "penalties": {kind: str(p) for kind, p in self.penalties.items()},
            "quotas": {
                name: {"minimum": q.minimum, "base": str(q.base), "counts": q.counts, "per_missing": str(q.per_missing)}
                for name, q in self.quotas.items()
            },
        }


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Adoption:
    """An item adopted by an outlet of some level, credited to its units (first: the lead)."""

    item: str
    units: tuple[str, ...]
    level: str
    month: str
    form: str | None = None
    title: str = ""  # what people call the item (its title), for the reasons; `item` is only a key
    where: str = ""  # the issue or outlet that adopted it, so that each point can be traced


@dataclass(frozen=True, slots=True)
class Instruction:
    """领导批示 on an adopted item by a leader of some level."""

    item: str
    level: str


@dataclass(frozen=True, slots=True)
class Penalty:
    """A deduction of some kind (约稿逾期, 批示未反馈, 漏报 …) against a unit in a month."""

    unit: str
    month: str
    kind: str
    ref: str = ""


@dataclass(frozen=True, slots=True)
class MonthlyCount:
    """Items a unit submitted and had adopted in one month."""

    unit: str
    month: str
    submitted: int
    adopted: int = 0


@dataclass(frozen=True, slots=True)
class Records:
    """Everything scored for one period. `categories` maps units to a quota category (乡镇);
    `months` are the months whose quotas are checked (default: those of `counts`), so a unit
    with no count in such a month has submitted nothing."""

    adoptions: tuple[Adoption, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    counts: tuple[MonthlyCount, ...] = ()
    categories: Mapping[str, str] = field(default_factory=dict)
    months: tuple[str, ...] = ()


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Line:
    """One reason for points: what, for which unit, in which month, how many (negative: deducted)."""

    unit: str
    month: str
    kind: Literal["adoption", "penalty", "quota"]
    points: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class UnitScore:
    unit: str
    adoption: Decimal
    penalty: Decimal
    quota: Decimal
    adopted_items: int
    rank: int

    @property
    def total(self) -> Decimal:
        return self.adoption + self.penalty + self.quota


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """Units by total, highest first; equal totals share a rank (1, 2, 2, 4)."""

    units: tuple[UnitScore, ...]
    lines: tuple[Line, ...]

    def of(self, unit: str) -> UnitScore:
        for score in self.units:
            if score.unit == unit:
                return score
        raise KeyError(unit)


# ---------------------------------------------------------------- scoring


def score(records: Records, rules: RuleSet) -> Scoreboard:
    """Score every unit named in the records under `rules`."""
    lines = [*_adoption_lines(records, rules), *_penalty_lines(records, rules), *_quota_lines(records, rules)]
    units = _all_units(records)
    totals = {unit: {"adoption": Decimal(0), "penalty": Decimal(0), "quota": Decimal(0)} for unit in units}
    for line in lines:
        totals[line.unit][line.kind] += line.points
    adopted = {unit: len({a.item for a in records.adoptions if unit in a.units}) for unit in units}
    ordered = sorted(units, key=lambda u: (-sum(totals[u].values()), u))
    scores: list[UnitScore] = []
    for position, unit in enumerate(ordered, start=1):
        total = sum(totals[unit].values())
        tied = scores and sum((scores[-1].adoption, scores[-1].penalty, scores[-1].quota)) == total
        rank = scores[-1].rank if tied else position
        t = totals[unit]
        scores.append(UnitScore(unit, t["adoption"], t["penalty"], t["quota"], adopted[unit], rank))
    return Scoreboard(tuple(scores), tuple(lines))


def item_points(adoptions: Iterable[Adoption], instructions: Iterable[Instruction], rules: RuleSet) -> Decimal:
    """The points one item earns: its adoptions combined, then its instructions applied."""
    adoptions = list(adoptions)
    base = [_outlet_points(a, rules) for a in adoptions]
    points = (max(base) if rules.adoption_combine == "max" else sum(base, Decimal(0))) if base else Decimal(0)
    effects = [_instruction_rule(i, rules) for i in instructions]
    if not effects:
        return points
    forms = [a.form or _default_form(rules.outlets.get(a.level, {}), rules) for a in adoptions]
    if rules.instruction_combine == "max":
        return max(points * rule.multiplier + rule.bonus_for(forms) for rule in effects)
    multiplier = max(rule.multiplier for rule in effects)  # ×2 and ×3 on one item give ×3, not ×6
    return points * multiplier + sum((rule.bonus_for(forms) for rule in effects), Decimal(0))


def split(points: Decimal, units: tuple[str, ...], lead_share: Decimal | None) -> dict[str, Decimal]:
    """A joint item's points per unit, to the cent; rounding leftovers go to the lead unit."""
    if len(units) == 1:
        return {units[0]: points}
    if lead_share is None:
        shares = {unit: _cents(points / len(units)) for unit in units}
    else:
        rest = _cents(points * (1 - lead_share) / (len(units) - 1))
        shares = {unit: rest for unit in units[1:]} | {units[0]: Decimal(0)}
    shares[units[0]] = points - sum(v for u, v in shares.items() if u != units[0])
    return shares


def _adoption_lines(records: Records, rules: RuleSet) -> list[Line]:
    by_item: dict[str, list[Adoption]] = {}
    for adoption in records.adoptions:
        _check(bool(adoption.units), f"采用记录“{adoption.item}”没有报送单位")
        _check(len(set(adoption.units)) == len(adoption.units), f"采用记录“{adoption.item}”的报送单位重复")
        by_item.setdefault(adoption.item, []).append(adoption)
    instructions: dict[str, list[Instruction]] = {}
    for instruction in records.instructions:
        _check(instruction.item in by_item, f"批示所在的信息“{instruction.item}”没有采用记录")
        instructions.setdefault(instruction.item, []).append(instruction)
    lines: list[Line] = []
    for item, adoptions in by_item.items():
        units = adoptions[0].units
        _check(all(a.units == units for a in adoptions), f"信息“{item}”在不同采用记录中的报送单位不一致")
        points = item_points(adoptions, instructions.get(item, ()), rules)
        levels = "、".join(_adoption_label(a, rules) for a in adoptions)
        signed = "、".join(f"{i.level}批示" for i in instructions.get(item, ()))
        title = next((a.title for a in adoptions if a.title), "")
        name = f"《{title}》" if title else f"“{item}”"
        reason = (
            f"信息{name}：{levels}采用"
            + (f"，{signed}" if signed else "")
            + (f"，{len(units)} 个单位联合报送" if len(units) > 1 else "")
        )
        month = min(a.month for a in adoptions)
        for unit, share in split(points, units, rules.lead_share).items():
            lines.append(Line(unit, month, "adoption", share, reason))
    return lines


def _penalty_lines(records: Records, rules: RuleSet) -> list[Line]:
    lines = []
    for penalty in records.penalties:
        points = rules.penalties.get(penalty.kind)
        _check(points is not None, f"未配置的扣分项：{penalty.kind}")
        reason = penalty.kind + (f"（{penalty.ref}）" if penalty.ref else "")
        lines.append(Line(penalty.unit, penalty.month, "penalty", -(points or Decimal(0)), reason))
    return lines


def _quota_lines(records: Records, rules: RuleSet) -> list[Line]:
    months = records.months or tuple(sorted({c.month for c in records.counts}))
    counts = {(c.unit, c.month): c for c in records.counts}
    lines = []
    for unit, category in sorted(records.categories.items()):
        quota = rules.quotas.get(category)
        if quota is None:
            continue
        for month in months:
            count = counts.get((unit, month), MonthlyCount(unit, month, 0, 0))
            done = count.submitted if quota.counts == "submitted" else count.adopted
            verb = "报送" if quota.counts == "submitted" else "采用"
            if done >= quota.minimum:
                reason = f"{month} {verb} {done} 条，达到定额 {quota.minimum} 条"
                lines.append(Line(unit, month, "quota", quota.base, reason))
            else:
                missing = quota.minimum - done
                reason = f"{month} {verb} {done} 条，未达定额 {quota.minimum} 条，基础分不得"
                lines.append(Line(unit, month, "quota", -quota.per_missing * missing, reason))
    return lines


def _outlet_points(adoption: Adoption, rules: RuleSet) -> Decimal:
    forms = rules.outlets.get(adoption.level)
    _check(forms is not None, f"未配置的采用级别：{adoption.level}")
    form = adoption.form or _default_form(forms or {}, rules)
    points = (forms or {}).get(form)
    _check(points is not None, f"采用级别“{adoption.level}”没有“{form}”的分值")
    return points or Decimal(0)


def _adoption_label(adoption: Adoption, rules: RuleSet) -> str:
    """市每日要情（新乡政务信息 2024 年第 3 期）: the level, the form and where, for the reasons."""
    form = adoption.form or _default_form(rules.outlets.get(adoption.level, {}), rules)
    return f"{adoption.level}{form}" + (f"（{adoption.where}）" if adoption.where else "")


def _default_form(forms: Mapping[str, Decimal], rules: RuleSet) -> str:
    """The form of an adoption that names none: the rules' default, or a level's only form."""
    if rules.default_form not in forms and len(forms) == 1:
        return next(iter(forms))
    return rules.default_form


def _instruction_rule(instruction: Instruction, rules: RuleSet) -> InstructionRule:
    rule = rules.instructions.get(instruction.level)
    _check(rule is not None, f"未配置的批示级别：{instruction.level}")
    return rule or InstructionRule()


def _all_units(records: Records) -> list[str]:
    seen: dict[str, None] = {}
    for adoption in records.adoptions:
        seen.update(dict.fromkeys(adoption.units))
    for penalty in records.penalties:
        seen[penalty.unit] = None
    for count in records.counts:
        seen[count.unit] = None
    seen.update(dict.fromkeys(records.categories))
    return list(seen)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_DOWN)


def _dec(value: object) -> Decimal:
    if isinstance(value, float):
        value = repr(value)  # 0.6 from JSON is 0.6, not 0.59999…
    result = Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"不是有限数值：{value}")
    return result


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise RuleSetError(message)
