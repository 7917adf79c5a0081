"""Numbers by GB/T 15835-2011: contradictory approximations (约…余), approximations of a
precise number (13余场), and full-width digits.

Extraction leaves spaces around digits (约 43 人次, 1983 余); every pattern allows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from kuaibao.core.numerals import CHINESE_NUMERAL_CHARS
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity

RULE_APPROX = "number.approx_conflict"
RULE_ODD = "number.odd_approx"
RULE_FULLWIDTH = "number.fullwidth"
RULE_UNIT_NAME = "number.unit_name"

NUMBER = r"\d+(?:\.\d+)?"
_CN_NUMBER = f"[{CHINESE_NUMERAL_CHARS}]+"
_MAGNITUDE = "[万亿千百十]"

# Words before a number that make it approximate; 约 and 近 not where they end another word.
_BEFORE = "大约|将近|接近|不到|不足|超过|多达|约|近|逾"
_NOT_APPROXIMATE = frozenset(
    "节约 制约 签约 预约 合约 公约 条约 履约 违约 集约 特约 邀约 相约 契约 赴约 毁约 续约 践约 失约 解约 守约 "
    "最近 附近 靠近 临近 就近 邻近 亲近 贴近 逼近 走近 拉近 远近 新近 挨近 迫近".split()
)
# A measure word may stand between the number and 多: 约3个多月.
_APPROX = re.compile(
    rf"(?P<before>{_BEFORE})\s*(?P<number>{NUMBER}|{_CN_NUMBER})\s*(?P<magnitude>{_MAGNITUDE})?\s*"
    rf"(?:(?P<measure>个|年|天|次|倍|小时)?(?P<after>余|多)|(?P<unit>[\u4e00-\u9fff%]{{0,2}}?)(?P<around>左右|上下))"
)
_AFTER_ONLY_WITH = {"左右": "大约|约|将近|接近|近", "上下": "大约|约|将近|接近|近"}

# Words that begin with 多 and may follow a number or a measure word.
_MORE_WORDS = ("多元", "多样", "多种", "多措", "多方", "多渠道", "多部门", "多层次", "多领域")
_ODD = re.compile(r"(?P<number>\d(?<![\d.]\d)\d*(?:\.\d+)?)\s*(?P<after>余|多)(?!\s*[万亿千百])")
_FULLWIDTH = re.compile(r"[０-９]+(?:[．.][０-９]+)?|．[０-９]+")
# 平方 and 立方 are not units: 平方米, 立方米 (GB 3102 names), after a number.
_UNIT_NAME = re.compile(r"(?<=\d)\s*(?P<unit>平方|立方)(?!\s*(?:米|千米|公里|厘米|分米|毫米|英尺|码))")
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _contradictory(ctx)
    yield from _odd(ctx)
    yield from _fullwidth(ctx)
    yield from _unit_names(ctx)


def _unit_names(ctx: Context) -> Iterator[Finding]:
    for match in _UNIT_NAME.finditer(ctx.text):
        unit = match.group("unit")
        yield ctx.finding(
            RULE_UNIT_NAME,
            match.start("unit"),
            match.end("unit"),
            f"计量单位名称应写全：“{unit}米”",
            f"{unit}米",
            Severity.warning,
        )


def _contradictory(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _APPROX.finditer(text):
        before = match.group("before")
        after = match.group("after") or match.group("around")
        start = match.start()
        if len(before) == 1 and text[start - 1 : start + 1] in _NOT_APPROXIMATE:
            continue  # 节约, 附近, 最近: not an approximation
        if after in _AFTER_ONLY_WITH and not re.fullmatch(_AFTER_ONLY_WITH[after], before):
            continue  # 超过 100 人左右 is clumsy but not a contradiction of the same kind
        if after == "多" and text.startswith(_MORE_WORDS, match.end() - 1):
            continue  # 约3个多元化主体: 多 starts another word
        shown = match.group(0)
        if after in ("余", "多"):
            fixed = shown[len(before) :].lstrip()
        else:
            fixed = shown[: -len(after)]
        yield ctx.finding(
            RULE_APPROX,
            start,
            match.end(),
            f"“{before}”与“{after}”都表示约数，不能同时使用（GB/T 15835）",
            fixed,
        )


def _odd(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _ODD.finditer(text):
        number = match.group("number")
        if match.start() > 0 and text[match.start() - 1] == "第":
            continue
        if match.group("after") == "多" and text.startswith(_MORE_WORDS, match.end() - 1):
            continue
        if _round(number):
            continue
        yield ctx.finding(
            RULE_ODD,
            match.start(),
            match.end(),
            f"“{number}”是确数，后面不宜加“{match.group('after')}”：写确数“{number}”，或写约数（如“{_rounded(number)}"
            f"{match.group('after')}”）",
            number,
            Severity.warning,
        )


def _round(number: str) -> bool:
    """A number that 余 or 多 may follow: a whole multiple of ten (10, 200, 3000)."""
    try:
        value = Decimal(number)
    except InvalidOperation:
        return True
    return value == value.to_integral_value() and value >= 10 and value % 10 == 0


def _rounded(number: str) -> str:
    """The round number below: 13 → 10, 1983 → 1980."""
    value = int(Decimal(number))
    return str(max(10, value // 10 * 10))


def _fullwidth(ctx: Context) -> Iterator[Finding]:
    for match in _FULLWIDTH.finditer(ctx.text):
        fixed = match.group(0).translate(_TO_ASCII)
        yield ctx.finding(
            RULE_FULLWIDTH,
            match.start(),
            match.end(),
            "数字应使用半角阿拉伯数字（GB/T 15835）",
            fixed,
            Severity.warning,
        )
