"""Template filters for figures and points."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kuaibao.stats.explorer import AGGREGATES, APPROX, CHANGE, value_text
from kuaibao.stats.models import ItemFigure
from kuaibao.stats.render.model import points_text, rate_text

register = template.Library()


@register.filter
def figure_value(figure: ItemFigure) -> str:
    """数值 as read: 2,140,000,000 元; a range 40,000～50,000 亩; 约 …, … 以上, 不到 …."""
    text = value_text(figure.value, figure.unit)
    if figure.value_max is not None:
        low = value_text(figure.value, "%" if figure.unit == "%" else "")
        text = f"{low}～{value_text(figure.value_max, figure.unit)}"
    if figure.approx == "over":
        return f"{text} 以上"
    prefix = APPROX.get(figure.approx, "")
    return f"{prefix} {text}" if prefix else text


@register.filter
def figure_change(figure: ItemFigure) -> str:
    return CHANGE.get(figure.change, "")


@register.filter
def points(value: Decimal) -> str:
    return points_text(value)


@register.filter
def rate(value: Decimal | None) -> str:
    return rate_text(value)


@register.filter
def aggregate_label(how: str) -> str:
    return AGGREGATES.get(how, "")
