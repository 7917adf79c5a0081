"""The active scoring rule set, and the checks an edited one must pass (the core validates the
JSON; here: that the database's own levels are among those the JSON configures)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kuaibao.archive.models import Office, default_office
from kuaibao.core.figures import decimal_text
from kuaibao.core.scoring import RuleSet, RuleSetError
from kuaibao.stats.models import ScoringRules

# The penalty kinds the database's records produce (docs/DOMAIN.md: −10 each in practice).
COMMISSION_PENALTY = "约稿逾期"
FEEDBACK_PENALTY = "批示未反馈"


@dataclass(frozen=True, slots=True)
class ActiveRules:
    row: ScoringRules
    rules: RuleSet

    @property
    def external_levels(self) -> list[str]:
        """Outlet levels an editor records by hand: all but the county bulletin's own."""
        return [level for level in self.rules.outlets if level != self.row.county_level]

    @property
    def forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for forms in self.rules.outlets.values():
            seen.update(dict.fromkeys(forms))
        return list(seen)

    @property
    def instruction_levels(self) -> list[str]:
        return [level for level in self.rules.instructions if level != self.row.county_instruction_level]


def check(rules: Any, county_level: str, county_instruction_level: str) -> RuleSet:
    """The rule set `rules` (JSON data) describes, or RuleSetError with a one-line reason."""
    if not isinstance(rules, dict):
        raise RuleSetError("评分规则应是一个 JSON 对象")
    rule_set = RuleSet.from_dict(rules)
    if county_level not in rule_set.outlets:
        raise RuleSetError(f"本县快报的采用级别“{county_level}”不在采用分值的级别中")
    if county_instruction_level and county_instruction_level not in rule_set.instructions:
        raise RuleSetError(f"本系统批示的级别“{county_instruction_level}”不在批示的级别中")
    return rule_set


def _office_id(office: Office | None) -> int:
    return office.pk if office is not None else default_office()


def active_rules(office: Office | None = None) -> ActiveRules | None:
    """The office's active rule set (default: the only office's), or None when there is none
    (or it no longer validates)."""
    row = ScoringRules.objects.filter(office_id=_office_id(office), active=True).first()
    if row is None:
        return None
    try:
        return ActiveRules(row, check(row.rules, row.county_level, row.county_instruction_level))
    except RuleSetError:
        return None


def active_rules_or_error(office: Office | None = None) -> tuple[ActiveRules | None, str | None]:
    row = ScoringRules.objects.filter(office_id=_office_id(office), active=True).first()
    if row is None:
        return None, "尚未设定当前使用的评分规则，请管理员在后台设定"
    try:
        return ActiveRules(row, check(row.rules, row.county_level, row.county_instruction_level)), None
    except RuleSetError as exc:
        return None, f"评分规则“{row.name}”有误：{exc.reason}"


def summary(rules: RuleSet) -> list[str]:
    """The rules in words, for the ranking page and the circular."""
    lines = []
    for level, forms in rules.outlets.items():
        lines.append(f"{level}级采用：" + "，".join(f"{form} {_n(p)} 分" for form, p in forms.items()))
    for level, rule in rules.instructions.items():
        parts = (
            ([f"加 {_n(rule.bonus)} 分"] if rule.bonus else [])
            + [f"{form}采用的加 {_n(points)} 分" for form, points in rule.by_form.items()]
            + ([f"乘以 {_n(rule.multiplier)}"] if rule.multiplier != 1 else [])
        )
        lines.append(f"{level}批示：" + ("，".join(parts) or "不加分"))
    if rules.instructions:
        combine = "只计分值最高的一个" if rules.instruction_combine == "max" else "加分累加，倍数取最大"
        lines.append(f"同一信息多个批示：{combine}")
    lines.append("同一信息多级采用：" + ("只计最高一级" if rules.adoption_combine == "max" else "各级分别计分"))
    if rules.lead_share is None:
        lines.append("联合报送：各单位平分")
    else:
        lines.append(f"联合报送：牵头单位得 {_n(rules.lead_share * 100)}%，其余单位平分余下部分")
    for kind, points in rules.penalties.items():
        lines.append(f"{kind}：每次扣 {_n(points)} 分")
    for category, quota in rules.quotas.items():
        verb = "报送" if quota.counts == "submitted" else "采用"
        extra = f"，每少 1 条扣 {_n(quota.per_missing)} 分" if quota.per_missing else ""
        base = _n(quota.base)
        lines.append(f"{category}每月{verb}不少于 {quota.minimum} 条，达到得基础分 {base} 分，未达不得{extra}")
    return lines


def _n(value: Decimal) -> str:
    return decimal_text(value)
