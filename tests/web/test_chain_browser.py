"""逐级报送 in the browser, as its people play it: 东屯镇's reporter submits; 延津's editor, reviewer
and signer publish the county issue; 延津's editor forwards the item, edited, to the city; the
city's editor adopts it into 新乡政务信息, its reviewer and signer publish it; a city leader writes
a 批示 on it; back in 延津, the editor sees where the item went; a county editor of 封丘 cannot
open it. The offices and people are made through the actions, as an administrator would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.archive.models import Bulletin
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor
from kuaibao.newsroom.actions.offices import create_office
from kuaibao.newsroom.models import Submission
from kuaibao.newsroom.roles import Role
from kuaibao.web import actions as web_actions
from tests.web.conftest import log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-2023"


@pytest.fixture
def offices(settings: Any, tmp_path: Path) -> None:
    settings.SOURCES_DIR = tmp_path / "sources"
    root = User.objects.create_superuser("root", password=PASSWORD)
    city = create_office(Actor(root), name="新乡市人民政府办公室", short_name="新乡市", level="市")
    city_admin = create_account("xx-admin", PASSWORD, Role.ADMINISTRATOR, office=city)
    yanjin = create_office(Actor(city_admin), name="延津县人民政府办公室", short_name="延津县", level="县", parent=city)
    fengqiu = create_office(
        Actor(city_admin), name="封丘县人民政府办公室", short_name="封丘县", level="县", parent=city
    )
    yj_admin = create_account("yj-admin", PASSWORD, Role.ADMINISTRATOR, office=yanjin)
    web_actions.add_unit(Actor(yj_admin), name="东屯镇", kind="", aliases=[])
    create_account("dongtun", PASSWORD, Role.REPORTER, unit="东屯镇", display_name="东屯信息员", office=yanjin)
    for prefix, office in (("yj", yanjin), ("xx", city)):
        create_account(f"{prefix}-editor", PASSWORD, Role.EDITOR, display_name=f"{prefix}编辑", office=office)
        create_account(f"{prefix}-reviewer", PASSWORD, Role.REVIEWER, display_name=f"{prefix}审核", office=office)
        create_account(f"{prefix}-signer", PASSWORD, Role.SIGNER, display_name=f"{prefix}签发", office=office)
    create_account("xx-leader", PASSWORD, Role.READER, display_name="市长", office=city)
    create_account("fq-editor", PASSWORD, Role.EDITOR, display_name="封丘编辑", office=fengqiu)
    Bulletin.objects.create(office=yanjin, title="延津政务快报", slug="yanjin", publisher=yanjin.name)
    Bulletin.objects.create(office=city, title="新乡政务信息", slug="xinxiang", publisher=city.name)


def publish(editor: Any, reviewer: Any, signer: Any, base: str, title: str) -> None:
    """The editor makes the next issue with the waiting item; review; signature."""
    editor.goto(base + "/newsroom/editions/")
    editor.get_by_role("button", name="新建一期").click()
    editor.get_by_role("button", name="采用").first.click()
    editor.get_by_role("button", name="定稿", exact=True).first.click()
    editor.get_by_role("button", name="送审").click()
    assert editor.locator("#edition-status").inner_text() == "待审核"
    reviewer.goto(base + "/newsroom/")
    reviewer.get_by_role("link", name=title).first.click()
    reviewer.get_by_role("button", name="审核通过").click()
    signer.goto(base + "/newsroom/")
    signer.get_by_role("link", name=title).first.click()
    signer.get_by_role("button", name="签发").click()
    assert signer.locator("#edition-status").inner_text() == "已签发"


def test_an_item_goes_from_a_township_to_the_city_bulletin_and_a_city_leaders_instruction(
    live_server: Any, browser: Any, offices: None
) -> None:
    base = live_server.url
    names = ["dongtun", "yj-editor", "yj-reviewer", "yj-signer", "xx-editor", "xx-reviewer", "xx-signer", "xx-leader"]
    pages = {name: new_page(browser, phone=False) for name in [*names, "fq-editor"]}
    for name, page in pages.items():
        log_in(page, base, name, PASSWORD)

    reporter = pages["dongtun"]
    reporter.goto(base + "/newsroom/submissions/new/")
    reporter.fill("input[name=title]", "东屯镇三措并举推进项目建设")
    reporter.fill("textarea[name=body]", "定期召开推进会。总投资350万元的项目落地投产。")
    reporter.get_by_role("button", name="保存并报送").click()
    assert reporter.locator("#status").inner_text() == "已报送"
    pk = Submission.objects.get(title="东屯镇三措并举推进项目建设").pk

    publish(pages["yj-editor"], pages["yj-reviewer"], pages["yj-signer"], base, "延津政务快报")

    # 延津's editor forwards it to the city, with a title for the city's readers.
    editor = pages["yj-editor"]
    editor.goto(f"{base}/newsroom/submissions/{pk}/")
    editor.locator("#forward summary").click()
    editor.fill("#fw-title", "延津县东屯镇三措并举推进项目建设")
    editor.locator("#forward").get_by_role("button", name="转报").click()
    assert "已转报上级机关" in editor.content()
    assert "新乡市：已报送" in editor.locator("#chain").inner_text()

    # The city's editor finds it in the inbox, from 延津, with its provenance; publishes it.
    city = pages["xx-editor"]
    city.goto(base + "/newsroom/inbox/")
    city.get_by_role("link", name="延津县东屯镇三措并举推进项目建设").click()
    assert "原报送单位：东屯镇" in city.locator("#provenance").inner_text()
    assert "延津政务快报" in city.locator("#provenance").inner_text()
    publish(city, pages["xx-reviewer"], pages["xx-signer"], base, "新乡政务信息")

    # A city leader reads the city's issue and writes a 批示.
    leader = pages["xx-leader"]
    leader.goto(base + "/")
    leader.get_by_role("link", name="新乡政务信息").first.click()
    leader.get_by_role("link", name="延津县东屯镇三措并举推进项目建设").click()
    leader.fill("#leader-title", "市长")
    leader.fill("#instruction-text", "请市发展改革委总结推广。")
    leader.get_by_role("button", name="批示").click()
    assert "请市发展改革委总结推广。" in leader.locator(".instructions").inner_text()

    # Back in 延津: where the item went, down the chain.
    editor.goto(f"{base}/newsroom/submissions/{pk}/")
    chain = editor.locator("#chain").inner_text()
    assert "延津县：已采用，刊于延津政务快报" in chain
    assert "新乡市：已采用，刊于新乡政务信息" in chain

    # 封丘's editor cannot open 延津's item, nor the city's copy.
    other = pages["fq-editor"]
    response = other.goto(f"{base}/newsroom/submissions/{pk}/")
    assert response is not None and response.status == 404
