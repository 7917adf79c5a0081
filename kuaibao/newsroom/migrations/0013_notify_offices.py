"""Webhooks and deliveries belong to an office: an installation from before offices had one, and
its receivers and delivery log join it."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Office = apps.get_model("archive", "Office")
    Webhook = apps.get_model("newsroom", "Webhook")
    Delivery = apps.get_model("newsroom", "Delivery")
    offices = list(Office.objects.order_by("pk")[:2])
    if len(offices) != 1:
        return  # none: nothing to join; several: made after offices, never without one
    Webhook.objects.filter(office__isnull=True).update(office=offices[0])
    Delivery.objects.filter(office__isnull=True).update(office=offices[0])


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0014_offices_required'),
        ('newsroom', '0012_offices_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='delivery',
            name='office',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='archive.office', verbose_name='所属机关'),
        ),
        migrations.AddField(
            model_name='webhook',
            name='office',
            field=models.ForeignKey(help_text='只接收本机关的事件', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='archive.office', verbose_name='所属机关'),
        ),
        migrations.AlterField(
            model_name='webhook',
            name='unit',
            field=models.ForeignKey(blank=True, help_text='只接收与该单位有关的事件；留空表示全机关', null=True, on_delete=django.db.models.deletion.CASCADE, to='archive.unit', verbose_name='限于单位'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
