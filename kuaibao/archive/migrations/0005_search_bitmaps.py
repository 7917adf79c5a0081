"""The SQLite search index becomes compressed bitmaps (kuaibao.archive.search): create them and drop
the FTS5 table; 0007 indexes every current item. Nothing changes on PostgreSQL."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "sqlite":
        return
    from kuaibao.archive import search

    search.create_index(schema_editor)
    # The bitmaps are filled by 0007, in the format of the code that runs the migrations.
    schema_editor.execute(f"DROP TABLE IF EXISTS {search.FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_renderedfile")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
