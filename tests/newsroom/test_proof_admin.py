"""The 领导排序表 and the 规范提法/禁用词 list in Django's admin (superusers): pages in
Chinese, entries added there used by the next check. (The office's administrators keep the same
lists under 管理 › 审校, kuaibao.web.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kuaibao.newsroom import proofing
from kuaibao.newsroom.models import ProofLeader, ProofPhrase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.SOURCES_DIR = tmp_path / "sources"


@pytest.fixture
def superuser() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "a-long-test-password-2023"))
    return client


def test_phrase_pages_are_in_chinese_and_an_entry_is_used(superuser: Client) -> None:
    page = superuser.get("/admin/newsroom/proofphrase/add/").content.decode()
    for label in ("增加 规范提法与禁用词", "类别", "表述", "应为", "依据", "级别", "启用", "规范提法", "禁用词"):
        assert label in page
    response = superuser.post(
        "/admin/newsroom/proofphrase/add/",
        {"kind": "norm", "phrase": "建国以来", "suggestion": "新中国成立以来", "source": "规范表述通知（2023）",
         "note": "", "severity": "error", "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    listing = superuser.get("/admin/newsroom/proofphrase/").content.decode()
    assert "建国以来" in listing and "规范表述通知（2023）" in listing
    found = {f.finding.rule: f.finding for f in proofing.check_item("标题", "建国以来，全县面貌发生变化。")}
    assert found["list.norm"].suggestion == "新中国成立以来"
    assert "规范表述通知（2023）" in found["list.norm"].message


def test_the_same_phrase_twice_is_refused_in_chinese(superuser: Client) -> None:
    ProofPhrase.objects.create(kind=ProofPhrase.Kind.BANNED, phrase="决胜全面建成小康社会", source="提法已过时")
    response = superuser.post(
        "/admin/newsroom/proofphrase/add/",
        {"kind": "banned", "phrase": "决胜全面建成小康社会", "source": "又一次", "severity": "error", "active": "on"},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "已经存在" in response.content.decode()
    assert ProofPhrase.objects.count() == 1


def test_leader_pages_are_in_chinese_and_the_order_is_checked(superuser: Client) -> None:
    page = superuser.get("/admin/newsroom/proofleader/add/").content.decode()
    for label in ("增加 领导排序", "姓名", "职务", "排名", "数字越小排名越靠前"):
        assert label in page
    for rank, name, titles in ((1, "王强", "县委书记"), (2, "张伟", "县委副书记、县长")):
        response = superuser.post(
            "/admin/newsroom/proofleader/add/", {"name": name, "titles": titles, "rank": rank, "active": "on"}
        )
        assert response.status_code == 302
    listing = superuser.get("/admin/newsroom/proofleader/").content.decode()
    assert "领导排序表" in listing and listing.index("王强") < listing.index("张伟")
    found = proofing.check_item("县领导调研", "县长张伟、县委书记王强到东屯镇调研。")
    assert "list.leader_order" in {f.finding.rule for f in found}
    ProofLeader.objects.filter(name="张伟").update(rank=0)
    found = proofing.check_item("县领导调研", "县长张伟、县委书记王强到东屯镇调研。")
    assert "list.leader_order" not in {f.finding.rule for f in found}
