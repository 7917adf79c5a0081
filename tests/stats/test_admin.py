"""Rule sets in the admin: administrators add them (validated by the core), switch the active one."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kuaibao.stats.models import ScoringRules
from tests.newsroom.conftest import People

pytestmark = pytest.mark.django_db

GOOD = {
    "outlets": {"县": {"全文": 8, "摘要": 3}},
    "instructions": {"县领导": {"bonus": 1}},
    "penalties": {"约稿逾期": 5},
}


@pytest.fixture
def admin_client(people: People, client: Client) -> Client:
    client.force_login(people.admin)
    return client


def add(client: Client, rules: object, **fields: str) -> str:
    data = {
        "name": "新办法",
        "rules": json.dumps(rules, ensure_ascii=False),
        "county_level": "县",
        "county_instruction_level": "县领导",
        "feedback_days": "5",
        "note": "",
        **fields,
    }
    return client.post("/admin/stats/scoringrules/add/", data, follow=True).content.decode()


def test_the_admin_page_is_in_chinese(admin_client: Client) -> None:
    html = admin_client.get("/admin/stats/scoringrules/add/").content.decode()
    assert "评分规则" in html and "本县快报的采用级别" in html and "批示反馈期限（天）" in html


def test_administrator_adds_a_rule_set_inactive(admin_client: Client) -> None:
    add(admin_client, GOOD)
    added = ScoringRules.objects.get(name="新办法")
    assert not added.active and added.feedback_days == 5


@pytest.mark.parametrize(
    ("rules", "fields", "message"),
    [
        ({"outlets": {"县": {"全文": -1}}}, {}, "不能为负"),
        ({"outlets": {"市": {"全文": 20}}}, {}, "本县快报的采用级别“县”不在 outlets 中"),
        (GOOD, {"county_instruction_level": "市领导"}, "本系统批示的级别“市领导”不在 instructions 中"),
        ([1, 2], {}, "应是一个 JSON 对象"),
    ],
)
def test_a_rule_set_the_scorer_refuses_is_not_saved(
    admin_client: Client, rules: object, fields: dict[str, str], message: str
) -> None:
    assert message in add(admin_client, rules, **fields)
    assert not ScoringRules.objects.filter(name="新办法").exists()


def test_the_admin_action_switches_the_active_rule_set(admin_client: Client) -> None:
    add(admin_client, GOOD)
    added = ScoringRules.objects.get(name="新办法")
    data = {"action": "make_active", "_selected_action": [added.pk]}
    html = admin_client.post("/admin/stats/scoringrules/", data, follow=True).content.decode()
    assert "已启用评分规则“新办法”" in html
    assert ScoringRules.objects.get(active=True) == added


def test_the_active_rule_set_cannot_be_deleted(admin_client: Client) -> None:
    active = ScoringRules.objects.get(active=True)
    assert admin_client.get(f"/admin/stats/scoringrules/{active.pk}/delete/").status_code == 403
