"""Renderers: a bulletin in every published format, each readable back by `kuaibao.core.parse`.

`render(bulletin, fmt)` picks one by name; the modules are imported on first use, so that a
caller wanting text does not load python-docx or WeasyPrint.
"""

from __future__ import annotations

from typing import Literal, get_args

from kuaibao.core.model import Bulletin

__all__ = ["FORMATS", "MEDIA_TYPES", "SUFFIXES", "Format", "render"]

Format = Literal["docx", "pdf", "ofd", "html", "md", "txt"]
FORMATS: tuple[Format, ...] = get_args(Format)

SUFFIXES: dict[Format, str] = {
    "docx": ".docx",
    "pdf": ".pdf",
    "ofd": ".ofd",
    "html": ".html",
    "md": ".md",
    "txt": ".txt",
}
MEDIA_TYPES: dict[Format, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "ofd": "application/ofd",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def render(bulletin: Bulletin, fmt: str) -> bytes:
    """The bulletin as a file of format `fmt` (docx, pdf, ofd, html, md or txt); text is UTF-8.

    Raises ValueError for any other format name.
    """
    if fmt == "docx":
        from kuaibao.core.render.docx import render_docx

        return render_docx(bulletin)
    if fmt == "pdf":
        from kuaibao.core.render.pdf import render_pdf

        return render_pdf(bulletin)
    if fmt == "ofd":
        from kuaibao.core.render.ofd import render_ofd

        return render_ofd(bulletin)
    if fmt == "html":
        from kuaibao.core.render.html import render_html

        return render_html(bulletin).encode("utf-8")
    if fmt in ("md", "txt"):
        from kuaibao.core.render.plain import render_markdown, render_text

        return (render_markdown(bulletin) if fmt == "md" else render_text(bulletin)).encode("utf-8")
    raise ValueError(f"不支持的输出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
