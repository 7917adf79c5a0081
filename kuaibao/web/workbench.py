"""工作台: where everyone lands after signing in. One section per role the person holds, each
showing what waits for them and leading to everything that role may do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kuaibao.archive.queries import latest_issues
from kuaibao.newsroom import queries, scope
from kuaibao.newsroom.actions.editions import to_bulletin
from kuaibao.newsroom.models import Edition, Instruction, Notification, Submission
from kuaibao.newsroom.roles import Role, can, roles_of
from kuaibao.newsroom.views.common import current_user
from kuaibao.stats.access import can_view_statistics
from kuaibao.stats.rules import active_rules
from kuaibao.web.access import is_administrator

S = Submission.Status


def _reporter(user: User) -> dict[str, Any]:
    unit = queries.user_unit(user)
    mine = queries.visible_submissions(user)
    month = timezone.localdate().replace(day=1)
    unanswered = (
        scope.instructions(user).filter(feedback="", item__units=unit).select_related("item", "leader__profile")
    )
    return {
        "unit": unit,
        "counts": {
            "draft": mine.filter(status=S.DRAFT).count(),
            "returned": mine.filter(status=S.RETURNED).count(),
            "submitted": mine.filter(status=S.SUBMITTED).count(),
            "adopted": mine.filter(status=S.ADOPTED, updated_at__date__gte=month).count(),
        },
        "returned": mine.filter(status=S.RETURNED).order_by("-updated_at")[:10],
        "recent": mine.order_by("-updated_at")[:8],
        "requests": queries.open_requests_for(user).order_by("deadline")[:10],
        "instructions": unanswered.order_by("created_at")[:10] if unit else [],
    }


def _editor(user: User) -> dict[str, Any]:
    inbox = queries.inbox(queries.InboxFilter(), user)
    return {
        "inbox_count": inbox.count(),
        "inbox": inbox[:8],
        "editions": scope.editions(user).filter(status=Edition.Status.EDITING).select_related("bulletin")[:10],
        "in_flight": scope.editions(user)
        .filter(status__in=[Edition.Status.IN_REVIEW, Edition.Status.AWAITING_SIGNATURE])
        .select_related("bulletin"),
        "requests": queries.open_requests_for(user).order_by("deadline")[:6],
        "missing_feedback": queries.missing_feedback(user).count(),
    }


def _waiting(user: User, status: str) -> list[dict[str, Any]]:
    """Editions of the person's office waiting for them, each with its whole text as printed."""
    out = []
    for edition in scope.editions(user).filter(status=status).select_related("bulletin", "editor__profile"):
        bulletin = to_bulletin(edition, date=edition.date or timezone.localdate())
        sections: list[tuple[str | None, list[Any]]] = []
        for item in bulletin.items:
            if not sections or sections[-1][0] != item.section:
                sections.append((item.section, []))
            sections[-1][1].append(item)
        out.append({"edition": edition, "bulletin": bulletin, "sections": sections})
    return out


def _leader(user: User) -> dict[str, Any]:
    office = scope.scope_of(user).office
    rules = active_rules(office) if office is not None else None
    days = rules.row.feedback_days if rules else 7
    due = timezone.now() - dt.timedelta(days=days)
    mine = Instruction.objects.filter(leader=user).select_related("item", "feedback_by__profile")
    return {
        "issues": latest_issues(6, offices=scope.scope_of(user).readable_office_ids()),
        "mine": mine.order_by("-created_at")[:10],
        "overdue": scope.instructions(user)
        .filter(Q(feedback=""), created_at__lt=due)
        .select_related("item", "leader__profile")
        .order_by("created_at")[:10],
        "feedback_days": days,
    }


def _admin(user: User) -> dict[str, Any]:
    from kuaibao.api.models import ApiToken
    from kuaibao.newsroom.models import Delivery, ProofLeader, ProofPhrase

    staff = scope.of_office(user, User.objects.filter(is_active=True), "profile__office_id")
    return {
        "proof_entries": ProofLeader.objects.count() + ProofPhrase.objects.count(),
        "tokens": scope.of_office(user, ApiToken.objects.all(), "office_id")
        .filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        .count(),
        "failed_deliveries": scope.of_office(user, Delivery.objects.all(), "office_id")
        .filter(status=Delivery.Status.FAILED)
        .count(),
        "people": staff.count(),
        "units": scope.units(user).count(),
        "bulletins": scope.bulletins(user).count(),
        "no_name": staff.filter(Q(profile__isnull=True) | Q(profile__display_name="")).count(),
    }


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    roles = roles_of(user)
    context: dict[str, Any] = {
        "roles": roles,
        "notifications": Notification.objects.filter(user=user, read_at__isnull=True)[:8],
        "statistics": can_view_statistics(user),
    }
    if can(user, "submit"):
        context["reporter"] = _reporter(user)
    if can(user, "edit"):
        context["editor"] = _editor(user)
    if can(user, "review"):
        context["to_review"] = _waiting(user, Edition.Status.IN_REVIEW)
    if can(user, "sign"):
        context["to_sign"] = _waiting(user, Edition.Status.AWAITING_SIGNATURE)
    if can(user, "instruct"):
        context["leader"] = _leader(user)
    if is_administrator(user):
        context["admin"] = _admin(user)
    context["nothing"] = not (roles or user.is_superuser)
    context["is_leader_only"] = roles == {Role.READER}
    return render(request, "web/workbench.html", context)
