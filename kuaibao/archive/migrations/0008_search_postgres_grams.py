"""Once: the PostgreSQL tsvector index was made again with grams as lexemes. Superseded by
migration 0015 (the bitmap index on PostgreSQL too), which drops that table: nothing to do
here any more."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_search_triples")]
    operations: list[migrations.operations.base.Operation] = []
