"""Editions: compile an issue from adopted items, send it to review, approve or return it,
sign it (which stamps its date, records the real sign-off and publishes it to the archive),
and correct a published issue with a new revision."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, Model
from django.urls import reverse
from django.utils import timezone

from kuaibao.archive.actions import publish_bulletin
from kuaibao.archive.models import Bulletin, Classification, Issue, Revision
from kuaibao.core import model as core
from kuaibao.newsroom import notices
from kuaibao.newsroom.actions.base import ActionError, Actor, Conflict, audit, require, require_office
from kuaibao.newsroom.models import Edition, Placement, Submission

E = Edition.Status


def _url(edition: Edition) -> str:
    return reverse("newsroom:edition", args=[edition.pk])


def display_name(user: User | None) -> str:
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    name = getattr(profile, "display_name", "") or getattr(user, "get_full_name", lambda: "")()
    return str(name or user.get_username())


def next_number(bulletin: Bulletin, year: int, supplement: bool) -> int:
    """期号 continues within the year; 增刊 are numbered on their own."""
    in_archive = Issue.objects.filter(bulletin=bulletin, year=year, supplement=supplement).aggregate(n=Max("number"))
    in_work = Edition.objects.filter(
        bulletin=bulletin, year=year, supplement=supplement, correction_of__isnull=True
    ).aggregate(n=Max("number"))
    return max(in_archive["n"] or 0, in_work["n"] or 0) + 1


def _compiler(actor: Actor, *rows: Model) -> None:
    require(actor, "compile", "只有责任编辑可以组稿编期")
    require_office(actor, *rows)


def _editing(edition: Edition) -> None:
    if edition.status != E.EDITING:
        raise ActionError(f"这一期当前为“{edition.get_status_display()}”，不能修改")


@transaction.atomic
def create_edition(
    actor: Actor, bulletin: Bulletin, *, supplement: bool = False, number: int | None = None, year: int | None = None
) -> Edition:
    """Start the next issue of a bulletin; a chosen number other than the next one is kept
    with a warning, a number already used is refused."""
    _compiler(actor, bulletin)
    year = year or timezone.localdate().year
    expected = next_number(bulletin, year, supplement)
    warning = ""
    if number is None:
        number = expected
    elif number != expected:
        taken = Issue.objects.filter(bulletin=bulletin, year=year, supplement=supplement, number=number).exists()
        taken = (
            taken
            or Edition.objects.filter(
                bulletin=bulletin, year=year, supplement=supplement, number=number, correction_of__isnull=True
            ).exists()
        )
        if taken:
            raise ActionError(f"{year} 年{'增刊' if supplement else ''}第 {number} 期已经存在")
        warning = f"期号 {number} 不是顺序的下一期（应为第 {expected} 期）"
    edition = Edition.objects.create(
        bulletin=bulletin,
        year=year,
        number=number,
        supplement=supplement,
        distribution=bulletin.default_distribution,
        copies=bulletin.default_copies,
        total_issue=next_total_issue(bulletin) if bulletin.total_numbering and not supplement else None,
        classification=bulletin.classification,
        secrecy_period=bulletin.secrecy_period if bulletin.classification else "",
        internal=bulletin.internal,
        number_warning=warning,
        created_by=actor.user,
        editor=actor.user,
    )
    audit(actor, "edition.create", f"新建{edition}" + (f"（{warning}）" if warning else ""), edition=edition)
    return edition


@transaction.atomic
def add_submission(actor: Actor, edition: Edition, submission: Submission, *, section: str | None = None) -> Placement:
    """Adopt a submitted item into the edition, at the end of its section."""
    _compiler(actor, edition, submission)
    _editing(edition)
    if submission.status != Submission.Status.SUBMITTED:
        raise ActionError(f"稿件当前为“{submission.get_status_display()}”，只能采用已报送的稿件")
    position = (edition.placements.aggregate(n=Max("position"))["n"] or 0) + 1
    placement = Placement.objects.create(
        edition=edition,
        submission=submission,
        section=(section if section is not None else submission.suggested_section).strip()[:50],
        position=position,
    )
    submission.status = Submission.Status.ADOPTED
    submission.save(update_fields=["status", "updated_at"])
    audit(actor, "edition.add", f"采用《{submission.title}》编入{edition}", edition=edition, submission=submission)
    notices.adopted(submission, edition)
    return placement


@transaction.atomic
def remove_submission(actor: Actor, edition: Edition, placement: Placement) -> None:
    _compiler(actor, edition)
    _editing(edition)
    if placement.edition_id != edition.pk:
        raise ActionError("这条稿件不在这一期中")
    submission = placement.submission
    placement.delete()
    submission.status = Submission.Status.SUBMITTED
    submission.save(update_fields=["status", "updated_at"])
    _renumber(edition)
    audit(actor, "edition.remove", f"从{edition}撤下《{submission.title}》", edition=edition, submission=submission)


def _renumber(edition: Edition) -> None:
    for position, placement in enumerate(edition.placements.order_by("position"), start=1):
        if placement.position != position:
            Placement.objects.filter(pk=placement.pk).update(position=position)


@transaction.atomic
def arrange(actor: Actor, edition: Edition, *, order: list[int], sections: dict[int, str] | None = None) -> None:
    """Put the edition's items in the given order (placement ids) and sections."""
    _compiler(actor, edition)
    _editing(edition)
    current = {p.pk: p for p in edition.placements.all()}
    if sorted(order) != sorted(current):
        raise ActionError("排序应包含本期全部稿件且各一次")
    for position, pk in enumerate(order, start=1):
        fields: dict[str, object] = {"position": position}
        if sections and pk in sections:
            fields["section"] = sections[pk].strip()[:50]
        Placement.objects.filter(pk=pk).update(**fields)
    audit(actor, "edition.arrange", f"调整{edition}的栏目和顺序", edition=edition, data={"order": order})


