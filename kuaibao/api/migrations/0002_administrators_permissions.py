"""The administrators' group gets the API token permissions (kuaibao.newsroom.roles)."""

import importlib

from django.db import migrations

roles = importlib.import_module("kuaibao.newsroom.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial"), ("newsroom", "0008_notifier_permissions")]
    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
