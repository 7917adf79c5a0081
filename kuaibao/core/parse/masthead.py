"""Recognise the masthead (报头): title, 增刊, 期号, publisher (编发单位) and date.

Mastheads come as one field a line or several on one line (publisher and date together,
title and 期号 together), with Arabic, full-width or Chinese numerals:
第 43 期, 第43期, 第四十三期, 2023年第43期（总第512期）, 2023 年 9 月 22 日, 二〇二三年九月二十二日,
2023-09-22.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kuaibao.core.model import ImportWarning, Marks
from kuaibao.core.numerals import CHINESE_NUMERAL_CHARS, to_int
from kuaibao.core.text import display_width, squeeze

_NUM = f"[0-9０-９{CHINESE_NUMERAL_CHARS}]+"
_TOTAL = re.compile(rf"[（(]?\s*总\s*第?\s*({_NUM})\s*期\s*[）)]?")
# 第43期, 43期, 2023年第5期, 2023年5期; a bare number before 期 only stands alone or after a
# space or the title (要闻简报 1886 期), never glued to other digits.
_ISSUE = re.compile(rf"(?:({_NUM})\s*年\s*)?(?:第\s*({_NUM})|(?<![0-9０-９])({_NUM}))\s*期")
# 2023年9月22日, and without 日 when nothing follows the day (2022年8月19).
_DATE_CN = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*(?:[日号]|(?=[\s）)，,]|$))")
_DATE_ISO = re.compile(r"(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})")
_WEEKDAY = re.compile(r"^\s*[（(]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[）)]?")
_SUPPLEMENT = re.compile(r"[（(【\[]?\s*增\s*刊\s*[）)】\]]?")
_NOTICE = re.compile(r"内部|注意保存|密\s*[★*]|秘密|机密|绝密|仅供参考|请勿外传|^编\s*号\s*[:：]|^N[Oo]\s*[.．:：]")
# What an office writes after its name on the masthead: 编, 编印, 主办.
_PUBLISHER_VERB = re.compile(r"\s*(?:编印|编发|主办|印发|编)$")
_EMPTY_BRACKETS = re.compile(r"[（(〔\[【]\s*[）)〕\]】]")
# The marks of a restricted issue (above the masthead): 秘密★1年, 编号：000123, 内部资料 注意保存.
_CLASSIFICATION = re.compile(r"^(绝密|机密|秘密)\s*(?:[★*☆]\s*([0-9一二三四五六七八九十]+\s*(?:年|个月)|长期))?")
_SERIAL = re.compile(r"(?:编\s*号\s*[:：]|^N[Oo]\s*[.．:：])\s*([0-9A-Za-z０-９.\-－—]+)")
_INTERNAL = re.compile(r"内部资料|注意保存")
_SENTENCE_PUNCT = re.compile(r"[，。；！？]")
# A masthead line is short; anything longer is the start of the body.
_MAX_WIDTH = 80


@dataclass(slots=True)
class Masthead:
    title: str | None = None
    issue: int | None = None
    total_issue: int | None = None
    year: int | None = None
    date: dt.date | None = None
    publisher: str | None = None
    supplement: bool = False
    classification: str | None = None
    secrecy_period: str | None = None
    serial: str | None = None
    internal: bool = False
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def marks(self) -> Marks:
        return Marks(self.classification, self.secrecy_period, self.serial, self.internal)

    @property
    def complete(self) -> bool:
        return None not in (self.title, self.issue, self.date, self.publisher)


def could_be_masthead_line(line: str) -> bool:
    """Short, no sentence punctuation, not a section heading: masthead material."""
    stripped = line.strip()
    if not stripped or display_width(stripped) > _MAX_WIDTH:
        return False
    if stripped.startswith(("【", "[")):
        return False
    return not _SENTENCE_PUNCT.search(stripped)


def read_line(head: Masthead, line: str, where: int | None) -> bool:
    """Take what the line gives to the masthead; False when the line is not masthead material."""
    text = line.strip()
    if not could_be_masthead_line(text):
        return False
    if head.title is not None and head.issue is not None and head.date is not None and head.publisher is not None:
        return False
    rest = _read_marks(head, text)
    if not rest:
        return True
    rest, supplement = _SUPPLEMENT.subn(" ", rest)
    if supplement:
        head.supplement = True
    total = _TOTAL.search(rest)
    if total:
        head.total_issue = to_int(total.group(1))
        rest = rest[: total.start()] + " " + rest[total.end() :]
    if head.title is not None and squeeze(rest) == head.title:
        return True  # the title again (a web page's heading, then the bulletin's own)
    issue = _ISSUE.search(rest)
    if issue and (head.issue is None or to_int(issue.group(2) or issue.group(3)) == head.issue):
        head.issue = to_int(issue.group(2) or issue.group(3))
        if issue.group(1):
            head.year = to_int(issue.group(1))
        rest = rest[: issue.start()] + " " + rest[issue.end() :]
    date_match = _DATE_CN.search(rest) or _DATE_ISO.search(rest)
    if date_match and head.date is None:
        head.date = _to_date(date_match, head, where)
        rest = rest[: date_match.start()] + " " + _WEEKDAY.sub(" ", rest[date_match.end() :], count=1)
    rest = _EMPTY_BRACKETS.sub(" ", rest).strip(" \t\u3000#*")
    if rest and _NOTICE.search(rest) and not issue and not date_match:
        message = f"报头中的“{text}”视为密级、编号或发放说明，未作为字段"
        head.warnings.append(ImportWarning("masthead-notice", message, line=where))
        return True
    if rest:
        _assign_name(head, rest, where)
    return True


def _read_marks(head: Masthead, text: str) -> str:
    """Take the 密级, 编号 and 内部资料 marks from a masthead line; the rest of the line."""
    rest = text
    serial = _SERIAL.search(rest)
    if serial:
        head.serial = serial.group(1)
        rest = rest[: serial.start()] + " " + rest[serial.end() :]
    classification = _CLASSIFICATION.match(rest.strip())
    if classification and head.title is None:
        head.classification = classification.group(1)
        head.secrecy_period = squeeze(classification.group(2)) if classification.group(2) else None
        rest = rest.strip()[classification.end() :]
    if head.title is None and _INTERNAL.search(rest):
        head.internal = True
        rest = _INTERNAL.sub(" ", rest)
    return rest.strip(" \t\u3000")


def _assign_name(head: Masthead, text: str, where: int | None) -> None:
    """Free text on a masthead line: the title first, then the publisher."""
    if head.title is None:
        head.title = squeeze(text)
    elif head.issue is None and head.publisher is None and head.title.startswith("关于"):
        # 关于… is a document's title (a web page's heading above the bulletin), never a masthead's
        message = f"“{head.title}”是网页或文件的标题，不是报头名称，报头名称取“{text}”"
        head.warnings.append(ImportWarning("masthead-page-heading", message, line=where))
        head.title = squeeze(text)
    elif head.publisher is None:
        head.publisher = _PUBLISHER_VERB.sub("", squeeze(text)) or squeeze(text)
    else:
        head.warnings.append(ImportWarning("masthead-extra", f"报头多出一行“{text}”，已忽略", line=where))


def _to_date(match: re.Match[str], head: Masthead, where: int | None) -> dt.date | None:
    year, month, day = (to_int(group) for group in match.groups())
    if year is not None and year < 100:
        year += 2000
    try:
        return dt.date(year or 0, month or 0, day or 0)
    except ValueError:
        head.warnings.append(ImportWarning("bad-date", f"日期“{match.group(0)}”不存在", line=where))
        return None
