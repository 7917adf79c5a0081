"""Write a bulletin as a PDF with embedded open CJK fonts, in the layout of the DOCX.

The PDF is the HTML page (`render_html`) laid out by WeasyPrint with its print stylesheet:
A4, GB/T 9704 margins, 22 lines of 28 characters, red masthead, page numbers "— 1 —", section
headings kept with their first item, no item title left at the foot of a page, the tail on one
page. Fonts are Noto Serif CJK SC (body and title, its Bold for lead-ins) and Noto Sans CJK SC
(headings) from fonts-noto-cjk, subset with HarfBuzz: WeasyPrint uses libharfbuzz-subset when it
is installed and falls back to fontTools, which takes ~30 s an issue on these .ttc fonts
instead of ~0.2 s (bench/render.py prints which one runs). ReportLab was measured too: ~75 ms an
issue, but it embeds only TrueType, and the open TrueType CJK fonts are a sans (WenQuanYi) or
Kai/Ming faces without bold, so lead-ins could not be bold; WeasyPrint also shares one layout
with the published HTML.

Speed (issue #5: ≤ 1 s an issue on one core). Measured with cProfile and py-spy on the 17-page
issue (~1.25 s before): layout ~50 %, drawing ~20 %, fonts ~25 %, HTML and CSS parsing ~8 %.
Two costs are ours to cut, and both leave the PDF byte for byte the same:

- The stylesheet is parsed once per process (`CSS`, reused with one `FontConfiguration`) and
  the page goes to WeasyPrint without its `<style>`: ~40 ms an issue.
- WeasyPrint 70 subsets each font with HarfBuzz in two passes (keep the used glyph ids, then
  drop hinting and the empty glyphs after the last used one). On the 65,535-glyph Noto CJK
  faces the second pass costs more than the first, as it rebuilds ~63,000 empty glyphs. One
  pass with the same flags gives identical font bytes in ~75 ms instead of ~200 ms an issue,
  so `_harfbuzz_subset` is replaced by `_subset_in_one_pass` (WeasyPrint is pinned to 70.x).

Options that did not help: `uncompressed_pdf` saves ~40 ms but makes files 5 times larger;
`hinting` is slower and larger; `full_fonts` embeds ~75 MB of font and takes ~2 s; there are
no images for `optimize_images`. Layout and drawing are WeasyPrint's own (~1.4 ms a line).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from kuaibao.core.model import Bulletin
from kuaibao.core.render.html import STYLESHEET, render_html

__all__ = ["render_pdf"]

# The stylesheet as `render_html` writes it into the page; the PDF gets it pre-parsed instead.
_STYLE_ELEMENT = f"<style>{STYLESHEET}</style>"
# Tables a PDF reader never needs; the list WeasyPrint drops.
_DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
# The user agent stylesheet's rules for the 16 page-margin boxes, but for the one with the folio.
_UNUSED_MARGIN_RULE = re.compile(r"^ *@(?!bottom-center\b)(?:top|bottom|left|right)-[a-z-]+ *\{[^}]*\}\n", re.MULTILINE)
_MARGIN_BOXES = 16


@dataclass(frozen=True)
class _Engine:
    """What every render shares: fonts, the parsed stylesheets and the page class."""

    font_config: Any
    stylesheet: Any
    html_class: Any


# WeasyPrint keeps font configuration per process and is not documented as thread-safe.
_LOCK = threading.Lock()
_ENGINE: _Engine | None = None
# WeasyPrint's own two-pass subsetting, kept to check that one pass gives the same bytes.
_WEASYPRINT_SUBSET: Any = None


def render_pdf(bulletin: Bulletin) -> bytes:
    """The bulletin as PDF bytes; the same bulletin always gives the same bytes."""
    from weasyprint.urls import URLFetcher

    page = render_html(bulletin)
    if _STYLE_ELEMENT not in page:
        raise AssertionError("render_html no longer writes STYLESHEET into the page")
    page = page.replace(_STYLE_ELEMENT, "", 1)
    # The page names no outside resource; should one ever slip in, nothing is fetched.
    fetcher = URLFetcher(allowed_protocols=())
    with _LOCK:
        engine = _engine()
        html = engine.html_class(string=page, media_type="print", url_fetcher=fetcher)
        # A stylesheet passed here has the user origin where the page's own had the author
        # origin; nothing else styles the page but the user agent, so the cascade is the same.
        document = html.render(font_config=engine.font_config, stylesheets=[engine.stylesheet])
        data: bytes = document.write_pdf()
    return data


def _engine() -> _Engine:
    global _ENGINE
    if _ENGINE is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        _install_font_shortcuts()
        font_config = FontConfiguration()
        stylesheet = CSS(string=STYLESHEET, media_type="print", font_config=font_config)
        _ENGINE = _Engine(font_config, stylesheet, _page_class(font_config))
    return _ENGINE


def _page_class(font_config: Any) -> Any:
    """WeasyPrint's `HTML`, with a user agent stylesheet that styles only the margin box the
    layout fills: WeasyPrint computes a style for every styled margin box on every page."""
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    trimmed, count = _UNUSED_MARGIN_RULE.subn("", UA)
    if count != _MARGIN_BOXES - 1:
        return HTML  # not the stylesheet this was written for: keep it whole
    user_agent = CSS(string=trimmed, font_config=font_config, counter_style=CounterStyle())

    class BulletinHTML(HTML):  # type: ignore[misc]  # WeasyPrint is untyped
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            sheets: list[Any] = super()._ua_stylesheets(forms)
            return [user_agent, *sheets[1:]]

    return BulletinHTML


def _install_font_shortcuts() -> None:
    """Have WeasyPrint subset fonts in one HarfBuzz pass and not copy whole font files."""
    global _WEASYPRINT_SUBSET
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    # Without libharfbuzz-subset (or with one too old) WeasyPrint uses fontTools: leave it be.
    if not (harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0)) or _WEASYPRINT_SUBSET is not None:
        return
    _WEASYPRINT_SUBSET = fonts.Font._harfbuzz_subset
    fonts.Font._harfbuzz_subset = _subset_in_one_pass
    # `Font.__init__` reads the whole font file (20-27 MB for a Noto CJK .ttc) into bytes that
    # subsetting then replaces; a view of HarfBuzz's copy does, and `clean` makes the bytes
    # only where a font is embedded whole.
    fonts.get_hb_object_data = _face_data_view
    clean = fonts.Font.clean

    def clean_to_bytes(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        clean(font, to_unicode, hinting)
        if not isinstance(font.file_content, bytes):
            font.file_content = bytes(font.file_content)

    fonts.Font.clean = clean_to_bytes


def _face_data_view(hb_face: Any) -> Any:
    """The bytes of a HarfBuzz face's font file, as a buffer that lives as long as the face."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_blob(hb_face)
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return None if data == ffi.NULL else ffi.buffer(data, int(length[0]))
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _subset_in_one_pass(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """Keep the used glyphs of `font` at their ids, as WeasyPrint's `Font._harfbuzz_subset`
    does, and drop the empty glyphs after the last one and (unless `hinting`) the hinting.

    `to_unicode` maps the used glyph ids to their text. On failure `font.file_content` stays
    the whole font, as with WeasyPrint's own subsetting."""
    from weasyprint.logger import LOGGER
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    subset_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    glyphs = sorted(to_unicode)
    glyph_set = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    harfbuzz.hb_set_add_sorted_array(glyph_set, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs), len(glyphs))
    tags = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in _DROPPED_TABLES)
    drop_set = harfbuzz_subset.hb_subset_input_set(subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    harfbuzz.hb_set_add_sorted_array(drop_set, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
    # Retaining glyph ids keeps glyphs up to the last used one and no further, which is what
    # WeasyPrint's second pass achieved.
    flags = (
        harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
        | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    )
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
    face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset_input), harfbuzz.hb_face_destroy)
    content = get_hb_object_data(face) if face else None
    if content:
        font.file_content = content
    else:
        LOGGER.warning('Unable to subset "%s" with HarfBuzz', font.family)
