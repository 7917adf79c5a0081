"""Proofreading in the editor: the core engine fed with the units directory, applied to an
item's title and body, minus the findings someone dismissed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from kuaibao.archive.models import Unit, UnitAlias
from kuaibao.core.proof import Finding, ProofConfig, Proofreader
from kuaibao.newsroom.models import Dismissal


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
    names = [*Unit.objects.values_list("name", flat=True), *UnitAlias.objects.values_list("alias", flat=True)]
    return Proofreader(ProofConfig(units=tuple(names)))


def check_item(title: str, body: str) -> list[ItemFinding]:
    """Findings for an item being edited, title first; dismissed ones left out."""
    text = f"{title}\n{body}"
    findings = proofreader().check(text, parse=False, issue_date=timezone.localdate())
    dismissed = set(
        Dismissal.objects.filter(fingerprint__in=[f.fingerprint for f in findings]).values_list(
            "fingerprint", flat=True
        )
    )
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
