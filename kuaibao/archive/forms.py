"""Typed input of the archive's pages."""

from __future__ import annotations

from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(label="检索词", max_length=200, required=False)
    bulletin = forms.CharField(label="刊物", max_length=100, required=False)
    unit = forms.CharField(label="单位", max_length=100, required=False)
    section = forms.CharField(label="栏目", max_length=100, required=False)
    date_from = forms.DateField(label="起始日期", required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(label="截止日期", required=False, input_formats=["%Y-%m-%d"])
    order = forms.ChoiceField(
        label="排序", choices=[("relevance", "按相关度"), ("date", "按日期")], required=False
    )
    page = forms.IntegerField(min_value=1, max_value=10000, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期晚于截止日期")
        return data
