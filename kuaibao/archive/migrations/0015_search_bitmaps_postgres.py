"""PostgreSQL searches with the same compressed bitmaps as SQLite (kuaibao.archive.search): the
tsvector table is dropped, the bitmap tables are made and filled from the items. Its phrase
verification read every candidate row, so its latency grew with the number of hits
(docs/deployment.md, "Search at province scale"). Nothing changes on SQLite."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    from kuaibao.archive import search

    schema_editor.execute(f"DROP TABLE IF EXISTS {search.OLD_POSTGRES_TABLE}")
    search.create_index(schema_editor)
    search.rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("archive", "0014_offices_required")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
