"""Offices in the newsroom: a person's office (their staff membership), a request's office, the
office of an audit row, the level of a 批示, and a forwarded (转报) submission's provenance.
0011 fills the links of an installation from before offices; 0012 requires them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0014_offices_required"),
        ("newsroom", "0009_submission_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="staff", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AddField(
            model_name="request",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="requests", to="archive.office", verbose_name="发出机关"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="office",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="archive.office"),
        ),
        migrations.AddField(
            model_name="instruction",
            name="level",
            field=models.CharField(blank=True, help_text="批示领导所在机关的级别", max_length=20, verbose_name="批示级别"),
        ),
        migrations.AddField(
            model_name="submission",
            name="forwarded_from",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="forwards", to="newsroom.submission", verbose_name="转报自"),
        ),
        migrations.AddField(
            model_name="submission",
            name="origin_unit",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="archive.unit", verbose_name="原报送单位"),
        ),
        migrations.AddField(
            model_name="submission",
            name="origin_item",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="archive.item", verbose_name="下级刊发的信息"),
        ),
    ]
