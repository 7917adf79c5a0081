"""Issue metadata: the 期号 must grow with the date within a year (regular issues and 增刊
each numbered on their own), and so must the running total (总第 N 期) across years.

Against an archive an issue is out of sequence when an issue of the same series has a lower
number but a later date, or a higher number but an earlier date, or the same number on
another date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kuaibao.core.proof.config import IssueRecord
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding

RULE = "issue.sequence"


def _when(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def conflicts(issue: int, date: dt.date, supplement: bool, records: tuple[IssueRecord, ...]) -> list[IssueRecord]:
    """Issues of the same series (same year, regular or supplement) whose numbering contradicts."""
    out: list[IssueRecord] = []
    for record in records:
        if record.supplement != supplement or record.date.year != date.year:
            continue
        if record.issue == issue and record.date != date:
            out.append(record)
        elif (record.issue < issue and record.date > date) or (record.issue > issue and record.date < date):
            out.append(record)
    return out


def check(ctx: Context) -> Iterator[Finding]:
    bulletin = ctx.bulletin
    span = ctx.layout.issue
    if bulletin is None or span is None or not ctx.archive:
        return
    contradicting = conflicts(bulletin.issue, bulletin.date, bulletin.supplement, ctx.archive)
    if contradicting and not _partner_more_likely(bulletin.issue, bulletin.date, contradicting, ctx.archive):
        other = min(contradicting, key=lambda r: abs((r.date - bulletin.date).days))
        if other.issue == bulletin.issue:
            relation = "同一期号"
        else:
            relation = "更大的期号" if other.issue > bulletin.issue else "更小的期号"
        later = "更晚" if other.date > bulletin.date else "更早"
        yield ctx.finding(
            RULE,
            *span,
            f"期号与日期顺序不符：本期为第 {bulletin.issue} 期（{_when(bulletin.date)}），"
            f"而{other.name or '另一期'}（第 {other.issue} 期，{_when(other.date)}）日期{later}却是{relation}",
            _expected(bulletin.date, bulletin.supplement, ctx.archive),
        )
    yield from _total(ctx)


def _partner_more_likely(
    issue: int, date: dt.date, contradicting: list[IssueRecord], records: tuple[IssueRecord, ...]
) -> bool:
    """True when an issue this one contradicts contradicts more issues than this one does:
    then that issue is the one out of sequence (a 28 dated between 26 and 27)."""
    own = len(contradicting)
    for other in contradicting:
        rest = tuple(r for r in records if r is not other)
        against = len(conflicts(other.issue, other.date, other.supplement, rest)) + 1
        if against > own:
            return True
    return False


def _expected(date: dt.date, supplement: bool, records: tuple[IssueRecord, ...]) -> str | None:
    """The 期号 that fits between the neighbouring issues when exactly one does."""
    series = [r for r in records if r.supplement == supplement and r.date.year == date.year]
    before = [r.issue for r in series if r.date < date]
    after = [r.issue for r in series if r.date > date]
    low = max(before, default=0) + 1
    high = min(after, default=low + 1) - 1 if after else None
    if high is not None and low == high:
        return f"第 {low} 期"
    return None


def _total(ctx: Context) -> Iterator[Finding]:
    bulletin = ctx.bulletin
    if bulletin is None or bulletin.total_issue is None or ctx.layout.issue is None:
        return
    for record in ctx.archive:
        if record.total_issue is None or record.supplement != bulletin.supplement:
            continue
        total, date = bulletin.total_issue, bulletin.date
        if (record.total_issue < total and record.date > date) or (record.total_issue > total and record.date < date):
            yield ctx.finding(
                RULE,
                *ctx.layout.issue,
                f"总期号与日期顺序不符：本期总第 {total} 期（{_when(date)}），"
                f"{record.name or '另一期'}总第 {record.total_issue} 期（{_when(record.date)}）",
            )
            return
