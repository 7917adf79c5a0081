"""Every unit, alias and bulletin belongs to an office; names are unique within it."""

import django.db.models.deletion
from django.db import migrations, models

import kuaibao.archive.models


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0013_offices_fill"),
    ]

    # NOT NULL first with no default (a default would be called by the schema editor and make an
    # office in an empty database), then the Python-side default rows made without an office get.
    operations = [
        migrations.AlterField(
            model_name="unit",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="units", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AlterField(
            model_name="unitalias",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="archive.office"),
        ),
        migrations.AlterField(
            model_name="bulletin",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="bulletins", to="archive.office", verbose_name="编发机关"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="units", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AlterField(
            model_name="unitalias",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="archive.office"),
        ),
        migrations.AlterField(
            model_name="bulletin",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="bulletins", to="archive.office", verbose_name="编发机关"),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("office", "name"), name="unit_unique_name_per_office"),
        ),
        migrations.AddConstraint(
            model_name="unitalias",
            constraint=models.UniqueConstraint(fields=("office", "alias"), name="unitalias_unique_per_office"),
        ),
        migrations.AddConstraint(
            model_name="bulletin",
            constraint=models.UniqueConstraint(fields=("office", "title"), name="bulletin_unique_title_per_office"),
        ),
    ]
