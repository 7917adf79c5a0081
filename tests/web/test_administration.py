"""The office's administration pages: people (one at a time, from an Excel sheet, passwords
reset), units (edited, merged keeping their items), bulletins, and the scoring rules as a form.
Django's admin is for superusers only."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import Workbook

from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Item, Unit, UnitAlias
from kuaibao.archive.queries import SearchRequest, run_search
from kuaibao.newsroom.actions import editions
from kuaibao.newsroom.models import Submission
from kuaibao.stats.models import ScoringRules
from tests.golden import CORPUS
from tests.newsroom.conftest import People, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(people: People) -> Client:
    client = Client()
    client.force_login(people.admin)
    return client


def test_an_administrator_adds_a_person_and_sees_the_password_once(admin: Client) -> None:
    data = {"display_name": "王芳", "username": "wangfang", "roles": ["reporter"], "unit": Unit.objects.get(name="东屯镇").pk}
    html = admin.post("/manage/people/new/", data).content.decode()
    assert "已新建 王芳" in html and 'id="shown-password"' in html
    password = re.search(r'id="shown-password"[^>]*>([^<]+)<', html)[1]  # type: ignore[index]
    user = User.objects.get(username="wangfang")
    assert user.check_password(password) and user.profile.display_name == "王芳" and not user.is_staff
    assert user.groups.get().name == "信息员"


def test_a_reporter_needs_a_unit_and_an_editor_does_not_sign(admin: Client) -> None:
    html = admin.post("/manage/people/new/", {"display_name": "甲", "username": "jia", "roles": ["reporter"]}).content.decode()
    assert "信息员必须指定所属单位" in html
    both = {"display_name": "乙", "username": "yi", "roles": ["editor", "signer"]}
    assert "编审分离" in admin.post("/manage/people/new/", both).content.decode()
    assert not User.objects.filter(username__in=["jia", "yi"]).exists()


def sheet(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["姓名", "登录名", "角色", "单位", "电子邮件"])
    for row in rows:
        ws.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "people.xlsx"
    return data


def test_people_are_imported_from_an_excel_sheet_all_or_none(admin: Client) -> None:
    bad = sheet([["张一", "zhang1", "信息员", "东屯镇"], ["张二", "zhang2", "信息员", "不存在镇"]])
    html = admin.post("/manage/people/import/", {"sheet": bad}).content.decode()
    assert "第 3 行：单位目录中没有“不存在镇”" in html
    assert not User.objects.filter(username="zhang1").exists()
    good = sheet([["张一", "zhang1", "信息员", "东屯镇"], ["张二", "zhang2", "责任编辑、读者", ""]])
    html = admin.post("/manage/people/import/", {"sheet": good}).content.decode()
    assert "已导入 2 人" in html
    assert {g.name for g in User.objects.get(username="zhang2").groups.all()} == {"责任编辑", "读者"}
    assert admin.get("/manage/people/template.xlsx")["Content-Type"].startswith("application/vnd.openxml")


def test_a_forgotten_password_is_reset(admin: Client, people: People) -> None:
    html = admin.post(f"/manage/people/{people.reporter.pk}/password/", {"password": ""}).content.decode()
    password = re.search(r'id="shown-password"[^>]*>([^<]+)<', html)[1]  # type: ignore[index]
    assert User.objects.get(pk=people.reporter.pk).check_password(password)


def test_a_person_is_switched_off_not_deleted(admin: Client, people: People) -> None:
    data = {"display_name": "东屯信息员", "roles": ["reporter"], "unit": people.reporter.profile.unit_id, "email": ""}
    assert admin.post(f"/manage/people/{people.reporter.pk}/", data).status_code == 302
    assert not User.objects.get(pk=people.reporter.pk).is_active


def test_merging_two_units_keeps_their_items(admin: Client, people: People, settings: object, tmp_path: Path) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert import_path(path).status == "imported"
    slipped = Unit.objects.get(name="县政务服务和大数数据管理局")
    right = Unit.objects.create(name="县政务服务和大数据管理局")
    items = list(Item.objects.filter(itemunit__unit=slipped).values_list("pk", flat=True))
    assert items
    response = admin.post(f"/manage/units/{slipped.pk}/merge/", {"target": right.pk})
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=slipped.pk).exists()
    assert set(Item.objects.filter(itemunit__unit=right).values_list("pk", flat=True)) >= set(items)
    assert UnitAlias.objects.get(alias="县政务服务和大数数据管理局").unit == right
    found = run_search(SearchRequest(text="政务", unit="县政务服务和大数据管理局"))
    assert found.total >= len(items)  # the search's unit filter follows the merge


def test_merging_moves_submissions_and_people(admin: Client, people: People) -> None:
    item = write(people)
    dongtun = Unit.objects.get(name="东屯镇")
    other = Unit.objects.create(name="东屯镇人民政府")
    admin.post(f"/manage/units/{dongtun.pk}/merge/", {"target": other.pk})
    assert Submission.objects.get(pk=item.pk).unit == other
    assert User.objects.get(pk=people.reporter.pk).profile.unit == other


BULLETIN_POST = {
    "title": "延津政务快报", "publisher": "延津县人民政府办公室", "default_distribution": "县委常委，县人大正副主任。",
    "default_copies": "120", "classification": "秘密", "secrecy_period": "1年", "internal": "on",
    "total_numbering": "on", "font_profile": "gb9704",
}  # fmt: skip


def test_bulletin_defaults_are_edited(admin: Client, bulletin: object) -> None:
    page = admin.get(f"/manage/bulletins/{bulletin.pk}/").content.decode()  # type: ignore[attr-defined]
    for label in ("印数", "密级", "保密期限", "内部资料", "总期号", "字体方案"):
        assert label in page
    assert admin.post(f"/manage/bulletins/{bulletin.pk}/", BULLETIN_POST).status_code == 302  # type: ignore[attr-defined]
    bulletin.refresh_from_db()  # type: ignore[attr-defined]
    got = {name: getattr(bulletin, name) for name in ("default_distribution", "default_copies", "classification")}
    assert got == {"default_distribution": "县委常委，县人大正副主任。", "default_copies": 120, "classification": "秘密"}
    assert (bulletin.secrecy_period, bulletin.internal, bulletin.total_numbering) == ("1年", True, True)  # type: ignore[attr-defined]
    assert bulletin.font_profile == "gb9704"  # type: ignore[attr-defined]


def test_a_new_edition_takes_the_bulletin_layout_defaults(admin: Client, bulletin: object, people: People) -> None:
    admin.post(f"/manage/bulletins/{bulletin.pk}/", BULLETIN_POST)  # type: ignore[attr-defined]
    bulletin.refresh_from_db()  # type: ignore[attr-defined]
    edition = editions.create_edition(people.act("editor"), bulletin)  # type: ignore[arg-type]
    assert (edition.classification, edition.secrecy_period, edition.internal) == ("秘密", "1年", True)
    assert edition.copies == 120


def test_a_secrecy_period_without_classification_is_refused(admin: Client, bulletin: object) -> None:
    data = {**BULLETIN_POST, "classification": "", "secrecy_period": "长期"}
    page = admin.post(f"/manage/bulletins/{bulletin.pk}/", data).content.decode()  # type: ignore[attr-defined]
    assert "没有密级时不标保密期限" in page
    bulletin.refresh_from_db()  # type: ignore[attr-defined]
    assert bulletin.secrecy_period == ""  # type: ignore[attr-defined]


def rules_post(**changes: str) -> dict[str, str]:
    data = {
        "name": "新办法", "county_level": "县", "county_instruction_level": "县领导", "default_form": "全文",
        "feedback_days": "5", "instruction_combine": "sum", "adoption_combine": "sum", "lead_share": "", "note": "",
        "outlet-count": "2", "outlet-0-level": "县", "outlet-0-form": "全文", "outlet-0-points": "8",
        "outlet-1-level": "县", "outlet-1-form": "摘要", "outlet-1-points": "3",
        "instruction-count": "1", "instruction-0-level": "县领导", "instruction-0-bonus": "1", "instruction-0-multiplier": "1",
        "penalty-count": "1", "penalty-0-kind": "约稿逾期", "penalty-0-points": "5",
        "quota-count": "0",
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_rules_are_a_form_explained_in_words(admin: Client) -> None:
    active = ScoringRules.objects.get(active=True)
    html = admin.get(f"/manage/rules/{active.pk}/").content.decode()
    assert "采用分值" in html and "每条被采用的信息" in html and "扣分项" in html
    assert "JSON" not in html and "outlets" not in html
    assert "现行规则的文字说明" in html


def test_an_administrator_adds_a_rule_set_inactive(admin: Client) -> None:
    assert admin.post("/manage/rules/new/", rules_post()).status_code == 302
    added = ScoringRules.objects.get(name="新办法")
    assert not added.active and added.feedback_days == 5
    assert added.rules["outlets"] == {"县": {"全文": "8", "摘要": "3"}}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"outlet-0-points": "-1"}, "不能为负"),
        ({"outlet-0-level": "市", "outlet-1-level": "市"}, "本县快报的采用级别“县”不在"),
        ({"county_instruction_level": "市领导"}, "本系统批示的级别“市领导”不在"),
        ({"outlet-0-points": "八"}, "应为数字"),
    ],
)
def test_a_rule_set_the_scorer_refuses_is_not_saved(admin: Client, changes: dict[str, str], message: str) -> None:
    html = admin.post("/manage/rules/new/", rules_post(**changes)).content.decode()
    assert message in html
    assert not ScoringRules.objects.filter(name="新办法").exists()


def test_a_rule_set_is_switched_on(admin: Client) -> None:
    admin.post("/manage/rules/new/", rules_post())
    added = ScoringRules.objects.get(name="新办法")
    admin.post(f"/manage/rules/{added.pk}/activate/")
    assert ScoringRules.objects.get(active=True) == added


def test_djangos_admin_is_for_superusers_only_and_in_chinese(admin: Client) -> None:
    assert admin.get("/admin/").status_code == 302
    root = User.objects.create_superuser("root", password="a-long-test-password-2023")
    client = Client()
    client.force_login(root)
    html = client.get(f"/admin/auth/user/{root.pk}/change/").content.decode()
    assert "Can add" not in html and "可以添加" in html
    index = client.get("/admin/").content.decode()
    assert "item unit" not in index.lower()
