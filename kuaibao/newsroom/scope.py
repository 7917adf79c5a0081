"""Which office, and which unit of it, a person acts for: the one place that decides it.

Every view, API call, export and action takes its rows from the querysets here (or checks a
row with `require_*`), so a county editor of county A never reaches county B's drafts, inbox,
editions, requests, units or statistics, whatever page or endpoint is asked. What an office
sees of others: the published issues of the offices above and below it (its own chain, never a
sibling's), and what an office below forwarded to it (as submissions in its own inbox).

A person's office is their profile's; an account without a profile acts for the installation's
office when it has only one (a single-office installation never has to say), else for none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from kuaibao.archive.models import Bulletin, Issue, Item, Office, Unit
from kuaibao.newsroom.models import AuditEntry, Edition, Instruction, Request, Submission
from kuaibao.newsroom.roles import can

AnyUser = AbstractBaseUser | AnonymousUser
_CACHE = "_kuaibao_scope"


class OutOfScope(Exception):
    """A row of another office (or another unit): refused as if it did not exist."""


@dataclass(frozen=True, slots=True)
class Scope:
    """The office a person acts for (None: none), and the unit for a unit's reporter."""

    office: Office | None
    unit: Unit | None

    @property
    def office_id(self) -> int | None:
        return self.office.pk if self.office is not None else None

    def readable_office_ids(self) -> set[int]:
        """Offices whose published issues this person may read: their own, those below it and
        those above it (its chain). Never a sibling's."""
        if self.office is None:
            return set()
        return self.office.descendant_ids() | {o.pk for o in self.office.ancestors()}


def scope_of(user: AnyUser) -> Scope:
    """The scope of a user, computed once per user object (a request's user lives one request)."""
    cached = getattr(user, _CACHE, None)
    if isinstance(cached, Scope):
        return cached
    result = _compute(user)
    if isinstance(user, AuthUser):
        setattr(user, _CACHE, result)
    return result


def _compute(user: AnyUser) -> Scope:
    if not isinstance(user, AuthUser) or not user.is_active:
        return Scope(None, None)
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    if profile is not None:
        unit = profile.unit if profile.unit_id is not None and profile.unit.office_id == profile.office_id else None
        return Scope(profile.office, unit)
    offices = list(Office.objects.all()[:2])
    return Scope(offices[0] if len(offices) == 1 else None, None)


def forget(user: AnyUser) -> None:
    """Drop the cached scope (after the person's office or unit changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


# ---------------------------------------------------------------- querysets

M = TypeVar("M", bound=Model)


def of_office(user: AnyUser, rows: QuerySet[M], office_path: str) -> QuerySet[M]:
    """`rows` of the person's office only (`office_path` leads from a row to its office id)."""
    office = scope_of(user).office_id
    return rows.filter(**{office_path: office}) if office else rows.none()


def units(user: AnyUser) -> QuerySet[Unit]:
    """The units of the person's office (the directory they work with)."""
    office = scope_of(user).office_id
    return Unit.objects.filter(office_id=office) if office else Unit.objects.none()


def bulletins(user: AnyUser) -> QuerySet[Bulletin]:
    """The office's own bulletins (and their series): those it compiles."""
    office = scope_of(user).office_id
    return Bulletin.objects.filter(office_id=office) if office else Bulletin.objects.none()


def is_office_staff(user: AnyUser) -> bool:
    """Editors, reviewers and signers see every submission of their office."""
    return can(user, "edit") or can(user, "review") or can(user, "sign")


def submissions(user: AnyUser) -> QuerySet[Submission]:
    """A reporter sees its own unit's items (drafts included); the office's staff see their
    office's items (those forwarded to it from below included) but no drafts; others none."""
    scope = scope_of(user)
    base = Submission.objects.select_related("unit", "author", "request")
    if scope.office is None:
        return base.none()
    if is_office_staff(user):
        # The office's own, and the copies it forwarded up (转报), to follow them.
        mine = Q(unit__office=scope.office) | Q(unit__represents=scope.office)
        return base.filter(mine).exclude(status=Submission.Status.DRAFT)
    if scope.unit is not None and can(user, "submit"):
        return base.filter(unit=scope.unit)
    return base.none()


