"""约稿 and 报送要点: editors ask for items; units answer with submissions; lateness is derived."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from kuaibao.archive.models import Unit
from kuaibao.newsroom import notices
from kuaibao.newsroom.actions.base import ActionError, Actor, audit, office_of, require, require_office
from kuaibao.newsroom.models import Request
from kuaibao.newsroom.notify.models import SentOnce

logger = logging.getLogger(__name__)


@transaction.atomic
def publish_request(
    actor: Actor,
    *,
    kind: str,
    title: str,
    description: str = "",
    deadline: dt.datetime | None = None,
    units: Iterable[Unit] = (),
) -> Request:
    """Publish guidance (to every unit) or a commission (to chosen units, by a deadline)."""
    require(actor, "edit", "只有责任编辑可以发布约稿和报送要点")
    if kind not in Request.Kind.values:
        raise ActionError("类型只能是约稿或报送要点")
    if not title.strip():
        raise ActionError("主题不能为空")
    chosen = list(units)
    require_office(actor, *chosen)
    office = office_of(actor)
    if kind == Request.Kind.COMMISSION and (not chosen or deadline is None):
        raise ActionError("约稿须选择单位并设定截止时间")
    request = Request.objects.create(
        office=office,
        kind=kind,
        title=title.strip()[:200],
        description=description.strip(),
        deadline=deadline,
        created_by=actor.user,
    )
    request.units.set(chosen)
    audit(actor, "request.publish", f"发布{request}")
    notices.request_published(request, chosen)
    return request


def remind_due_requests(now: dt.datetime) -> int:
    """约稿 due: each asked unit that has not answered a commission whose deadline is within
    REQUEST_REMINDER_HOURS is reminded once (run every minute by the notifier's dispatcher)."""
    horizon = now + dt.timedelta(hours=settings.REQUEST_REMINDER_HOURS)
    due = Request.objects.filter(kind=Request.Kind.COMMISSION, deadline__gt=now, deadline__lte=horizon)
    sent = 0
    for request in due.prefetch_related("units"):
        answered = set(request.submissions.filter(submitted_at__isnull=False).values_list("unit_id", flat=True))
        for unit in request.units.all():
            key = f"request.due:{request.pk}:{unit.pk}"
            if unit.pk in answered or SentOnce.objects.filter(key=key).exists():
                continue
            with transaction.atomic():
                notices.request_due(request, unit)
            sent += 1
    return sent
