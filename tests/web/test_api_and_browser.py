"""The same story half in the browser and half through the API: a reporter writes and submits in
the browser; the editor's tool returns it through the API; the reporter revises, submits, then
takes back and submits again in the browser; the editor compiles and sends the issue through the
API; the reviewer and the signer approve and sign in their browsers; the unit's OA system reads
the outcome and the archived issue through the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kuaibao.api import actions
from kuaibao.archive.models import Unit
from tests.newsroom.conftest import PASSWORD, People, bulletin  # noqa: F401 - a fixture
from tests.web.conftest import log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("bulletin")]


class Api:
    def __init__(self, token: str) -> None:
        self.client, self.headers = Client(), {"Authorization": f"Bearer {token}"}

    def get(self, path: str) -> Any:
        response = self.client.get(path, headers=self.headers)
        assert response.status_code == 200, response.content[:300]
        return response.json()

    def post(self, path: str, data: Any = None, status: int = 200) -> Any:
        body = json.dumps(data or {})
        response = self.client.post(path, body, content_type="application/json", headers=self.headers)
        assert response.status_code == status, response.content[:300]
        return response.json()


def test_half_in_the_browser_half_through_the_api(live_server: Any, browser: Any, people: People) -> None:
    base = live_server.url
    _, editor_token = actions.issue_personal_token(people.act("editor"), name="编辑工具", scopes=None, days=7)
    _, system_token = actions.issue_system_token(
        people.act("admin"), name="东屯镇 OA", unit=Unit.objects.get(name="东屯镇")
    )
    editor, system = Api(editor_token), Api(system_token)
    reporter, reviewer, signer = (new_page(browser) for _ in range(3))
    for page, user in ((reporter, people.reporter), (reviewer, people.reviewer), (signer, people.signer)):
        log_in(page, base, user.username, PASSWORD)

    # The reporter writes and submits in the browser.
    reporter.goto(base + "/newsroom/submissions/new/")
    reporter.fill("input[name=title]", "东屯镇推进秸秆综合利用")
    reporter.fill("textarea[name=body]", "组织农机合作社开展秸秆还田作业。")
    reporter.get_by_role("button", name="保存并报送").click()
    assert reporter.locator("#status").inner_text() == "已报送"
    item_url = reporter.url

    # The editor's tool finds it in the inbox and returns it through the API.
    (item,) = editor.get("/api/inbox")["items"]
    assert item["title"] == "东屯镇推进秸秆综合利用" and item["author"] == "DONGTUN"
    editor.post(f"/api/submissions/{item['id']}/return", {"comment": "请补充还田面积"})

    # The reporter sees the comment, revises and submits; takes it back once and submits again.
    reporter.goto(item_url)
    assert reporter.locator("#status").inner_text() == "退回修改" and "请补充还田面积" in reporter.content()
    reporter.fill("textarea[name=body]", "组织农机合作社开展秸秆还田作业。截至目前，还田面积2万余亩。")
    reporter.get_by_role("button", name="保存并报送").click()
    reporter.get_by_role("button", name="撤回").click()
    assert reporter.locator("#status").inner_text() == "草稿"
    reporter.get_by_role("button", name="保存并报送").click()
    assert reporter.locator("#status").inner_text() == "已报送"

    # The editor compiles and sends the issue through the API.
    edition = editor.post("/api/editions", {"bulletin": "yanjin"}, status=201)
    placed = editor.post(f"/api/submissions/{item['id']}/adopt", {"edition": edition["id"], "section": "农业农村"})
    assert placed["status"] == "adopted"
    (placement,) = editor.get(f"/api/editions/{edition['id']}")["placements"]
    client = editor.client
    response = client.patch(
        f"/api/editions/{edition['id']}/placements/{placement['id']}",
        json.dumps({"ready": True}),
        content_type="application/json",
        headers=editor.headers,
    )
    assert response.status_code == 200
    assert editor.post(f"/api/editions/{edition['id']}/send")["status"] == "in_review"

    # Review and signing in the browser.
    reviewer.goto(base + f"/newsroom/editions/{edition['id']}/")
    reviewer.get_by_role("button", name="审核通过").click()
    assert reviewer.locator("#edition-status").inner_text() == "待签发"
    signer.goto(base + f"/newsroom/editions/{edition['id']}/")
    signer.get_by_role("button", name="签发").click()
    assert signer.locator("#edition-status").inner_text() == "已签发"

    # The unit's OA system reads the outcome and the archived issue through the API.
    mine = system.get(f"/api/submissions/{item['id']}")
    assert mine["status"] == "adopted" and mine["editions"][0]["status"] == "signed"
    issue_id = editor.get(f"/api/editions/{edition['id']}")["issue"]
    issue = editor.get(f"/api/issues/{issue_id}")
    assert [i["title"] for i in issue["items"]] == ["东屯镇推进秸秆综合利用"]
    assert "还田面积2万余亩" in issue["items"][0]["body"]
    assert issue["staff"]["签发"] == "SIGNER"
