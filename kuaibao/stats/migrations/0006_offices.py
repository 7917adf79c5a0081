"""Scoring rules and recorded 上级采用 belong to an office: one active rule set per office,
rule-set names unique within it (0007 fills, 0008 requires)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0014_offices_required"),
        ("stats", "0005_chinese_names"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="scoringrules", name="scoringrules_one_active"),
        migrations.AlterField(
            model_name="scoringrules",
            name="name",
            field=models.CharField(max_length=100, verbose_name="名称"),
        ),
        migrations.AddField(
            model_name="scoringrules",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="scoring_rules", to="archive.office", verbose_name="机关"),
        ),
        migrations.AddField(
            model_name="externaladoption",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="archive.office", verbose_name="记录机关"),
        ),
    ]
