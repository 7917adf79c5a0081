"""Punctuation by GB/T 15834-2011: half-width marks in Chinese text, unpaired quotes and
brackets, doubled marks. (Range marks between numbers are in `ranges`.)

Pairs are checked within a logical paragraph: lines up to a blank line, and across a blank
line that breaks a sentence (a page break in the source).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.text import ends_sentence

RULE_HALFWIDTH = "punct.halfwidth"
RULE_UNPAIRED = "punct.unpaired"
RULE_DOUBLED = "punct.doubled"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese neighbour: an ideograph or a Chinese closing/opening mark.
_CJK = f"[{_HAN}“”‘’《》（）【】、，。；：！？]"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

_MARK = re.compile(rf"(?<={_CJK})\s*([,;:?!])|([,;:?!])(?=\s*[{_HAN}“《（])")
_ANY_MARK = re.compile(r"[,;:?!]")
_PERIOD = re.compile(rf"\.(?<=[{_HAN}”）》%]\.)(?=\s|$|[{_HAN}“（《0-9])")
_DOTS = re.compile(rf"(?<=[{_HAN}，。”])\s*(\.{{3,6}})")
_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{1,120})"')
_HAN_CHAR = re.compile(f"[{_HAN}]")

_DOUBLED = re.compile(r"([，。、；：！？])[，。、；：！？]+")

_OPEN = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "(": "）",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
    "〈": "〉",
}
_CLOSE_OF = {
    "”": "“",
    "’": "‘",
    "》": "《",
    "）": "（",
    ")": "（",
    "】": "【",
    "〕": "〔",
    "」": "「",
    "』": "『",
    "〉": "〈",
}
_BRACKET = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE_OF)) + "]")
_NAMES = {
    "“": "引号",
    "‘": "单引号",
    "《": "书名号",
    "（": "括号",
    "【": "方头括号",
    "〔": "六角括号",
    "「": "直角引号",
    "『": "直角引号",
    "〈": "单书名号",
}


def check(ctx: Context) -> Iterator[Finding]:
    yield from _halfwidth(ctx)
    yield from _doubled(ctx)
    for start, end in paragraphs(ctx.text):
        yield from _unpaired(ctx, start, end)


def _halfwidth(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    covered: set[int] = set()
    if "(" in text:
        yield from _parens(ctx, covered)
    if '"' in text:
        yield from _straight_quotes(ctx, covered)
    if _ANY_MARK.search(text):
        yield from _marks(ctx, covered)
    if "." in text:
        yield from _periods(ctx)


def _parens(ctx: Context, covered: set[int]) -> Iterator[Finding]:
    text = ctx.text
    for match in _PARENS.finditer(text):
        inner = match.group(1)
        before = text[match.start() - 1] if match.start() else ""
        if _HAN_CHAR.search(inner) or _HAN_CHAR.match(before or " "):
            covered.update((match.start(), match.end() - 1))
            yield ctx.finding(
                RULE_HALFWIDTH,
                match.start(),
                match.end(),
                "中文里应使用全角括号“（）”",
                f"（{inner.strip()}）",
                Severity.warning,
            )


def _straight_quotes(ctx: Context, covered: set[int]) -> Iterator[Finding]:
    text = ctx.text
    for match in _STRAIGHT_QUOTES.finditer(text):
        if _HAN_CHAR.search(match.group(1)):
            covered.update((match.start(), match.end() - 1))
            yield ctx.finding(
                RULE_HALFWIDTH,
                match.start(),
                match.end(),
                "中文里应使用全角引号“”",
                f"“{match.group(1)}”",
                Severity.warning,
            )


def _marks(ctx: Context, covered: set[int]) -> Iterator[Finding]:
    text = ctx.text
    for match in _MARK.finditer(text):
        group = 1 if match.group(1) else 2
        start = match.start(group)
        if start in covered or _between_digits(text, start) or _in_url(text, start):
            continue
        mark = match.group(group)
        yield ctx.finding(
            RULE_HALFWIDTH, start, start + 1, f"中文里应使用全角标点“{_FULL[mark]}”", _FULL[mark], Severity.warning
        )


def _periods(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for match in _PERIOD.finditer(text):
        yield ctx.finding(
            RULE_HALFWIDTH, match.start(), match.end(), "中文里句末应使用句号“。”", "。", Severity.warning
        )
    for match in _DOTS.finditer(text):
        yield ctx.finding(
            RULE_HALFWIDTH, match.start(1), match.end(1), "中文里省略号应写作“……”", "……", Severity.warning
        )


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def _in_url(text: str, index: int) -> bool:
    return text[index] == ":" and text.startswith("//", index + 1)


def _doubled(ctx: Context) -> Iterator[Finding]:
    for match in _DOUBLED.finditer(ctx.text):
        marks = match.group(0)
        if set(marks) <= {"！", "？"}:
            continue  # ？！ is allowed for a question said with force
        strongest = next((m for m in reversed(marks) if m in "。！？"), marks[0])
        yield ctx.finding(RULE_DOUBLED, match.start(), match.end(), f"标点“{marks}”重复，只保留一个", strongest)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Logical paragraphs as spans: blank lines separate them unless a sentence runs on."""
    start = None
    last_line = ""
    position = 0
    pending_break = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            pending_break = True
        else:
            if start is None:
                start = position
            elif pending_break and ends_sentence(last_line):
                yield start, position
                start = position
            elif _is_line_paragraph(last_line, stripped):
                yield start, position
                start = position
            last_line = stripped
            pending_break = False
        position += len(line)
    if start is not None:
        yield start, len(text)