@transaction.atomic
def move(actor: Actor, edition: Edition, placement: Placement, *, delta: int) -> None:
    """Move one item up (delta −1) or down (+1): the keyboard alternative to drag and drop."""
    order = list(edition.placements.order_by("position").values_list("pk", flat=True))
    index = order.index(placement.pk)
    target = max(0, min(len(order) - 1, index + delta))
    order.insert(target, order.pop(index))
    arrange(actor, edition, order=order)


@transaction.atomic
def set_ready(actor: Actor, placement: Placement, *, ready: bool) -> None:
    """Mark an item finished (定稿) or not; only finished items can go to review."""
    _compiler(actor, placement.edition)
    _editing(placement.edition)
    Placement.objects.filter(pk=placement.pk).update(ready=ready)
    verb = "定稿" if ready else "取消定稿"
    audit(actor, "edition.ready", f"{verb}《{placement.submission.title}》", edition=placement.edition)


@dataclass(frozen=True)
class Details:
    """What the compiler sets on an edition besides its items: distribution and the 简报 marks."""

    distribution: str = ""
    copies: int | None = None
    total_issue: int | None = None
    classification: str = ""
    secrecy_period: str = ""
    serial: str = ""
    internal: bool = False

    def cleaned(self) -> Details:
        period = self.secrecy_period.strip() if self.classification else ""
        return replace(self, distribution=self.distribution.strip(), secrecy_period=period, serial=self.serial.strip())


@transaction.atomic
def update_details(actor: Actor, edition: Edition, details: Details, *, expected_version: int) -> Edition:
    """Set the distribution, copies, 总期号 and the 密级 / 编号 / 内部资料 marks."""
    _compiler(actor, edition)
    _editing(edition)
    if details.classification not in Classification.values:
        raise ActionError(f"密级“{details.classification}”不是秘密、机密或绝密")
    details = details.cleaned()
    updated = Edition.objects.filter(pk=edition.pk, version=expected_version).update(
        **asdict(details), version=F("version") + 1
    )
    if not updated:
        current = Edition.objects.get(pk=edition.pk)
        raise Conflict(
            "保存失败：这一期已被他人修改，您的修改没有丢失，请刷新后合并",
            current={"distribution": current.distribution, "copies": current.copies},
            yours={"distribution": details.distribution, "copies": details.copies},
        )
    edition.refresh_from_db()
    audit(actor, "edition.details", f"修改{edition}的发送范围、印数和密级标注", edition=edition)
    return edition


