"""An archived issue as a core `Bulletin`, ready for any renderer (DOCX, PDF, HTML, text)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kuaibao.archive.models import Issue, Revision
from kuaibao.core import model as core
from kuaibao.core.render.json import from_dict

_ISSUE_KEY = re.compile(r"^\s*([^/\s]+)\s*/\s*(\d{4})\s*/\s*(增刊|s|supplement)?\s*-?\s*(\d+)\s*$", re.IGNORECASE)


class IssueNotFound(LookupError):
    """No issue answers to a BULLETIN/YEAR/N key; the message says why, in Chinese."""


def bulletin_from_issue(issue: Issue, revision: Revision | None = None) -> core.Bulletin:
    """The issue's current revision (or `revision`) as a core bulletin, items in order."""
    revision = revision or issue.current
    if revision is None:
        raise IssueNotFound(f"{issue} 还没有任何版本")
    items = revision.items.select_related("section").order_by("position")
    data: dict[str, Any] = {
        "title": revision.masthead_title,
        "issue": issue.number,
        "date": revision.date.isoformat(),
        "publisher": revision.publisher,
        "supplement": issue.supplement,
        "total_issue": revision.total_issue,
        "copies": revision.copies,
        "marks": {
            "classification": revision.classification,
            "secrecy_period": revision.secrecy_period,
            "serial": revision.serial,
            "internal": revision.internal,
        },
        "distribution_lines": list(revision.distribution),
        "staff": dict(revision.staff),
        "items": [
            {
                "title": item.title,
                "section": item.section.name if item.section is not None else None,
                "units": list(item.units_as_written),
                "body": item.body,
                **({"paragraphs": item.paragraphs} if item.paragraphs else {}),
            }
            for item in items
        ],
    }
    return replace(from_dict(data), font_profile=issue.bulletin.font_profile)


def find_issue(key: str) -> Issue:
    """The issue named BULLETIN/YEAR/N (BULLETIN a slug or title; N prefixed 增刊 or s for a
    supplement, e.g. yanjin/2023/41 or yanjin/2023/增刊2)."""
    match = _ISSUE_KEY.match(key)
    if match is None:
        raise IssueNotFound(f"期号“{key}”格式不对，应为 刊物/年份/期号，如 yanjin/2023/41 或 yanjin/2023/增刊2")
    name, year, supplement, number = match.groups()
    issues = Issue.objects.select_related("bulletin", "current").filter(
        year=int(year), number=int(number), supplement=supplement is not None
    )
    issue = issues.filter(bulletin__slug=name).first() or issues.filter(bulletin__title=name).first()
    if issue is None:
        raise IssueNotFound(f"档案中没有 {key} 这一期")
    return issue
