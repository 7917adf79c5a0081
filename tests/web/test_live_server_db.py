"""The browser tests' server answers requests in threads at once, as a real server does (the
proofreading panel checks the text while the person clicks 保存并报送): each request must get
its own database connection and wait for another's write, never fail with a 503."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from django.db import connection

from kuaibao.newsroom.actions import submissions
from tests.newsroom.conftest import PASSWORD, People

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]  # type: ignore[index]
    data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    assert session.post(f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"}, timeout=30).ok
    return session


def test_the_test_database_is_a_file_each_thread_opens() -> None:
    assert not connection.is_in_memory_db()  # an in-memory one is one connection shared by all threads


def test_concurrent_saves_and_checks_never_fail(live_server: Any, people: People) -> None:
    act = people.act("reporter")
    item = submissions.create_submission(act, title="东屯镇秋收", body="秋收进展顺利。")
    base = live_server.url
    session = signed_in(base, "dongtun")
    token = session.cookies["csrftoken"]
    headers = {"X-CSRFToken": token, "Referer": f"{base}/newsroom/submissions/{item.pk}/"}

    def check(n: int) -> int:
        body = {"title": "东屯镇秋收", "body": f"秋收进展顺利，第{n}次检查。"}
        return session.post(f"{base}/newsroom/submissions/{item.pk}/proof/", json=body, headers=headers, timeout=60).status_code

    def save(n: int) -> int:
        item.refresh_from_db()
        data = {"title": "东屯镇秋收", "body": f"秋收进展顺利，第{n}稿。", "version": item.version, "csrfmiddlewaretoken": token}
        return session.post(f"{base}/newsroom/submissions/{item.pk}/save/", data=data, headers=headers, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: (check if n % 2 else save)(n), range(24)))
    assert [a for a in answers if a >= 500] == []
