"""A revision's files in the published formats: rendered on first request, stored by hash
with the revision, and served from storage afterwards."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction

from kuaibao.archive import storage
from kuaibao.archive.models import RenderedFile, Revision
from kuaibao.archive.publish import bulletin_from_issue
from kuaibao.core.render import FORMATS, SUFFIXES, render


def rendered_file(revision: Revision, fmt: str) -> tuple[RenderedFile, bytes]:
    """The stored file for the revision in `fmt`, made now if it is not there yet."""
    if fmt not in FORMATS:
        raise ValueError(f"未知格式：{fmt}")
    existing = RenderedFile.objects.filter(revision=revision, format=fmt).first()
    if existing is not None:
        return existing, storage.read(existing.stored_path)
    data = render(bulletin_from_issue(revision.issue, revision), fmt)
    digest = hashlib.sha256(data).hexdigest()
    path = storage.store(data, digest, SUFFIXES[fmt])
    try:
        with transaction.atomic():
            row = RenderedFile.objects.create(
                revision=revision, format=fmt, sha256=digest, size=len(data), stored_path=path
            )
    except IntegrityError:  # another request stored it first: theirs is the same file
        row = RenderedFile.objects.get(revision=revision, format=fmt)
    return row, data
