"""Tokens belong to an office: each existing token joins its account's office."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    ApiToken = apps.get_model("api", "ApiToken")
    Profile = apps.get_model("newsroom", "Profile")
    for token in ApiToken.objects.filter(office__isnull=True):
        office = Profile.objects.filter(user_id=token.user_id).values_list("office_id", flat=True).first()
        ApiToken.objects.filter(pk=token.pk).update(office_id=office)


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0002_administrators_permissions'),
        ('archive', '0014_offices_required'),
        ('newsroom', '0012_offices_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='office',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='archive.office', verbose_name='所属机关'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
