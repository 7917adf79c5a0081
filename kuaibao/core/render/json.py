"""The bulletin as JSON-ready data, in the form of the published schema, and back.

`to_dict` gives the schema's fields (title, issue, date, publisher, items, distribution, staff)
plus extras: 增刊 flag, total issue number, copies, every distribution line, paragraphs with
their emphasis, provenance with warnings, and the 密级 / 编号 marks of a restricted issue.
`from_dict` reads either form back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kuaibao.core.model import (
    Bulletin,
    DistributionLine,
    ImportWarning,
    Item,
    Marks,
    Paragraph,
    Provenance,
    Span,
    Staff,
)


def _spans_to_list(paragraph: Paragraph) -> list[dict[str, Any]]:
    return [{"text": s.text, "bold": s.bold} if s.bold else {"text": s.text} for s in paragraph.spans]


def item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "section": item.section,
        "title": item.title,
        "units": list(item.units),
        "body": item.body,
        "paragraphs": [_spans_to_list(p) for p in item.paragraphs],
    }


def warning_to_dict(warning: ImportWarning) -> dict[str, Any]:
    return {"code": warning.code, "message": warning.message, "line": warning.line, "page": warning.page}


def marks_to_dict(marks: Marks) -> dict[str, Any]:
    return {
        "classification": marks.classification,
        "secrecy_period": marks.secrecy_period,
        "serial": marks.serial,
        "internal": marks.internal,
    }


def marks_from_dict(data: dict[str, Any] | None) -> Marks:
    if not data:
        return Marks()
    return Marks(
        classification=data.get("classification") or None,
        secrecy_period=data.get("secrecy_period") or None,
        serial=data.get("serial") or None,
        internal=bool(data.get("internal", False)),
    )


def to_dict(bulletin: Bulletin) -> dict[str, Any]:
    """The bulletin in the form of bulletin.schema.json, with extra fields."""
    out: dict[str, Any] = {
        "title": bulletin.title,
        "issue": bulletin.issue,
        "date": bulletin.date.isoformat(),
        "publisher": bulletin.publisher,
        "supplement": bulletin.supplement,
        "total_issue": bulletin.total_issue,
        "items": [item_to_dict(item) for item in bulletin.items],
        "distribution": bulletin.distribution_text,
        "distribution_lines": [{"label": d.label, "text": d.text} for d in bulletin.distribution],
        "copies": bulletin.copies,
        "staff": bulletin.staff.as_dict(),
    }
    if bulletin.marks:
        out["marks"] = marks_to_dict(bulletin.marks)
    if bulletin.provenance is not None:
        prov = bulletin.provenance
        out["source"] = {
            "name": prov.source_name,
            "sha256": prov.sha256,
            "format": prov.format,
            "encoding": prov.encoding,
        }
        out["warnings"] = [warning_to_dict(w) for w in prov.warnings]
    return out


def _paragraphs_from(data: dict[str, Any]) -> tuple[Paragraph, ...]:
    if "paragraphs" in data:
        return tuple(
            Paragraph(tuple(Span(s["text"], bool(s.get("bold", False))) for s in para))
            for para in data["paragraphs"]
        )
    body = data.get("body") or ""
    return tuple(Paragraph.plain(text) for text in body.split("\n") if text)


_STAFF_KEYS = {"责任编辑": "editor", "审核": "reviewer", "签发": "signer"}


def _staff_from(data: dict[str, str]) -> Staff:
    named = {attr: data[key] for key, attr in _STAFF_KEYS.items() if data.get(key)}
    others = tuple((k, v) for k, v in data.items() if k not in _STAFF_KEYS)
    return Staff(**named, others=others)


def from_dict(data: dict[str, Any]) -> Bulletin:
    """Read a bulletin from `to_dict` output or from a schema-form gold file."""
    if "distribution_lines" in data:
        distribution = tuple(DistributionLine(d["label"], d["text"]) for d in data["distribution_lines"])
    elif data.get("distribution"):
        distribution = (DistributionLine("本期发", data["distribution"]),)
    else:
        distribution = ()
    prov = None
    if "source" in data:
        src = data["source"]
        warnings = tuple(
            ImportWarning(w["code"], w["message"], w.get("line"), w.get("page"))
            for w in data.get("warnings", [])
        )
        prov = Provenance(src["name"], src["sha256"], src["format"], src.get("encoding"), warnings)
    return Bulletin(
        title=data["title"],
        issue=int(data["issue"]),
        date=dt.date.fromisoformat(data["date"]),
        publisher=data["publisher"],
        items=tuple(
            Item(
                title=item["title"],
                paragraphs=_paragraphs_from(item),
                units=tuple(item.get("units", ())),
                section=item.get("section"),
            )
            for item in data["items"]
        ),
        distribution=distribution,
        staff=_staff_from(data.get("staff") or {}),
        supplement=bool(data.get("supplement", False)),
        total_issue=data.get("total_issue"),
        copies=data.get("copies"),
        provenance=prov,
        marks=marks_from_dict(data.get("marks")),
    )
