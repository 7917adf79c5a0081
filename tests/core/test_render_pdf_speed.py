"""The PDF renderer's shortcuts around WeasyPrint (issue #5) change nothing in the PDF.

`render_pdf` parses its stylesheet once, gives WeasyPrint a user agent stylesheet without the
rules for empty page-margin boxes, subsets fonts in one HarfBuzz pass and does not copy whole
font files. Each is checked here against WeasyPrint as shipped, byte for byte, so that an update
of WeasyPrint that breaks one fails here rather than in the look of the PDFs.
"""

from __future__ import annotations

from typing import Any

import pytest

from kuaibao.core.render import pdf
from kuaibao.core.render.html import render_html
from kuaibao.core.render.json import from_dict
from kuaibao.core.render.pdf import render_pdf
from tests.core.test_render_round_trip import long_issue
from tests.golden import CORPUS_NAMES, load_gold


@pytest.mark.parametrize("name", [CORPUS_NAMES[0], "long"])
def test_pdf_is_what_weasyprint_makes_of_the_html_page(name: str) -> None:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    bulletin = long_issue() if name == "long" else from_dict(load_gold(name))
    made = render_pdf(bulletin)
    page = HTML(string=render_html(bulletin), media_type="print")
    assert page.render(font_config=FontConfiguration()).write_pdf() == made


def test_user_agent_stylesheet_loses_only_the_unused_margin_rules() -> None:
    from weasyprint import HTML

    engine = pdf._engine()
    assert engine.html_class is not HTML, "WeasyPrint's user agent stylesheet changed: check _UNUSED_MARGIN_RULE"


def test_one_pass_subsetting_gives_the_bytes_of_weasyprints_two_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts
    from weasyprint.text import fonts as text_fonts

    engine = pdf._engine()
    if pdf._WEASYPRINT_SUBSET is None:
        pytest.skip("WeasyPrint subsets with fontTools here")
    page = render_html(from_dict(load_gold(CORPUS_NAMES[0]))).replace(pdf._STYLE_ELEMENT, "")
    document = engine.html_class(string=page).render(font_config=engine.font_config, stylesheets=[engine.stylesheet])
    document.write_pdf()  # collects the glyphs each font draws
    # WeasyPrint's own subsetting must read its result as bytes, not as a view of a freed face.
    monkeypatch.setattr(fonts, "get_hb_object_data", text_fonts.get_hb_object_data)
    faces: list[Any] = list(document.fonts.values())
    assert len(faces) == 3
    for font in faces:
        assert len(font.to_unicode) > 10
        pdf._subset_in_one_pass(font, font.to_unicode, False)
        ours = font.file_content
        pdf._WEASYPRINT_SUBSET(font, font.to_unicode, False)
        assert isinstance(ours, bytes)
        assert ours == font.file_content
        assert len(ours) < 2_000_000  # a subset, not the 20-27 MB font file
