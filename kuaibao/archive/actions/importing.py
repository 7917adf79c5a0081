"""Import a bulletin file into the archive: idempotent, versioned, one transaction per file.

- The same bytes again add nothing (outcome "unchanged").
- Other bytes with the same content (the DOCX of an issue already imported as text) add
  nothing either.
- Changed content for an existing issue (bulletin, year, 增刊, number) adds a new revision and
  keeps the old one; search then finds the new items only.
- What the apps above store with new items (the statistics app: their figures) is stored in
  the same transaction, through `kuaibao.archive.extensions`.
- A file that cannot be parsed, or a failure mid-way, leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from django.db import transaction
from django.utils.text import slugify

from kuaibao.archive import extensions, search, storage
from kuaibao.archive.models import (
    Bulletin,
    Issue,
    Item,
    ItemUnit,
    Office,
    Revision,
    Section,
    SourceFile,
    Unit,
    UnitAlias,
    default_office,
)
from kuaibao.archive.units import resolve_units
from kuaibao.core import model as core
from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import MAX_BYTES, parse_bytes
from kuaibao.core.render.json import item_to_dict, to_dict, warning_to_dict

Status = Literal["imported", "updated", "unchanged", "failed"]
_SUFFIXES = {"text": ".txt", "markdown": ".md", "docx": ".docx", "pdf": ".pdf", "html": ".html"}


@dataclass(slots=True)
class ImportOutcome:
    name: str
    status: Status
    reason: str = ""
    issue_id: int | None = None
    revision: int | None = None
    warnings: list[str] = field(default_factory=list)


def import_path(path: Path, *, office: Office | None = None) -> ImportOutcome:
    """Import one file from disk into `office` (default: the installation's only office); the
    size is checked before it is read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return ImportOutcome(str(path), "failed", f"文件过大（上限 {MAX_BYTES // 1048576} MB）")
        data = path.read_bytes()
    except OSError as exc:
        return ImportOutcome(str(path), "failed", f"无法读取文件：{exc.strerror or exc}")
    return import_bytes(data, path.name, label=str(path), office=office)


def import_bytes(data: bytes, name: str, *, label: str | None = None, office: Office | None = None) -> ImportOutcome:
    """Import one file's content into `office`'s archive (default: the installation's only
    office); `name` is the file name kept with the source."""
    label = label or name
    sha256 = hashlib.sha256(data).hexdigest()
    if SourceFile.objects.filter(sha256=sha256).exists():
        return ImportOutcome(label, "unchanged", "同一文件已导入")
    try:
        bulletin = parse_bytes(data, name, names=_directory_names(office))
    except UnreadableInput as exc:
        return ImportOutcome(label, "failed", exc.reason)
    warnings = [f"{w.place()}: {w.message}" for w in bulletin.warnings]
    with transaction.atomic():
        outcome = _store(bulletin, data, sha256, label, _office(office))
    outcome.warnings = warnings
    return outcome


def _directory_names(office: Office | None) -> Iterator[str]:
    """The office's units' names and aliases, which recognition of a scan may need to put back
    (胙城乡); read only when a scan is imported (a generator)."""
    chosen = _office(office)
    yield from Unit.objects.filter(office=chosen).values_list("name", flat=True)
    yield from UnitAlias.objects.filter(unit__office=chosen).values_list("alias", flat=True)


def content_hash(bulletin: core.Bulletin) -> str:
    data = to_dict(bulletin)
    data.pop("source", None)
    data.pop("warnings", None)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _office(office: Office | None) -> Office:
    return office if office is not None else Office.objects.get(pk=default_office())


def _store(parsed: core.Bulletin, data: bytes, sha256: str, label: str, office: Office) -> ImportOutcome:
    digest = content_hash(parsed)
    issue = _locked_issue(parsed, office)
    if issue is not None and issue.current is not None and issue.current.content_hash == digest:
        return ImportOutcome(label, "unchanged", "内容与已导入的版本相同", issue.id, issue.current.number)
    source = _source_for(parsed, data, sha256)
    status: Status = "imported" if issue is None else "updated"
    issue, revision = _publish(parsed, issue, source, digest, note="", office=office)
    return ImportOutcome(label, status, "", issue.id, revision.number)


def publish_bulletin(parsed: core.Bulletin, *, note: str = "", office: Office | None = None) -> tuple[Issue, Revision]:
    """Store a bulletin made in the newsroom of `office` (no source file): a new issue, or a new
    revision of an existing one with `note` saying why. Call inside the caller's transaction."""
    office = _office(office)
    return _publish(parsed, _locked_issue(parsed, office), None, content_hash(parsed), note=note, office=office)


def _locked_issue(parsed: core.Bulletin, office: Office) -> Issue | None:
    bulletin = Bulletin.objects.filter(office=office, title=parsed.title).first()
    if bulletin is None:
        return None
    # Unordered: with the model's date ordering SQLite walked the (bulletin, date) index through
    # every issue of the bulletin (0.35 s an import at 100,000 issues) instead of using the
    # unique (bulletin, year, supplement, number) one (1 ms).
    found = (
        Issue.objects.select_for_update(of=("self",))
        .filter(bulletin=bulletin, year=parsed.date.year, supplement=parsed.supplement, number=parsed.issue)
        .select_related("current")
        .order_by()[:1]
    )
    return next(iter(found), None)


def _publish(
    parsed: core.Bulletin, issue: Issue | None, source: SourceFile | None, digest: str, *, note: str, office: Office
) -> tuple[Issue, Revision]:
    if issue is None:
        issue = Issue.objects.create(
            bulletin=_bulletin_for(parsed, office),
            year=parsed.date.year,
            supplement=parsed.supplement,
            number=parsed.issue,
            date=parsed.date,
        )
    return issue, _add_revision(issue, parsed, source, digest, note)


def _bulletin_for(parsed: core.Bulletin, office: Office) -> Bulletin:
    bulletin = Bulletin.objects.filter(office=office, title=parsed.title).first()
    if bulletin is not None:
        return bulletin
    slug = slugify(parsed.title, allow_unicode=False) or f"bulletin-{Bulletin.objects.count() + 1}"
    while Bulletin.objects.filter(slug=slug).exists():
        slug = f"{slug}-{Bulletin.objects.count() + 1}"
    return Bulletin.objects.create(
        office=office,
        title=parsed.title,
        slug=slug,
        publisher=parsed.publisher,
        default_distribution=parsed.distribution_text or "",
    )


def _source_for(parsed: core.Bulletin, data: bytes, sha256: str) -> SourceFile:
    prov = parsed.provenance
    fmt = prov.format if prov else "text"
    stored = storage.store(data, sha256, _SUFFIXES.get(fmt, ".bin"))
    return SourceFile.objects.create(
        sha256=sha256,
        name=(prov.source_name if prov else "")[:255],
        size=len(data),
        format=fmt,
        encoding=(prov.encoding or "") if prov else "",
        stored_path=stored,
    )


def _add_revision(issue: Issue, parsed: core.Bulletin, source: SourceFile | None, digest: str, note: str) -> Revision:
    previous = issue.current
    number = (issue.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if not note and previous is not None and source is not None:
        note = f"由文件 {source.name} 更新"
    revision = Revision.objects.create(
        issue=issue,
        number=number,
        source=source,
        note=note,
        masthead_title=parsed.title,
        publisher=parsed.publisher,
        date=parsed.date,
        total_issue=parsed.total_issue,
        copies=parsed.copies,
        classification=parsed.marks.classification or "",
        secrecy_period=parsed.marks.secrecy_period or "",
        serial=parsed.marks.serial or "",
        internal=parsed.marks.internal,
        distribution=[{"label": d.label, "text": d.text} for d in parsed.distribution],
        staff=parsed.staff.as_dict(),
        warnings=[warning_to_dict(w) for w in parsed.warnings],
        content_hash=digest,
    )
    if previous is not None:
        old = list(Item.objects.filter(revision=previous).values_list("id", "title", "body", "date", "search_tags"))
        search.remove_items(old)
        Item.objects.filter(revision=previous).update(is_current=False)
    items = _add_items(revision, parsed)
    search.add_items((item.id, item.title, item.body, item.date, item.search_tags) for item in items)
    extensions.items_stored(items)  # e.g. their figures, which item pages read; same transaction
    issue.current = revision
    issue.date = parsed.date
    issue.save(update_fields=["current", "date"])
    return revision


def _add_items(revision: Revision, parsed: core.Bulletin) -> list[Item]:
    bulletin = revision.issue.bulletin
    sections: dict[str, Section] = {}
    items: list[Item] = []
    for position, entry in enumerate(parsed.items, start=1):
        section = None
        if entry.section is not None:
            section = sections.get(entry.section)
            if section is None:
                section, _ = Section.objects.get_or_create(bulletin=bulletin, name=entry.section)
                sections[entry.section] = section
        data = item_to_dict(entry)
        item = Item.objects.create(
            revision=revision,
            position=position,
            section=section,
            title=entry.title,
            body=entry.body,
            paragraphs=data["paragraphs"],
            units_as_written=list(entry.units),
            bulletin=bulletin,
            date=parsed.date,
            is_current=True,
        )
        units = resolve_units(entry.units, office=bulletin.office)
        ItemUnit.objects.bulk_create(
            [ItemUnit(item=item, unit=unit, position=index) for index, unit in enumerate(units)]
        )
        item.search_tags = search.tags_for(bulletin.pk, item.section_id, [unit.pk for unit in units])
        item.save(update_fields=["search_tags"])
        items.append(item)
    return items
