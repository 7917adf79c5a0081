"""The OFD writer: valid by GB/T 33190's structure, opened by an independent reader (ofdkit),
laid out line for line as the PDF, with the fonts it draws with embedded, and escaped."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pypdfium2 as pdfium
import pytest

from kuaibao.core.model import Bulletin, Item, Marks, Paragraph
from kuaibao.core.ofd import NAMESPACE
from kuaibao.core.render import render
from kuaibao.core.render.json import from_dict
from kuaibao.core.render.ofd import render_ofd
from kuaibao.core.render.pages import PageLayout, layout_pages
from tests.core.ofd_checks import check_package
from tests.core.test_render_round_trip import long_issue
from tests.golden import CORPUS_NAMES, load_gold

_N = f"{{{NAMESPACE}}}"
MARKS = Marks("秘密", "1年", "000123", internal=True)


def issues() -> list[tuple[str, Bulletin]]:
    corpus = [(name[:3], from_dict(load_gold(name))) for name in CORPUS_NAMES]
    marked = [
        (f"{name}-marked", dataclasses.replace(b, marks=MARKS, copies=120, total_issue=512)) for name, b in corpus
    ]
    return [*corpus, *marked, ("long", long_issue())]


ISSUES = issues()
IDS = [name for name, _ in ISSUES]


@pytest.fixture(scope="module", params=ISSUES, ids=IDS)
def rendered(request: pytest.FixtureRequest) -> tuple[Bulletin, bytes]:
    bulletin: Bulletin = request.param[1]
    return bulletin, render_ofd(bulletin)


def test_package_is_valid_by_the_standards_structure(rendered: tuple[Bulletin, bytes]) -> None:
    bulletin, data = rendered
    parts = check_package(data)
    assert len(parts.pages) == len(layout_pages(bulletin).pages)


def test_independent_reader_opens_it_with_its_text_and_metadata(rendered: tuple[Bulletin, bytes]) -> None:
    ofdkit = pytest.importorskip("ofdkit")
    bulletin, data = rendered
    document = ofdkit.open(io.BytesIO(data))
    assert len(document.pages) == len(layout_pages(bulletin).pages)
    text = re.sub(r"\s+", "", document.text())
    for item in bulletin.items:
        assert re.sub(r"\s+", "", item.title) in text
    assert document.info.title == f"{bulletin.title}{'（增刊）' if bulletin.supplement else ''}第{bulletin.issue}期"
    if bulletin.marks:
        assert document.info.custom_data["密级"] == "秘密" and document.info.custom_data["编号"] == "000123"


def _lines(layout: PageLayout, page: int) -> list[str]:
    rows: dict[float, list[tuple[float, str]]] = {}
    for glyphs in layout.pages[page].glyphs:
        rows.setdefault(round(glyphs.y, 1), []).append((glyphs.x, glyphs.text))
    lines = ("".join(text for _, text in sorted(row)) for _, row in sorted(rows.items()))
    return [re.sub(r"\s+", "", line) for line in lines if line.strip()]


@pytest.mark.parametrize(("name", "bulletin"), ISSUES, ids=IDS)
def test_every_line_breaks_where_the_pdfs_does(name: str, bulletin: Bulletin) -> None:
    """Same pages, same lines in the same order: the OFD is the PDF's layout."""
    layout = layout_pages(bulletin)
    pdf = pdfium.PdfDocument(render(bulletin, "pdf"))
    try:
        assert len(pdf) == len(layout.pages)
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            pdf_lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
            ours = _lines(layout, index)
            if index == 0 and bulletin.marks.serial:
                # pdfium reads the column of marks on the left before the 编号 on the right
                serial = f"编号：{bulletin.marks.serial}"
                assert serial in pdf_lines and ours[0].endswith(serial)
                pdf_lines.remove(serial)
                ours[0] = ours[0].removesuffix(serial)
            assert pdf_lines == ours, f"page {index + 1}"
            page.close()
    finally:
        pdf.close()


def test_the_fonts_it_draws_with_are_embedded_and_cover_every_character() -> None:
    bulletin = dataclasses.replace(ISSUES[0][1], marks=MARKS)
    parts = check_package(render_ofd(bulletin))
    assert {font.get("FamilyName") for font in parts.fonts.values()} == {"Noto Serif CJK SC", "Noto Sans CJK SC"}
    assert len(parts.font_files) == len(parts.fonts) == 3  # serif, its bold, sans
    # check_package has checked each embedded cmap against the characters drawn with it
    assert sum(len(chars) for chars in parts.drawn.values()) > 500


def test_masthead_is_red_and_its_rule_a_red_vector_path() -> None:
    parts = check_package(render_ofd(ISSUES[0][1]))
    first = parts.pages[0]
    title = next(t for t in first.iter(f"{_N}TextObject") if t.findtext(f"{_N}TextCode") == "延津政务快报")
    assert title.find(f"{_N}FillColor").get("Value") == "255 0 0"  # type: ignore[union-attr]
    assert title.get("Weight") == "700" and float(title.get("Size", "0")) == pytest.approx(18.344, abs=0.01)
    rules = list(first.iter(f"{_N}PathObject"))
    assert rules and rules[0].find(f"{_N}StrokeColor").get("Value") == "255 0 0"  # type: ignore[union-attr]


def test_tail_sits_at_the_foot_of_the_last_page_between_two_rules() -> None:
    for name, bulletin in ISSUES:
        layout = layout_pages(bulletin)
        last = layout.pages[-1]
        assert len([rule for rule in last.rules if rule.color == "0 0 0"]) == 2, name
        bottom = max(rule.y for rule in last.rules)
        assert bottom == pytest.approx((37 + 225) * 72 / 25.4 - 0.5, abs=0.1), name  # on the text block's foot


def test_user_text_is_escaped_and_control_characters_refused() -> None:
    base = ISSUES[0][1]
    item = Item("标题<b>&amp;\"引号\"", (Paragraph.plain("正文 <script>alert(1)</script> & ]]> 结束。"),), ("县<商务>局",))
    data = render_ofd(dataclasses.replace(base, items=(item,), publisher="县政府办公室&<>"))
    parts = check_package(data)
    text = "".join(code.text or "" for page in parts.pages for code in page.iter(f"{_N}TextCode"))
    assert "<script>alert(1)</script>" in text and "]]>" in text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"<script>" not in package.read("Doc_0/Pages/Page_0/Content.xml")
    with pytest.raises(ValueError, match="control characters"):
        render_ofd(dataclasses.replace(base, items=(Item("标题", (Paragraph.plain("坏\x07字符"),), ()),)))


def test_same_bulletin_gives_same_bytes() -> None:
    assert render_ofd(ISSUES[0][1]) == render_ofd(ISSUES[0][1])


@pytest.mark.parametrize(("name", "bulletin"), [issue for issue in ISSUES if issue[1].marks], ids=lambda v: str(v)[:12])
def test_marked_issue_round_trips_through_the_ofd_reader(name: str, bulletin: Bulletin) -> None:
    """The OFD reader (kuaibao.core.parse.ofd) gives back every field, the marks included."""
    from kuaibao.core.parse import parse_bytes
    from tests.core.test_render_round_trip import comparable

    assert comparable(parse_bytes(render_ofd(bulletin), "round-trip.ofd")) == comparable(bulletin)
