"""The proofreading lists in the administration (kuaibao/web/proof_lists.py): an administrator
keeps the 领导排序表 and the 规范提法 / 禁用词 list by clicking, and proofreading uses them at once."""

from __future__ import annotations

import pytest
from django.test import Client

from kuaibao.newsroom import proofing
from kuaibao.newsroom.models import AuditEntry, ProofLeader, ProofPhrase
from tests.newsroom.conftest import People

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(people: People) -> Client:
    client = Client()
    client.force_login(people.admin)
    return client


def test_leaders_added_in_the_administration_order_the_proofreading(admin: Client) -> None:
    for rank, name, titles in ((1, "王强", "县委书记"), (2, "张伟", "县委副书记、县长")):
        data = {"rank": rank, "name": name, "titles": titles, "active": "on", "note": ""}
        assert admin.post("/manage/proofing/leaders/new/", data).status_code == 302
    page = admin.get("/manage/proofing/").content.decode()
    assert "王强" in page and "县委副书记、县长" in page
    found = proofing.check_item("县领导调研", "县长张伟、县委书记王强到东屯镇调研。")
    assert "list.leader_order" in {f.finding.rule for f in found}
    assert AuditEntry.objects.filter(action="proof.leader").count() == 2


def test_a_phrase_with_its_source_is_checked_and_can_be_switched_off(admin: Client) -> None:
    data = {"kind": "norm", "phrase": "建国以来", "suggestion": "新中国成立以来", "source": "规范表述通知（2023）",
            "note": "", "severity": "error", "active": "on"}  # fmt: skip
    assert admin.post("/manage/proofing/phrases/new/", data).status_code == 302
    entry = ProofPhrase.objects.get()
    found = {f.finding.rule: f.finding for f in proofing.check_item("标题", "建国以来，变化很大。")}
    assert found["list.norm"].suggestion == "新中国成立以来"
    admin.post(f"/manage/proofing/phrases/{entry.pk}/", {**data, "active": ""})
    assert "list.norm" not in {f.finding.rule for f in proofing.check_item("标题", "建国以来，变化很大。")}


def test_the_same_phrase_twice_is_one_clear_line(admin: Client) -> None:
    data = {"kind": "banned", "phrase": "决胜全面建成小康社会", "suggestion": "", "source": "提法已过时",
            "note": "", "severity": "warning", "active": "on"}  # fmt: skip
    admin.post("/manage/proofing/phrases/new/", data)
    page = admin.post("/manage/proofing/phrases/new/", data).content.decode()
    assert "禁用词中已有“决胜全面建成小康社会”" in page
    assert ProofPhrase.objects.count() == 1


def test_a_leader_without_titles_is_refused_and_one_is_removed(admin: Client) -> None:
    page = admin.post("/manage/proofing/leaders/new/", {"rank": 1, "name": "王强", "titles": "、", "active": "on"})
    assert "至少写一个职务" in page.content.decode() and not ProofLeader.objects.exists()
    leader = ProofLeader.objects.create(name="王强", titles="县委书记", rank=1)
    assert admin.post(f"/manage/proofing/leaders/{leader.pk}/remove/").status_code == 302
    assert not ProofLeader.objects.exists()


def test_only_administrators_keep_the_lists(people: People) -> None:
    client = Client()
    client.force_login(people.editor)
    assert client.get("/manage/proofing/").status_code == 403
    data = {"rank": 1, "name": "王强", "titles": "县委书记", "active": "on"}
    assert client.post("/manage/proofing/leaders/new/", data).status_code == 403
    assert not ProofLeader.objects.exists()


def test_in_an_office_below_another_the_shared_lists_are_read_only(people: People) -> None:
    """The lists serve every office: a county's administrator under a city reads them, only the
    city's administrator (the top office) changes them."""
    from kuaibao.archive.models import Office
    from kuaibao.newsroom.actions.accounts import create_account
    from kuaibao.newsroom.roles import Role
    from tests.newsroom.conftest import PASSWORD

    county = Office.objects.get()
    city = Office.objects.create(name="新乡市人民政府办公室", level=Office.Level.CITY)
    county.parent = city
    county.save()
    city_admin = create_account("city-admin", PASSWORD, Role.ADMINISTRATOR, display_name="市管理员", office=city)
    ProofLeader.objects.create(name="王强", titles="县委书记", rank=1)
    data = {"rank": 2, "name": "张伟", "titles": "县长", "active": "on", "note": ""}
    county_admin = Client()
    county_admin.force_login(people.admin)
    page = county_admin.get("/manage/proofing/").content.decode()
    assert "王强" in page and "最上级机关的管理员维护" in page and "新增领导" not in page
    assert county_admin.post("/manage/proofing/leaders/new/", data).status_code == 403
    city_client = Client()
    city_client.force_login(city_admin)
    assert city_client.post("/manage/proofing/leaders/new/", data).status_code == 302
    assert ProofLeader.objects.filter(name="张伟").exists()
