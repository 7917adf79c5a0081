"""The regular grammar of a quantity: qualifier, number, 余/多, 万/亿, unit, 以上/左右, ranges.

`scan` yields every match with its value and unit normalised; it knows nothing of metrics or
time, and the caller masks dates, quotations and titles before scanning.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kuaibao.core.figures.model import Approx
from kuaibao.core.numerals import to_int

# Full-width digits and signs read as ASCII; the mapping keeps every offset. The full-width
# comma is left alone: in Chinese prose 120，350 户 is a list, not a thousands separator.
FOLD = str.maketrans("０１２３４５６７８９．％－～", "0123456789.%-~")
_FULL_WIDTH = re.compile("[０-９．％－～]")


def fold(text: str) -> str:
    """`text` with full-width digits and signs as ASCII, same length (translate only if needed)."""
    return text.translate(FOLD) if _FULL_WIDTH.search(text) else text


MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
               "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}  # fmt: skip

# Units as written → normalised unit (the pattern tries longer spellings first: 人次 before 人).
UNITS: dict[str, str] = {
    "个百分点": "百分点", "百分点": "百分点", "%": "%", "‰": "‰",
    "平方公里": "平方公里", "平方米": "平方米", "平方": "平方米", "立方米": "立方米", "公顷": "公顷",
    "公里": "公里", "千米": "公里", "米": "米", "亩": "亩",
    "千瓦时": "千瓦时", "千瓦": "千瓦", "公斤": "公斤", "千克": "公斤", "吨": "吨", "斤": "斤",
    "元": "元", "人次": "人次", "台次": "台次", "户次": "户次", "车次": "车次", "架次": "架次",
    "辆次": "辆次", "批次": "批次", "场次": "场次", "家次": "家次", "个月": "个月",
    "小时": "小时", "分钟": "分钟", "天": "天", "周": "周", "年": "年",
    "人": "人", "名": "名", "位": "位", "户": "户", "家": "家", "个": "个", "项": "项", "条": "条",
    "次": "次", "场": "场", "份": "份", "张": "张", "起": "起", "处": "处", "件": "件", "间": "间",
    "座": "座", "栋": "栋", "台": "台", "辆": "辆", "套": "套", "期": "期", "批": "批", "所": "所",
    "只": "只", "头": "头", "株": "株", "棵": "棵", "盏": "盏", "篇": "篇", "幅": "幅", "本": "本",
    "册": "册", "支": "支", "例": "例", "床": "床", "组": "组", "段": "段", "眼": "眼",
    "宗": "宗", "笔": "笔", "轮": "轮", "类": "类", "倍": "倍", "岁": "岁", "箱": "箱", "袋": "袋",
    "块": "块",
}  # fmt: skip

# Chinese numerals count only with a measure word (三个评标室, 三十余家), never in set phrases.
CN_UNITS = frozenset("个名家项户位座所条场次支套台辆间栋处类人件")
CN_SET_PHRASES = ("一条龙", "一次性", "一件事", "一张网", "一张图", "一把手", "一盘棋", "一个样")

APPROX_PREFIX: dict[str, Approx] = {
    "大约": "about", "约为": "about", "约": "about", "将近": "under", "近": "under", "不到": "under",
    "不足": "under", "超过": "over", "超": "over", "突破": "over", "逾": "over",
}  # fmt: skip
APPROX_SUFFIX: dict[str, Approx] = {
    "余": "over", "多": "over", "以上": "over", "以下": "under", "左右": "about", "上下": "about",
}  # fmt: skip

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_NONZERO = "一二两三四五六七八九"
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[一二两三四五六七八九十][{_CN_DIGIT}十百千]*)"
_S = r"[ \u00a0]?"  # extraction leaves single spaces around digits: 21.4 亿元


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MULT = _alt(MULTIPLIERS)
_UNIT = _alt(UNITS)
_RANGE = r"(?:-|—{1,2}|–|~|至|到)"

# A qualifier before the number (约, 超过) is read by looking back from the number: a pattern
# that starts with a digit or numeral lets `scan` jump from candidate to candidate, 3× faster
# than trying the whole pattern at every character.
_CANDIDATE = re.compile(r"[\d一二两三四五六七八九十]")
_PREFIXES = tuple(sorted(APPROX_PREFIX, key=len, reverse=True))
_PREFIX_ENDS = frozenset(word[-1] for word in APPROX_PREFIX)
PATTERN = re.compile(
    rf"(?<![\d.A-Za-z])(?P<n1>{_NUM})(?P<s1>余|多)?{_S}(?P<m1>{_MULT})?"
    rf"(?:(?P<u1>{_UNIT})?{_S}{_RANGE}{_S}(?P<n2>{_NUM})(?P<s2>余|多)?{_S}(?P<m2>{_MULT})?)?"
    rf"(?P<s3>余|多)?{_S}(?P<unit>{_UNIT})?(?P<post>以上|以下|左右|上下)?"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A match of the grammar: span, value and unit; unit is "" for a bare 21.4 亿."""

    start: int
    end: int
    value: Decimal
    unit: str
    value_max: Decimal | None
    approx: Approx | None
    chinese: bool


