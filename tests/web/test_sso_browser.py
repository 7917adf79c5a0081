"""Single sign-on in Chromium against a real OpenID Connect provider (django-oauth-toolkit, started
on its own port by tests/support/platform.py): the first log-in maps a platform user to a new
account with their unit, or to the existing account whose verified e-mail matches; the next
log-in finds the same account; log-out ends the session here and at the platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.archive.models import Office
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.models import AuditEntry
from kuaibao.newsroom.roles import Role, roles_of
from kuaibao.sso.models import PlatformIdentity
from tests.support.platform import Person, Platform
from tests.web.conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZHANG = Person("zhangsan", "platform-pass-1", "张三", "zhangsan@dongtun.gov.cn", "东屯镇")
LI = Person("lisi", "platform-pass-2", "李四", "lisi@yanjin.gov.cn", "县政府办公室")
WANG = Person("wangwu", "platform-pass-3", "王五", "wangwu@fengqiu.gov.cn", "县商务局", office="封丘县")
ZHAO = Person("zhaoliu", "platform-pass-4", "赵六", "zhaoliu@example.gov.cn", "县商务局")  # no office named


@pytest.fixture
def platform(live_server: Any, settings: Any, tmp_path: Path) -> Any:
    with Platform(tmp_path / "platform", live_server.url, [ZHANG, LI, WANG, ZHAO]) as running:
        running.configure(settings)
        yield running


def sign_in_at_platform(page: Any, base: str, person: Person) -> None:
    page.goto(base + "/login/")
    page.click("#sso-login")
    page.wait_for_selector("#platform-username")
    assert "政务平台统一身份认证" in page.content()
    page.fill("#platform-username", person.username)
    page.fill("#platform-password", person.password)
    page.get_by_role("button", name="登录平台").click()
    page.wait_for_url(base + "/newsroom/**")


def test_first_log_in_maps_the_person_then_finds_them_again_and_log_out_ends_both(
    live_server: Any, browser: Any, platform: Platform
) -> None:
    resolve_unit("东屯镇")
    base = live_server.url
    page = new_page(browser, phone=False)
    errors: list[str] = []
    # Errors on kuaibao's pages only (the test platform has no favicon).
    page.on(
        "console", lambda m: errors.append(m.text) if m.type == "error" and m.location["url"].startswith(base) else None
    )

    sign_in_at_platform(page, base, ZHANG)
    assert "张三" in page.locator(".who").inner_text()
    user = User.objects.get(platform_identities__subject__isnull=False, profile__display_name="张三")
    assert roles_of(user) == {Role.REPORTER} and user.profile.unit.name == "东屯镇"
    assert not user.has_usable_password() and user.email == ZHANG.email
    assert AuditEntry.objects.filter(actor=user, action="sso.map", summary__contains="新建账号").exists()
    page.goto(base + "/newsroom/submissions/new/")  # a reporter's page: the role works
    assert page.locator("input[name=title]").count() == 1

    # Log out: the session ends here and at the platform, and the person lands back here.
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(base + "/**")
    page.goto(base + "/newsroom/")
    assert "/login/" in page.url
    page.click("#sso-login")
    page.wait_for_selector("#platform-username")  # the platform asks again: its session ended too

    # The second log-in finds the same account.
    page.fill("#platform-username", ZHANG.username)
    page.fill("#platform-password", ZHANG.password)
    page.get_by_role("button", name="登录平台").click()
    page.wait_for_url(base + "/newsroom/**")
    assert PlatformIdentity.objects.filter(user=user).count() == 1
    assert User.objects.filter(profile__display_name="张三").count() == 1
    assert errors == []


def test_first_log_in_links_an_existing_account_with_the_same_verified_email(
    live_server: Any, browser: Any, platform: Platform
) -> None:
    existing = create_account("liwei", "a-long-test-password-2023", Role.EDITOR, display_name="李四", email=LI.email)
    page = new_page(browser, phone=True)
    sign_in_at_platform(page, live_server.url, LI)
    identity = PlatformIdentity.objects.get()
    assert identity.user == existing and roles_of(existing) == {Role.EDITOR}
    assert AuditEntry.objects.filter(actor=existing, action="sso.map", summary__contains="关联到已有账号").exists()
    # The local password still works for offices that keep it.
    assert existing.check_password("a-long-test-password-2023")


def test_the_office_the_platform_names_decides_where_a_new_account_works(
    live_server: Any, browser: Any, platform: Platform
) -> None:
    """Two counties with a unit of the same name: the claim naming the office picks the county;
    without it, an installation of several offices refuses, saying why, and makes nothing."""
    yanjin = Office.objects.create(name="延津县人民政府办公室", short_name="延津县")
    fengqiu = Office.objects.create(name="封丘县人民政府办公室", short_name="封丘县")
    resolve_unit("县商务局", yanjin)
    theirs = resolve_unit("县商务局", fengqiu)

    sign_in_at_platform(new_page(browser, phone=False), live_server.url, WANG)
    user = User.objects.get(profile__display_name="王五")
    assert user.profile.office == fengqiu and user.profile.unit == theirs and roles_of(user) == {Role.REPORTER}
    assert AuditEntry.objects.filter(actor=user, action="sso.map", office=fengqiu, summary__contains="封丘县").exists()

    page = new_page(browser, phone=False)
    page.goto(live_server.url + "/login/")
    page.click("#sso-login")
    page.fill("#platform-username", ZHAO.username)
    page.fill("#platform-password", ZHAO.password)
    page.get_by_role("button", name="登录平台").click()
    page.wait_for_url(live_server.url + "/login/**")
    assert "平台没有说明您属于哪个机关" in page.content()
    assert not User.objects.filter(profile__display_name="赵六").exists()
    assert not PlatformIdentity.objects.filter(claims__preferred_username="zhaoliu").exists()
