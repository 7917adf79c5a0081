"""The notifier: in-app notices, mail and signed webhooks through one `emit`; failed deliveries
retried with backoff against a real local receiver, given up, logged and replayed."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions import notifications, submissions
from kuaibao.newsroom.actions.requests import publish_request, remind_due_requests
from kuaibao.newsroom.models import AuditEntry, Delivery, Notification, Webhook
from kuaibao.newsroom.notify import dispatch
from kuaibao.newsroom.notify.channels import body_bytes
from tests.newsroom.conftest import People, submitted, write
from tests.support.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db

D = Delivery.Status


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """What docs/notifications.md tells a receiver to do."""
    expected = hmac.new(secret.encode(), headers["X-Kuaibao-Timestamp"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + expected.hexdigest(), headers["X-Kuaibao-Signature"])


@pytest.fixture
def retry_fast(settings: Any) -> None:
    settings.NOTIFY_RETRY_DELAYS = [60, 300]


def hook(people: People, url: str, **kwargs: Any) -> Webhook:
    return notifications.register_webhook(people.act("admin"), name="OA 系统", url=url, **kwargs)


def test_returned_item_reaches_the_app_the_mail_and_the_webhook(
    people: People, retry_fast: None, django_capture_on_commit_callbacks: Any
) -> None:
    people.reporter.email = "dongtun@yanjin.gov.cn"
    people.reporter.save()
    item = submitted(people)
    with WebhookReceiver() as receiver:
        webhook = hook(people, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            submissions.return_submission(people.act("editor"), item, comment="请补充具体数字")
        (call,) = receiver.wait_for(1)
    assert Notification.objects.filter(user=people.reporter, text__contains="请补充具体数字").exists()
    assert [m.to for m in mail.outbox] == [["dongtun@yanjin.gov.cn"]]
    assert "请补充具体数字" in mail.outbox[0].subject
    assert call.headers["X-Kuaibao-Event"] == "submission.returned"
    assert verify(webhook.secret, call.headers, call.body)
    data = call.json()
    assert data["event"] == "submission.returned" and data["label"] == "稿件被退回修改"
    assert data["subject"]["status"] == "returned" and data["subject"]["comment"] == "请补充具体数字"
    assert data["subject"]["unit"]["name"] == "东屯镇"
    assert data["recipients"] == [{"name": "DONGTUN", "account": "dongtun", "unit": "东屯镇"}]
    assert set(Delivery.objects.values_list("channel", "status")) == {("mail", D.DELIVERED), ("webhook", D.DELIVERED)}


def test_nothing_goes_out_before_commit(people: People) -> None:
    with WebhookReceiver() as receiver:
        hook(people, receiver.url)
        submitted(people)  # the test's transaction never commits
        assert Delivery.objects.get().status == D.PENDING
        assert receiver.received == []


def test_a_failed_webhook_is_retried_with_backoff_then_delivered(people: People, retry_fast: None) -> None:
    with WebhookReceiver(answers=[500]) as receiver:
        webhook = hook(people, receiver.url)
        submitted(people)
        delivery = Delivery.objects.get()
        now = timezone.now()
        assert dispatch.deliver_due(now=now) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == (D.PENDING, 1, "接收地址答复状态码 500")
        assert delivery.next_attempt_at == now + dt.timedelta(seconds=60)
        assert dispatch.deliver_due(now=now + dt.timedelta(seconds=59)) == 0  # not due yet
        assert dispatch.deliver_due(now=now + dt.timedelta(seconds=61)) == 1
        first, second = receiver.wait_for(2)
    delivery.refresh_from_db()
    assert delivery.status == D.DELIVERED and delivery.attempts == 2
    assert [(t.ok, t.status_code) for t in delivery.tries.all()] == [(False, 500), (True, 200)]
    assert first.body == second.body == body_bytes(delivery.payload)  # the same event, byte for byte
    assert first.headers["X-Kuaibao-Delivery"] == second.headers["X-Kuaibao-Delivery"] == str(delivery.pk)
    assert verify(webhook.secret, second.headers, second.body)


def test_a_delivery_is_given_up_after_the_last_delay_and_can_be_replayed(people: People, retry_fast: None) -> None:
    with WebhookReceiver(answers=[503, 503, 503]) as receiver:
        hook(people, receiver.url)
        submitted(people)
        now = timezone.now()
        for minutes in (0, 2, 10):
            dispatch.deliver_due(now=now + dt.timedelta(minutes=minutes))
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == (D.FAILED, 3)
        again = notifications.replay(people.act("admin"), delivery)
        dispatch.deliver_due()
        receiver.wait_for(4)
    again.refresh_from_db()
    assert again.status == D.DELIVERED and again.replay_of == delivery and again.event_id == delivery.event_id
    assert AuditEntry.objects.filter(action="delivery.replay", actor=people.admin).exists()


def test_only_administrators_manage_webhooks_and_replay(people: People) -> None:
    from kuaibao.newsroom.actions.base import Forbidden

    with pytest.raises(Forbidden):
        notifications.register_webhook(people.act("editor"), name="x", url="https://oa.example/hook")
    webhook = hook(people, "https://oa.example/hook")
    submitted(people)
    with pytest.raises(Forbidden):
        notifications.replay(people.act("editor"), Delivery.objects.get(webhook=webhook))


def test_an_unreachable_receiver_is_a_failed_attempt_not_an_error(people: People, retry_fast: None) -> None:
    hook(people, "http://127.0.0.1:9/hook")  # the discard port: nothing listens
    submitted(people)
    dispatch.deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == D.PENDING and delivery.last_error.startswith("无法连接接收地址")


def test_a_units_webhook_gets_its_units_events_only(people: People) -> None:
    dongtun = Unit.objects.get(name="东屯镇")
    with WebhookReceiver() as receiver:
        hook(people, receiver.url, unit=dongtun, events=["submission.returned"])
        mine = submitted(people, "reporter", "东屯镇的信息")
        other = submitted(people, "reporter_b", "商务局的信息")
        submissions.return_submission(people.act("editor"), other, comment="补充")
        submissions.return_submission(people.act("editor"), mine, comment="补充")
        dispatch.deliver_due()
        (call,) = receiver.wait_for(1)
    assert call.json()["subject"]["title"] == "东屯镇的信息"
    assert Delivery.objects.count() == 1


def test_a_commission_due_reminds_each_silent_unit_once(people: People) -> None:
    units = list(Unit.objects.filter(name__in=["东屯镇", "县商务局"]))
    deadline = timezone.now() + dt.timedelta(hours=30)
    request = publish_request(
        people.act("editor"), kind="commission", title="秋粮收购进展", deadline=deadline, units=units
    )
    answer = submissions.create_submission(
        people.act("reporter_b"), title="秋粮收购", body="已收购1万吨。", request=request
    )
    submissions.submit(people.act("reporter_b"), answer)
    assert remind_due_requests(timezone.now()) == 0  # 30 hours away: not yet
    later = deadline - dt.timedelta(hours=20)
    assert remind_due_requests(later) == 1
    assert remind_due_requests(later) == 0
    reminders = Notification.objects.filter(text__contains="将于")
    assert [n.user for n in reminders] == [people.reporter]
    assert "秋粮收购进展" in reminders[0].text and "东屯镇尚未报送" in reminders[0].text


def test_unknown_event_kinds_are_refused() -> None:
    from kuaibao.newsroom.notify import Event

    with pytest.raises(ValueError, match="unknown event kind"):
        Event(kind="submission.exploded", text="x")


def test_withdrawing_a_submitted_item_makes_it_a_draft_again(people: People) -> None:
    item = submitted(people)
    submissions.withdraw(people.act("reporter"), item)
    assert item.status == "draft" and item.submitted_at is None
    assert Notification.objects.filter(user=people.editor, text__contains="撤回了").exists()
    from kuaibao.newsroom.actions.base import ActionError, Forbidden

    with pytest.raises(ActionError, match="不能撤回"):
        submissions.withdraw(people.act("reporter"), write(people))
    again = submitted(people, title="第二条")
    with pytest.raises(Forbidden):
        submissions.withdraw(people.act("reporter_b"), again)


@pytest.mark.django_db(transaction=True)
def test_the_background_dispatcher_sends_after_commit_and_retries_by_itself(people: People, settings: Any) -> None:
    settings.NOTIFY_DELIVERY = "background"
    settings.NOTIFY_RETRY_DELAYS = [0.5, 0.5]
    try:
        with WebhookReceiver(answers=[502]) as receiver:
            hook(people, receiver.url, events=["submission.submitted"])
            submitted(people)  # committed: the dispatcher thread takes it from here
            first, second = receiver.wait_for(2)
            assert (first.answered, second.answered) == (502, 200)
    finally:
        dispatch.dispatcher.stop()
    delivery = Delivery.objects.get()
    assert delivery.status == D.DELIVERED and delivery.attempts == 2
