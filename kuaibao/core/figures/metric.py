"""The metric of a figure: the phrase of its clause that says what it measures.

Two shapes cover bulletin prose. A verb, a number and a measure word before the noun it
counts (走访 31 家企业, 带动 105 个脱贫人口及监测对象增收) give the noun phrase after the
figure. Otherwise the metric is the text before the figure in its clause (交易额达 21.4 亿,
一般公共预算收入完成 33400 万元), cut after subject and adverb words (全县, 已, 累计) and with
linking and change words dropped from its end (达, 完成, 同比增长 → a change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kuaibao.core.figures.model import Change

CLAUSE_MARKS = frozenset("，。；：！？,;:!?\n")

# Words that start a predicate (and 户均 / 人均, which start a phrase of their own): a noun
# phrase after a figure ends before them.
_VERBS = (
    "提供 列入 增收 设立 采用 作为 下沉 正在 跑出 铺设 进行 落地 实施 开展 完成 实现 参加 参与 获得 签订 覆盖 "
    "受益 纳入 享受 推动 助力 带动 促进 拉动 惠及 解决 建成 入驻 开工 投产 启动 组织 涉及 包括 得到 通过 达到 "
    "累计 共计 合计 分别 全部 陆续 已经 均已 已 免费 集中 统一 全面 主动 及时 正常 顺利 先后 共同 同时 按时 率先 "
    "成功 积极 户均 人均 亩均 村均 日均 年均 月均"
).split()
_VERB = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
_STOP_CHARS = frozenset("的均都将被并从向对于到等各除逐")
_STOP_EXCEPTIONS = {"对": "对象"}  # 监测对象 is one noun, not 监测 + the preposition 对
_NOUN_PHRASE_MAX = 16

_FRAMES = ("聚焦", "围绕", "针对", "依托", "按照")  # verbs that introduce a topic, not a measure
_SUBJECTS = ("我县", "全县", "全镇", "全乡", "全街道", "该乡", "该镇", "该县", "其中")
_ADVERBS = ("已经", "已", "共有", "累计", "累积")
_CUT_WORDS = re.compile("|".join(sorted((*_FRAMES, *_SUBJECTS, *_ADVERBS), key=len, reverse=True)))
_SOFT_CUTS = ("方式", "形式", "模式", "需要")  # cut after these only if a real phrase is left
_LOCATIVE = re.compile(r"^在[^，。；、]{1,6}?(?:省|市|县|区|镇|乡|村|街道)")

_LINKING = ("保持在", "稳定在", "控制在", "达到", "共计", "合计", "完成", "达", "为", "是", "的", "可", "共")
_CHANGES: dict[str, Change] = {
    "增长": "up", "增加": "up", "提高": "up", "提升": "up", "上升": "up", "增幅": "up",
    "下降": "down", "减少": "down", "降低": "down", "下滑": "down", "回落": "down", "降幅": "down",
}  # fmt: skip
_CHANGE_WORDS = tuple(_CHANGES)
_BASES = ("与上年同期相比", "与去年同期相比", "较上年同期", "比上年同期", "较去年同期", "比去年同期",
          "较上年", "比上年", "较去年", "比去年", "较年初", "同比", "环比")  # fmt: skip
_MONEY_WORDS = ("额", "收入", "投资", "资金", "支出", "贷款", "税", "款", "效益", "产值", "总值", "增加值", "价值",
                "成本", "费", "授信", "筹资", "融资", "补贴", "补助", "预算")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    """What the text before a figure says about it: metric phrase (or None), change, basis."""

    metric: str | None
    change: Change | None
    basis: str | None


def noun_phrase_after(text: str, end: int) -> str:
    """The noun phrase a figure ending at `end` counts, or "" if a verb or a mark follows."""
    if _VERB.match(text, end):
        return ""
    i = end
    while i < len(text) and i - end < _NOUN_PHRASE_MAX:
        ch = text[i]
        if ch in "（(":
            close = text.find("）" if ch == "（" else ")", i)
            if close == -1 or close - i > 12:
                break
            i = close + 1
            continue
        if not _is_cjk(ch) or (ch in _STOP_CHARS and not text.startswith(_STOP_EXCEPTIONS.get(ch, "\0"), i)):
            break
        if i > end and _VERB.match(text, i):
            break
        i += 1
    if i - end >= _NOUN_PHRASE_MAX:
        return ""  # no end in sight: prose, not a noun phrase
    return text[end:i]


def context_before(region: str, reporters: tuple[str, ...] = ()) -> Context:
    """Read the text between the last boundary and a figure: its metric, change and basis."""
    phrase = _SPACES.sub("", region)
    change: Change | None = None
    basis: str | None = None
    while phrase:
        word = _trailing(phrase, _LINKING)
        if word and not _keeps_linking(phrase, word):
            phrase = phrase[: -len(word)]
            continue
        word = _trailing(phrase, _CHANGE_WORDS)
        if word and change is None:
            change = _CHANGES[word]
            phrase = phrase[: -len(word)]
            continue
        word = _trailing(phrase, _BASES)
        if word and basis is None:
            basis = word
            phrase = phrase[: -len(word)]
            continue
        break
    phrase = _cut_leading(phrase, reporters)
    return Context(phrase or None, change, basis)


def is_money_metric(metric: str | None) -> bool:
    """交易额, 财政收入, 完成投资: a bare 21.4 亿 after these is money."""
    return metric is not None and any(word in metric for word in _MONEY_WORDS)


_SPACES = re.compile(r"\s+")
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _trailing(phrase: str, words: tuple[str, ...]) -> str | None:
    if not phrase.endswith(words):
        return None
    for word in words:
        if phrase.endswith(word):
            return word
    return None


def _keeps_linking(phrase: str, word: str) -> bool:
    """达 in 下达, 共 in 公共, 为 in 作为, 可 in 许可 are part of a word, not a link."""
    before = phrase[-len(word) - 1] if len(phrase) > len(word) else ""
    return (word == "达" and before in "下到送传表抵") or (word == "共" and before in "公总一") or (
        word == "为" and before in "作成认行称"
    ) or (word == "可" and before in "许认")


def _cut_leading(phrase: str, reporters: tuple[str, ...]) -> str:
    # 丰庄镇 inside “丰庄镇…推进会” is no subject
    outside = _QUOTED.sub(lambda m: "□" * len(m[0]), phrase) if "“" in phrase or "《" in phrase else phrase
    cut = 0
    for match in _CUT_WORDS.finditer(outside):
        cut = match.end()
    for word in reporters:
        at = outside.rfind(word)
        if at != -1:
            cut = max(cut, at + len(word))
    if "共" in outside:
        cut = max(cut, _adverb_gong(outside))
    phrase = phrase[cut:]
    for word in _SOFT_CUTS:
        at = phrase.rfind(word)
        if at != -1 and len(phrase) - at - len(word) >= 3:
            phrase = phrase[at + len(word) :]
    phrase = _LOCATIVE.sub("", phrase)
    return phrase.lstrip("、，,和及并与")


def _adverb_gong(phrase: str) -> int:
    """After the adverb 共 (共筹资), but not the 共 of 公共, 共同, 共享, 齐抓共进."""
    cut = 0
    for match in re.finditer("共", phrase):
        at = match.start()
        before = phrase[at - 1] if at else ""
        after = phrase[at + 1] if at + 1 < len(phrase) else ""
        if (not before or before not in "公总一齐") and (not after or after not in "同享建青产识治赢担商济进性"):
            cut = at + 1
    return cut
