"""An installation from before offices: its rule sets and recorded adoptions join its office,
whose level (and that of the 批示 written there) becomes the one its rules score its own
bulletin at, when that is a known level."""

from django.db import migrations

LEVELS = {"乡镇", "县", "市", "省", "国务院办公厅"}


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Office = apps.get_model("archive", "Office")
    ScoringRules = apps.get_model("stats", "ScoringRules")
    ExternalAdoption = apps.get_model("stats", "ExternalAdoption")
    if not (ScoringRules.objects.exists() or ExternalAdoption.objects.exists()):
        return
    office = Office.objects.order_by("pk").first() or Office.objects.create(name="本级办公室", level="县")
    ScoringRules.objects.filter(office__isnull=True).update(office=office)
    ExternalAdoption.objects.filter(office__isnull=True).update(office=office)
    active = ScoringRules.objects.filter(active=True).first()
    if active is not None and active.county_level in LEVELS and Office.objects.count() == 1:
        Office.objects.filter(pk=office.pk).update(level=active.county_level)
        # The 批示 already written were given the office's level before it was known.
        Instruction = apps.get_model("newsroom", "Instruction")
        Instruction.objects.filter(level=office.level).update(level=active.county_level)


class Migration(migrations.Migration):

    dependencies = [
        ("stats", "0006_offices"),
        ("newsroom", "0011_offices_fill"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
