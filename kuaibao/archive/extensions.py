"""What the apps above the archive add to it, registered from their `AppConfig.ready()`.

The archive calls these hooks and so never imports those apps (dependencies point down): the
statistics app stores the figures of items as they are stored, and shows them on item pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kuaibao.archive.models import Item

ItemsStored = Callable[[Sequence["Item"]], object]
ItemPanel = Callable[[HttpRequest, "Item"], str]
# (request, the item's instructions) -> the ones this reader may see.
InstructionFilter = Callable[[HttpRequest, "QuerySet[Any]"], "QuerySet[Any]"]
# The offices whose issues a request may read (None: every office's).
ReadableOffices = Callable[[HttpRequest], "set[int] | None"]

_items_stored: list[ItemsStored] = []
_item_panels: list[ItemPanel] = []
_instruction_filter: list[InstructionFilter] = []
_readable_offices: list[ReadableOffices] = []


def set_readable_offices(hook: ReadableOffices) -> ReadableOffices:
    """Let `hook(request)` say which offices' archives a request may read: the newsroom's
    scope layer (kuaibao.newsroom.scope) registers it; without it every office is readable."""
    _readable_offices[:] = [hook]
    return hook


def readable_offices(request: HttpRequest) -> set[int] | None:
    for hook in _readable_offices:
        return hook(request)
    return None


def on_items_stored(hook: ItemsStored) -> ItemsStored:
    """Run `hook(items)` whenever the archive stores new items, in the storing transaction (a
    failing hook rolls the import back, so stored items and what hangs on them agree)."""
    if hook not in _items_stored:
        _items_stored.append(hook)
    return hook


def add_item_panel(panel: ItemPanel) -> ItemPanel:
    """Show `panel(request, item)` (escaped HTML) under the text on an item's page."""
    if panel not in _item_panels:
        _item_panels.append(panel)
    return panel


def items_stored(items: Sequence[Item]) -> None:
    for hook in _items_stored:
        hook(items)


def item_panels(request: HttpRequest, item: Item) -> list[SafeString]:
    # Each panel renders through a template, which escapes what it shows.
    return [mark_safe(panel(request, item)) for panel in _item_panels]  # noqa: S308


def set_instruction_filter(hook: InstructionFilter) -> InstructionFilter:
    """The newsroom says who may read a leader's 批示 on an item's page (the leader, the office's
    editors, the units concerned); without it nobody sees one."""
    _instruction_filter[:] = [hook]
    return hook


def visible_instructions(request: HttpRequest, rows: QuerySet[Any]) -> QuerySet[Any]:
    return _instruction_filter[0](request, rows) if _instruction_filter else rows.none()
