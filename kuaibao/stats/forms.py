"""Typed input of the statistics pages: a period, the explorer's filter, an external adoption,
and the admin's rule set (validated by the core scorer)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from kuaibao.archive.models import Item, Unit
from kuaibao.archive.units import find_unit
from kuaibao.core.scoring import RuleSetError
from kuaibao.stats.explorer import AGGREGATES, FigureFilter
from kuaibao.stats.models import ScoringRules
from kuaibao.stats.periods import Period, PeriodError
from kuaibao.stats.rules import ActiveRules, check


class PeriodForm(forms.Form):
    period = forms.CharField(label="统计期", required=False, max_length=10)

    def clean_period(self) -> Period | None:
        text = self.cleaned_data.get("period") or ""
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None


def _units(text: str) -> list[Unit]:
    """Units named in one field, separated by 、，, or spaces, in order; all must exist."""
    names = [name for name in re.split(r"[、，,；;\s]+", text.strip()) if name]
    units, unknown = [], []
    for name in names:
        unit = find_unit(name)
        if unit is None:
            unknown.append(name)
        elif unit not in units:
            units.append(unit)
    if unknown:
        raise forms.ValidationError(f"单位目录中没有：{'、'.join(unknown)}")
    return units


class ExplorerForm(forms.Form):
    metric = forms.CharField(label="指标", required=False, max_length=50)
    unit = forms.CharField(label="报送单位", required=False, max_length=100)
    measure = forms.CharField(label="计量单位", required=False, max_length=20)
    date_from = forms.DateField(label="起始日期", required=False)
    date_to = forms.DateField(label="截止日期", required=False)
    by = forms.ChoiceField(label="按", required=False, choices=[("month", "月"), ("year", "年")])
    agg = forms.ChoiceField(label="汇总", required=False, choices=list(AGGREGATES.items()))

    def clean_unit(self) -> Unit | None:
        text = (self.cleaned_data.get("unit") or "").strip()
        if not text:
            return None
        unit = find_unit(text)
        if unit is None:
            raise forms.ValidationError(f"单位目录中没有“{text}”")
        return unit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期晚于截止日期")
        return data

    def figure_filter(self) -> FigureFilter:
        data = self.cleaned_data
        return FigureFilter(
            metric=(data.get("metric") or "").strip(),
            unit=data.get("unit"),
            measure=(data.get("measure") or "").strip() or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            by="year" if data.get("by") == "year" else "month",
            aggregate=data.get("agg") or None,
        )


class AdoptionForm(forms.Form):
    """上级采用: an archive item (its number or permalink), or a title with its units."""

    item = forms.CharField(label="快报信息（编号或链接）", required=False, max_length=200)
    title = forms.CharField(label="标题（不在快报中的信息）", required=False, max_length=300)
    units = forms.CharField(label="报送单位（多个用顿号分隔，牵头单位在前）", required=False, max_length=300)
    level = forms.ChoiceField(label="采用级别")
    form = forms.ChoiceField(label="采用形式", required=False)
    outlet = forms.CharField(label="采用刊物", required=False, max_length=100)
    date = forms.DateField(label="采用日期", widget=forms.DateInput(attrs={"type": "date"}))
    instruction_level = forms.ChoiceField(label="上级领导批示", required=False)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args: Any, rules: ActiveRules | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = rules.external_levels if rules else []
        self.fields["level"].choices = [(level, level) for level in levels]  # type: ignore[attr-defined]
        forms_ = rules.forms if rules else []
        default = rules.rules.default_form if rules else ""
        self.fields["form"].choices = [("", f"默认（{default}）")] + [(f, f) for f in forms_]  # type: ignore[attr-defined]
        instructions = rules.instruction_levels if rules else []
        self.fields["instruction_level"].choices = [("", "无")] + [(i, i) for i in instructions]  # type: ignore[attr-defined]

    def clean_item(self) -> Item | None:
        text = (self.cleaned_data.get("item") or "").strip()
        if not text:
            return None
        match = re.search(r"(\d+)/?\s*$", text)
        item = Item.objects.filter(pk=int(match[1])).first() if match else None
        if item is None:
            raise forms.ValidationError(f"找不到快报信息“{text}”")
        return item

    def clean_units(self) -> list[Unit]:
        return _units(self.cleaned_data.get("units") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("item") and not (data.get("title") or "").strip() and "item" not in self.errors:
            raise forms.ValidationError("请填写快报信息的编号或链接，或者标题和报送单位")
        return data


class ScoringRulesForm(forms.ModelForm):  # type: ignore[type-arg]
    """The admin's form: the JSON must be a rule set the core scorer accepts."""

    class Meta:
        model = ScoringRules
        fields = ("name", "rules", "county_level", "county_instruction_level", "feedback_days", "note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "rules" in data:
            try:
                check(data["rules"], data.get("county_level") or "", data.get("county_instruction_level") or "")
            except RuleSetError as exc:
                raise forms.ValidationError(exc.reason) from None
        return data
