"""What an event is, the kinds there are, and the JSON payload every channel but the in-app one
carries (docs/notifications.md documents each kind's `subject`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

PAYLOAD_VERSION = 1

# kind -> what it tells, in Chinese (shown in the delivery log and sent as `label`).
KINDS: dict[str, str] = {
    "submission.submitted": "有新稿件待处理",
    "submission.returned": "稿件被退回修改",
    "submission.rejected": "稿件未采用",
    "submission.adopted": "稿件已采用",
    "submission.withdrawn": "稿件已撤回",
    "request.published": "新的约稿或报送要点",
    "request.due": "约稿即将截止",
    "edition.review": "期刊待审核",
    "edition.signature": "期刊待签发",
    "edition.returned": "期刊被退回",
    "edition.signed": "期刊已签发",
    "instruction.recorded": "领导批示待反馈",
    "instruction.answered": "批示已有反馈",
    "urgent.reported": "紧急信息",
    "notice": "系统提醒",
}


def register_kind(kind: str, label: str) -> None:
    """Another part of the system adds its own kind (e.g. the offices' urgent information)."""
    KINDS.setdefault(kind, label)


@dataclass(frozen=True)
class Event:
    """Something that tells `recipients` to act. `subject` is the kind's documented payload
    (ids, titles, statuses: never anything a recipient may not see); `units` are the units the
    event concerns, so that a unit's own systems receive its events and no other unit's."""

    kind: str
    text: str
    url: str = ""
    recipients: Iterable[User] = ()
    subject: dict[str, Any] = field(default_factory=dict)
    units: tuple[int, ...] = ()
    office: int | None = None
    once: str = ""  # a key: an event with a key already sent is not sent again
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")


def display_name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return str(getattr(profile, "display_name", "") or user.get_full_name() or user.get_username())


def _office(pk: int | None) -> dict[str, Any] | None:
    from kuaibao.archive.models import Office

    office = Office.objects.filter(pk=pk).first() if pk is not None else None
    return {"id": office.pk, "name": office.name} if office is not None else None


def payload(event: Event, recipients: list[User], absolute: str) -> dict[str, Any]:
    """The JSON body of a webhook (and the data behind a mail): stable and versioned."""
    return {
        "version": PAYLOAD_VERSION,
        "id": event.id,
        "event": event.kind,
        "label": KINDS[event.kind],
        "occurred_at": timezone.localtime().isoformat(timespec="seconds"),
        "text": event.text,
        "url": absolute + event.url if event.url.startswith("/") else event.url,
        "office": _office(event.office),
        "units": list(event.units),
        "recipients": [
            {
                "name": display_name(user),
                "account": user.get_username(),
                "unit": getattr(getattr(getattr(user, "profile", None), "unit", None), "name", None),
            }
            for user in recipients
        ],
        "subject": event.subject,
    }
