"""The archive's n-gram counts that adapt proofreading's language model: recorded for each
revision as the archive stores its items (a hook of kuaibao.archive.extensions, in the same
transaction), summed over the current revisions when proofreading needs them, and kept summed
in each process until the archive changes."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from itertools import groupby

from django.db.models import Count, F, Max, Sum

from kuaibao.archive.models import Item, Revision
from kuaibao.core.proof.adapt import ArchiveCounts
from kuaibao.newsroom.models import ProofCounts

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], ArchiveCounts] | None = None


def item_text(items: Iterable[Item]) -> str:
    """The text the model learns from: each item's title and body, one line each paragraph."""
    return "\n".join(f"{item.title}\n{item.body}" for item in items)


def record_items(items: Sequence[Item]) -> None:
    """Store the counts of the revisions these items belong to (replacing earlier counts of the
    same revision, so recording twice changes nothing)."""
    ordered = sorted(items, key=lambda item: (item.revision_id, item.position))
    for revision_id, group in groupby(ordered, key=lambda item: item.revision_id):
        record(revision_id, list(group))


def record(revision_id: int, items: Sequence[Item]) -> ProofCounts:
    text = item_text(items)
    counts = ArchiveCounts.of_text(text)
    ProofCounts.objects.filter(revision_id=revision_id).delete()
    return ProofCounts.objects.create(revision_id=revision_id, counts=counts.to_bytes(), characters=len(text))


def fill_missing(batch: int = 200) -> int:
    """Record the counts of current revisions that have none (archives made before); returns
    how many revisions were counted."""
    done = 0
    while True:
        missing = list(
            Revision.objects.filter(issue__current=F("pk"))
            .exclude(pk__in=ProofCounts.objects.values("revision_id"))
            .values_list("pk", flat=True)[:batch]
        )
        if not missing:
            return done
        items = Item.objects.filter(revision_id__in=missing).order_by("revision_id", "position")
        for revision_id, group in groupby(items, key=lambda item: item.revision_id):
            record(revision_id, list(group))
        done += len(missing)


def archive_counts() -> ArchiveCounts:
    """The counts of every current revision, summed (cached until a row is added or removed)."""
    global _cached
    current = ProofCounts.objects.filter(revision__issue__current=F("revision"))
    # Rows are only ever added or removed, never changed in place (recording again replaces
    # the row's content and time): these four together tell any change.
    state = current.aggregate(rows=Count("pk"), last=Max("pk"), characters=Sum("characters"), at=Max("created_at"))
    key = (state["rows"], state["last"], state["characters"], state["at"])
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    parts = [ArchiveCounts.from_bytes(bytes(data)) for data in current.values_list("counts", flat=True)]
    merged = ArchiveCounts.merge(parts)
    with _lock:
        _cached = (key, merged)
    return merged
