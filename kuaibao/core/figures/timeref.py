"""Time expressions in bulletin prose (截至目前, 1-4 月, 8 月 28 日至 8 月 31 日) and the dates
they mean, resolved against the issue date.

Each expression is a core period (a day, a month, a quarter, a year, 目前) with an optional
frame: 截至 X ends at X, X 以来 / X 至今 / 自 X 起 run from X to the issue date. A month after
the issue month, written without a year, is in the previous year (12 月 in a January issue).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from kuaibao.core.figures.model import TimeRef

Period = tuple[dt.date | None, dt.date | None]
Resolver = Callable[[re.Match[str], dt.date | None], Period]

_Y = r"(?:(?<!\d)(?P<y>(?:19|20)\d\d)\s?年)"
_S = r"\s?"
_RANGE = r"(?:至|到|-|—{1,2}|–|~)"
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_COMPARISON = re.compile(r"(?:较|比|与)(?:上年|去年|上月|年初|今年)(?:同期)?|同比|环比")
_SAME_PERIOD = frozenset({"当月", "当年", "本月", "本年"})
_PART_DAYS = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31), "末": (21, 31)}


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A time expression at `start:end` of the text."""

    start: int
    end: int
    ref: TimeRef


def find_times(text: str, issue: dt.date | None) -> list[TimeSpan]:
    """Every time expression in `text`, left to right, without overlaps (the longest wins)."""
    comparisons = [(m.start(), m.end()) for m in _COMPARISON.finditer(text)] if "比" in text else []
    spans: list[TimeSpan] = []
    last_end = 0
    for anchor in _ANCHOR.finditer(text):
        at = anchor.start()
        if at < last_end:
            continue
        match, resolve = _longest_at(text, at)
        if match is None or any(start < match.end() and at < end for start, end in comparisons):
            continue  # 较上年同期增长: 上年 is the basis of a change, not the time of the figure
        start = _framed_start(text, at)
        first, last = _framed(text[start:at], match["post"], resolve(match, issue), issue)
        end = match.end()
        if spans and start == last_end and match[0] in _SAME_PERIOD:
            # 6 月份当月: 当月 repeats the period just named
            before = spans.pop()
            start, first, last = before.start, before.ref.start, before.ref.end
        spans.append(TimeSpan(start, end, TimeRef(text[start:end], first, last)))
        last_end = end
    return spans


def _longest_at(text: str, at: int) -> tuple[re.Match[str] | None, Resolver]:
    best: re.Match[str] | None = None
    best_resolve: Resolver = _unresolved
    for pattern, resolve in _CORES:
        match = pattern.match(text, at)
        if match is not None and (best is None or match.end() > best.end()):
            best, best_resolve = match, resolve
    return best, best_resolve


def _framed_start(text: str, at: int) -> int:
    """Where 截至 / 自 before a time expression starts, or `at` if there is none."""
    head = text[max(0, at - 4) : at].rstrip()
    for word in _PREFIXES:
        if head.endswith(word):
            return at - (len(text[max(0, at - 4) : at]) - len(head)) - len(word)
    return at


def _framed(pre: str, post: str | None, period: Period, issue: dt.date | None) -> Period:
    pre = pre.strip()
    if pre in ("截至", "截止", "截止到"):
        return (None, period[1])
    if pre in ("自", "从") or post in ("以来", "至今", "起", "开始"):
        return (period[0], issue)
    return period


def _year(match: re.Match[str], issue: dt.date | None, month: int = 1, group: str = "y") -> int | None:
    """The year written, or the issue's year (the previous one for a month still to come)."""
    written = match[group] if group in match.re.groupindex else None
    if written:
        return int(written)
    if issue is None:
        return None
    if "今年" in match[0]:
        return issue.year
    return issue.year - 1 if month > issue.month else issue.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe(make: Callable[[], Period]) -> Period:
    try:
        return make()
    except ValueError:  # 2 月 30 日 and the like: keep the words, not a date
        return (None, None)


def _day_range(match: re.Match[str], issue: dt.date | None) -> Period:
    m1, d1, d2 = int(match["m1"]), int(match["d1"]), int(match["d2"])
    m2 = int(match["m2"]) if match["m2"] else m1
    year = _year(match, issue, m1)
    if year is None:
        return (None, None)
    return _safe(lambda: (dt.date(year, m1, d1), dt.date(year + (m2 < m1), m2, d2)))


def _day(match: re.Match[str], issue: dt.date | None) -> Period:
    month, day = int(match["m1"]), int(match["d1"])
    year = _year(match, issue, month)
    if year is None:
        return (None, None)
    return _safe(lambda: (dt.date(year, month, day),) * 2)


def _month_range(match: re.Match[str], issue: dt.date | None) -> Period:
    m1, m2 = int(match["m1"]), int(match["m2"])
    year = _year(match, issue, m2)
    if year is None or not (1 <= m1 <= m2 <= 12):
        return (None, None)
    return (dt.date(year, m1, 1), _month_end(year, m2))


def _month(match: re.Match[str], issue: dt.date | None) -> Period:
    month = int(match["m1"])
    year = _year(match, issue, month)
    if year is None or not 1 <= month <= 12:
        return (None, None)
    first, last = dt.date(year, month, 1), _month_end(year, month)
    if match["part"]:
        low, high = _PART_DAYS[match["part"]]
        return (first.replace(day=low), first.replace(day=min(high, last.day)))
    return (first, last)


