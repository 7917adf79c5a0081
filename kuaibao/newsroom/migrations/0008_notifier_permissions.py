"""The administrators' group gets the notifier's permissions (webhooks, the delivery log)."""

import importlib

from django.db import migrations

roles = importlib.import_module("kuaibao.newsroom.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0007_notifier")]
    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
