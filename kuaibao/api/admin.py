"""API tokens in the admin: administrators see every token, revoke them, and make system tokens
for a unit's OA system (the secret is shown once, in the message after saving)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from kuaibao.api import actions
from kuaibao.api.models import ApiToken
from kuaibao.api.scopes import ROLE_SCOPES, SCOPES, SYSTEM_DEFAULT
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions.base import ActionError, Actor
from kuaibao.newsroom.roles import Role


class SystemTokenForm(forms.ModelForm):  # type: ignore[type-arg]
    unit = forms.ModelChoiceField(Unit.objects.order_by("name"), label="单位")
    scopes = forms.MultipleChoiceField(
        label="权限范围",
        choices=[(s, f"{s}：{SCOPES[s]}") for s in sorted(ROLE_SCOPES[Role.REPORTER])],
        initial=SYSTEM_DEFAULT,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=366, initial=365)

    class Meta:
        model = ApiToken
        fields = ["name", "unit", "scopes", "rate_per_minute"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "prefix", "unit", "state", "expires_at", "last_used_at"]
    list_filter = ["kind"]
    search_fields = ["name", "prefix"]
    actions = ["revoke"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            return SystemTokenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return []
        return [f.name for f in ApiToken._meta.fields if f.name != "digest"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["digest"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        token, secret = actions.issue_system_token(
            Actor.from_request(request),
            name=data["name"],
            unit=data["unit"],
            scopes=data["scopes"],
            days=data["days"],
            rate_per_minute=data["rate_per_minute"],
        )
        obj.pk = token.pk
        messages.warning(request, f"令牌（只显示这一次，请交给该单位的系统管理员）：{secret}")

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="状态")
    def state(self, obj: ApiToken) -> str:
        return obj.state

    @admin.action(description="吊销所选令牌")
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset:
            try:
                actions.revoke_token(Actor.from_request(request), token)
            except ActionError as exc:
                self.message_user(request, f"{token}：{exc.message}", level=messages.ERROR)
