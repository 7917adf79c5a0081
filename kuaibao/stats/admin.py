"""The Chinese admin for scoring rule sets: administrators edit them; one is made active by an
action (which validates it and writes the audit row)."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kuaibao.newsroom.actions.base import ActionError, Actor
from kuaibao.stats.actions import activate_rules
from kuaibao.stats.forms import ScoringRulesForm
from kuaibao.stats.models import ScoringRules


@admin.register(ScoringRules)
class ScoringRulesAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ScoringRulesForm
    list_display = ("name", "active", "county_level", "county_instruction_level", "updated_at")
    readonly_fields = ("active", "pretty_rules", "updated_at")
    actions = ("make_active",)

    @admin.display(description="规则（整理后）")
    def pretty_rules(self, obj: ScoringRules) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(obj.rules, ensure_ascii=False, indent=2))

    @admin.action(description="设为当前使用的评分规则")
    def make_active(self, request: HttpRequest, queryset: QuerySet[ScoringRules]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "请只选择一套规则", messages.ERROR)
            return
        try:
            rules = activate_rules(Actor.from_request(request), queryset.get())
        except ActionError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(request, f"已启用评分规则“{rules.name}”", messages.SUCCESS)

    def has_delete_permission(self, request: HttpRequest, obj: ScoringRules | None = None) -> bool:
        if obj is not None and obj.active:
            return False  # the ranking page always has rules to show
        return super().has_delete_permission(request, obj)
