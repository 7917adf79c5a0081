"""Metrics in a table of their own (the explorer searches a few thousand phrases, not millions
of figures), and no separate index on a figure's item (the unique (item, position) one serves). Stored figures are a cache of the extractor's output: they are cleared here and
extracted again by `kuaibao figures-index` or lazily by the item pages."""

import django.db.models.deletion
from django.db import migrations, models


def clear_figures(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("stats", "ItemFigure").objects.all().delete()
    apps.get_model("stats", "FigureIndex").objects.all().delete()


def no_op(apps, schema_editor):  # type: ignore[no-untyped-def]
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_item_search_tags"),
        ("stats", "0002_default_rules_and_permissions"),
    ]

    operations = [
        migrations.RunPython(clear_figures, no_op),
        migrations.CreateModel(
            name="Metric",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="指标")),
            ],
            options={"verbose_name": "指标", "verbose_name_plural": "指标", "ordering": ("name",)},
        ),
        migrations.RemoveIndex(model_name="itemfigure", name="itemfigure_metric"),
        migrations.RemoveField(model_name="itemfigure", name="metric"),
        migrations.AddField(
            model_name="itemfigure",
            name="metric",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="figures",
                to="stats.metric",
                verbose_name="指标",
            ),
        ),
        migrations.AlterField(
            model_name="itemfigure",
            name="item",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="figures",
                to="archive.item",
                verbose_name="信息",
            ),
        ),
    ]
