"""An installation from before offices: every account, request and audit row joins its one
office (the archive's migration made it from the bulletins; made here when the archive was
empty), and the 批示 already written are at that office's level."""

from django.db import migrations


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Office = apps.get_model("archive", "Office")
    Profile = apps.get_model("newsroom", "Profile")
    Request = apps.get_model("newsroom", "Request")
    AuditEntry = apps.get_model("newsroom", "AuditEntry")
    Instruction = apps.get_model("newsroom", "Instruction")
    if not (Profile.objects.exists() or Request.objects.exists() or AuditEntry.objects.exists()
            or Instruction.objects.exists()):  # fmt: skip
        return
    office = Office.objects.order_by("pk").first() or Office.objects.create(name="本级办公室", level="县")
    Profile.objects.filter(office__isnull=True).update(office=office)
    Request.objects.filter(office__isnull=True).update(office=office)
    AuditEntry.objects.filter(office__isnull=True).update(office=office)
    Instruction.objects.filter(level="").update(level=office.level)


class Migration(migrations.Migration):

    dependencies = [
        ("newsroom", "0010_offices"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
