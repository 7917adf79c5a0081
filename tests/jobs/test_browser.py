"""In a real browser: an administrator starts a folder import and watches its progress move
(the page polls the status endpoint) until the result and the failed file appear."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.jobs import tasks
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-2023"


@pytest.fixture
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_administrator_watches_a_folder_import_progress(
    live_server: Any, browser: Any, inbox: Path, monkeypatch: Any, tmp_path: Path
) -> None:
    User.objects.create_user("importer", password=PASSWORD, is_staff=True)
    original = tasks._import_one

    def slowly(*args: Any) -> Any:
        time.sleep(0.4)  # long enough for the page to see the job half-way
        return original(*args)

    monkeypatch.setattr(tasks, "_import_one", slowly)
    page = new_page(browser, phone=False)
    log_in(page, live_server.url, "importer", PASSWORD)
    page.goto(live_server.url + "/jobs/import/")
    page.fill("input[name=folder]", "2023")
    page.get_by_role("button", name="开始导入").click()
    page.wait_for_url(f"{live_server.url}/jobs/*/")
    page.wait_for_function(
        "() => { const bar = document.querySelector('progress'); return bar.value > 0 && bar.value < bar.max; }",
        timeout=20_000,
    )
    assert page.locator('[data-field="status_label"]').inner_text() == "进行中"
    page.wait_for_selector("text=导入结果", timeout=30_000)
    page.screenshot(path=str(tmp_path / "job.png"), full_page=True)
    body = page.inner_text("main")
    assert "已完成" in body and "2023/broken.pdf" in body and "新导入" in body
    assert page.locator("progress").get_attribute("value") == "6"
