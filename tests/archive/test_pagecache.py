"""Whole pages kept for anonymous readers of a public archive: served again while nothing they
show has changed, never to signed-in readers, and renewed by every change they show."""

from __future__ import annotations

import dataclasses
import os
import socket
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from kuaibao.archive import pagecache
from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Issue, Item, Unit
from kuaibao.archive.queries import issue_url
from kuaibao.core.parse import parse_path
from kuaibao.core.render.plain import render_text
from kuaibao.newsroom.models import Instruction
from tests.archive.test_views import pages
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db
STATUS = pagecache.STATUS_HEADER


@pytest.fixture
def public(settings: Any) -> None:
    settings.ARCHIVE_PUBLIC = True


def test_every_archive_page_is_kept_and_served_again(client: Client, corpus: list[int], public: None) -> None:
    for url in pages(corpus):
        first = client.get(url)
        assert first.status_code == 200 and first[STATUS] == "MISS", url
        again = client.get(url)
        assert again[STATUS] == "HIT", url
        assert again.content == first.content, url
        # The headers the middleware adds are there on a kept page too.
        assert again["Content-Security-Policy"] and again["X-Content-Type-Options"] == "nosniff", url


def test_a_new_issue_shows_at_once(client: Client, corpus: list[int], public: None) -> None:
    assert client.get("/")[STATUS] == "MISS"
    assert client.get("/")[STATUS] == "HIT"
    bulletin = parse_path(sorted(CORPUS.glob("*.txt"))[0])
    newer = dataclasses.replace(bulletin, issue=99)
    assert import_bytes(render_text(newer).encode(), "99.txt").status == "imported"
    page = client.get("/")
    assert page[STATUS] == "MISS"
    assert "/99/" in page.content.decode()


def test_a_unit_renamed_shows_at_once(
    client: Client, corpus: list[int], public: None, django_capture_on_commit_callbacks: Any
) -> None:
    unit = Unit.objects.get(name="东屯镇")
    url = f"/units/{unit.pk}/"
    assert "东屯镇" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        unit.name = "东屯镇人民政府"
        unit.save()
    page = client.get(url)
    assert page[STATUS] == "MISS"
    assert "东屯镇人民政府" in page.content.decode()


def test_a_change_shows_only_once_committed(client: Client, corpus: list[int], public: None) -> None:
    """Inside the writer's transaction the generation stays: a page rendered then would show
    the old data, and must not be kept as the new."""
    unit = Unit.objects.get(name="东屯镇")
    before = pagecache._generation()
    unit.name = "东屯镇人民政府"
    unit.save()  # the test's transaction is never committed
    assert pagecache._generation() == before


def test_an_instruction_renews_the_item_page_but_stays_hidden_from_visitors(
    client: Client, corpus: list[int], public: None, django_capture_on_commit_callbacks: Any
) -> None:
    item = Item.objects.filter(is_current=True).first()
    assert item is not None
    url = f"/items/{item.pk}/"
    assert client.get(url)[STATUS] == "MISS"
    leader = User.objects.create_user("leader")
    with django_capture_on_commit_callbacks(execute=True):
        Instruction.objects.create(item=item, leader=leader, leader_title="县长", text="请抓好落实")
    page = client.get(url)
    assert page[STATUS] == "MISS"
    # 批示 are for the leader, the office's editors and the unit (issue 14), not for visitors.
    assert "请抓好落实" not in page.content.decode()


def test_signed_in_readers_always_get_their_own_page(client: Client, corpus: list[int], public: None) -> None:
    url = issue_url(Issue.objects.get(pk=corpus[0]))
    assert client.get(url)[STATUS] == "MISS"
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200 and not page.has_header(STATUS)
        assert ">退出</button>" in page.content.decode()  # signed in: their own menu


def test_nothing_is_kept_unless_the_archive_is_public(client: Client, corpus: list[int], settings: Any) -> None:
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
    assert not client.get("/").has_header(STATUS)
    client.logout()
    assert client.get("/").status_code == 302
    settings.ARCHIVE_PUBLIC = True
    settings.ARCHIVE_PAGE_CACHE = False
    assert not client.get("/").has_header(STATUS)


def test_only_plain_pages_are_kept(client: Client, corpus: list[int], public: None) -> None:
    missing = client.get("/items/999999/")
    assert missing.status_code == 404 and not missing.has_header(STATUS)
    issue = Issue.objects.get(pk=corpus[0])
    download = client.get(f"{issue_url(issue)}download.txt")
    assert download.status_code == 200 and not download.has_header(STATUS)
    assert not client.post("/search/?q=电商").has_header(STATUS)


def test_a_reader_with_a_session_is_not_served_from_the_cache(client: Client, corpus: list[int], public: None) -> None:
    assert client.get("/")[STATUS] == "MISS"
    session = client.session
    session["seen"] = True
    session.save()  # an anonymous session, as after signing out (a message may be waiting)
    assert not client.get("/").has_header(STATUS)


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_a_shared_redis_cache_keeps_the_pages_for_every_process(
    client: Client, corpus: list[int], public: None, settings: Any
) -> None:
    """With KUAIBAO_CACHE_URL the pages are in Redis, where every web process finds them. Needs
    Redis on 127.0.0.1:6379: skipped without it, except in CI (CI set), where it fails."""
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("needs Redis on 127.0.0.1:6379")
    import redis

    # Changing CACHES makes Django open the caches anew (its setting_changed handler).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": "kuaibao-test",
        }
    }
    other_process = redis.Redis.from_url("redis://127.0.0.1:6379/14")
    try:
        cache.clear()
        assert client.get("/")[STATUS] == "MISS"
        assert any(b":kuaibao:page:" in key for key in other_process.keys("kuaibao-test:*"))
        assert client.get("/")[STATUS] == "HIT"
        pagecache.invalidate()
        assert int(other_process.get(other_process.keys("kuaibao-test:*generation")[0]) or 0) >= 1
        assert client.get("/")[STATUS] == "MISS"
    finally:
        cache.clear()
        other_process.close()
