"""Every account and request belongs to an office."""

import django.db.models.deletion
from django.db import migrations, models

import kuaibao.archive.models


class Migration(migrations.Migration):

    dependencies = [
        ("newsroom", "0011_offices_fill"),
    ]

    # NOT NULL first with no default (the schema editor would call it), then the default.
    operations = [
        migrations.AlterField(
            model_name="profile",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="staff", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AlterField(
            model_name="request",
            name="office",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="requests", to="archive.office", verbose_name="发出机关"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="staff", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AlterField(
            model_name="request",
            name="office",
            field=models.ForeignKey(default=kuaibao.archive.models.default_office, on_delete=django.db.models.deletion.PROTECT, related_name="requests", to="archive.office", verbose_name="发出机关"),
        ),
    ]
