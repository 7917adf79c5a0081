"""约稿 and 报送要点: editors ask for items; units answer with submissions; lateness is derived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions.base import ActionError, Actor, audit, notify, require
from kuaibao.newsroom.models import Profile, Request


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
    if kind == Request.Kind.COMMISSION and (not chosen or deadline is None):
        raise ActionError("约稿须选择单位并设定截止时间")
    request = Request.objects.create(
        kind=kind, title=title.strip()[:200], description=description.strip(), deadline=deadline, created_by=actor.user
    )
    request.units.set(chosen)
    audit(actor, "request.publish", f"发布{request}")
    reporters = Profile.objects.filter(user__is_active=True).select_related("user")
    if chosen:
        reporters = reporters.filter(unit__in=chosen)
    else:
        reporters = reporters.filter(unit__isnull=False)
    notify([p.user for p in reporters], f"新的{request}", reverse("newsroom:requests"))
    return request
