"""The PostgreSQL search index keeps the text's characters, pairs and triples as lexemes (exact
in its GIN index) and the item's date (kuaibao.archive.search_postgres): the table is made
again in that shape and filled from the items, its indexes built after the load. Nothing
changes on SQLite."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    from kuaibao.archive import search, search_postgres

    schema_editor.execute(f"DROP TABLE IF EXISTS {search_postgres.TABLE}")
    search_postgres.create(schema_editor, indexes=False)
    search.rebuild_index()
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    search_postgres.create_indexes(schema_editor)
    schema_editor.execute(f"ANALYZE {search_postgres.TABLE}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_search_triples")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
