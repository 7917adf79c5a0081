"""The connection pages an administrator uses, in Chinese: a unit's OA system gets an API token (its
secret shown once, working at once, revoked with a click), receivers of signed notifications are
registered, and the delivery log shows each attempt of a failed delivery and sends it again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kuaibao.api.models import ApiToken
from kuaibao.archive.models import Unit
from kuaibao.newsroom.models import AuditEntry, Delivery, Webhook
from kuaibao.newsroom.notify import dispatch
from tests.newsroom.conftest import People, submitted
from tests.support.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(people: People) -> Client:
    client = Client()
    client.force_login(people.admin)
    return client


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_the_administration_menu_leads_to_the_connection_pages(admin: Client) -> None:
    html = admin.get("/manage/people/").content.decode()
    for url, label in [
        ("/manage/tokens/", "接口令牌"),
        ("/manage/webhooks/", "通知推送"),
        ("/manage/deliveries/", "投递记录"),
    ]:
        assert f'href="{url}">{label}</a>' in html
        assert admin.get(url).status_code == 200


def test_a_system_token_is_shown_once_works_for_its_unit_and_is_revoked(admin: Client, people: People) -> None:
    dongtun = Unit.objects.get(name="东屯镇")
    form = {
        "name": "东屯镇办公系统",
        "unit": dongtun.pk,
        "scopes": ["submissions:read", "submissions:write"],
        "days": 30,
        "rate_per_minute": 60,
    }
    response = admin.post("/manage/tokens/new/", form)
    html = response.content.decode()
    assert response.status_code == 200 and "只显示这一次" in html
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r'id="shown-token" translate="no">(kb_[^<]+)<', html).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(name="东屯镇办公系统")
    assert token.unit == dongtun and token.scopes == ["submissions:read", "submissions:write"]
    assert secret not in admin.get("/manage/tokens/").content.decode()  # the list shows its prefix only
    system = Client()
    made = system.post(
        "/api/submissions",
        {"title": "东屯镇的信息", "body": "内容。"},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert made.status_code == 201 and made.json()["unit"]["name"] == "东屯镇"
    assert system.get("/api/inbox", headers=bearer(secret)).status_code == 403  # not a scope it holds

    assert admin.post(f"/manage/tokens/{token.pk}/revoke/").status_code == 302
    assert "已吊销" in admin.get("/manage/tokens/").content.decode()
    assert system.get("/api/submissions", headers=bearer(secret)).status_code == 401
    assert AuditEntry.objects.filter(action="token.revoke", actor=people.admin).exists()


def test_a_token_form_with_a_missing_unit_is_explained_in_chinese(admin: Client) -> None:
    html = admin.post("/manage/tokens/new/", {"name": "x", "days": 999, "rate_per_minute": 1}).content.decode()
    assert "这个字段是必填项" in html and "确保该值小于或等于366" in html
    assert not ApiToken.objects.exists()


def test_a_failed_delivery_is_read_in_the_log_and_sent_again(admin: Client, people: People, settings: object) -> None:
    with WebhookReceiver(answers=[500]) as receiver:
        response = admin.post(
            "/manage/webhooks/new/", {"name": "政务平台机器人", "url": receiver.url, "active": "on"}, follow=True
        )
        hook = Webhook.objects.get()
        assert f'id="webhook-secret" translate="no">{hook.secret}<' in response.content.decode()
        submitted(people)
        dispatch.deliver_due()
        failed = Delivery.objects.get(channel="webhook")
        log = admin.get("/manage/deliveries/?status=pending").content.decode()
        assert "有新稿件待处理" in log and "接收地址答复状态码 500" in log
        page = admin.get(f"/manage/deliveries/{failed.pk}/").content.decode()
        assert "状态码 500" in page and "重新发送" in page and "submission.submitted" in page

        answer = admin.post(f"/manage/deliveries/{failed.pk}/replay/")
        again = Delivery.objects.get(replay_of=failed)
        assert answer["Location"] == f"/manage/deliveries/{again.pk}/"
        dispatch.deliver_due()
        receiver.wait_for(2)
    again.refresh_from_db()
    assert again.status == Delivery.Status.DELIVERED
    assert receiver.received[0].body == receiver.received[1].body
    assert "已送达" in admin.get(f"/manage/deliveries/{again.pk}/").content.decode()
    assert AuditEntry.objects.filter(action="delivery.replay", actor=people.admin).exists()


def test_a_stopped_receiver_cannot_be_replayed_to(admin: Client, people: People) -> None:
    admin.post("/manage/webhooks/new/", {"name": "停用的", "url": "http://127.0.0.1:9/hook", "active": "on"})
    hook = Webhook.objects.get()
    submitted(people)
    delivery = Delivery.objects.get(channel="webhook")
    admin.post(f"/manage/webhooks/{hook.pk}/", {"url": hook.url})  # "启用" unticked
    hook.refresh_from_db()
    assert not hook.active
    html = admin.post(f"/manage/deliveries/{delivery.pk}/replay/", follow=True).content.decode()
    assert "接收地址已删除或停用，不能重新发送" in html
    assert not Delivery.objects.filter(replay_of=delivery).exists()


@pytest.mark.parametrize("who", ["reporter", "editor", "signer"])
def test_only_administrators_use_the_connection_pages(people: People, who: str) -> None:
    client = Client()
    client.force_login(getattr(people, who))
    for url in ["/manage/tokens/", "/manage/tokens/new/", "/manage/webhooks/", "/manage/deliveries/"]:
        assert client.get(url).status_code == 403
    assert client.post("/manage/tokens/new/", {}).status_code == 403


def test_a_person_makes_a_token_within_their_roles_and_revokes_it(people: People) -> None:
    client = Client()
    client.force_login(people.reporter)
    assert 'href="/account/tokens/"' in client.get("/account/password/").content.decode()
    page = client.get("/account/tokens/").content.decode()
    assert "签发期刊" not in page and "撰写、修改、报送、撤回本单位稿件" in page  # only the role's scopes
    refused = client.post("/account/tokens/", {"name": "脚本", "scopes": ["editions:sign"], "days": 30})
    assert "选择一个有效的选项" in refused.content.decode() and not ApiToken.objects.exists()
    made = client.post("/account/tokens/", {"name": "每周脚本", "scopes": ["submissions:read"], "days": 30})
    secret = re.search(r'id="shown-token" translate="no">(kb_[^<]+)<', made.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(name="每周脚本")
    assert token.user == people.reporter and token.kind == "person" and token.scopes == ["submissions:read"]
    program = Client()
    assert program.get("/api/submissions", headers=bearer(secret)).status_code == 200
    assert (
        program.post("/api/submissions", {}, content_type="application/json", headers=bearer(secret)).status_code == 403
    )

    other = Client()
    other.force_login(people.reporter_b)
    assert other.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404  # not theirs
    assert program.get("/api/submissions", headers=bearer(secret)).status_code == 200
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert program.get("/api/submissions", headers=bearer(secret)).status_code == 401
