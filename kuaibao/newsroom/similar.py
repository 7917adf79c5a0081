"""Similar items beside a submission: archive items and other current submissions that say
nearly the same thing (kuaibao.core.similar), with the shared passage highlighted.

Archive candidates come from the search index (a few distinctive phrases of the submission, each
searched as a phrase); current submissions of the last months are compared directly."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from kuaibao.archive import search
from kuaibao.archive.models import Item
from kuaibao.core import similar
from kuaibao.core.search import QueryError, parse_query
from kuaibao.newsroom.models import Submission

RECENT_DAYS = 180
CANDIDATES = 20
EXCERPT = 80  # characters of context on each side of the shared passages


@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # "archive" or "submission"
    title: str
    url: str
    where: str  # the issue and date, or the unit and status
    score: float
    pieces: list[tuple[str, bool]]  # the other text around the shared passages, marked

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _archive_candidates(text: str) -> list[int]:
    hits: Counter[int] = Counter()
    for phrase in similar.probes(text):
        try:
            query = parse_query(f'"{phrase}"')
        except QueryError:
            continue
        for item_id in search.search(query, search.Filters(), limit=CANDIDATES).item_ids:
            hits[item_id] += 1
    return [item_id for item_id, _ in hits.most_common(CANDIDATES)]


def _excerpt(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    if not spans:
        return [(text[: EXCERPT * 2], False)]
    start = max(0, min(s for s, _ in spans) - EXCERPT)
    end = min(len(text), max(e for _, e in spans) + EXCERPT)
    shifted = [(max(s, start) - start, min(e, end) - start) for s, e in spans]
    pieces = similar.marked(text[start:end], shifted)
    if start > 0:
        pieces.insert(0, ("……", False))
    if end < len(text):
        pieces.append(("……", False))
    return pieces


def _match(kind: str, own: str, own_grams: frozenset[str], title: str, body: str, url: str, where: str) -> Match | None:
    text = f"{title}\n{body}"
    score = similar.resemblance(own_grams, similar.grams(text))
    if score < similar.THRESHOLD:
        return None
    spans = [(p.other_start, p.other_end) for p in similar.passages(own, text)]
    return Match(kind, title, url, where, score, _excerpt(text, spans))


def for_submission(submission: Submission, limit: int = 6) -> list[Match]:
    """The closest archive items and current submissions, most similar first."""
    own = f"{submission.title}\n{submission.body}"
    own_grams = similar.grams(own)
    published = [p.edition.issue_id for p in submission.placements.select_related("edition") if p.edition.issue_id]
    matches: list[Match] = []
    items = (
        Item.objects.filter(pk__in=_archive_candidates(own), is_current=True)
        .exclude(revision__issue_id__in=published)
        .select_related("revision__issue__bulletin")
    )
    for item in items:
        issue = item.revision.issue
        where = f"{issue} · {item.date.year}年{item.date.month}月{item.date.day}日"
        found = _match("archive", own, own_grams, item.title, item.body, reverse("archive:item", args=[item.pk]), where)
        if found:
            matches.append(found)
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    others = (
        Submission.objects.exclude(pk=submission.pk)
        .exclude(status=Submission.Status.DRAFT)
        .filter(updated_at__gte=since)
        .select_related("unit")
        .order_by("-updated_at")[:300]
    )
    for other in others:
        where = f"{other.unit.name} · {other.get_status_display()}"
        url = reverse("newsroom:submission", args=[other.pk])
        found = _match("submission", own, own_grams, other.title, other.body, url, where)
        if found:
            matches.append(found)
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]
