"""The sample rule set's note named a file of the project (DOMAIN.md); say it in words."""

from django.db import migrations

OLD = "按 DOMAIN.md 所述常见做法设定的示例，请按本单位考核办法修改。"
NEW = "按县级政务信息考核的常见做法设定的示例（县级采用每条 1–10 分、市级 3–20 分等），请按本单位考核办法修改。"


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("stats", "ScoringRules").objects.filter(note=OLD).update(note=NEW)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("stats", "ScoringRules").objects.filter(note=NEW).update(note=OLD)


class Migration(migrations.Migration):
    dependencies = [("stats", "0003_metrics")]
    operations = [migrations.RunPython(forward, backward)]
