"""The web shell: the menu of each role, landing on the 工作台, changing one's own password, and
Django's English error pages answered in Chinese."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.newsroom.conftest import PASSWORD, People

pytestmark = pytest.mark.django_db


def menu(client: Client) -> str:
    html = client.get("/newsroom/").content.decode()
    return html.split('id="site-nav"', 1)[1].split("</nav>", 1)[0]


def test_login_lands_on_the_workbench(people: People) -> None:
    response = Client().post("/login/", {"username": people.reporter.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/newsroom/"


def test_each_role_has_its_menu(people: People) -> None:
    client = Client()
    client.force_login(people.reporter)
    reporter = menu(client)
    assert "本单位稿件" in reporter and "写稿件" in reporter and "待处理稿件" not in reporter
    client.force_login(people.editor)
    editor = menu(client)
    assert all(label in editor for label in ("待处理稿件", "编期与审签", "统计考核", "导入与任务"))
    assert "写稿件" not in editor
    client.force_login(people.leader)
    assert "领导批示" in menu(client) and "统计考核" not in menu(client)


def test_the_current_page_is_marked_in_the_menu(people: People) -> None:
    client = Client()
    client.force_login(people.editor)
    html = client.get("/newsroom/inbox/").content.decode()
    assert 'aria-current="page"><svg class="icon" aria-hidden="true" focusable="false"><use href="/static/web/icons.svg#inbox"></use></svg>待处理稿件' in html


def test_everyone_changes_their_own_password(people: People) -> None:
    client = Client()
    client.force_login(people.reporter)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "another-long-pass-2024", "new_password2": "another-long-pass-2024"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=people.reporter.pk).check_password("another-long-pass-2024")
    assert client.get("/newsroom/").status_code == 200  # still signed in


def test_a_wrong_old_password_is_refused_in_chinese(people: People) -> None:
    client = Client()
    client.force_login(people.reporter)
    html = client.post(
        "/account/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "x"}
    ).content.decode()
    assert "旧密码不正确" in html or "你的旧密码不正确" in html


def test_an_oversize_post_answers_a_chinese_page(people: People, settings: object) -> None:
    client = Client()
    client.force_login(people.reporter)
    body = "字" * (6 * 1024 * 1024 // 3 + 10)  # past DATA_UPLOAD_MAX_MEMORY_SIZE (5 MB)
    response = client.post("/newsroom/submissions/new/", {"title": "标题", "body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert "提交的内容超过了上限（5 MB）" in html and "Bad Request" not in html


def test_a_stale_form_answers_a_chinese_page(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.reporter)
    response = client.post("/newsroom/submissions/new/", {"title": "标题", "body": "正文"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "提交没有完成" in html and "CSRF" not in html and "Forbidden" not in html


def test_favicon_is_served(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/web/favicon.ico")
