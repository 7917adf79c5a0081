"""An installation from before offices served one office: it becomes that office, and every
unit, alias and bulletin joins it (nothing else changes). The office takes the publisher of the
oldest bulletin as its name (延津县人民政府办公室), or 本级办公室 when there is none."""

from django.db import migrations


def the_office(apps):  # type: ignore[no-untyped-def]
    Office = apps.get_model("archive", "Office")
    Bulletin = apps.get_model("archive", "Bulletin")
    office = Office.objects.order_by("pk").first()
    if office is None:
        first = Bulletin.objects.exclude(publisher="").order_by("pk").first()
        office = Office.objects.create(name=first.publisher if first else "本级办公室", level="县")
    return office


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Unit = apps.get_model("archive", "Unit")
    UnitAlias = apps.get_model("archive", "UnitAlias")
    Bulletin = apps.get_model("archive", "Bulletin")
    if not (Unit.objects.exists() or UnitAlias.objects.exists() or Bulletin.objects.exists()):
        return
    office = the_office(apps)
    Unit.objects.filter(office__isnull=True).update(office=office)
    UnitAlias.objects.filter(office__isnull=True).update(office=office)
    Bulletin.objects.filter(office__isnull=True).update(office=office)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0012_offices"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
