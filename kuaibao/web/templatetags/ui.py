"""Template helpers of the design system: {% icon "name" %}, people by their names, empty states."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", size: str = "") -> SafeString:
    """An icon from the sprite (kuaibao/web/static/web/icons.svg); decorative unless labelled."""
    css = "icon icon-lg" if size == "lg" else "icon"
    href = static("web/icons.svg") + "#" + name
    if label:
        return format_html('<svg class="{}" role="img" aria-label="{}"><use href="{}"></use></svg>', css, label, href)
    return format_html('<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', css, href)


@register.filter
def person(user: Any) -> str:
    """A person as people know them: the name on their profile, else their full name; the
    login name only when an account has neither (an administrator should give it a name)."""
    if user is None or not getattr(user, "pk", None):
        return "—"
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    name = getattr(profile, "display_name", "") or (user.get_full_name() if hasattr(user, "get_full_name") else "")
    return str(name or user.get_username())


@register.inclusion_tag("web/_empty.html")
def empty_state(
    title: str, text: str = "", url: str = "", action: str = "", icon_name: str = "inbox"
) -> dict[str, str]:
    """An empty list that says what to do next: a title, a sentence and, if given, a link."""
    return {"title": title, "text": text, "url": url, "action": action, "icon_name": icon_name}


@register.filter
def label(field: Any) -> SafeString:
    """A field's <label> without Django's ":" suffix (Chinese labels stand alone)."""
    return field.label_tag(label_suffix="")  # type: ignore[no-any-return]


@register.inclusion_tag("web/_fields.html")
def fields(form: Any, only: str = "") -> dict[str, Any]:
    """Every visible field of a form: label, input, hint and errors, in the design's layout;
    hidden fields and the form's own errors too. `only` ("a b c") shows just those fields, for a
    form laid out in groups (the form's own errors and hidden fields then go with no group)."""
    if only:
        names = only.split()
        return {"visible": [form[name] for name in names], "group": True}
    return {"form": form, "visible": form.visible_fields(), "group": False}
