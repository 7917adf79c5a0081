"""Browser tests: headless Chromium (Debian's) driven by Playwright against a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Chromium in Chinese (its resources from Debian's chromium-l10n): native widgets such as a file
# field's 选择文件 and a date field's 年/月/日 read as in an office's browser. Headless Chromium
# takes its language from LANGUAGE, not from --lang (LANG stays: no zh_CN locale need be installed).
CHINESE = {"LANGUAGE": "zh_CN"}

# Playwright's sync API runs an event loop in this thread; the live server's database work
# happens in its own thread, and the test's setup uses the ORM before the browser starts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env={**os.environ, **CHINESE}
        )
        yield browser
        browser.close()


def new_page(browser: Any, *, phone: bool = True) -> Any:
    """A fresh browser context (its own cookies: one per user) and a page in it."""
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())  # confirm() before 送审, 签发 …: yes
    return page


def log_in(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("#login-form").get_by_role("button", name="登录").click()
    page.wait_for_url(base_url + "/newsroom/")  # everyone lands on their 工作台


@pytest.fixture
def page(browser: Any) -> Any:
    return new_page(browser)


# The newsroom's named personas (and its data directory per test) serve the web shell's tests too.
from tests.newsroom.conftest import bulletin, data_dir, people  # noqa: E402, F401
