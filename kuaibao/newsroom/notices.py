"""The newsroom's events: who is told what when a submission, an edition, a request or an
instruction moves, with the documented payload (`subject`) each kind carries (docs/notifications.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse

from kuaibao.archive.models import Office, Unit
from kuaibao.newsroom.models import Edition, Instruction, Profile, Request, Submission
from kuaibao.newsroom.notify import Event, emit
from kuaibao.newsroom.notify.events import display_name
from kuaibao.newsroom.roles import GROUP_NAMES, Role


def users_with_role(role: Role, office: Office) -> list[User]:
    """The active holders of a role in one office (never another office's staff)."""
    rows = User.objects.filter(groups__name=GROUP_NAMES[role], is_active=True, profile__office=office)
    return list(rows.select_related("profile__unit"))


def reporters_of(units: Iterable[Unit]) -> list[User]:
    rows = Profile.objects.filter(unit__in=list(units), user__is_active=True).select_related("user", "unit")
    return [profile.user for profile in rows]


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "name": unit.name}


def _iso(moment: dt.datetime | None) -> str | None:
    from django.utils import timezone

    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def submission_subject(submission: Submission) -> dict[str, Any]:
    return {
        "type": "submission",
        "id": submission.pk,
        "title": submission.title,
        "unit": _unit(submission.unit),
        "status": submission.status,
        "status_label": submission.get_status_display(),
        "comment": submission.comment,
        "version": submission.version,
        "request": submission.request_id,
        "api": f"/api/submissions/{submission.pk}",
    }


def _submission_event(kind: str, submission: Submission, text: str, recipients: Iterable[User]) -> None:
    emit(
        Event(
            kind=kind,
            text=text,
            url=reverse("newsroom:submission", args=[submission.pk]),
            recipients=recipients,
            subject=submission_subject(submission),
            units=(submission.unit_id,),
            office=submission.unit.office_id,
        )
    )


def submitted(submission: Submission) -> None:
    _submission_event(
        "submission.submitted",
        submission,
        f"{submission.unit.name}报送了《{submission.title}》",
        users_with_role(Role.EDITOR, submission.unit.office),
    )


def returned(submission: Submission) -> None:
    _submission_event(
        "submission.returned",
        submission,
        f"《{submission.title}》被退回修改：{submission.comment}",
        [submission.author],
    )


def rejected(submission: Submission) -> None:
    _submission_event("submission.rejected", submission, f"《{submission.title}》未采用", [submission.author])


def adopted(submission: Submission, edition: Edition) -> None:
    _submission_event(
        "submission.adopted", submission, f"《{submission.title}》已采用，编入{edition}", [submission.author]
    )


def withdrawn(submission: Submission) -> None:
    _submission_event(
        "submission.withdrawn",
        submission,
        f"{submission.unit.name}撤回了《{submission.title}》",
        users_with_role(Role.EDITOR, submission.unit.office),
    )


def edition_subject(edition: Edition) -> dict[str, Any]:
    return {
        "type": "edition",
        "id": edition.pk,
        "name": str(edition),
        "bulletin": edition.bulletin.title,
        "year": edition.year,
        "number": edition.number,
        "supplement": edition.supplement,
        "status": edition.status,
        "status_label": edition.get_status_display(),
        "comment": edition.comment,
        "items": edition.placements.count(),
        "api": f"/api/editions/{edition.pk}",
    }


def _edition_event(kind: str, edition: Edition, text: str, recipients: Iterable[User]) -> None:
    emit(
        Event(
            kind=kind,
            text=text,
            url=reverse("newsroom:edition", args=[edition.pk]),
            recipients=recipients,
            subject=edition_subject(edition),
            office=edition.bulletin.office_id,
        )
    )


def awaiting_review(edition: Edition) -> None:
    _edition_event(
        "edition.review", edition, f"{edition}待审核", users_with_role(Role.REVIEWER, edition.bulletin.office)
    )


def awaiting_signature(edition: Edition) -> None:
    _edition_event(
        "edition.signature", edition, f"{edition}待签发", users_with_role(Role.SIGNER, edition.bulletin.office)
    )


def edition_returned(edition: Edition) -> None:
    people = [u for u in (edition.editor, edition.created_by) if u is not None]
    _edition_event("edition.returned", edition, f"{edition}被退回：{edition.comment}", people)


def edition_signed(edition: Edition) -> None:
    people = [u for u in (edition.editor, edition.reviewer) if u is not None]
    _edition_event("edition.signed", edition, f"{edition}已签发", people)


def request_subject(request: Request) -> dict[str, Any]:
    return {
        "type": "request",
        "id": request.pk,
        "kind": request.kind,
        "kind_label": request.get_kind_display(),
        "title": request.title,
        "description": request.description,
        "deadline": _iso(request.deadline),
        "units": [_unit(unit) for unit in request.units.order_by("name")],
        "api": f"/api/requests/{request.pk}",
    }


def request_published(request: Request, units: list[Unit]) -> None:
    if units:
        people = reporters_of(units)
    else:
        people = [
            p.user
            for p in Profile.objects.filter(
                user__is_active=True, unit__isnull=False, unit__office=request.office
            ).select_related("user")
        ]
    emit(
        Event(
            kind="request.published",
            text=f"新的{request}",
            url=reverse("newsroom:requests"),
            recipients=people,
            subject=request_subject(request),
            units=tuple(unit.pk for unit in units),
            office=request.office_id,
        )
    )


def request_due(request: Request, unit: Unit) -> None:
    """Once per request and unit: the deadline is near and the unit has not answered."""
    deadline = _iso(request.deadline) or ""
    emit(
        Event(
            kind="request.due",
            text=f"约稿《{request.title}》将于 {deadline[:16].replace('T', ' ')} 截止，{unit.name}尚未报送",
            url=reverse("newsroom:requests"),
            recipients=reporters_of([unit]),
            subject={**request_subject(request), "unit": _unit(unit)},
            units=(unit.pk,),
            office=request.office_id,
            once=f"request.due:{request.pk}:{unit.pk}",
        )
    )


def instruction_subject(instruction: Instruction) -> dict[str, Any]:
    return {
        "type": "instruction",
        "id": instruction.pk,
        "item": {"id": instruction.item_id, "title": instruction.item.title},
        "leader": display_name(instruction.leader),
        "leader_title": instruction.leader_title,
        "text": instruction.text,
        "feedback": instruction.feedback,
        "units": [_unit(unit) for unit in instruction.item.units.order_by("name")],
        "api": f"/api/instructions/{instruction.pk}",
    }


def instruction_recorded(instruction: Instruction) -> None:
    units = list(instruction.item.units.all())
    emit(
        Event(
            kind="instruction.recorded",
            text=f"《{instruction.item.title}》有领导批示，请反馈落实情况",
            url=reverse("archive:item", args=[instruction.item_id]),
            recipients=reporters_of(units),
            subject=instruction_subject(instruction),
            units=tuple(unit.pk for unit in units),
            office=instruction.item.bulletin.office_id,
        )
    )


def instruction_answered(instruction: Instruction) -> None:
    emit(
        Event(
            kind="instruction.answered",
            text=f"《{instruction.item.title}》的批示已有反馈",
            url=reverse("archive:item", args=[instruction.item_id]),
            recipients=[instruction.leader],
            subject=instruction_subject(instruction),
            units=tuple(instruction.item.units.values_list("pk", flat=True)),
            office=instruction.item.bulletin.office_id,
        )
    )
