"""Start Django for the commands that use the database, and keep its schema current."""

from __future__ import annotations

import os
from pathlib import Path


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django; create or upgrade the database schema on first use."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
    import django
    from django.conf import settings
    from django.db import OperationalError

    from kuaibao.startup import fail, load_settings

    load_settings()  # a bad setting: one line and exit status 2
    django.setup()
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    if migrate:
        try:
            run_migrations(verbosity=0)
        except OperationalError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            fail(f"无法连接数据库（{reason}）：请检查 DATABASE_URL 的主机、端口、用户和密码")


def run_migrations(verbosity: int = 1) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()) or verbosity:
        call_command("migrate", interactive=False, verbosity=verbosity)
