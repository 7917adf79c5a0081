"""The SQLite search index keys its positions by character triples instead of pairs, and holds
the triples at item level too (kuaibao.archive.search): a three-character term is one bitmap,
and no join reaches from a title into its body. The bitmaps are built again from the items.
Nothing changes on PostgreSQL."""

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "sqlite":
        return
    from kuaibao.archive import search

    search.rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_listing_indexes")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