def next_total_issue(bulletin: Bulletin) -> int | None:
    """总期号 of the bulletin's next regular issue: one past the highest so far, if any."""
    archived = Revision.objects.filter(issue__bulletin=bulletin).aggregate(n=Max("total_issue"))["n"]
    in_work = Edition.objects.filter(bulletin=bulletin, correction_of__isnull=True).aggregate(n=Max("total_issue"))["n"]
    totals = [total for total in (archived, in_work) if total is not None]
    return max(totals) + 1 if totals else None


@transaction.atomic
def send_to_review(actor: Actor, edition: Edition, *, reason: str = "") -> Edition:
    """Send a finished edition to review. Open proofreading errors (items, 本期发, sign-off) stop
    it unless the editor records why they stand (`reason`, kept in the audit)."""
    from kuaibao.newsroom.proofing import open_errors

    _compiler(actor, edition)
    _editing(edition)
    placements = list(edition.placements.select_related("submission"))
    if not placements:
        raise ActionError("这一期还没有稿件")
    unfinished = [p.submission.title for p in placements if not p.ready]
    if unfinished:
        raise ActionError(f"还有 {len(unfinished)} 条稿件未定稿：《{unfinished[0]}》等，不能送审")
    edition.editor = actor.user
    errors = open_errors(edition)
    if errors and not reason.strip():
        first = errors[0]
        raise ActionError(
            f"还有 {len(errors)} 处审校错误未处理，如{first.where}中的“{first.finding.text}”"
            f"（{first.finding.message}）。"
            "请改正或忽略；确需保留的，请写明理由后再送审。"
        )
    edition.status = E.IN_REVIEW
    edition.comment = ""
    edition.save(update_fields=["status", "editor", "comment"])
    kept = f"（{len(errors)} 处审校错误保留，理由：{reason.strip()}）" if errors else ""
    audit(actor, "edition.send", f"{edition}送审{kept}", edition=edition, data={"proof_errors": len(errors)})
    notices.awaiting_review(edition)
    return edition


def _separate_duties(actor: Actor, edition: Edition, duty: str, earlier: dict[str, User | None]) -> None:
    """编审分离: who compiled an edition does not review it, and who compiled or reviewed it does
    not sign it, whatever roles they hold (an administrator who gave themselves every role, a
    superuser). A bulletin of a one-person office waives this; each waived step is audited."""
    held = [name for name, user in earlier.items() if user is not None and user.pk == actor.user.pk]
    if not held:
        return
    if not edition.bulletin.single_person_office:
        raise ActionError(f"编审分离：你是本期的{'、'.join(held)}，不能再{duty}；请由另一位{duty}人办理")
    audit(
        actor,
        "edition.duties_waived",
        f"{edition}由同一人{'、'.join(held)}并{duty}（刊物设为允许一人编审签）",
        edition=edition,
        data={"duty": duty, "also": held},
    )


@transaction.atomic
def approve(actor: Actor, edition: Edition) -> Edition:
    """The reviewer recommends the edition for signing."""
    require(actor, "review", "只有审核人可以审核")
    require_office(actor, edition)
    if edition.status != E.IN_REVIEW:
        raise ActionError(f"这一期当前为“{edition.get_status_display()}”，不能审核")
    _separate_duties(actor, edition, "审核", {"责任编辑": edition.editor})
    edition.status = E.AWAITING_SIGNATURE
    edition.reviewer = actor.user
    edition.save(update_fields=["status", "reviewer"])
    audit(actor, "edition.approve", f"{edition}审核通过", edition=edition)
    notices.awaiting_signature(edition)
    return edition


@transaction.atomic
def return_edition(actor: Actor, edition: Edition, *, comment: str) -> Edition:
    """The reviewer (from review) or the signer (before signing) returns it, with a comment."""
    require_office(actor, edition)
    if not comment.strip():
        raise ActionError("退回必须写明意见")
    if edition.status == E.IN_REVIEW:
        require(actor, "review", "只有审核人可以退回待审核的期")
    elif edition.status == E.AWAITING_SIGNATURE:
        require(actor, "sign", "只有签发人可以退回待签发的期")
    else:
        raise ActionError(f"这一期当前为“{edition.get_status_display()}”，不能退回")
    edition.status = E.EDITING
    edition.comment = comment.strip()
    edition.save(update_fields=["status", "comment"])
    audit(actor, "edition.return", f"{edition}被退回：{comment.strip()}", edition=edition)
    notices.edition_returned(edition)
    return edition


