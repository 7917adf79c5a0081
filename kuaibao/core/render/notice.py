"""Notices the office sends to units (约稿通知, 报送要点) as Word files in 公文 style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kuaibao.core.render.official_docx import OfficialDocument

__all__ = ["Notice", "commission_notice", "render_notice_docx"]


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice: its title, 主送, numbered requirements, and the issuer and date (落款)."""

    title: str
    addressees: str
    opening: str
    points: tuple[tuple[str, str], ...]  # (heading, text): 一、报送内容 …
    issuer: str
    date: dt.date


_NUMERALS = "一二三四五六七八九十"


def commission_notice(
    *,
    kind: str,
    topic: str,
    description: str,
    deadline: dt.datetime | None,
    units: Sequence[str],
    issuer: str,
    date: dt.date,
) -> Notice:
    """The notice of a 约稿 (kind "约稿") or of 报送要点 (kind "报送要点") to `units`."""
    addressees = "、".join(units) if units else "各乡镇人民政府、街道办事处，县直各单位"
    if kind == "约稿":
        title = f"关于报送“{topic}”政务信息的约稿通知"
        opening = f"为做好政务信息报送工作，现就“{topic}”向你单位约稿，有关事项通知如下。"
    else:
        title = f"关于“{topic}”政务信息报送要点的通知"
        opening = f"为做好政务信息报送工作，现将“{topic}”报送要点通知如下。"
    points = [("报送内容", description.strip() or f"围绕“{topic}”报送工作动态、经验做法和成效数据。")]
    if deadline is not None:
        when = f"{deadline.year}年{deadline.month}月{deadline.day}日{deadline.hour}时"
        points.append(("报送时间", f"请于{when}前通过政务信息报送系统报送，逾期按约稿未完成计。"))
    points.append(("有关要求", "信息要求主题鲜明、数据准确、文字精炼，并注明报送单位和联系人。"))
    return Notice(title, addressees, opening, tuple(points), issuer, date)


def render_notice_docx(notice: Notice, *, font_profile: str | None = None) -> bytes:
    """The notice as .docx bytes in 公文 style."""
    doc = OfficialDocument(title=notice.title, author=notice.issuer, date=notice.date, font_profile=font_profile)
    doc.title(notice.title)
    doc.addressee(notice.addressees)
    doc.text(notice.opening)
    for index, (heading, text) in enumerate(notice.points):
        doc.heading(f"{_NUMERALS[index]}、{heading}")
        for paragraph in text.splitlines():
            if paragraph.strip():
                doc.text(paragraph.strip())
    doc.signature(notice.issuer, notice.date)
    return doc.save()
