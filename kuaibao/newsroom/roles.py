"""The newsroom's roles, as Django groups with permissions (created by a data migration).

- reporter (信息员): bound to one unit; writes, submits and revises that unit's items.
- editor (责任编辑): screens, edits, returns, adopts; publishes requests; compiles editions.
- reviewer (审核): approves an edition or returns it with a comment.
- signer (签发): signs an edition (publishing it) or returns it.
- reader (读者): reads the archive and records instructions (批示) on items.
- administrator (管理员): manages units and accounts in the admin.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User


class Role(StrEnum):
    REPORTER = "reporter"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    SIGNER = "signer"
    READER = "reader"
    ADMINISTRATOR = "administrator"


GROUP_NAMES = {
    Role.REPORTER: "信息员",
    Role.EDITOR: "责任编辑",
    Role.REVIEWER: "审核",
    Role.SIGNER: "签发",
    Role.READER: "读者",
    Role.ADMINISTRATOR: "管理员",
}

# app_label.codename for each role.
PERMISSIONS = {
    Role.REPORTER: ["newsroom.submit_items"],
    Role.EDITOR: ["newsroom.edit_submissions", "newsroom.compile_editions"],
    Role.REVIEWER: ["newsroom.review_editions"],
    Role.SIGNER: ["newsroom.sign_editions"],
    Role.READER: ["newsroom.give_instructions"],
    Role.ADMINISTRATOR: [
        "auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group",
        "archive.add_unit", "archive.change_unit", "archive.view_unit", "archive.delete_unit",
        "archive.add_unitalias", "archive.change_unitalias", "archive.view_unitalias", "archive.delete_unitalias",
        "archive.add_bulletin", "archive.change_bulletin", "archive.view_bulletin",
        "newsroom.add_profile", "newsroom.change_profile", "newsroom.view_profile",
        "newsroom.view_auditentry",
        "newsroom.add_webhook", "newsroom.change_webhook", "newsroom.view_webhook", "newsroom.delete_webhook",
        "newsroom.view_delivery", "newsroom.view_deliveryattempt",
        "api.add_apitoken", "api.view_apitoken",
    ],
}  # fmt: skip

PERMISSION_OF = {
    "submit": "newsroom.submit_items",
    "edit": "newsroom.edit_submissions",
    "compile": "newsroom.compile_editions",
    "review": "newsroom.review_editions",
    "sign": "newsroom.sign_editions",
    "instruct": "newsroom.give_instructions",
    "webhooks": "newsroom.change_webhook",
}


def roles_of(user: AbstractBaseUser | AnonymousUser) -> set[Role]:
    if not user.is_authenticated:
        return set()
    names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return {role for role, name in GROUP_NAMES.items() if name in names}


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """管理员 (the role) or a superuser: the office's administration, folder imports, any job."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=GROUP_NAMES[Role.ADMINISTRATOR]).exists()


def can(user: AbstractBaseUser | AnonymousUser, what: str) -> bool:
    """May the user do `what` (a key of PERMISSION_OF)?"""
    return isinstance(user, User) and user.is_active and user.has_perm(PERMISSION_OF[what])


def ensure_groups() -> None:
    """Create the role groups with their permissions if they are missing (the data migration
    does this once; a flushed database, e.g. between transactional tests, needs it again)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    if not Permission.objects.filter(content_type__app_label="newsroom", codename="submit_items").exists():
        # A flush can leave the content-type cache, and permissions made from it, pointing at
        # deleted rows: forget both and make the permissions again.
        ContentType.objects.clear_cache()
        Permission.objects.exclude(content_type__in=ContentType.objects.all()).delete()
        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)
    for role, name in GROUP_NAMES.items():
        group, created = Group.objects.get_or_create(name=name)
        if created or not group.permissions.exists():
            for dotted in PERMISSIONS[role]:
                app_label, codename = dotted.split(".")
                group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