def to_bulletin(edition: Edition, *, date: dt.date) -> core.Bulletin:
    """The edition as a core bulletin, with the sign-off of the people who did it."""
    items = []
    for placement in edition.placements.select_related("submission__unit").order_by("position"):
        submission = placement.submission
        paragraphs = tuple(core.Paragraph.plain(p.strip()) for p in submission.body.split("\n") if p.strip())
        items.append(core.Item(submission.title, paragraphs, (submission.unit.name,), placement.section or None))
    distribution = (core.DistributionLine("本期发", edition.distribution),) if edition.distribution else ()
    return core.Bulletin(
        title=edition.bulletin.title,
        issue=edition.number,
        date=date,
        publisher=edition.bulletin.publisher,
        items=tuple(items),
        distribution=distribution,
        staff=core.Staff(display_name(edition.editor), display_name(edition.reviewer), display_name(edition.signer)),
        supplement=edition.supplement,
        copies=edition.copies,
        total_issue=edition.total_issue,
        marks=edition_marks(edition),
        font_profile=edition.bulletin.font_profile,
    )


def edition_marks(edition: Edition) -> core.Marks:
    """The 密级, 保密期限, 编号 and 内部资料 marks the edition is printed with."""
    return core.Marks(
        classification=edition.classification or None,
        secrecy_period=(edition.secrecy_period or None) if edition.classification else None,
        serial=edition.serial or None,
        internal=edition.internal,
    )


@transaction.atomic
def sign(actor: Actor, edition: Edition) -> Edition:
    """签发: freeze the edition, stamp today's date, record the sign-off, publish to the archive."""
    require(actor, "sign", "只有签发人可以签发")
    require_office(actor, edition)
    Edition.objects.select_for_update().filter(pk=edition.pk).first()  # one signer at a time
    edition.refresh_from_db()
    if edition.status != E.AWAITING_SIGNATURE:
        raise ActionError(f"这一期当前为“{edition.get_status_display()}”，不能签发")
    _separate_duties(actor, edition, "签发", {"责任编辑": edition.editor, "审核人": edition.reviewer})
    today = timezone.localdate()
    edition.signer = actor.user
    edition.signed_at = timezone.now()
    edition.date = today
    edition.status = E.SIGNED
    note = edition.correction_note if edition.correction_of_id else ""
    issue, revision = publish_bulletin(to_bulletin(edition, date=today), note=note, office=edition.bulletin.office)
    edition.issue = issue
    edition.save(update_fields=["signer", "signed_at", "date", "status", "issue"])
    audit(actor, "edition.sign", f"签发{edition}（档案第 {revision.number} 版）", edition=edition)
    notices.edition_signed(edition)
    return edition


@transaction.atomic
def start_correction(actor: Actor, issue: Issue, *, note: str) -> Edition:
    """Reopen a published issue as a correction: a new edition with the same number whose
    signing adds a revision (with the note) and leaves the old one visible."""
    _compiler(actor, issue)
    if not note.strip():
        raise ActionError("更正必须写明说明")
    source = issue.editions.filter(status=E.SIGNED).order_by("-signed_at").first()
    if source is None:
        raise ActionError("只有在本系统签发的期可以更正")
    edition = Edition.objects.create(
        bulletin=issue.bulletin,
        year=issue.year,
        number=issue.number,
        supplement=issue.supplement,
        distribution=source.distribution,
        copies=source.copies,
        total_issue=source.total_issue,
        classification=source.classification,
        secrecy_period=source.secrecy_period,
        serial=source.serial,
        internal=source.internal,
        correction_of=issue,
        correction_note=note.strip()[:200],
        created_by=actor.user,
        editor=actor.user,
    )
    for placement in source.placements.order_by("position"):
        Placement.objects.create(
            edition=edition, submission=placement.submission, section=placement.section, position=placement.position
        )
    audit(actor, "edition.correct", f"更正{edition}：{note.strip()}", edition=edition)
    return edition
