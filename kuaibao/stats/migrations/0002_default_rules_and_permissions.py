"""The statistics permission for the office and administrators, the administrators' rights on
rule sets, and a first active rule set within docs/DOMAIN.md's ranges (an office edits it)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

DEFAULT_RULES = {
    "outlets": {
        "县": {"全文": 10, "摘要": 5, "综合": 1},
        "市": {"全文": 20, "摘要": 10, "综合": 3},
        "省": {"全文": 30, "综合": 10},
        "国务院办公厅": {"全文": 50, "综合": 30},
    },
    "default_form": "全文",
    "instructions": {"县领导": {"bonus": 2}, "市领导": {"bonus": 5}, "省领导": {"multiplier": 2}},
    "instruction_combine": "sum",
    "adoption_combine": "sum",
    "lead_share": None,
    "penalties": {"约稿逾期": 10, "批示未反馈": 10, "迟报": 20, "漏报": 20, "瞒报": 20},
    "quotas": {"乡镇": {"minimum": 8, "base": 20}},
}

GRANTS = {
    "reviewer": ["view_statistics"],
    "editor": ["view_statistics"],
    "signer": ["view_statistics"],
    "administrator": [
        "view_statistics", "add_scoringrules", "change_scoringrules", "view_scoringrules", "delete_scoringrules",
    ],
}  # fmt: skip


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    from kuaibao.newsroom.roles import GROUP_NAMES, Role

    config = global_apps.get_app_config("stats")
    previous = config.models_module
    config.models_module = previous or True  # an earlier migration may have cleared it
    try:
        create_permissions(config, verbosity=0)
    finally:
        config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[Role(role)])
        for codename in codenames:
            group.permissions.add(Permission.objects.get(content_type__app_label="stats", codename=codename))


def revoke(apps, schema_editor):  # type: ignore[no-untyped-def]
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="stats").delete()


def default_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    ScoringRules = apps.get_model("stats", "ScoringRules")
    if not ScoringRules.objects.exists():
        ScoringRules.objects.create(
            name="示例规则（县快报 10 分、市 20 分、省 30 分、国务院办公厅 50 分）",
            rules=DEFAULT_RULES,
            county_level="县",
            county_instruction_level="县领导",
            feedback_days=7,
            active=True,
            note="按县级政务信息考核的常见做法设定的示例（县级采用每条 1–10 分、市级 3–20 分等），请按本单位考核办法修改。",
        )


def no_op(apps, schema_editor):  # type: ignore[no-untyped-def]
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("newsroom", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke), migrations.RunPython(default_rules, no_op)]
