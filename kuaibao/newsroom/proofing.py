"""Proofreading in the editor: the core engine fed with the units directory, applied to an
item's title and body, minus the findings someone dismissed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from kuaibao.archive.models import Unit, UnitAlias
from kuaibao.core.proof import BannedPhrase, Finding, Leader, ProofConfig, Proofreader, Severity
from kuaibao.newsroom import proofcounts
from kuaibao.newsroom.models import Dismissal, Edition, ProofLeader, ProofPhrase


@dataclass(frozen=True, slots=True)
class ItemFinding:
    """A finding placed in the field it is in (title or body) with its offset there."""

    field: str
    offset: int
    finding: Finding

    def as_dict(self) -> dict[str, object]:
        f = self.finding
        return {
            "field": self.field,
            "offset": self.offset,
            "text": f.text,
            "rule": f.rule,
            "severity": f.severity.value,
            "message": f.message,
            "suggestion": f.suggestion,
            "fingerprint": f.fingerprint,
        }


def proofreader() -> Proofreader:
    """The engine with the office's data: the units directory, the leaders' table, the lists
    of 规范提法 and 禁用词, and the archive's counts that adapt the language model."""
    names = [*Unit.objects.values_list("name", flat=True), *UnitAlias.objects.values_list("alias", flat=True)]
    return Proofreader(config(units=tuple(names)))


def config(units: tuple[str, ...]) -> ProofConfig:
    leaders = tuple(
        Leader(leader.name, leader.title_list())
        for leader in ProofLeader.objects.filter(active=True)
        if leader.title_list()
    )
    phrases = tuple(
        BannedPhrase(
            phrase=entry.phrase,
            suggestion=entry.suggestion or None,
            message=entry.note or None,
            severity=Severity(entry.severity),
            source=entry.source,
            kind=entry.kind,
        )
        for entry in ProofPhrase.objects.filter(active=True)
    )
    return ProofConfig(units=units, leaders=leaders, banned=phrases, adaptation=proofcounts.archive_counts())


def _dismissed(prints: list[str], *, office: bool) -> set[str]:
    """Fingerprints dismissed. For the office (editors, and what goes to review) only an
    editor's dismissal counts: a reporter who dismisses a finding hides it from themselves,
    not from the editor who answers for the printed text."""
    rows = Dismissal.objects.filter(fingerprint__in=prints)
    if office:
        rows = rows.filter(
            Q(dismissed_by__is_superuser=True)
            | Q(dismissed_by__groups__permissions__codename="edit_submissions")
            | Q(dismissed_by__user_permissions__codename="edit_submissions")
        )
    return set(rows.values_list("fingerprint", flat=True))


def check_item(title: str, body: str, *, office: bool = True) -> list[ItemFinding]:
    """Findings for an item being edited, title first; dismissed ones left out (for the office,
    those an editor dismissed; for its unit's reporter, any)."""
    text = f"{title}\n{body}"
    findings = proofreader().check(text, parse=False, issue_date=timezone.localdate())
    dismissed = _dismissed([f.fingerprint for f in findings], office=office)
    out = []
    for finding in findings:
        if finding.fingerprint in dismissed:
            continue
        if finding.end <= len(title):
            out.append(ItemFinding("title", finding.offset, finding))
        elif finding.offset > len(title):
            out.append(ItemFinding("body", finding.offset - len(title) - 1, finding))
    return out


def highlighted(text: str, findings: list[ItemFinding], field: str) -> list[tuple[str, str | None]]:
    """The text cut into (piece, message or None) for highlighting one field."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for item in sorted((f for f in findings if f.field == field), key=lambda f: f.offset):
        start, end = item.offset, item.offset + len(item.finding.text)
        if start < position:
            continue
        pieces.append((text[position:start], None))
        pieces.append((text[start:end], item.finding.message))
        position = end
    pieces.append((text[position:], None))
    return [p for p in pieces if p[0]]


@dataclass(frozen=True, slots=True)
class EditionFinding:
    """A finding in an edition: in an item (its title for `where`) or in the tail (本期发, 签发栏)."""

    where: str
    finding: Finding
    submission_id: int | None = None


def check_edition(edition: Edition) -> list[EditionFinding]:
    """The edition proofread as it would be printed: every item, the 本期发 list (also against the
    bulletin's saved default) and the sign-off line; dismissed findings left out."""
    out = []
    for placement in edition.placements.select_related("submission").order_by("position"):
        submission = placement.submission
        for item in check_item(submission.title, submission.body):
            out.append(EditionFinding(f"《{submission.title}》", item.finding, submission.pk))
    checker = proofreader()
    tail = [("本期发", edition.distribution)]
    staff = " ".join(f"{label}：{name}" for label, name in sign_off(edition) if name)
    if staff:
        tail.append(("签发栏", staff))
    for where, text in tail:
        for finding in _not_dismissed(checker.check(text, parse=False)):
            out.append(EditionFinding(where, finding))
    return out


def sign_off(edition: Edition) -> list[tuple[str, str]]:
    from kuaibao.newsroom.actions.editions import display_name

    return [("责任编辑", display_name(edition.editor)), ("审核", display_name(edition.reviewer)),
            ("签发", display_name(edition.signer))]  # fmt: skip


def _not_dismissed(findings: list[Finding]) -> list[Finding]:
    dismissed = _dismissed([f.fingerprint for f in findings], office=True)
    return [f for f in findings if f.fingerprint not in dismissed]


def open_errors(edition: Edition) -> list[EditionFinding]:
    return [f for f in check_edition(edition) if f.finding.severity == Severity.error]