def _is_line_paragraph(previous: str, current: str) -> bool:
    """Lines without a blank between them are paragraphs too, unless a sentence runs on."""
    return ends_sentence(previous) or previous.startswith(("#", "【")) or current.startswith(("#", "【", "---"))


def _unpaired(ctx: Context, start: int, end: int) -> Iterator[Finding]:
    text = ctx.text
    stack: list[tuple[str, int]] = []
    for found in _BRACKET.finditer(text, start, end):
        index = found.start()
        char = found.group(0)
        if char in _OPEN:
            opener = "（" if char == "(" else char
            if opener == "“" and stack and stack[-1][0] == "“" and _closes_later(text, index, end, "”") is False:
                # A second opening quote where a closing one belongs: “三保“
                stack.pop()
                yield ctx.finding(RULE_UNPAIRED, index, index + 1, "引号方向错误：此处应为后引号“””", "”")
                continue
            stack.append((opener, index))
        elif char in _CLOSE_OF:
            opener = _CLOSE_OF[char]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener), None)
            if depth is None:
                if char == "”" and _closes_later(text, index, end, "”"):
                    stack.append(("“", index))
                    yield ctx.finding(RULE_UNPAIRED, index, index + 1, "引号方向错误：此处应为前引号“““", "“")
                    continue
                yield ctx.finding(
                    RULE_UNPAIRED, index, index + 1, f"后{_NAMES.get(opener, '括号')}“{char}”没有对应的前半个"
                )
                continue
            for mark, at in stack[depth + 1 :]:
                yield _unclosed(ctx, mark, at)
            del stack[depth:]
    for mark, at in stack:
        yield _unclosed(ctx, mark, at)


def _closes_later(text: str, index: int, end: int, closer: str) -> bool:
    """True when the next quote mark of the paragraph after `index` is another `closer`."""
    for char in text[index + 1 : end]:
        if char in "“”":
            return char == closer
    return False


def _unclosed(ctx: Context, mark: str, at: int) -> Finding:
    name = _NAMES.get(mark, "括号")
    return ctx.finding(RULE_UNPAIRED, at, at + 1, f"前{name}“{ctx.text[at]}”没有对应的后半个")
