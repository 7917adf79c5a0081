"""A reader opens the archive on a phone-sized screen, reads an issue, searches 秸秆, filters
by unit and opens the item: headless Chromium through Playwright against the live server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.archive.actions import import_path
from tests.golden import CORPUS, FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(settings: Any, tmp_path: Path) -> None:
    settings.SOURCES_DIR = tmp_path / "sources"
    for path in [*sorted(CORPUS.glob("*.txt")), FIXTURES / "archive" / "test-straw.txt"]:
        assert import_path(path).status == "imported"
    User.objects.create_user("reader", password="a-long-test-password")


def test_reader_browses_searches_filters_and_opens_an_item(live_server: Any, page: Any, archive: None) -> None:
    page.goto(live_server.url + "/")
    assert "/login/" in page.url  # the archive is internal
    page.fill("input[name=username]", "reader")
    page.fill("input[name=password]", "a-long-test-password")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/")

    page.get_by_role("link", name="延津政务快报 第 41 期").click()
    assert page.locator(".masthead-title").inner_text().startswith("延津政务快报")
    assert page.locator("h2.section").first.inner_text() == "【项目建设】"
    color = page.locator(".masthead-title").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(184, 20, 28)"  # the masthead red of kuaibao.css

    page.fill("header input[name=q]", "秸秆")
    page.press("header input[name=q]", "Enter")
    assert page.locator("#total").inner_text() == "2"
    assert page.locator(".hit mark").first.inner_text() == "秸秆"

    page.locator("a.unit-filter", has_text="东屯镇").first.click()
    assert page.locator("#total").inner_text() == "1"
    assert "unit=" in page.url

    page.locator("a.hit-title").first.click()
    assert page.locator("h1").inner_text() == "东屯镇全面落实秸秆禁烧责任"
    assert "东屯镇" in page.locator(".meta").first.inner_text()
