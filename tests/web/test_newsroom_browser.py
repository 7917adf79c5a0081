"""The whole story with five people in five browsers: two units submit, the editor returns one,
the unit revises, the editor compiles an issue, the reviewer returns it once and then
approves, the signer signs, and the issue appears in the archive and its search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kuaibao.archive.models import Bulletin
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.roles import Role
from tests.web.conftest import log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-2023"


@pytest.fixture
def office(settings: Any, tmp_path: Path) -> None:
    settings.SOURCES_DIR = tmp_path / "sources"
    Bulletin.objects.create(title="延津政务快报", slug="yanjin", publisher="延津县人民政府办公室", default_distribution="县委常委，副县长。")
    resolve_unit("东屯镇")
    resolve_unit("县商务局")
    create_account("dongtun", PASSWORD, Role.REPORTER, unit="东屯镇", display_name="东屯信息员")
    create_account("shangwu", PASSWORD, Role.REPORTER, unit="县商务局", display_name="商务信息员")
    create_account("bianji", PASSWORD, Role.EDITOR, display_name="李勉")
    create_account("shenhe", PASSWORD, Role.REVIEWER, display_name="原超俊")
    create_account("qianfa", PASSWORD, Role.SIGNER, display_name="麻彦伟")


def write_and_submit(page: Any, base: str, title: str, body: str) -> None:
    page.goto(base + "/newsroom/submissions/new/")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=body]", body)
    page.fill("input[name=suggested_section]", "项目建设")
    page.get_by_role("button", name="保存并报送").click()
    assert page.locator("#status").inner_text() == "已报送"


def test_five_people_take_an_issue_from_draft_to_archive(live_server: Any, browser: Any, office: None) -> None:
    base = live_server.url
    dongtun, shangwu, editor, reviewer, signer = (new_page(browser) for _ in range(5))
    for page, name in [(dongtun, "dongtun"), (shangwu, "shangwu"), (editor, "bianji"), (reviewer, "shenhe"), (signer, "qianfa")]:
        log_in(page, base, name, PASSWORD)

    write_and_submit(dongtun, base, "东屯镇推进秸秆综合利用", "组织农机合作社开展秸秆还田作业。截至目前，还田面积2万余亩。")
    write_and_submit(shangwu, base, "县商务局促进消费回暖", "开展以旧换新活动，拉动消费。")

    # The editor returns the 商务局 item with a comment.
    editor.goto(base + "/newsroom/inbox/")
    editor.get_by_role("link", name="县商务局促进消费回暖").click()
    editor.fill("textarea[name=comment]", "请补充具体数字")
    editor.get_by_role("button", name="保存并退回修改").click()
    assert editor.locator("#status").inner_text() == "退回修改"

    # The unit sees the comment, revises and submits again.
    shangwu.goto(base + "/newsroom/submissions/")
    assert "请补充具体数字" in shangwu.content()
    shangwu.get_by_role("link", name="县商务局促进消费回暖").click()
    shangwu.fill("textarea[name=body]", "开展以旧换新活动，拉动消费10.6万元。")
    shangwu.get_by_role("button", name="保存并报送").click()  # the edits go with the submission
    assert shangwu.locator("#status").inner_text() == "已报送"

    # The editor compiles the next issue, adopts both, orders them and finishes them.
    editor.goto(base + "/newsroom/editions/")
    editor.get_by_role("button", name="新建一期").click()
    assert "第 1 期" in editor.locator("h1").inner_text()
    for _ in range(2):
        editor.get_by_role("button", name="采用").first.click()
    titles = editor.locator("#placements li strong").all_inner_texts()
    assert len(titles) == 2
    editor.get_by_role("button", name=f"下移 {titles[0].split('. ', 1)[1]}").click()
    assert editor.locator("#placements li strong").all_inner_texts()[1].endswith(titles[0].split(". ", 1)[1])
    for _ in range(2):
        editor.get_by_role("button", name="定稿", exact=True).first.click()
    editor.get_by_role("button", name="送审").click()
    assert editor.locator("#edition-status").inner_text() == "待审核"

    # The reviewer returns it once, the editor sends it again, the reviewer approves.
    reviewer.goto(base + "/newsroom/")
    reviewer.get_by_role("link", name="延津政务快报").first.click()
    reviewer.fill("textarea[name=comment]", "顺序请再斟酌")
    reviewer.get_by_role("button", name="退回").click()
    assert reviewer.locator("#edition-status").inner_text() == "编辑中"
    editor.reload()
    assert "顺序请再斟酌" in editor.content()
    editor.get_by_role("button", name="送审").click()
    reviewer.reload()
    reviewer.get_by_role("button", name="审核通过").click()
    assert reviewer.locator("#edition-status").inner_text() == "待签发"

    # The signer signs; the issue is in the archive and its search.
    signer.goto(base + "/newsroom/")
    signer.get_by_role("link", name="延津政务快报").first.click()
    signer.get_by_role("button", name="签发").click()
    assert signer.locator("#edition-status").inner_text() == "已签发"
    signer.get_by_role("link", name="档案中查看").click()
    assert signer.locator(".masthead-title").inner_text().startswith("延津政务快报")
    assert "签发：麻彦伟" in signer.locator(".tail").inner_text()
    signer.fill("header input[name=q]", "秸秆")
    signer.press("header input[name=q]", "Enter")
    assert signer.locator("#total").inner_text() == "1"
    assert signer.locator("a.hit-title").inner_text() == "东屯镇推进秸秆综合利用"
