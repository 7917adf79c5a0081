"""Read-side queries of the newsroom: who may see what, inboxes, request answers, history."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.newsroom import scope
from kuaibao.newsroom.models import Edition, Instruction, Notification, Request, Submission, SubmissionVersion
from kuaibao.newsroom.roles import can

User = AbstractBaseUser | AnonymousUser


def user_unit(user: User) -> Unit | None:
    """The unit a reporter reports for (in their own office), through the scope layer."""
    return scope.scope_of(user).unit


def visible_instructions(user: User, rows: QuerySet[Instruction]) -> QuerySet[Instruction]:
    """批示 a person may read, of their office (kuaibao.newsroom.scope): all for leaders (who give
    them) and editors; a reporter only those on items of their own unit; nobody else (other
    signed-in readers, anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    rows = rows.filter(pk__in=scope.instructions(user).values("pk"))  # the person's office's only
    if can(user, "edit") or can(user, "instruct"):
        return rows
    unit = user_unit(user) if can(user, "submit") else None
    return rows.filter(item__units=unit).distinct() if unit else rows.none()


def is_staff_reader(user: User) -> bool:
    """Editors, reviewers and signers see every submission of their office."""
    return scope.is_office_staff(user)


def visible_submissions(user: User) -> QuerySet[Submission]:
    """A reporter sees its own unit's items (drafts included); the office staff see their
    office's but no drafts; others see none (kuaibao.newsroom.scope)."""
    return scope.submissions(user)


def can_view_submission(user: User, submission: Submission) -> bool:
    return visible_submissions(user).filter(pk=submission.pk).exists()


@dataclass(frozen=True, slots=True)
class InboxFilter:
    unit: int | None = None
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    request: int | None = None


def inbox(flt: InboxFilter, user: User) -> QuerySet[Submission]:
    """The office's submissions (`user`'s office, never another's), filtered."""
    rows = scope.office_submissions(user).select_related("unit", "request")
    if flt.unit:
        rows = rows.filter(unit_id=flt.unit)
    rows = rows.filter(status=flt.status) if flt.status else rows.filter(status=Submission.Status.SUBMITTED)
    if flt.date_from:
        rows = rows.filter(submitted_at__date__gte=flt.date_from)
    if flt.date_to:
        rows = rows.filter(submitted_at__date__lte=flt.date_to)
    if flt.request:
        rows = rows.filter(request_id=flt.request)
    return rows.order_by("-submitted_at")


def open_requests_for(user: User) -> QuerySet[Request]:
    """Requests a unit should see first: guidance for all, commissions naming the unit, not past due."""
    unit = user_unit(user)
    now = timezone.now()
    rows = scope.requests(user).filter(Q(deadline__isnull=True) | Q(deadline__gte=now))
    if can(user, "edit"):
        return rows
    if unit is None:
        return rows.none()
    return rows.filter(Q(kind=Request.Kind.GUIDANCE) | Q(units=unit)).distinct()


@dataclass(frozen=True, slots=True)
class Answer:
    unit: Unit
    state: str  # "on_time", "late", "missing", "pending"
    submitted_at: dt.datetime | None

    @property
    def label(self) -> str:
        return {"on_time": "按时", "late": "逾期", "missing": "未报送", "pending": "未到期"}[self.state]


def answers(request: Request, *, now: dt.datetime | None = None) -> list[Answer]:
    """For a commission: each asked unit's answer, on time, late, missing, or not yet due."""
    now = now or timezone.now()
    out = []
    for unit in request.units.order_by("name"):
        first = request.submissions.filter(unit=unit, submitted_at__isnull=False).order_by("submitted_at").first()
        if first is not None and first.submitted_at is not None:
            late = request.deadline is not None and first.submitted_at > request.deadline
            out.append(Answer(unit, "late" if late else "on_time", first.submitted_at))
        elif request.deadline is not None and now > request.deadline:
            out.append(Answer(unit, "missing", None))
        else:
            out.append(Answer(unit, "pending", None))
    return out


def editions_for(user: User) -> QuerySet[Edition]:
    return scope.editions(user).select_related("bulletin").order_by("-created_at")


def missing_feedback(user: User) -> QuerySet[Instruction]:
    """批示 in the user's office still waiting for feedback."""
    return scope.instructions(user).filter(feedback="").select_related("item", "leader").order_by("created_at")


def unread_count(user: User) -> int:
    if not isinstance(user, AuthUser):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def version_diff(a: SubmissionVersion, b: SubmissionVersion) -> list[tuple[str, str]]:
    """A character-level diff of two versions' text as (op, text): op is =, + or −."""
    return text_diff(f"{a.title}\n{a.body}", f"{b.title}\n{b.body}")


def text_diff(left: str, right: str) -> list[tuple[str, str]]:
    """A character-level diff from `left` to `right` as (op, text): op is =, + or −."""
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", left[i1:i2]))
        else:
            if i2 > i1:
                out.append(("-", left[i1:i2]))
            if j2 > j1:
                out.append(("+", right[j1:j2]))
    return out
