"""The full-text index: FTS5 on SQLite, a tsvector table with a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kuaibao.archive.search import create_index

    create_index(schema_editor)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kuaibao.archive.search import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
