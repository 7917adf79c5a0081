"""A unit's Word file as offices write them: a bold title line, then the body paragraphs."""

from __future__ import annotations

import io

from docx import Document


def item_docx(title: str, *paragraphs: str) -> bytes:
    document = Document()
    document.add_paragraph().add_run(title).bold = True
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