def related_submissions(user: AnyUser) -> QuerySet[Submission]:
    """Every submission of the person's office or forwarded up by it: where a submission page
    looks first (another office's are not found; whether the person may see one of these is
    `submissions`'s answer)."""
    office = scope_of(user).office_id
    if not office:
        return Submission.objects.none()
    return Submission.objects.filter(Q(unit__office_id=office) | Q(unit__represents_id=office))


def office_submissions(user: AnyUser) -> QuerySet[Submission]:
    """Every non-draft submission to the person's office, whatever the role (the inbox's rows,
    the candidates of an edition): empty for a person without an office."""
    office = scope_of(user).office_id
    if not office:
        return Submission.objects.none()
    return Submission.objects.filter(unit__office_id=office).exclude(status=Submission.Status.DRAFT)


def editions(user: AnyUser) -> QuerySet[Edition]:
    office = scope_of(user).office_id
    if not office or not is_office_staff(user):
        return Edition.objects.none()
    return Edition.objects.filter(bulletin__office_id=office)


def requests(user: AnyUser) -> QuerySet[Request]:
    """The office's own requests; a reporter sees them too (filtered to its unit elsewhere)."""
    office = scope_of(user).office_id
    return Request.objects.filter(office_id=office) if office else Request.objects.none()


def issues(user: AnyUser) -> QuerySet[Issue]:
    """Published issues the person may read (their office's chain)."""
    return Issue.objects.filter(bulletin__office_id__in=scope_of(user).readable_office_ids())


def items(user: AnyUser) -> QuerySet[Item]:
    return Item.objects.filter(bulletin__office_id__in=scope_of(user).readable_office_ids())


def instructions(user: AnyUser) -> QuerySet[Instruction]:
    """批示 on the items of the person's office's bulletins, on items credited to its units, and on
    items above credited to the office itself (what it forwarded up: visible back down)."""
    office = scope_of(user).office_id
    if not office:
        return Instruction.objects.none()
    mine = Q(item__bulletin__office_id=office) | Q(item__units__office_id=office) | Q(item__units__represents_id=office)
    return Instruction.objects.filter(mine).distinct()


def audit_rows(user: AnyUser) -> QuerySet[AuditEntry]:
    office = scope_of(user).office_id
    return AuditEntry.objects.filter(office_id=office) if office else AuditEntry.objects.none()


# ---------------------------------------------------------------- checks for the actions


def office_of_row(row: Model) -> int | None:
    """The office a row belongs to."""
    if isinstance(row, Submission):
        return Unit.objects.filter(pk=row.unit_id).values_list("office_id", flat=True).first()
    if isinstance(row, Edition | Item | Issue):
        return Bulletin.objects.filter(pk=row.bulletin_id).values_list("office_id", flat=True).first()
    if isinstance(row, Instruction):
        return Item.objects.filter(pk=row.item_id).values_list("bulletin__office_id", flat=True).first()
    office = getattr(row, "office_id", None)
    return int(office) if office is not None else None


def in_office(user: AnyUser, row: Model) -> bool:
    office = scope_of(user).office_id
    return office is not None and office_of_row(row) == office


def require_office(user: AnyUser, row: Model) -> None:
    """Refuse a row of another office (the actions turn this into Forbidden, views into 404)."""
    if not in_office(user, row):
        raise OutOfScope("不属于本机关")


def readable_offices_of_request(request: HttpRequest) -> set[int] | None:
    """For the archive (kuaibao.archive.extensions): an anonymous reader of a public archive
    reads every office's issues; a signed-in person reads their office's chain."""
    if not request.user.is_authenticated:
        return None
    return scope_of(request.user).readable_office_ids()


def readable_item(user: AnyUser, item: Item) -> bool:
    office = Bulletin.objects.filter(pk=item.bulletin_id).values_list("office_id", flat=True).first()
    return office in scope_of(user).readable_office_ids()
