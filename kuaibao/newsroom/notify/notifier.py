"""`emit`: the one way an event reaches people. In-app notices are written in the caller's
transaction; mail and webhooks become Delivery rows that the dispatcher sends after commit."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.models import User
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
    office = event.office if event.office is not None else _office_of(event, recipients)
    if office != event.office:
        event = replace(event, office=office)
    data = payload(event, recipients, settings.SITE_URL)
    now = timezone.now()
    rows = [
        Delivery(
            event_id=event.id,
            kind=event.kind,
            office_id=office,
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
            office_id=office,
            channel=Delivery.Channel.WEBHOOK,
            webhook=hook,
            payload=data,
            next_attempt_at=now,
        )
        for hook in (Webhook.objects.filter(active=True, office_id=office) if office else [])
        if hook.wants(event.kind, event.units, office)
    ]
    if not rows:
        return []
    created = Delivery.objects.bulk_create(rows)
    transaction.on_commit(dispatch.kick)
    return created


def _office_of(event: Event, recipients: list[User]) -> int | None:
    """An event that does not name its office belongs to the one office of its units, else of
    its recipients; None when they span several (it then reaches no webhook)."""
    from kuaibao.archive.models import Unit
    from kuaibao.newsroom.models import Profile

    found = set(Unit.objects.filter(pk__in=event.units).values_list("office_id", flat=True))
    if not found:
        found = set(Profile.objects.filter(user__in=recipients).values_list("office_id", flat=True))
    return found.pop() if len(found) == 1 else None


def _first_time(key: str) -> bool:
    with transaction.atomic():
        if SentOnce.objects.filter(key=key).exists():
            return False
        SentOnce.objects.create(key=key)
    return True
