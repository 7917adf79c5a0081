"""Write a bulletin as a PDF with embedded open CJK fonts, in the layout of the DOCX.

The PDF is the HTML page (`render_html`) laid out by WeasyPrint with its print stylesheet:
A4, GB/T 9704 margins, 22 lines of 28 characters, red masthead, page numbers "— 1 —", section
headings kept with their first item, no item title left at the foot of a page, the tail on one
page. Fonts are Noto Serif CJK SC (body and title, its Bold for lead-ins) and Noto Sans CJK SC
(headings) from fonts-noto-cjk, subset with HarfBuzz: WeasyPrint uses libharfbuzz-subset when it
is installed and falls back to fontTools, which takes ~30 s an issue on these .ttc fonts
instead of ~0.4 s (bench/render.py prints which one runs). ReportLab was measured too: ~75 ms an
issue, but it embeds only TrueType, and the open TrueType CJK fonts are a sans (WenQuanYi) or
Kai/Ming faces without bold, so lead-ins could not be bold; WeasyPrint also shares one layout
with the published HTML.
"""

from __future__ import annotations

import threading
from typing import Any

from kuaibao.core.model import Bulletin
from kuaibao.core.render.html import render_html

__all__ = ["render_pdf"]

# WeasyPrint keeps font configuration per process and is not documented as thread-safe.
_LOCK = threading.Lock()
_FONT_CONFIG: Any = None


def render_pdf(bulletin: Bulletin) -> bytes:
    """The bulletin as PDF bytes; the same bulletin always gives the same bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    page = render_html(bulletin)
    # The page names no outside resource; should one ever slip in, nothing is fetched.
    fetcher = URLFetcher(allowed_protocols=())
    with _LOCK:
        font_config = _font_config()
        document = HTML(string=page, media_type="print", url_fetcher=fetcher).render(font_config=font_config)
        data: bytes = document.write_pdf(uncompressed_pdf=False)
    return data


def _font_config() -> Any:
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG
