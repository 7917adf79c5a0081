"""Repeated characters and words from typing (人大大, 大数数据, 推进推进), told apart from
reduplication that is meant (大大提高, 常常, 家家户户, 法院院长, 税收收入).

For each doubled character the window around it is segmented twice with the lexicon: as
written, and with one copy removed. The doubling is a slip when
- a measure word is doubled after a number (47个个, 680余人人), unless the second copy
  starts a word (5个个人, 2023年年底); after 一 it is meant (一台台, 一趟趟);
- the two copies fall into no word (的的), or one stands alone beside a word that ends or
  starts with the same character (人大|大, 积极|极, 及|及时), unless a name ends in it and
  the next word starts with it (王楼镇|镇长, 贾庄村|村委会) or a level of government comes
  before a word that starts alike (市|市场监管局), or it is a reduplicated given name after a
  surname (王丽丽);
- they form a reduplication (团团) where removing one lets the other join a neighbour in a
  word (宣讲团, 整合), unless an adverb stands before a verb as reduplications do (紧紧围绕);
  or 等等 runs into the next word;
- otherwise, the text with one copy removed is much likelier (a cost gain over `SLIP_GAIN`
  nats, about the odds of one slip in 8,000 characters), as in 大数|数据 against 大数据.
The thresholds were set on slips injected into the corpus and on legitimate doublings
(bench/proof.py): with jieba's dictionary the rule keeps precision near 1; with our own
vocabulary alone it falls below 0.1.

Whatever the lists and the segmentation say, the language model can veto (when the model is
installed): a doubling is reported only when the text without one copy is at least
LM_SLIP_GAIN nats likelier to the character model. Slips score 8 to 15 (推推进 8.1, 村村 8.0,
人大大 10.4, 大数数据 14.3, 积极极 14.9), meant doublings mostly less (大大提高 5.3, 人人愿为
6.5, 美美与共 4.9, 刚刚 3.2, 奈何不了了之 −5.5, 法学班班长 7.5, 编织袋厂厂房 7.0), so the
veto removes most false alarms of the lists and keeps every slip of tests/core/proof. The
same holds for a repeated word (推进推进).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kuaibao.core.numerals import CHINESE_NUMERAL_CHARS
from kuaibao.core.proof import charlm
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding
from kuaibao.core.proof.vocabulary import MEASURE_WORDS, NAME_ENDINGS, SURNAMES

RULE_CHAR = "repeat.char"
RULE_WORD = "repeat.word"

SLIP_GAIN = 9.0
LM_SLIP_GAIN = 7.5
WINDOW = 6

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DOUBLE = re.compile(rf"([{_HAN}])\1+")
_WORD_REPEAT = re.compile(rf"([{_HAN}]{{2,6}}?)\1")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_SKIP = frozenset(CHINESE_NUMERAL_CHARS + "〇")
# Words that start with the character naming an administrative level, so that the level before
# them doubles it on purpose (市市场监督管理局, 区区域发展中心, 县县域经济).
LEVEL_WORDS = frozenset({"市场", "区域", "县域"})
_AFTER_NUMBER = re.compile(r"\d\s*(?:[万亿]?\s*[余多]?\s*[个家户名位处项次座条批])?\s*$|\d\s*[余多万亿]\s*$")


def check(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _DOUBLE.finditer(text):
        char = match.group(1)
        if char in _SKIP:
            continue
        if match.end() - match.start() > 2:
            yield ctx.finding(
                RULE_CHAR,
                match.start(),
                match.end(),
                f"“{char}”连写了 {match.end() - match.start()} 次，疑为误输入",
                char,
            )
            continue
        found = _judge(ctx, match.start())
        if found is not None:
            yield found
    yield from _word_repeats(ctx)


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend [start, end) by up to WINDOW Chinese characters on each side."""
    left = start
    while left > 0 and start - left < WINDOW and _HAN_CHAR.match(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and right - end < WINDOW and _HAN_CHAR.match(text, right):
        right += 1
    return left, right


def _spans(words: list[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    position = 0
    for word in words:
        out.append((position, position + len(word)))
        position += len(word)
    return out


def _covering(spans: list[tuple[int, int]], index: int) -> tuple[int, int]:
    for span in spans:
        if span[0] <= index < span[1]:
            return span
    raise AssertionError("segmentation covers every character")


def _judge(ctx: Context, index: int) -> Finding | None:
    """The finding for text[index] == text[index + 1], or None when the doubling is meant."""
    text = ctx.text
    left, right = _window(text, index, index + 2)
    written = text[left:right]
    k = index - left
    removed = written[: k + 1] + written[k + 2 :]
    cost_written, words = ctx.lexicon.segment(written)
    cost_removed, words_removed = ctx.lexicon.segment(removed)
    seg = _Segmentation(words, k)
    slip = _decide(ctx, index, seg, _spans(words_removed))
    if slip is None:
        slip = cost_written - cost_removed > SLIP_GAIN
    if not slip or not _model_agrees(text, index, index + 2, text[index]):
        return None
    start = left + min(seg.first[0], seg.second[0])
    end = left + max(seg.first[1], seg.second[1])
    if end - start > 6:
        start, end = index, index + 2
    shown = text[start:end]
    fixed = shown[: index - start] + shown[index - start + 1 :]
    return ctx.finding(RULE_CHAR, start, end, f"“{text[index]}”重复，疑为误输入：“{shown}”应为“{fixed}”？", fixed)


class _Segmentation:
    """The window as written, segmented: the words holding the first and second copy."""

    def __init__(self, words: list[str], k: int) -> None:
        self.words = words
        self.spans = _spans(words)
        self.first = _covering(self.spans, k)
        self.second = _covering(self.spans, k + 1)
        self.k = k

    def width(self, span: tuple[int, int]) -> int:
        return span[1] - span[0]

    def following(self) -> str:
        position = self.spans.index(self.second)
        return self.words[position + 1] if position + 1 < len(self.words) else ""


def _decide(ctx: Context, index: int, seg: _Segmentation, removed: list[tuple[int, int]]) -> bool | None:
    """True or False when a structural reason decides; None leaves it to the cost comparison."""
    text = ctx.text
    char = text[index]
    if _AFTER_NUMBER.search(text, max(0, index - 8), index):
        # 47个个 and 680余人人 are slips; 2023年年底, 5个个人 and 3个家家户户 are not.
        if seg.first == seg.second and seg.width(seg.first) > 2:
            return False
        return not any(ctx.lexicon.is_word(text[index + 1 : index + 1 + size]) for size in (2, 3, 4))
    if _given_name(ctx, index):
        return False  # 王丽丽, 张娜娜
    if index > 0 and text[index - 1] == "一" and char in MEASURE_WORDS:
        return False  # 一台台, 一趟趟: one by one
    if seg.first == seg.second:
        if seg.width(seg.first) > 2:
            return False  # inside a longer word: 家家户户, 户户通, 大大提高
        if char == "等" and _HAN_CHAR.match(text, index + 2):
            return True  # 等等重点区域
        if text[index + 2 : index + 3].isdigit():
            return True  # 村村8个
        if ctx.lexicon.tag(char + char) in {"d", "z", "ad", "b"} and ctx.lexicon.tag(seg.following())[:1] in {"v", "a"}:
            return False  # 紧紧围绕, 大大降低
        # 宣讲团团 → 宣讲团, 整整合 → 整合: without one copy the other joins a neighbour.
        joined = _covering(removed, seg.k)
        return joined[1] - joined[0] > 1
    named = index > 0 and _HAN_CHAR.match(text, index - 1)
    if char in NAME_ENDINGS and named and seg.second[0] == seg.k + 1 and seg.width(seg.second) > 1:
        return False  # 王楼镇|镇长, 贾庄村|村委会: a name, then a word that starts alike
    if text[index + 1 : index + 3] in LEVEL_WORDS:
        return False  # 市|市场监管局, 区|区域: the level of a unit, then a word that starts alike
    if seg.width(seg.first) == 1 or seg.width(seg.second) == 1:
        return True  # 的的, 人大|大, 及|及时
    return None


def _model_agrees(text: str, start: int, end: int, replacement: str) -> bool:
    """The character model finds the text with text[start:end] replaced much likelier (or
    there is no model to ask)."""
    model = charlm.shared_model()
    return model is None or model.change_gain(text, start, end, replacement) >= LM_SLIP_GAIN


def _given_name(ctx: Context, index: int) -> bool:
    """A surname, then a reduplicated given name: the surname does not end a word before it
    (提高高 is no name) nor start one with the name (任务务 is none either)."""
    text, lexicon = ctx.text, ctx.lexicon
    if index < 1 or text[index - 1] not in SURNAMES:
        return False
    with_surname = text[index - 1 : index + 1]
    if lexicon.is_word(with_surname) and not lexicon.tag(with_surname).startswith("nr"):
        return False
    return index < 2 or not lexicon.is_word(text[index - 2 : index])


def _one_by_one(ctx: Context, unit: str) -> bool:
    """一步一步, 一家一家, 一个一个: one and a measure word, repeated on purpose."""
    return len(unit) == 2 and unit[0] in "一两" and ctx.lexicon.tag(unit[1]) in {"q", "m", "n", "zg"}


def _word_repeats(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    lexicon = ctx.lexicon
    for match in _WORD_REPEAT.finditer(text):
        unit = match.group(1)
        if len(set(unit)) == 1 or _one_by_one(ctx, unit):
            continue
        if lexicon.is_word(unit + unit):
            continue
        start, end = match.span()
        left, right = _window(text, start, end)
        written = text[left:right]
        removed = text[left : start + len(unit)] + text[end:right]
        gain = lexicon.segment(written)[0] - lexicon.segment(removed)[0]
        if (lexicon.is_word(unit) or gain > SLIP_GAIN) and _model_agrees(text, start, end, unit):
            yield ctx.finding(RULE_WORD, start, end, f"“{unit}”重复，疑为误输入", unit)
