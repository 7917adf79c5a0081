"""The Chinese admin for accounts (with their unit) and the audit trail (read only)."""

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from kuaibao.newsroom.actions import notifications as notification_actions
from kuaibao.newsroom.actions.base import ActionError, Actor
from kuaibao.newsroom.models import AuditEntry, Delivery, DeliveryAttempt, Profile, ProofLeader, ProofPhrase, Webhook
from kuaibao.newsroom.notify import KINDS


class ProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Profile
    can_delete = False
    verbose_name_plural = "账号资料"


class KuaibaoUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [ProfileInline]
    list_display = ["username", "email", "is_active", "is_staff", "last_login"]


admin.site.unregister(User)
admin.site.register(User, KuaibaoUserAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "actor", "action", "summary", "ip"]
    list_filter = ["action"]
    search_fields = ["summary"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ProofLeader)
class ProofLeaderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["rank", "name", "titles", "active", "note"]
    list_display_links = ["name"]
    list_editable = ["rank", "active"]
    search_fields = ["name", "titles"]


@admin.register(ProofPhrase)
class ProofPhraseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["phrase", "kind", "suggestion", "source", "severity", "active", "updated_at"]
    list_filter = ["kind", "severity", "active"]
    search_fields = ["phrase", "suggestion", "source", "note"]


# --- The notifier: webhook receivers and the delivery log -------------------------------------


class WebhookForm(forms.ModelForm):  # type: ignore[type-arg]
    events = forms.MultipleChoiceField(
        label="事件",
        required=False,
        choices=lambda: list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示全部事件",
    )

    url = forms.URLField(label="接收地址", max_length=500, assume_scheme="https")

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "unit", "active"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = WebhookForm
    list_display = ["name", "url", "unit", "active", "created_at"]
    readonly_fields = ["secret"]

    def get_fields(self, request: HttpRequest, obj: Webhook | None = None) -> Any:
        fields = ["name", "url", "events", "unit", "active"]
        return [*fields, "secret"] if obj else fields

    def save_model(self, request: HttpRequest, obj: Webhook, form: Any, change: bool) -> None:
        data = form.cleaned_data
        acting = Actor.from_request(request)
        if change:
            notification_actions.change_webhook(
                acting, obj, url=data["url"], events=data["events"], active=data["active"]
            )
        else:
            hook = notification_actions.register_webhook(
                acting, name=data["name"], url=data["url"], events=data["events"], unit=data["unit"]
            )
            obj.pk = hook.pk

    def delete_model(self, request: HttpRequest, obj: Webhook) -> None:
        notification_actions.remove_webhook(Actor.from_request(request), obj)


class AttemptInline(admin.TabularInline):  # type: ignore[type-arg]
    model = DeliveryAttempt
    fields = ("at", "ok", "status_code", "error", "duration_ms")
    readonly_fields = ("at", "ok", "status_code", "error", "duration_ms")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "created_at",
        "kind_label",
        "channel",
        "target",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["address", "webhook__name", "event_id"]
    inlines = [AttemptInline]
    actions = ["replay"]
    readonly_fields = [
        "event_id",
        "kind",
        "channel",
        "webhook",
        "address",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "replay_of",
        "created_at",
        "delivered_at",
        "payload_text",
    ]
    exclude = ["payload", "claimed_until"]

    @admin.display(description="事件")
    def kind_label(self, obj: Delivery) -> str:
        return KINDS.get(obj.kind, obj.kind)

    @admin.display(description="内容")
    def payload_text(self, obj: Delivery) -> str:
        return json.dumps(obj.payload, ensure_ascii=False, indent=2)

    @admin.action(description="重新发送所选通知")
    def replay(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for delivery in queryset:
            try:
                notification_actions.replay(Actor.from_request(request), delivery)
            except ActionError as exc:
                self.message_user(request, f"{delivery}：{exc.message}", level=messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"已重新发送 {done} 条通知")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
