"""Dates that cannot be right: days a month does not have (2月30日), and figures reported up
to a date after the issue's own (截至10月底 in an issue of 29 August; 1—9月 in August).

A date without a year is read in the issue's year, or in the year before when that puts it
within the last three months (截至12月底 in a January issue).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from kuaibao.core.numerals import CHINESE_NUMERAL_CHARS, to_int
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding

RULE_FUTURE = "number.future_date"
RULE_INVALID = "number.invalid_date"

_N = f"(?:\\d{{1,2}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}})"
_YEAR = r"(?:(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)?"
_AS_OF = re.compile(
    rf"(?:截至|截止(?:到|至)?)\s*{_YEAR}(?P<month>{_N})\s*月\s*(?:(?P<day>{_N})\s*[日号]|(?P<end>底|末)|份)?"
)
# Patterns that start with a number look back for a year separately: a leading optional
# group would make the regex try every position of the text.
_PERIOD = re.compile(rf"(?<![\d十])(?:1|一)\s*(?:[-—～~至到－])\s*(?P<month>{_N})\s*月(?!\s*\d+\s*[日号])")
# Found from 月 (rare) rather than from every digit; the month is read backwards from there.
_DAY = re.compile(rf"月\s*(?P<day>{_N})\s*[日号]")
_MONTH_BEFORE = re.compile(rf"(?<![\d{CHINESE_NUMERAL_CHARS}])(?P<month>{_N})\s*$")
_YEAR_BEFORE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*$")
RECENT_DAYS = 92


def check(ctx: Context) -> Iterator[Finding]:
    yield from _invalid(ctx)
    if ctx.issue_date is None:
        return
    for match in _AS_OF.finditer(ctx.text):
        yield from _future(ctx, ctx.issue_date, match, as_of=True)
    for match in _PERIOD.finditer(ctx.text):
        yield from _future(ctx, ctx.issue_date, match, as_of=False)


def _invalid(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _DAY.finditer(text):
        found = _MONTH_BEFORE.search(text, max(0, match.start() - 6), match.start())
        if found is None:
            continue
        start = found.start()
        month, day = to_int(found.group("month")), to_int(match.group("day"))
        if month is None or day is None:
            continue
        year = _year_before(text, start) or (ctx.issue_date.year if ctx.issue_date else 2024)
        if not 1 <= month <= 12:
            yield ctx.finding(RULE_INVALID, start, match.end(), f"月份“{month}”不存在")
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            yield ctx.finding(RULE_INVALID, start, match.end(), f"{month}月没有{day}日")


def _year_before(text: str, start: int) -> int | None:
    found = _YEAR_BEFORE.search(text, max(0, start - 8), start)
    return to_int(found.group(1)) if found else None


def _future(ctx: Context, issue_date: dt.date, match: re.Match[str], *, as_of: bool) -> Iterator[Finding]:
    month = to_int(match.group("month"))
    if month is None or not 1 <= month <= 12:
        return
    groups = match.groupdict()
    written_year = to_int(groups["year"] or "") if "year" in groups else _year_before(ctx.text, match.start())
    year = written_year or issue_date.year
    day = to_int(groups.get("day") or "") if as_of else None
    if day is not None:
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return  # reported as an invalid date
        meant = dt.date(year, month, day)
    else:
        # 截至9月底, 截至9月, 1—9月: impossible once the month has not even begun (an issue of
        # 29 August may loosely say 截至8月底).
        meant = dt.date(year, month, 1)
    if meant <= issue_date:
        return
    if written_year is None:
        earlier = meant.replace(year=year - 1) if not (meant.month == 2 and meant.day == 29) else None
        if earlier is not None and (issue_date - earlier).days <= RECENT_DAYS:
            return
    shown = match.group(0).strip()
    yield ctx.finding(
        RULE_FUTURE,
        match.start(),
        match.end(),
        f"“{shown}”晚于本期日期（{issue_date.year}年{issue_date.month}月{issue_date.day}日），数据不可能截至此时",
    )
