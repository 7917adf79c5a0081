"""The Chinese admin for the directory of units and the bulletins."""

from django.contrib import admin

from kuaibao.archive.models import Bulletin, Unit, UnitAlias


class AliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    inlines = [AliasInline]


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "slug", "publisher"]
    search_fields = ["title"]
