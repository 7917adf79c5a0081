"""Each persona's day, played in Chromium by clicking only: after signing in, no address is
typed; every page is reached from the landing 工作台 through the menu and the pages' own links
and buttons. The crawl (test_crawl.py) checks that nothing is out of reach; these check that the
work gets done."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kuaibao.archive.models import Unit
from kuaibao.newsroom.models import Edition, Instruction, Submission
from kuaibao.stats.models import ScoringRules
from tests.web.conftest import log_in, new_page
from tests.web.office import PASSWORD, PEOPLE, build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start(browser: Any, base: str, who: str) -> Any:
    page = new_page(browser, phone=False)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.errors = errors
    log_in(page, base, PEOPLE[who][0], PASSWORD)
    assert page.locator("h1").first.inner_text().strip().endswith("工作台")
    return page


def menu(page: Any, label: str) -> None:
    page.locator("#site-nav").get_by_role("link", name=label).click()


def test_the_reporters_day(live_server: Any, browser: Any) -> None:
    build_office()
    page = start(browser, live_server.url, "reporter")
    # A new item, written and submitted with one click.
    page.locator("#reporter").get_by_role("link", name="写稿件").first.click()
    page.fill("input[name=title]", "东屯镇开展秋季植树活动")
    page.fill("textarea[name=body]", "组织干部群众植树1200余株，新增绿化面积30亩。")
    page.get_by_role("button", name="保存并报送").click()
    assert page.locator("#status").inner_text() == "已报送"
    # The returned item: the edits go with the submission.
    menu(page, "工作台")
    page.get_by_role("link", name="东屯镇推进人居环境整治").first.click()
    assert "请补充具体数字" in page.content()
    page.fill("textarea[name=body]", "完成改厕300户，清理垃圾1500吨。")
    page.get_by_role("button", name="保存并报送").click()
    assert page.locator("#status").inner_text() == "已报送"
    assert Submission.objects.get(title="东屯镇推进人居环境整治").body == "完成改厕300户，清理垃圾1500吨。"
    # A commission to answer, from the 工作台.
    menu(page, "工作台")
    page.locator("#reporter").get_by_role("link", name="回应").first.click()
    page.fill("input[name=title]", "东屯镇秋收秋种进展顺利")
    page.fill("textarea[name=body]", "全镇秋粮收获已完成95%。")
    page.get_by_role("button", name="保存并报送").click()
    assert Submission.objects.get(title="东屯镇秋收秋种进展顺利").request is not None
    # A leader's instruction to answer.
    menu(page, "工作台")
    page.locator("#reporter").get_by_role("link", name=re.compile("《")).first.click()
    page.fill("textarea[name=feedback]", "已组织推广，召开现场会一次。")
    page.get_by_role("button", name="反馈").click()
    assert Instruction.objects.get().feedback == "已组织推广，召开现场会一次。"
    # The unit's score, the unit's items, and the password.
    menu(page, "本单位得分")
    assert "考核得分" in page.locator("h1").inner_text()
    reasons = page.locator(".card .list li").all_inner_texts()
    assert reasons and not any(re.match(r"(\d{4}-\d{2}) \1", r) for r in reasons)  # the month said once
    menu(page, "本单位稿件")
    assert page.get_by_role("link", name="东屯镇开展秋季植树活动").count() == 1
    page.locator(".user-box a.who").click()  # the name in the header leads to 修改密码
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", "another-long-pass-2024")
    page.fill("input[name=new_password2]", "another-long-pass-2024")
    page.get_by_role("button", name="保存新密码").click()
    assert "密码已修改" in page.content()
    assert page.errors == []


def test_the_editors_day(live_server: Any, browser: Any) -> None:
    build_office()
    page = start(browser, live_server.url, "editor")
    page.locator("#editor").get_by_role("link", name="县商务局促进消费回暖").click()
    assert page.locator("#similar").count() == 1  # similar items beside the submission
    page.get_by_role("button", name="保存并采用").click()
    edition = Edition.objects.filter(status="editing").first()
    assert Submission.objects.get(title="县商务局促进消费回暖").status == "adopted"
    menu(page, "编期与审签")
    page.get_by_role("link", name=str(edition)).click()
    while page.get_by_role("button", name="定稿", exact=True).count():
        page.get_by_role("button", name="定稿", exact=True).first.click()
    if page.locator("#send-reason").count():
        page.fill("#send-reason", "专有名称，核实无误")
    page.get_by_role("button", name="送审").click()
    assert page.locator("#edition-status").inner_text() == "待审核"
    menu(page, "统计考核")
    page.get_by_role("link", name="考核排名与通报").click()
    with page.expect_navigation():
        page.select_option("select[name=period]", index=1)  # the 统计期 selector works under the CSP
    assert "period=" in page.url
    page.get_by_role("link", name="上级采用").click()
    page.get_by_role("link", name="数据查询").click()
    menu(page, "导入与任务")
    page.get_by_role("link", name=re.compile("导入旧快报")).click()
    assert page.locator("h1").inner_text() == "导入旧快报"
    assert page.errors == []


def test_the_reviewer_and_signer_read_the_whole_issue_and_decide(live_server: Any, browser: Any) -> None:
    build_office()
    reviewer = start(browser, live_server.url, "reviewer")
    assert "东屯镇待审核的工作信息" in reviewer.locator(".waiting .bulletin").first.inner_text()
    reviewer.get_by_role("link", name="审核这一期").click()
    reviewer.get_by_role("button", name="审核通过").click()
    assert reviewer.locator("#edition-status").inner_text() == "待签发"
    signer = start(browser, live_server.url, "signer")
    assert signer.locator(".waiting").count() == 2
    signer.get_by_role("link", name="签发这一期").first.click()
    signer.get_by_role("button", name="签发").click()
    assert signer.locator("#edition-status").inner_text() == "已签发"
    signer.get_by_role("link", name="档案中查看").click()
    assert "签发：麻彦伟" in signer.locator(".tail").inner_text()
    assert reviewer.errors == [] and signer.errors == []


def test_the_leaders_day(live_server: Any, browser: Any) -> None:
    build_office()
    page = start(browser, live_server.url, "leader")
    page.locator("#leader").get_by_role("link", name=re.compile("第 \\d+ 期")).first.click()
    page.locator("a.permalink").first.click()
    page.fill("input[name=leader_title]", "县长")
    page.fill("textarea[name=text]", "请总结经验，在全县推广。")
    page.get_by_role("button", name="批示").click()
    assert Instruction.objects.filter(text="请总结经验，在全县推广。").exists()
    menu(page, "领导批示")
    assert "请总结经验，在全县推广。" in page.content()
    menu(page, "工作台")
    assert page.locator("#leader").get_by_role("heading", name="逾期未反馈").count() == 1
    assert page.errors == []


def test_the_administrators_day(live_server: Any, browser: Any) -> None:
    build_office()
    page = start(browser, live_server.url, "admin")
    page.locator("#admin").get_by_role("link", name=re.compile("人员")).click()
    page.get_by_role("link", name="新建人员").click()
    page.fill("input[name=display_name]", "孙红")
    page.fill("input[name=username]", "sunhong")
    page.get_by_label("信息员").check()
    page.select_option("select[name=unit]", label="县商务局")
    page.get_by_role("button", name="保存").click()
    assert page.locator("#shown-password").inner_text()
    page.get_by_role("link", name="回到人员列表").click()
    page.get_by_role("link", name="报送单位").click()
    page.get_by_role("link", name="东屯镇").click()
    page.fill("textarea[name=aliases]", "东屯")
    page.get_by_role("button", name="保存").first.click()
    assert Unit.objects.get(name="东屯镇").aliases.filter(alias="东屯").exists()
    page.get_by_role("link", name="刊物").click()
    page.get_by_role("link", name="延津政务快报").click()
    page.get_by_role("link", name="评分规则").click()
    page.get_by_role("link", name=re.compile("示例规则")).click()
    page.fill("input[name=feedback_days]", "10")
    page.get_by_role("button", name="保存评分规则").click()
    assert ScoringRules.objects.get(active=True).feedback_days == 10
    assert page.errors == []
