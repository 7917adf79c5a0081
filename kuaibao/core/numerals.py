"""Chinese numerals as they appear in mastheads: 第四十三期, 二〇二三年九月二十二日."""

from __future__ import annotations

_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def to_int(text: str) -> int | None:
    """Read Arabic, full-width or Chinese numerals; None if the text is not a number.

    Positional digit strings (二〇二三 → 2023) and unit forms (四十三 → 43, 一百零五 → 105,
    十二 → 12) are both accepted.
    """
    text = text.strip()
    if not text:
        return None
    ascii_digits = text.translate(_FULLWIDTH)
    if ascii_digits.isdigit() and ascii_digits.isascii():
        return int(ascii_digits)
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    return _unit_form(text)


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _unit_form(text: str) -> int | None:
    total = 0
    current: int | None = None
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if current is None else current) * _UNITS[ch]
            current = None
        else:
            return None
    if current is not None:
        total += current
    return total
