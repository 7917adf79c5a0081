"""Who may do what through the API: a token for unit A cannot touch unit B, a reporter's token
cannot compile, review or sign, a token never holds more than its account's roles, revoked and
expired tokens are refused, calls are rate-limited, and every refusal has the one error shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kuaibao.api import actions
from kuaibao.api.models import ApiToken, digest
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions.base import Forbidden
from tests.api.conftest import Api, Tokens
from tests.newsroom.conftest import People, ready_edition, submitted, write
from tests.support.docx import item_docx

pytestmark = pytest.mark.django_db


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == code and body["detail"] and set(body) >= {"code", "detail", "errors"}
    return body


def test_anonymous_calls_get_401_in_the_error_shape(people: People) -> None:
    client = Client()
    body = refused(client.get("/api/submissions"), 401, "unauthorized")
    assert "API 令牌" in body["detail"]
    refused(client.post("/api/submissions", {}, content_type="application/json"), 401, "unauthorized")
    refused(client.get("/api/issues", headers={"Authorization": "Bearer kb_made_up"}), 401, "unauthorized")


def test_a_units_token_cannot_touch_another_units_items(tokens: Tokens, people: People) -> None:
    theirs = submitted(people, "reporter_b")
    draft = write(people, "reporter_b", "商务局的草稿")
    for api in (tokens.api("system"), tokens.api("reporter")):
        for pk in (theirs.pk, draft.pk):
            refused(api.get(f"/api/submissions/{pk}"), 404, "not_found")
            refused(api.get(f"/api/submissions/{pk}/comments"), 404, "not_found")
            refused(
                api.patch(f"/api/submissions/{pk}", {"title": "改", "body": "改", "expected_version": 1}),
                404,
                "not_found",
            )
            refused(api.post(f"/api/submissions/{pk}/submit"), 404, "not_found")
            refused(api.post(f"/api/submissions/{pk}/withdraw"), 404, "not_found")
        assert [s["unit"]["name"] for s in api.get("/api/submissions").json()["items"]] == []
    # What a unit's system writes is always its own unit's.
    made = tokens.api("system").post("/api/submissions", {"title": "东屯镇的信息", "body": "内容。"}).json()
    assert made["unit"]["name"] == "东屯镇"
    theirs.refresh_from_db()
    assert theirs.status == "submitted" and theirs.title == "东屯镇狠抓项目建设促进经济发展"


def test_a_reporters_token_cannot_compile_review_or_sign(tokens: Tokens, people: People, bulletin: Any) -> None:
    edition = ready_edition(people, bulletin)
    reporter = tokens.api("reporter")
    item = submitted(people, "reporter", "另一条")
    for method, path, data in [
        ("post", "/api/editions", {"bulletin": "yanjin"}),
        ("post", f"/api/editions/{edition.pk}/send", None),
        ("post", f"/api/editions/{edition.pk}/approve", None),
        ("post", f"/api/editions/{edition.pk}/sign", None),
        ("post", f"/api/editions/{edition.pk}/return", {"comment": "x"}),
        ("get", "/api/inbox", None),
        ("post", f"/api/submissions/{item.pk}/adopt", {"edition": edition.pk}),
        ("post", f"/api/submissions/{item.pk}/return", {"comment": "x"}),
        ("post", "/api/requests", {"kind": "guidance", "title": "x"}),
        ("get", "/api/stats/units", None),
        ("get", "/api/webhooks", None),
    ]:
        response = getattr(reporter, method)(path, data) if data is not None else getattr(reporter, method)(path)
        refused(response, 403, "forbidden")
    edition.refresh_from_db()
    assert edition.status == "editing"


def test_a_reviewers_token_cannot_sign_and_a_signers_cannot_review(
    tokens: Tokens, people: People, bulletin: Any
) -> None:
    from kuaibao.newsroom.actions import editions

    edition = ready_edition(people, bulletin)
    editions.send_to_review(people.act("editor"), edition)
    refused(tokens.api("signer").post(f"/api/editions/{edition.pk}/approve"), 403, "forbidden")
    refused(tokens.api("reviewer").post(f"/api/editions/{edition.pk}/sign"), 403, "forbidden")
    refused(tokens.api("editor").post(f"/api/editions/{edition.pk}/sign"), 403, "forbidden")


def test_a_token_holds_no_more_than_its_accounts_roles(people: People) -> None:
    with pytest.raises(Forbidden, match="不允许"):
        actions.issue_personal_token(people.act("reporter"), name="x", scopes=["editions:sign"], days=30)
    _, secret = actions.issue_personal_token(people.act("editor"), name="只读", scopes=["editions:read"], days=30)
    narrow = Api(secret, Client())
    assert narrow.get("/api/editions").status_code == 200
    body = refused(narrow.post("/api/editions", {"bulletin": "yanjin"}), 403, "forbidden")
    assert "editions:compile" in body["detail"]


def test_revoked_and_expired_tokens_are_refused(tokens: Tokens, people: People) -> None:
    system = tokens.api("system")
    assert system.get("/api/submissions").status_code == 200
    row = ApiToken.objects.get(digest=digest(tokens.system))
    actions.revoke_token(people.act("admin"), row)
    refused(system.get("/api/submissions"), 401, "unauthorized")
    row.user.refresh_from_db()
    assert not row.user.is_active  # the system's account is closed with its token
    reporter = tokens.api("reporter")
    ApiToken.objects.filter(digest=digest(tokens.reporter)).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    refused(reporter.get("/api/submissions"), 401, "unauthorized")
    with pytest.raises(Forbidden):
        actions.revoke_token(people.act("reporter_b"), ApiToken.objects.get(digest=digest(tokens.editor)))


def test_only_the_hash_of_a_secret_is_stored(tokens: Tokens) -> None:
    for row in ApiToken.objects.all():
        assert tokens.system not in (row.digest, row.prefix) and len(row.digest) == 64


def test_calls_beyond_a_tokens_rate_are_refused_with_retry_after(people: People) -> None:
    _, secret = actions.issue_system_token(
        people.act("admin"), name="限速系统", unit=Unit.objects.get(name="东屯镇"), rate_per_minute=3
    )
    api = Api(secret, Client())
    answers = [api.get("/api/submissions") for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    refused(answers[3], 429, "rate_limited")
    assert 1 <= int(answers[3]["Retry-After"]) <= 60


def test_tokens_cannot_make_tokens(tokens: Tokens) -> None:
    refused(tokens.api("admin").post("/api/tokens", {"name": "x"}), 401, "unauthorized")


def test_session_writes_need_the_csrf_token(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.reporter)
    body = refused(
        client.post("/api/submissions", {"title": "t", "body": "b"}, content_type="application/json"), 403, "forbidden"
    )
    assert "CSRF" in body["detail"]
    client.get("/newsroom/")
    token = client.cookies["csrftoken"].value
    made = client.post(
        "/api/submissions",
        {"title": "会话报送", "body": "内容。"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert made.status_code == 201 and made.json()["author"] == "DONGTUN"


def test_invalid_input_is_explained_in_chinese_field_by_field(tokens: Tokens) -> None:
    api = tokens.api("reporter")
    body = refused(api.post("/api/submissions", {"title": "", "body": 5, "request": "x"}), 422, "invalid")
    assert {(e["field"], e["message"]) for e in body["errors"]} == {
        ("title", "不能少于 1 个字"),
        ("body", "应为文字"),
        ("request", "应为整数"),
    }
    assert body["detail"].startswith("请求有误：")
    refused(api.get("/api/submissions", page=0), 422, "invalid")
    refused(api.post("/api/submissions/1/submit"), 404, "not_found")
    big = item_docx("标题", "正文" * 10)
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused(
        api.post("/api/submissions/docx", {}, files={"file": SimpleUploadedFile("x.docx", b"not a docx")}),
        400,
        "rejected",
    )
    made = api.post("/api/submissions/docx", {}, files={"file": SimpleUploadedFile("x.docx", big)})
    assert made.status_code == 201
    refused(api.post(f"/api/submissions/{made.json()['id']}/withdraw"), 400, "rejected")
