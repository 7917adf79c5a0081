"""Recognise the tail (报尾): distribution (本期发 / 送 / 报 / 抄送), copies, and the sign-off.

The sign-off comes on one line (责任编辑：李勉  审核：原超俊  签发：麻彦伟) or on several, with
two-character names padded by a space (李 勉); a distribution list may wrap over lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kuaibao.core.model import DistributionLine, ImportWarning, Staff
from kuaibao.core.numerals import CHINESE_NUMERAL_CHARS, to_int
from kuaibao.core.text import squeeze, tidy

DISTRIBUTION_LABELS = ("本期发", "本期送", "本期报", "抄送", "抄报", "分送", "主送", "报", "送", "发")
STAFF_LABELS = {"责任编辑": "editor", "审核": "reviewer", "签发": "signer"}
OTHER_STAFF_LABELS = ("编辑", "校对", "审稿", "核稿", "排版", "联系电话", "电话")

_SEP = r"\s*[:：]\s*"
_LABELS = sorted((*DISTRIBUTION_LABELS, *STAFF_LABELS, *OTHER_STAFF_LABELS), key=len, reverse=True)
# A label starts a line, or follows a space or the end of the line before, which a layout may
# have joined to it (送：…单位。发：…).
_LABEL = re.compile(rf"(?:^|(?<=[\s（(。；]))({'|'.join(_LABELS)}){_SEP}")
_START = re.compile(rf"^\s*(?:{'|'.join(_LABELS)}){_SEP}|^\s*[（(]?\s*(?:共印|印数)")
_COPIES = re.compile(rf"[（(]?\s*(?:共印|印数{_SEP}|印)\s*([0-9{CHINESE_NUMERAL_CHARS}]+)\s*份\s*[）)]?")


def starts_tail(text: str) -> bool:
    """True when a block opens the tail: a distribution, sign-off or copies line."""
    return bool(_START.match(text.replace("*", "")))


@dataclass(slots=True)
class Tail:
    distribution: list[DistributionLine] = field(default_factory=list)
    staff: Staff = field(default_factory=Staff)
    copies: int | None = None
    warnings: list[ImportWarning] = field(default_factory=list)


def read_tail(lines: list[tuple[str, int | None]]) -> Tail:
    """Read the tail from its lines, each with its source line number."""
    tail = Tail()
    segments: list[list[str]] = []  # [label, text, line]
    for raw, where in lines:
        text = raw.replace("*", "")
        copies = _COPIES.search(text)
        if copies:
            tail.copies = to_int(copies.group(1))
            text = text[: copies.start()] + text[copies.end() :]
        matches = list(_LABEL.finditer(text))
        if not matches:
            if segments and text.strip():
                segments[-1][1] += text
            elif text.strip():
                tail.warnings.append(ImportWarning("tail-extra", f"报尾无法识别的一行：“{raw.strip()}”", line=where))
            continue
        if text[: matches[0].start()].strip() and segments:
            segments[-1][1] += text[: matches[0].start()]
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            segments.append([match.group(1), text[match.end() : end], str(where)])
    _assign(tail, segments)
    return tail


def _assign(tail: Tail, segments: list[list[str]]) -> None:
    named: dict[str, str] = {}
    others: list[tuple[str, str]] = []
    for label, text, _where in segments:
        if label in DISTRIBUTION_LABELS:
            tail.distribution.append(DistributionLine(label, tidy(text)))
        elif label in STAFF_LABELS:
            named[STAFF_LABELS[label]] = squeeze(text)
        else:
            others.append((label, squeeze(text)))
    tail.staff = Staff(**named, others=tuple(others))
