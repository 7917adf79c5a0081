"""Start Django for the commands that use the database, and keep its schema current."""

from __future__ import annotations

import os
from pathlib import Path


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django; create or upgrade the database schema on first use."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
    import django
    from django.conf import settings

    django.setup()
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    if migrate:
        run_migrations(verbosity=0)


def run_migrations(verbosity: int = 1) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()) or verbosity:
        call_command("migrate", interactive=False, verbosity=verbosity)
