"""`emit`: the one way an event reaches people. In-app notices are written in the caller's
transaction; mail and webhooks become Delivery rows that the dispatcher sends after commit."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kuaibao.newsroom.notify import dispatch
from kuaibao.newsroom.notify.events import Event, payload
from kuaibao.newsroom.notify.models import Delivery, SentOnce, Webhook


def emit(event: Event) -> list[Delivery]:
    """Notify the event's recipients in the app, queue a mail to each who has an address and
    a signed webhook to each receiver that wants the event; returns the queued deliveries."""
    from kuaibao.newsroom.models import Notification

    if event.once and not _first_time(event.once):
        return []
    recipients = list({user.pk: user for user in event.recipients if user.is_active}.values())
    Notification.objects.bulk_create(
        [Notification(user=user, text=event.text[:300], url=event.url[:300]) for user in recipients]
    )
    data = payload(event, recipients, settings.SITE_URL)
    now = timezone.now()
    rows = [
        Delivery(
            event_id=event.id,
            kind=event.kind,
            channel=Delivery.Channel.MAIL,
            address=user.email,
            payload=data,
            next_attempt_at=now,
        )
        for user in recipients
        if user.email
    ]
    rows += [
        Delivery(
            event_id=event.id,
            kind=event.kind,
            channel=Delivery.Channel.WEBHOOK,
            webhook=hook,
            payload=data,
            next_attempt_at=now,
        )
        for hook in Webhook.objects.filter(active=True)
        if hook.wants(event.kind, event.units)
    ]
    if not rows:
        return []
    created = Delivery.objects.bulk_create(rows)
    transaction.on_commit(dispatch.kick)
    return created


def _first_time(key: str) -> bool:
    with transaction.atomic():
        if SentOnce.objects.filter(key=key).exists():
            return False
        SentOnce.objects.create(key=key)
    return True
