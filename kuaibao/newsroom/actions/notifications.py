"""The notifier's writes an administrator makes: register, change or remove a webhook receiver,
and replay a delivery (send the same payload again, e.g. after the receiver was repaired)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions.base import ActionError, Actor, audit, office_of, require, require_office
from kuaibao.newsroom.notify import KINDS, dispatch
from kuaibao.newsroom.notify.models import Delivery, Webhook


def _administrator(actor: Actor) -> None:
    require(actor, "webhooks", "只有管理员可以管理通知接收地址")


def _check(url: str, events: list[str]) -> None:
    if not url.startswith(("https://", "http://")):
        raise ActionError("接收地址须以 http:// 或 https:// 开头")
    unknown = [kind for kind in events if kind not in KINDS]
    if unknown:
        raise ActionError(f"没有这种事件：{'、'.join(unknown)}")


@transaction.atomic
def register_webhook(
    actor: Actor, *, name: str, url: str, events: list[str] | None = None, unit: Unit | None = None
) -> Webhook:
    _administrator(actor)
    office = office_of(actor)
    if unit is not None:
        require_office(actor, unit)
    events = list(events or [])
    _check(url, events)
    if not name.strip():
        raise ActionError("名称不能为空")
    hook = Webhook.objects.create(
        office=office, name=name.strip()[:100], url=url, events=events, unit=unit, created_by=actor.user
    )
    audit(actor, "webhook.register", f"登记通知接收地址“{hook.name}”", data={"webhook": hook.pk, "url": url})
    return hook


@transaction.atomic
def change_webhook(actor: Actor, hook: Webhook, *, url: str, events: list[str], active: bool) -> Webhook:
    _administrator(actor)
    require_office(actor, hook)
    _check(url, events)
    hook.url, hook.events, hook.active = url, list(events), active
    hook.save(update_fields=["url", "events", "active"])
    audit(actor, "webhook.change", f"修改通知接收地址“{hook.name}”", data={"webhook": hook.pk, "url": url})
    return hook


@transaction.atomic
def remove_webhook(actor: Actor, hook: Webhook) -> None:
    _administrator(actor)
    require_office(actor, hook)
    audit(actor, "webhook.remove", f"删除通知接收地址“{hook.name}”", data={"webhook": hook.pk})
    hook.delete()


@transaction.atomic
def replay(actor: Actor, delivery: Delivery) -> Delivery:
    """A new delivery of the same payload to the same receiver, sent now."""
    _administrator(actor)
    require_office(actor, delivery)
    if delivery.channel == Delivery.Channel.WEBHOOK and (delivery.webhook is None or not delivery.webhook.active):
        raise ActionError("接收地址已删除或停用，不能重新发送")
    again = Delivery.objects.create(
        office=delivery.office,
        event_id=delivery.event_id,
        kind=delivery.kind,
        channel=delivery.channel,
        webhook=delivery.webhook,
        address=delivery.address,
        payload=delivery.payload,
        next_attempt_at=timezone.now(),
        replay_of=delivery,
    )
    audit(actor, "delivery.replay", f"重新发送通知（{delivery}）", data={"delivery": delivery.pk, "replay": again.pk})
    transaction.on_commit(dispatch.kick)
    return again
