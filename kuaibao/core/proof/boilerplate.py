"""Boilerplate drift: the masthead title, publisher (编发单位) and distribution (本期发) against
the bulletin's saved defaults and the other issues given or archived.

Which wording is right is decided by evidence, not by votes alone: a wording in which the
other rules detect a slip (县人大大正副主任) loses to a clean one however often it was
printed; among clean wordings the saved default wins, then the most frequent one. An issue
whose own wording ties for first is left alone.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kuaibao.core.proof.context import Context, Span, Squeezed
from kuaibao.core.proof.finding import Finding, Severity

FIELDS = {"title": "报头名称", "publisher": "编发单位", "distribution": "发送范围"}
_SEPARATORS = re.compile(r"[，、；,;]")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The wording taken as right for one field, and where it comes from (for the message)."""

    wording: str
    source: str


def check(ctx: Context) -> Iterator[Finding]:
    bulletin = ctx.bulletin
    if bulletin is None:
        return
    defaults = ctx.config.defaults
    own_values = {"title": bulletin.title, "publisher": bulletin.publisher, "distribution": bulletin.distribution_text}
    spans = {"title": ctx.layout.title, "publisher": ctx.layout.publisher, "distribution": ctx.layout.distribution}
    for field, label in FIELDS.items():
        own, span = own_values[field], spans[field]
        if not own or span is None:
            continue
        others = [getattr(record, field) for record in ctx.archive if getattr(record, field)]
        verdict = decide(own, getattr(defaults, field), others, ctx.clean, ctx.meant)
        if verdict is not None:
            yield from _differences(ctx, f"boilerplate.{field}", label, span, verdict)


def decide(
    own: str,
    default: str | None,
    others: list[str],
    clean: Callable[[str], bool],
    meant: Callable[[str], str] | None = None,
) -> Verdict | None:
    """The wording `own` should have, or None when it is right or nothing can tell.

    With `meant` (a wording with the other rules' suggestions applied), an issue printed with
    a slipped wording also votes for the wording it meant: two issues with 县人大大 and one
    with 县人大 make three for 县人大, so one clean variant printed once cannot hide a drift
    by a tie. A meant wording that no issue printed gets no votes (the slips are reported where
    they are)."""
    mine = Squeezed.normal(own)
    counts = Counter(Squeezed.normal(value) for value in others)
    counts[mine] += 1
    if meant is not None:
        printed = set(counts)
        for wording, number in list(counts.items()):
            if not clean(wording):
                fixed = Squeezed.normal(meant(wording))
                if fixed != wording and fixed in printed and clean(fixed):
                    counts[fixed] += number
    default_norm = Squeezed.normal(default) if default else None
    if default_norm and clean(default_norm):
        verdict = Verdict(default_norm, "保存的默认设置")
    else:
        clean_wordings = [wording for wording in counts if clean(wording)]
        pool = clean_wordings or ([default_norm] if default_norm else list(counts))
        best = max(counts.get(wording, 0) for wording in pool)
        if mine in pool and counts[mine] == best:
            return None
        wording = max(pool, key=lambda w: counts.get(w, 0))
        source = "保存的默认设置" if wording == default_norm else f"其他期次（{counts.get(wording, 0)} 期）"
        verdict = Verdict(wording, source)
    return None if verdict.wording == mine else verdict


def _entries(text: str) -> list[tuple[int, int]]:
    """Spans of the list entries between separators (the whole text when there are none)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SEPARATORS.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _differences(ctx: Context, rule: str, label: str, span: Span, verdict: Verdict) -> Iterator[Finding]:
    """One finding per run of list entries that differ from the wording taken as right."""
    source = Squeezed(ctx.text[span[0] : span[1]])
    mine, right = source.text, verdict.wording
    ours, theirs = _entries(mine), _entries(right)
    if not ours:
        return
    matcher = difflib.SequenceMatcher(
        None, [mine[a:b] for a, b in ours], [right[a:b] for a, b in theirs], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        inserted = right[theirs[j1][0] : theirs[j2 - 1][1]] if j2 > j1 else ""
        if op == "replace":
            start, end, fixed = ours[i1][0], ours[i2 - 1][1], inserted
        elif op == "delete":
            start, end, fixed = *_deleted(ours, i1, i2), ""
        elif op == "insert":
            start, end, fixed = _inserted(mine, ours, i1, inserted)
        else:
            continue
        first, last = source.source_span(start, end)
        written = mine[start:end]
        message = (
            f"{label}与{verdict.source}不一致：应为“{fixed}”？"
            if fixed
            else f"{label}比{verdict.source}多出“{written}”"
        )
        yield ctx.finding(rule, span[0] + first, span[0] + last, message, fixed, Severity.warning)


def _inserted(mine: str, entries: list[tuple[int, int]], at: int, inserted: str) -> tuple[int, int, str]:
    """The span around the place where entries are missing, and that span with them put in."""
    if at == 0:
        start, end = entries[0]
        return start, end, f"{inserted}，{mine[start:end]}"
    if at == len(entries):
        start, end = entries[-1]
        last = mine[start:end]
        stop = last.rstrip("。")
        return start, end, f"{stop}，{inserted}{last[len(stop) :]}"
    start, end = entries[at - 1][0], entries[at][1]
    separator = mine[entries[at - 1][1] : entries[at][0]]
    left, right = mine[start : entries[at - 1][1]], mine[entries[at][0] : end]
    return start, end, f"{left}{separator}{inserted}{separator}{right}"


def _deleted(entries: list[tuple[int, int]], i1: int, i2: int) -> tuple[int, int]:
    """The span to delete for entries i1..i2, with one separator so the list stays well formed."""
    if i2 < len(entries):
        return entries[i1][0], entries[i2][0]
    if i1 > 0:
        return entries[i1 - 1][1], entries[i2 - 1][1]
    return entries[i1][0], entries[i2 - 1][1]
