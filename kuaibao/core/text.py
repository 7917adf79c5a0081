"""Character classes and whitespace rules for Chinese official prose.

Text extraction scatters spaces around digits and Latin words (``21.4 亿元``, ``惠农 e 贷``);
official style writes none next to Chinese characters. `tidy` removes them and keeps the
spaces that separate two Latin words.
"""

from __future__ import annotations

import re

# Ideographs of the CJK blocks in use (BMP, extension A, compatibility, supplementary planes).
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Chinese punctuation: CJK symbols, full-width forms, curly quotes, dashes, ellipsis, middle dot.
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2014\u2026\u00b7"
CJK_CLASS = f"[{_IDEOGRAPH}{_CJK_PUNCT}]"
IDEOGRAPH_CLASS = f"[{_IDEOGRAPH}]"

# Every kind of space extraction leaves behind, ideographic space (U+3000) included.
SPACE_CLASS = "[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]"

_CJK_RE = re.compile(CJK_CLASS)
_SPACE_RUN = re.compile(f"{SPACE_CLASS}+")
_ALL_SPACE = re.compile(r"\s+|\u3000")

# Sentence-final marks: a block ending in one of these ends its sentence. A closing quote
# ends it only after one of them (“…。” does, a title ending in “加速度” does not); a closing
# bracket does, as attributions and parentheticals close paragraphs.
SENTENCE_END = "。！？；…）)】!?;"
CLOSING_QUOTES = "”’」』"


def is_cjk(char: str) -> bool:
    """True for a Chinese ideograph or a Chinese punctuation mark."""
    return bool(_CJK_RE.fullmatch(char))


def tidy(text: str) -> str:
    """Remove spaces that touch Chinese characters; collapse the rest to one space."""
    return _SPACE_RUN.sub(_tidy_space, text).strip()


def _tidy_space(match: re.Match[str]) -> str:
    start, end = match.span()
    source = match.string
    if start == 0 or end == len(source):
        return ""
    if _CJK_RE.match(source, start - 1) or _CJK_RE.match(source, end):
        return ""
    return " "


def squeeze(text: str) -> str:
    """Remove all whitespace, as the gold comparison does."""
    return _ALL_SPACE.sub("", text)


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation (ignoring trailing spaces)."""
    stripped = text.rstrip().rstrip(CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in SENTENCE_END


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－~～·•]+\s*\d{1,4}\s*[-—–－~～·•]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_LONE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


def is_page_number(line: str, *, lone_digits: bool = True) -> bool:
    """A line that is only a page number: — 1 —, - 2 -, 第 3 页, 第1页 共3页, 2/5; a lone
    number such as 7 only where `lone_digits` says the place (a page end) makes it one."""
    if "\n" in line.strip():
        return False
    return bool(_PAGE_NUMBER.match(line) or (lone_digits and _LONE_NUMBER.match(line)))


def display_width(text: str) -> int:
    """Width in half-width cells: Chinese characters count two, others one.

    GB18030 spends two bytes on a Chinese character or full-width mark and one on ASCII,
    which is the cell count, at the speed of a codec."""
    return len(text.encode("gb18030", errors="replace"))
