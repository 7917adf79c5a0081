"""The role groups with their permissions (kuaibao.newsroom.roles)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kuaibao.newsroom.roles import GROUP_NAMES, PERMISSIONS

    # Permissions are normally made after all migrations (post_migrate); the groups need
    # them now. create_permissions skips apps whose models module is not loaded yet during
    # migrations, so mark it loaded for the call and put the real value back.
    for config in global_apps.get_app_configs():
        loaded = config.models_module
        config.models_module = loaded or True
        try:
            create_permissions(config, verbosity=0)
        finally:
            config.models_module = loaded
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def drop_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kuaibao.newsroom.roles import GROUP_NAMES

    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("archive", "0002_search_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, drop_roles)]
