"""Every rule set and recorded adoption belongs to an office; one active rule set per office."""

import django.db.models.deletion
from django.db import migrations, models

import kuaibao.archive.models


class Migration(migrations.Migration):

    dependencies = [
        ("stats", "0007_offices_fill"),
    ]

    # NOT NULL first with no default (the schema editor would call it), then the default.
    operations = [
        migrations.AlterField(
            model_name="scoringrules",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="scoring_rules", to="archive.office", verbose_name="机关"),
        ),
        migrations.AlterField(
            model_name="externaladoption",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="archive.office", verbose_name="记录机关"),
        ),
        migrations.AlterField(
            model_name="scoringrules",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="scoring_rules", to="archive.office", verbose_name="机关"),
        ),
        migrations.AlterField(
            model_name="externaladoption",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="archive.office", verbose_name="记录机关"),
        ),
        migrations.AddConstraint(
            model_name="scoringrules",
            constraint=models.UniqueConstraint(condition=models.Q(("active", True)), fields=("office", "active"), name="scoringrules_one_active_per_office"),
        ),
        migrations.AddConstraint(
            model_name="scoringrules",
            constraint=models.UniqueConstraint(fields=("office", "name"), name="scoringrules_unique_name_per_office"),
        ),
    ]
