"""The Chinese admin for accounts (with their unit) and the audit trail (read only)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from kuaibao.newsroom.models import AuditEntry, Profile, ProofLeader, ProofPhrase


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
