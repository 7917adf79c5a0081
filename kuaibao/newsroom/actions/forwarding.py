"""转报: an office's editor forwards an item it received up to the office above, edited for that
readership. The original stays in the lower office, linked (`Submission.forwarded_from`); the
copy arrives in the upper office's inbox as a submission from the lower office (the unit that
stands for it there), with its provenance: the unit that first wrote it and the lower office's
issue it appeared in. The upper office adopts, returns or declines it with the same actions as
its own units' items, and may forward it on to the next level."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kuaibao.archive.models import Item, Office, Unit
from kuaibao.newsroom import notices
from kuaibao.newsroom.actions.base import ActionError, Actor, audit, office_of, require, require_office
from kuaibao.newsroom.actions.submissions import clean_text, record_version
from kuaibao.newsroom.models import AuditEntry, Edition, Submission

S = Submission.Status


def office_unit(office: Office) -> Unit:
    """The unit that stands for `office` in its parent office's directory (made the first time;
    a unit of that name already in the directory is taken as it)."""
    parent = office.parent
    if parent is None:
        raise ActionError(f"{office.name}没有上级机关，不能转报")
    unit = Unit.objects.filter(represents=office).first()
    if unit is not None:
        return unit
    unit = Unit.objects.filter(office=parent, name=office.name).first()
    if unit is None:
        return Unit.objects.create(office=parent, name=office.name, kind=Unit.Kind.OFFICE, represents=office)
    unit.represents, unit.kind = office, Unit.Kind.OFFICE
    unit.save(update_fields=["represents", "kind"])
    return unit


def published_item(submission: Submission) -> Item | None:
    """The item a submission became in its office's signed issue (the newest), if any."""
    placements = submission.placements.filter(edition__status=Edition.Status.SIGNED, edition__issue__isnull=False)
    for placement in placements.select_related("edition__issue__current").order_by("-edition__signed_at"):
        issue = placement.edition.issue
        if issue is None or issue.current is None:
            continue
        order = list(placement.edition.placements.order_by("position").values_list("submission_id", flat=True))
        item = issue.current.items.filter(position=order.index(submission.pk) + 1).first()
        if item is not None:
            return item
    return None


@dataclass(frozen=True, slots=True)
class Step:
    """One office's copy of a forwarded item: where it is, what became of it."""

    office: Office
    submission: Submission
    item: Item | None

    @property
    def label(self) -> str:
        where = f"，刊于{self.item.revision.issue}" if self.item is not None else ""
        return f"{self.office.label}：{self.submission.get_status_display()}{where}"


def chain(submission: Submission) -> list[Step]:
    """The copies of an item up the chain of offices, starting with its own office."""
    steps: list[Step] = []
    current: Submission | None = submission
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        office = Office.objects.get(units__pk=current.unit_id)
        steps.append(Step(office, current, published_item(current)))
        current = current.forwards.select_related("unit").order_by("pk").first()
    return steps


def root(submission: Submission) -> Submission:
    """The copy in the lowest office: the unit's own submission."""
    current = submission
    seen = {current.pk}
    while current.forwarded_from_id is not None and current.forwarded_from_id not in seen:
        seen.add(current.forwarded_from_id)
        current = Submission.objects.get(pk=current.forwarded_from_id)
    return current


@transaction.atomic
def forward(actor: Actor, submission: Submission, *, title: str = "", body: str = "", note: str = "") -> Submission:
    """转报 `submission` (received or adopted by the actor's office) to the office above, with the
    text edited for it (`title`/`body`; blank: as it is). Returns the upper office's copy."""
    require(actor, "edit", "只有责任编辑可以转报")
    require_office(actor, submission)
    if submission.status not in (S.SUBMITTED, S.ADOPTED):
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，只有已报送或已采用的稿件可以转报")
    if submission.forwards.exists():
        raise ActionError("这篇稿件已经转报过上级")
    office = office_of(actor)
    unit = office_unit(office)
    title, body = clean_text(title or submission.title, body or submission.body)
    copy = Submission.objects.create(
        unit=unit,
        author=actor.user,
        title=title,
        body=body,
        suggested_section=submission.suggested_section,
        contact=submission.contact,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        forwarded_from=submission,
        origin_unit_id=submission.origin_unit_id or submission.unit_id,
        origin_item=published_item(submission),
    )
    record_version(copy, actor, "转报" + (f"：{note.strip()[:100]}" if note.strip() else ""))
    upper = unit.office
    audit(
        actor,
        "submission.forward",
        f"转报《{submission.title}》至{upper.name}",
        submission=submission,
        data={"copy": copy.pk, "to": upper.pk},
    )
    # The upper office's own record of what arrived (its audit is scoped to it).
    AuditEntry.objects.create(
        actor=actor.user,
        office=upper,
        action="submission.forwarded_in",
        summary=f"收到{office.name}转报《{title}》"[:300],
        submission=copy,
        data={"from": submission.pk, "office": office.pk},
        ip=actor.ip,
        user_agent=actor.user_agent or actor.origin,
    )
    notices.submitted(copy)
    return copy