def scan(text: str) -> Iterator[Quantity]:
    """Every quantity in `text`, which should already be folded with `fold` and masked."""
    resume = 0
    for candidate in _CANDIDATE.finditer(text):
        at = candidate.start()
        if at < resume:
            continue
        match = PATTERN.match(text, at)
        if match is None:
            continue
        quantity = _read(match, text, _prefix_before(text, at, resume))
        resume = match.end()
        if quantity is not None:
            yield quantity


def _prefix_before(text: str, at: int, floor: int) -> str | None:
    """约 / 超过 / 近 just before the number at `at`, not reaching back before `floor`."""
    if at == 0 or text[at - 1] not in _PREFIX_ENDS:
        return None
    for word in _PREFIXES:
        if at - len(word) >= floor and text.startswith(word, at - len(word)):
            return word
    return None


def _read(match: re.Match[str], text: str, prefix: str | None) -> Quantity | None:
    n1, unit_text = match["n1"], match["unit"]
    chinese = not n1[0].isdigit()
    if match["n2"] is not None and unit_text is None:
        return None  # 3-5 with no unit is a code or a list, not a quantity
    if unit_text is None and not match["m1"]:
        return None  # a bare number (12366 热线, 51 旧) is a name, not a quantity
    start = match.start() - len(prefix) if prefix else match.start()
    if chinese and not _chinese_ok(match, text, start):
        return None
    if not chinese and start > 0 and text[start - 1] == "第":
        return None  # an ordinal
    unit = UNITS[unit_text] if unit_text else ""
    # 4-5 万亩 is 40000 to 50000: the low end borrows the high end's 万.
    low_multiplier = match["m1"] or (match["m2"] if match["n2"] else None)
    value = _value(n1, low_multiplier, unit)
    value_max = _value(match["n2"], match["m2"], unit) if match["n2"] else None
    if value is None or (match["n2"] and value_max is None):
        return None
    return Quantity(start, match.end(), value, unit, value_max, _approx(match, prefix), chinese)


def _chinese_ok(match: re.Match[str], text: str, start: int) -> bool:
    """A Chinese numeral is a count only as 三个 / 三十余家, not 第三, 唯一一家, 一户一策."""
    unit = match["unit"]
    if unit is None or unit not in CN_UNITS or match["n2"]:
        return False
    if start > 0 and text[start - 1] in "第唯统同单之逐每周初":
        return False
    end = match.end()
    if end < len(text) and (text[end] in _CN_DIGIT or text[end] == "性"):
        return False  # 一户一策, 一人一档, 一次性
    if any(text.startswith(phrase, match.start("n1")) for phrase in CN_SET_PHRASES):
        return False
    # Two digits in a row (一一, 二〇二三) are a word or a year, not a count; 一百零五 is fine.
    n1 = match["n1"]
    return not any(a in _CN_NONZERO and b in _CN_DIGIT for a, b in itertools.pairwise(n1))


def _value(number: str, multiplier: str | None, unit: str) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", "")) if number[0].isdigit() else _chinese(number)
    except InvalidOperation:
        return None
    if value is None:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    if unit == "%":
        value /= 100
    elif unit == "‰":
        value /= 1000
    return value


def _chinese(number: str) -> Decimal | None:
    whole = to_int(number)
    return None if whole is None else Decimal(whole)


def _approx(match: re.Match[str], prefix: str | None) -> Approx | None:
    if prefix:
        return APPROX_PREFIX[prefix]
    for word in (match["s1"], match["s2"], match["s3"], match["post"]):
        if word:
            return APPROX_SUFFIX[word]
    return None
