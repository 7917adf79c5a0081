"""The API across offices: every token of county A (延津县: its people and its unit's OA system),
aimed at county B's rows (封丘县), is answered 404 or 403, and its lists show nothing of B's; an
administrator manages their own office's tokens and receivers only; B's events reach B's
receivers, never A's; a token stops working when its account moves to another office. The scope
layer (kuaibao.newsroom.scope) decides all of it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kuaibao.api import actions
from kuaibao.api.models import ApiToken, digest
from kuaibao.archive.models import Bulletin, Office, Unit
from kuaibao.newsroom.actions import editions, instructions, notifications, requests
from kuaibao.newsroom.models import Delivery, Edition, Instruction, Request, Submission, Webhook
from kuaibao.newsroom.notify import dispatch
from tests.api.conftest import Api, Tokens
from tests.newsroom.conftest import People, submitted, write
from tests.newsroom.test_office_scope import people_of
from tests.support.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db
MARK = "封丘独有"
A_TOKENS = ["reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider", "system"]


@pytest.fixture
def county_b(people: People, bulletin: Bulletin) -> dict[str, Any]:
    """County B beside A (the installation's office, where `people` work), with one of
    everything: a draft, a submitted item, an edition in review, a published item with a 批示,
    a commission, a receiver with a delivery, a system token."""
    b = Office.objects.create(name="封丘县人民政府办公室", short_name="封丘县")
    them = people_of(b, "fq", ("封丘县黄陵镇", "封丘县商务局"))
    hook = notifications.register_webhook(them.act("admin"), name=f"{MARK}机器人", url="http://127.0.0.1:9/hook")
    their_bulletin = Bulletin.objects.create(office=b, title="封丘政务信息", slug="fengqiu", publisher=b.name)
    draft = write(them, title=f"{MARK}的草稿")
    pending = submitted(them, title=f"{MARK}已报送")
    in_review = editions.create_edition(them.act("editor"), their_bulletin)
    placed = editions.add_submission(them.act("editor"), in_review, submitted(them, title=f"{MARK}编入"))
    editions.set_ready(them.act("editor"), placed, ready=True)
    editions.send_to_review(them.act("editor"), in_review)
    published = editions.create_edition(them.act("editor"), their_bulletin)
    chosen = editions.add_submission(them.act("editor"), published, submitted(them, title=f"{MARK}刊发"))
    editions.set_ready(them.act("editor"), chosen, ready=True)
    editions.send_to_review(them.act("editor"), published)
    editions.approve(them.act("reviewer"), published)
    editions.sign(them.act("signer"), published)
    item = published.issue.current.items.get()  # type: ignore[union-attr]
    instruction = instructions.record_instruction(them.act("leader"), item, text=f"{MARK}批示")
    unit = Unit.objects.get(office=b, name="封丘县黄陵镇")
    commission = requests.publish_request(
        them.act("editor"),
        kind=Request.Kind.COMMISSION,
        title=f"{MARK}约稿",
        deadline=timezone.now() + dt.timedelta(days=3),
        units=[unit],
    )
    token, secret = actions.issue_system_token(them.act("admin"), name=f"{MARK}系统", unit=unit)
    return {
        "office": b,
        "people": them,
        "draft": draft.pk,
        "pending": pending.pk,
        "edition": in_review.pk,
        "item": item.pk,
        "instruction": instruction.pk,
        "request": commission.pk,
        "unit": unit.pk,
        "webhook": hook.pk,
        "delivery": Delivery.objects.filter(webhook=hook).first().pk,  # type: ignore[union-attr]
        "token": token.pk,
        "secret": secret,
    }


def calls(b: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """Every operation that names one of B's rows."""
    s, e = f"/api/submissions/{b['pending']}", f"/api/editions/{b['edition']}"
    return [
        ("get", s, None),
        ("get", f"/api/submissions/{b['draft']}", None),
        ("get", f"{s}/comments", None),
        ("get", f"{s}/history", None),
        ("patch", s, {"title": "改", "body": "改", "expected_version": 1}),
        ("post", f"{s}/submit", None),
        ("post", f"{s}/withdraw", None),
        ("post", f"{s}/return", {"comment": "改"}),
        ("post", f"{s}/reject", {}),
        ("get", e, None),
        ("post", f"{e}/approve", None),
        ("post", f"{e}/sign", None),
        ("post", f"{e}/return", {"comment": "改"}),
        ("post", "/api/editions", {"bulletin": "fengqiu"}),
        ("get", f"/api/requests/{b['request']}", None),
        ("get", f"/api/instructions/{b['instruction']}", None),
        ("post", f"/api/instructions/{b['instruction']}/feedback", {"feedback": "已落实"}),
        ("post", f"/api/items/{b['item']}/instructions", {"text": "批示"}),
        ("post", "/api/requests", {"kind": "guidance", "title": "要点", "units": [b["unit"]]}),
        ("post", "/api/webhooks", {"name": "x", "url": "http://127.0.0.1:9/x", "unit": b["unit"]}),
        ("patch", f"/api/webhooks/{b['webhook']}", {"url": "http://127.0.0.1:9/y", "events": [], "active": True}),
        ("delete", f"/api/webhooks/{b['webhook']}", None),
        ("post", f"/api/deliveries/{b['delivery']}/replay", None),
    ]


def call(api: Api, method: str, path: str, data: Any) -> Any:
    if data is None:
        return getattr(api, method)(path)
    return getattr(api, method)(path, data)


def test_no_token_of_county_a_reaches_county_bs_rows(tokens: Tokens, county_b: dict[str, Any]) -> None:
    failures = []
    for role in A_TOKENS:
        api = tokens.api(role)
        for method, path, data in calls(county_b):
            answer = call(api, method, path, data)
            # 404: not there for them; 403: not their role; 400: "no such unit"; 401: the
            # outsider's token, made when A was the only office, has no office now.
            if answer.status_code not in (400, 401, 403, 404):
                failures.append(f"{role} {method.upper()} {path} → {answer.status_code}")
        for path in [
            "/api/submissions?page_size=200",
            "/api/inbox?status=submitted",
            "/api/editions",
            "/api/requests",
            "/api/instructions",
            "/api/webhooks",
            "/api/deliveries",
            "/api/issues",
            "/api/search?q=封丘",
        ]:
            answer = api.get(path)
            if answer.status_code == 200 and MARK in json.dumps(answer.json(), ensure_ascii=False):
                failures.append(f"{role} GET {path} shows county B's rows")
    assert failures == [], "\n".join(failures)
    # Nothing of B's moved.
    assert Submission.objects.get(pk=county_b["pending"]).status == Submission.Status.SUBMITTED
    assert Edition.objects.get(pk=county_b["edition"]).status == Edition.Status.IN_REVIEW
    assert Instruction.objects.get(pk=county_b["instruction"]).feedback == ""
    assert Webhook.objects.filter(pk=county_b["webhook"]).exists()
    assert not Delivery.objects.filter(replay_of_id=county_b["delivery"]).exists()
    assert Request.objects.filter(office=county_b["office"]).count() == 1
    assert Webhook.objects.filter(office=county_b["office"]).count() == 1


def test_county_bs_own_tokens_do_reach_them(county_b: dict[str, Any]) -> None:
    """The same calls are not refused merely for being calls: B's editor reads B's edition."""
    them: People = county_b["people"]
    _, secret = actions.issue_personal_token(them.act("editor"), name="编辑", scopes=None, days=30)
    api = Api(secret, Client())
    assert api.get(f"/api/editions/{county_b['edition']}").status_code == 200
    assert MARK in json.dumps(api.get("/api/inbox").json(), ensure_ascii=False)
    system = Api(county_b["secret"], Client())
    assert system.post("/api/submissions", {"title": "黄陵镇的信息", "body": "内容。"}).json()["unit"]["name"] == (
        "封丘县黄陵镇"
    )


def test_an_administrator_manages_their_own_offices_tokens_only(people: People, county_b: dict[str, Any]) -> None:
    admin = Client()
    admin.force_login(people.admin)
    assert admin.delete(f"/api/tokens/{county_b['token']}").status_code == 404
    listed = admin.get("/api/tokens").json()
    assert all(MARK not in row["name"] for row in listed)
    made = admin.post("/api/tokens/system", {"name": "越权", "unit": county_b["unit"]}, content_type="application/json")
    assert made.status_code == 404
    with pytest.raises(actions.Forbidden):
        actions.issue_system_token(people.act("admin"), name="越权", unit=Unit.objects.get(pk=county_b["unit"]))
    with pytest.raises(actions.Forbidden):
        actions.revoke_token(people.act("admin"), ApiToken.objects.get(pk=county_b["token"]))
    assert ApiToken.objects.get(pk=county_b["token"]).revoked_at is None
    # The pages say the same.
    assert MARK not in admin.get("/manage/tokens/").content.decode()
    assert admin.post(f"/manage/tokens/{county_b['token']}/revoke/").status_code == 404
    assert admin.get(f"/manage/webhooks/{county_b['webhook']}/").status_code == 404
    assert admin.get(f"/manage/deliveries/{county_b['delivery']}/").status_code == 404
    assert MARK not in admin.get("/manage/deliveries/").content.decode()
    # The 工作台 counts the office's own: A has no token, and no failed delivery, of its own.
    board = admin.get(reverse("workbench")).content.decode()
    assert '<span class="number">0</span><span class="label">接口令牌（有效）' in board


def test_county_bs_events_reach_county_bs_receivers_only(people: People, county_b: dict[str, Any]) -> None:
    them: People = county_b["people"]
    Webhook.objects.all().delete()
    with WebhookReceiver() as for_a, WebhookReceiver() as for_b:
        notifications.register_webhook(people.act("admin"), name="延津 OA", url=for_a.url)
        notifications.register_webhook(them.act("admin"), name="封丘 OA", url=for_b.url)
        submitted(them, title=f"{MARK}新稿")
        submitted(people, title="延津新稿")
        dispatch.deliver_due()
        (heard_b,) = for_b.wait_for(1)
        (heard_a,) = for_a.wait_for(1)
    assert heard_b.json()["subject"]["title"] == f"{MARK}新稿"
    assert heard_b.json()["office"] == {"id": county_b["office"].pk, "name": "封丘县人民政府办公室"}
    assert heard_a.json()["subject"]["title"] == "延津新稿"
    assert Delivery.objects.filter(office=county_b["office"]).count() == 1


def test_a_token_stops_when_its_account_moves_to_another_office(tokens: Tokens, county_b: dict[str, Any]) -> None:
    api = tokens.api("editor")
    assert api.get("/api/editions").status_code == 200
    row = ApiToken.objects.get(digest=digest(tokens.editor))
    row.user.profile.office = county_b["office"]
    row.user.profile.save()
    refused = Api(tokens.editor, Client()).get("/api/editions")
    assert refused.status_code == 401 and refused.json()["code"] == "unauthorized"
