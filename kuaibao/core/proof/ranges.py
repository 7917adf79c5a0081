"""Ranges of numbers: the mark between them (GB/T 15834-2011, 4.13) and the unit each end
needs (GB/T 15835-2011 on ranges of values).

- A numeric range takes the wave dash: 5～10个, 4万～5万亩; a range of time takes the en-rule
  dash (一字线): 1—4月, 2023—2025年. The hyphen-minus (短横线) is for dates written
  2023-09-08, telephone numbers and codes, not ranges; "~" and "－" are half-width or
  full-width stand-ins. "—" between quantities is accepted, as GB/T 15835 writes 100—150kg.
- Both ends keep 万, 亿 and % when dropping them changes the meaning: 9亿～16亿, not 9～16亿;
  15%～30%, not 15～30%.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity

RULE_MARK = "punct.range"
RULE_UNIT = "number.range_unit"

_NUMBER = r"\d+(?:\.\d+)?"
_SCALE = "万|亿|%|％"
_RANGE = re.compile(
    rf"(?P<first>\d(?<![\d.]\d)\d*(?:\.\d+)?)\s*(?P<first_scale>{_SCALE})?\s*(?P<mark>[-－~～–—]|至|到)\s*"
    rf"(?P<second>{_NUMBER})\s*(?P<second_scale>{_SCALE})?(?P<tail>\s*(?P<unit>[\u4e00-\u9fff]))?"
)
_TIME_UNITS = frozenset("年月日号时点周")
_WRONG_MARKS = frozenset("-－~–")
_TIME_WORDS = ("季度", "学年", "财年")


def check(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _RANGE.finditer(text):
        if not _stands_alone(text, match):
            continue
        mark = match.group("mark")
        unit = match.group("unit") or ""
        scale = match.group("second_scale")
        if not unit and not scale:
            continue  # 0373-7211234, a code or telephone number, not a range
        time = unit in _TIME_UNITS or text.startswith(_TIME_WORDS, match.start("unit") if unit else match.end())
        if mark in _WRONG_MARKS:
            yield _mark_finding(ctx, match, time)
        elif scale and not match.group("first_scale"):
            yield _unit_finding(ctx, match)


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """Not part of a date (2023-09-08), a code (GB/T 15834-2011), a telephone number
    (0373-7211234转8001) or a longer number."""
    first, second = match.group("first"), match.group("second")
    if (first.startswith("0") and not first.startswith("0.")) or max(len(first), len(second)) >= 7:
        return False
    before = text[: match.start()].rstrip(" ")
    if before and (before[-1].isascii() and (before[-1].isalnum() or before[-1] in "-/.")):
        return False
    after = text[match.end("second_scale") if match.group("second_scale") else match.end("second") :]
    return not (after[:1] in ("-", "－", ".", "/", ":") and after[1:2].isdigit())


def _mark_finding(ctx: Context, match: re.Match[str], time: bool) -> Finding:
    first = match.group("first") + (match.group("first_scale") or "")
    second = match.group("second") + (match.group("second_scale") or "")
    scale = match.group("second_scale")
    if scale and not match.group("first_scale") and scale in "万亿%％":
        first += scale
    right = "—" if time else "～"
    end = match.end("second_scale") if match.group("second_scale") else match.end("second")
    kind = "时间范围用一字线“—”" if time else "数值范围用浪纹线“～”"
    message = f"表示{kind}（GB/T 15834），不用“{match.group('mark')}”"
    if scale and not match.group("first_scale"):
        message += f"；范围两端都应带“{scale}”（GB/T 15835）"
    return ctx.finding(RULE_MARK, match.start(), end, message, f"{first}{right}{second}", Severity.warning)


def _unit_finding(ctx: Context, match: re.Match[str]) -> Finding:
    scale = match.group("second_scale")
    end = match.end("second_scale")
    fixed = f"{match.group('first')}{scale}{match.group('mark')}{match.group('second')}{scale}"
    return ctx.finding(
        RULE_UNIT,
        match.start(),
        end,
        f"范围两端都应带“{scale}”，省略会产生歧义（GB/T 15835）",
        fixed,
        Severity.warning,
    )
