"""Template helpers: links to issues, highlighted search pieces, an item's units."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from kuaibao.archive import queries
from kuaibao.archive.models import Issue, Item

register = template.Library()


@register.filter
def issue_url(issue: Issue) -> str:
    return queries.issue_url(issue)


@register.filter
def item_units(item: Item) -> list[str]:
    return [link.unit.name for link in item.itemunit_set.all()]


@register.filter
def highlighted(pieces: list[tuple[str, bool]]) -> SafeString:
    """User text is escaped; only the <mark> around hits is markup."""
    return mark_safe("".join(f"<mark>{escape(t)}</mark>" if hit else str(escape(t)) for t, hit in pieces))  # noqa: S308 - every piece is escaped


@register.filter
def paragraphs_html(item: Item) -> SafeString:
    """An item's paragraphs with their bold spans, escaped."""
    out = []
    for paragraph in item.paragraphs or [[{"text": item.body}]]:
        spans = format_html_join("", "{}", ((_span(s),) for s in paragraph))
        out.append(spans)
    return mark_safe("".join(f"<span class=\"para\">{p}</span>" for p in out))  # noqa: S308 - built from escaped parts


def _span(span: dict[str, object]) -> SafeString:
    text = escape(str(span.get("text", "")))
    return mark_safe(f"<strong>{text}</strong>" if span.get("bold") else str(text))  # noqa: S308 - escaped above