def _quarter(match: re.Match[str], issue: dt.date | None) -> Period:
    if match["front"]:
        q_first, q_last = 1, _CN_QUARTER[match["front"]]
    else:
        q_first = q_last = _CN_QUARTER[match["q"]]
    year = _year(match, issue, 3 * q_first - 2)
    if year is None:
        return (None, None)
    return (dt.date(year, 3 * q_first - 2, 1), _month_end(year, 3 * q_last))


def _half(match: re.Match[str], issue: dt.date | None) -> Period:
    first_month = 1 if match["half"] == "上" else 7
    year = _year(match, issue, first_month)
    if year is None:
        return (None, None)
    return (dt.date(year, first_month, 1), _month_end(year, first_month + 5))


def _year_range(match: re.Match[str], issue: dt.date | None) -> Period:
    first, last = int(match["y1"]), int(match["y"])
    return (dt.date(first, 1, 1), dt.date(last, 12, 31)) if first <= last else (None, None)


def _calendar_year(match: re.Match[str], issue: dt.date | None) -> Period:
    year = int(match["y"])
    return _year_part(year, match["part"])


def _year_part(year: int, part: str | None) -> Period:
    if part in ("底", "末"):
        return (dt.date(year, 12, 1), dt.date(year, 12, 31))
    if part == "初":
        return (dt.date(year, 1, 1), dt.date(year, 1, 31))
    return (dt.date(year, 1, 1), dt.date(year, 12, 31))


def _relative_year(match: re.Match[str], issue: dt.date | None) -> Period:
    if issue is None:
        return (None, None)
    word = match["rel"]
    year = issue.year
    if word in ("去年", "上年"):
        year -= 1
    elif word == "全年" and issue.month == 1:
        year -= 1  # in a January issue 全年 sums up the year just ended
    part = match["part"] or ("初" if word == "年初" else None)
    return _year_part(year, part)


def _relative_month(match: re.Match[str], issue: dt.date | None) -> Period:
    if issue is None:
        return (None, None)
    first = issue.replace(day=1)
    if match["rel"] in ("上月", "上个月"):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return (first, _month_end(first.year, first.month))


def _present(match: re.Match[str], issue: dt.date | None) -> Period:
    return (None, issue)


def _unresolved(match: re.Match[str], issue: dt.date | None) -> Period:
    return (None, None)


def _core(body: str) -> re.Pattern[str]:
    return re.compile(rf"{body}(?P<post>以来|至今|起|开始)?")


_PREFIXES = ("截止到", "截至", "截止", "自", "从")


_CORES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (
        _core(
            rf"{_Y}?{_S}(?<!\d)(?P<m1>\d{{1,2}}){_S}月{_S}(?P<d1>\d{{1,2}}){_S}[日号]{_S}{_RANGE}{_S}"
            rf"(?:(?P<m2>\d{{1,2}}){_S}月)?{_S}(?P<d2>\d{{1,2}}){_S}[日号]"
        ),
        _day_range,
    ),
    (_core(rf"{_Y}?{_S}(?<!\d)(?P<m1>\d{{1,2}}){_S}月{_S}(?P<d1>\d{{1,2}}){_S}[日号]"), _day),
    (
        _core(
            rf"(?:{_Y}|今年)?{_S}(?<!\d)(?P<m1>\d{{1,2}}){_S}月?{_S}{_RANGE}{_S}(?P<m2>\d{{1,2}}){_S}月份?"
        ),
        _month_range,
    ),
    (_core(rf"(?:{_Y}|今年)?{_S}(?<!\d)(?P<m1>\d{{1,2}}){_S}月份?(?P<part>初|上旬|中旬|下旬|底|末)?"), _month),
    (_core(rf"(?:{_Y}|今年)?{_S}(?:前(?P<front>[一二三])|第?(?P<q>[一二三四1-4]))季度"), _quarter),
    (_core(rf"(?:{_Y}|今年)?{_S}(?P<half>[上下])半年"), _half),
    (_core(rf"(?P<y1>(?:19|20)\d\d){_S}年?{_S}{_RANGE}{_S}{_Y}度?"), _year_range),
    (_core(rf"{_Y}度?(?P<part>初|底|末)?"), _calendar_year),
    (_core(r"(?P<rel>今年|本年|当年|去年|上年|全年|年初)(?P<part>初|底|末)?"), _relative_year),
    (_core(r"(?P<rel>本月|当月|上月|上个月)"), _relative_month),
    (_core(r"(?:目前|当前|现阶段|发稿时|发稿)"), _present),
    (
        re.compile(
            r"(?:近年来|近期|近日|日前|“?(?:五一|十一|春节|国庆|元旦|端午|中秋|清明)”?"
            r"(?:节假日期间|节日期间|假期期间|节期间|假期|期间|前夕|前后|当天))(?P<post>)"
        ),
        _unresolved,
    ),
)

# Where a time expression can start: every core begins with one of these.
_ANCHOR = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d\s?年?\s?[年\-—–~至到]|\d{1,2}\s?[月\-—–~至到])|今年|本年|当年|去年|上年|全年|年初|本月|当月|上月|上个月"
    r"|目前|当前|现阶段|发稿|前[一二三]季度|第?[一二三四1-4]季度|[上下]半年|近年来|近期|近日|日前"
    r"|“?(?:五一|十一|春节|国庆|元旦|端午|中秋|清明)"
)
