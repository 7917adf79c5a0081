"""The PDF renderer: the official page, red masthead, embedded CJK fonts, clean pagination.

Pages are turned into PNG with pdftoppm (poppler-utils) and their pixels read here; fonts are
listed with pdffonts; glyph positions come from pdfium through the PDF reader's extractor.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
import shutil
import struct
import subprocess
import zlib
from collections import defaultdict
from pathlib import Path

import pytest

from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.parse import parse_bytes
from kuaibao.core.parse.pdf import Glyph, PageText, extract_pages
from kuaibao.core.render.json import from_dict
from kuaibao.core.render.pdf import render_pdf
from tests.core.test_render_round_trip import WORDS, long_issue, prose
from tests.golden import CORPUS_NAMES, load_gold
from tests.strategies import SECTIONS, UNITS

MM = 72 / 25.4
BODY_SIZE = 16.0
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None, reason="poppler-utils not installed"
)


@pytest.fixture(scope="module")
def corpus_pdf() -> bytes:
    return render_pdf(from_dict(load_gold(CORPUS_NAMES[0])))


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return render_pdf(long_issue())


# --- reading the pages back ------------------------------------------------------------------


@dataclasses.dataclass
class Line:
    baseline: float
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in sorted(self.glyphs, key=lambda g: g.x0)).strip()

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs if g.text.strip())

    @property
    def bold(self) -> bool:
        return all(g.bold for g in self.glyphs if g.text.strip())


def lines(page: PageText) -> list[Line]:
    rows: dict[int, list[Glyph]] = defaultdict(list)
    for glyph in page.glyphs:
        rows[round(glyph.baseline)].append(glyph)
    out = [Line(float(y), glyphs) for y, glyphs in sorted(rows.items())]
    return [line for line in out if line.text]


def body_lines(page: PageText) -> list[Line]:
    """The page's lines above its page number."""
    return [line for line in lines(page) if not re.fullmatch(r"— \d+ —", line.text)]


def png_pages(pdf: bytes, folder: Path, resolution: int = 40) -> list[Path]:
    source = folder / "bulletin.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced PNG (as pdftoppm writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert (depth, colour) == (8, 2), "expected 8-bit RGB"
    raw = zlib.decompress(b"".join(chunks))
    stride, rows, previous = width * 3, [], bytearray(width * 3)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - 3] if x >= 3 else 0
            up, corner = previous[x], previous[x - 3] if x >= 3 else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def red(row: bytes, x: int) -> bool:
    r, g, b = row[3 * x : 3 * x + 3]
    return r > 180 and g < 100 and b < 100


def dark(row: bytes, x: int) -> bool:
    r, g, b = row[3 * x : 3 * x + 3]
    return r < 90 and g < 90 and b < 90


# --- the page --------------------------------------------------------------------------------


@needs_poppler
def test_masthead_title_and_rule_are_red_and_the_body_black(corpus_pdf: bytes, tmp_path: Path) -> None:
    first = png_pages(corpus_pdf, tmp_path, resolution=60)[0]
    width, height, rows = read_png(first)
    top = rows[: 2 * height // 5]
    title_red = sum(red(row, x) for row in top for x in range(width))
    assert title_red > 0.01 * width * len(top)
    # The rule under the masthead: a row red across most of the text block.
    assert any(sum(red(row, x) for x in range(width)) > 0.9 * 156 / 210 * width for row in top)
    body = rows[height // 2 : 4 * height // 5]
    assert sum(dark(row, x) for row in body for x in range(width)) > 0.01 * width * len(body)
    assert not any(red(row, x) for row in body for x in range(width))


@needs_poppler
def test_fonts_are_embedded_subset_cjk_fonts_with_unicode_maps(corpus_pdf: bytes, tmp_path: Path) -> None:
    source = tmp_path / "bulletin.pdf"
    source.write_bytes(corpus_pdf)
    listing = subprocess.run(["pdffonts", str(source)], check=True, capture_output=True, text=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts
    for row in fonts:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    names = " ".join(row.split()[0] for row in fonts)
    assert "Serif-CJK-SC" in names and "Serif-CJK-SC-Bold" in names and "Sans-CJK-SC" in names


def test_page_is_a4_with_the_text_block_of_gb9704(long_pdf: bytes) -> None:
    pages = extract_pages(long_pdf)
    assert {(round(p.width), round(p.height)) for p in pages} == {(595, 842)}
    second = body_lines(pages[1])
    left = min(line.x0 for line in second)
    assert abs(left - 28 * MM) < 1
    # The first line's box starts at the 37 mm margin: its baseline is half the leading and the
    # ascent (0.88 em) further down.
    assert abs(second[0].baseline - (37 * MM + (225 * MM / 22 - BODY_SIZE) / 2 + 0.88 * BODY_SIZE)) < 1
    # 22 lines of 28 characters: the line pitch is 225 mm / 22, and full lines hold 28.
    pitches = [b.baseline - a.baseline for a, b in itertools.pairwise(second)]
    assert abs(sorted(pitches)[len(pitches) // 2] - 225 * MM / 22) < 0.2
    chinese = [line.text for line in second if not re.search(r"[0-9A-Za-z%]", line.text)]
    assert max(len(text) for text in chinese) == 28  # digits are narrower: such lines hold more
    assert all(line.baseline < (297 - 35) * MM + 2 for line in second)


def test_page_numbers_in_dash_style_centred_below_the_text(long_pdf: bytes) -> None:
    pages = extract_pages(long_pdf)
    assert len(pages) >= 8
    for page in pages:
        last = lines(page)[-1]
        assert last.text == f"— {page.number} —"
        centre = (min(g.x0 for g in last.glyphs) + max(g.x1 for g in last.glyphs)) / 2
        assert abs(centre - (28 + 156 / 2) * MM) < 3
        assert last.baseline > (297 - 35) * MM


def test_lead_in_titles_are_in_the_bold_face(corpus_pdf: bytes) -> None:
    gold = load_gold(CORPUS_NAMES[0])
    glyphs = [g for page in extract_pages(corpus_pdf) for g in page.glyphs]
    text = "".join(g.text for g in glyphs)
    for item in gold["items"][:3]:
        start = text.index(item["title"][:6])
        assert all("Bold" in g.font for g in glyphs[start : start + 6])
    body = text.index("通过评标席位制")
    assert not any("Bold" in g.font for g in glyphs[body : body + 6])


def test_same_bulletin_gives_the_same_bytes(corpus_pdf: bytes) -> None:
    assert render_pdf(from_dict(load_gold(CORPUS_NAMES[0]))) == corpus_pdf


# --- pagination -------------------------------------------------------------------------------


def crowded_issue(seed: int) -> Bulletin:
    """Items of random lengths in many sections: page ends fall on headings and titles."""
    rng = random.Random(seed)
    items = []
    sections = rng.sample(SECTIONS, k=min(len(SECTIONS), 3 + seed % 3))
    for section in sections:
        for _ in range(rng.randint(1, 4)):
            unit = rng.choice(UNITS)
            title = unit + "".join(rng.sample(WORDS, k=rng.randint(1, 3)))
            paragraphs = tuple(Paragraph.plain(prose(rng, rng.randint(1, 6))) for _ in range(rng.randint(1, 2)))
            items.append(Item(title, paragraphs, (unit,), section))
    return dataclasses.replace(long_issue(), items=tuple(items))


def page_ends(pdf: bytes, bulletin: Bulletin) -> list[tuple[int, Line]]:
    pages = extract_pages(pdf)
    return [(page.number, body_lines(page)[-1]) for page in pages[:-1] if body_lines(page)]


def swept_issue(extra_lines: int) -> Bulletin:
    """A first item that grows a line at a time, so that the next section's heading and the
    following two-line title fall on every one of the last lines of the first page."""
    rng = random.Random(extra_lines)
    body = "全县" + "推进项目建设促进经济发展提速" * (16 + 2 * extra_lines) + "。"  # 28 characters a line
    first = Item("县商务局推进电商发展", (Paragraph.plain(body),), ("县商务局",), "项目建设")
    title = "县政务服务和大数据管理局深化“放管服”改革持续优化营商环境推动政务服务提质增效"
    second = Item(title, (Paragraph.plain(prose(rng, 4)),), ("县政务服务和大数据管理局",), "优化营商环境")
    third = Item("东屯镇抓项目促发展", (Paragraph.plain(prose(rng, 8)),), ("东屯镇",), "民生保障")
    return dataclasses.replace(long_issue(), items=(first, second, third))


PAGINATION_CASES = [("swept", n) for n in range(9)] + [("crowded", seed) for seed in range(10)]


def assert_clean_page_ends(bulletin: Bulletin, pdf: bytes) -> None:
    headings = {f"【{name}】" for name in bulletin.sections}
    for number, last in page_ends(pdf, bulletin):
        assert last.text not in headings, f"section heading at the foot of page {number}"
        # A line all in bold at a page's foot is a title without its body.
        assert not last.bold, f"title {last.text!r} stranded at the foot of page {number}"


def assert_tail_on_one_page(pdf: bytes) -> None:
    pages = extract_pages(pdf)
    holding = [
        page.number
        for page in pages
        for line in body_lines(page)
        if line.text.startswith(("本期发", "送：", "（共印", "责任编辑"))
    ]
    assert len(holding) == 4 and len(set(holding)) == 1, f"tail spread over pages {sorted(set(holding))}"
    assert len(pages[holding[0] - 1].rules) >= 2  # the tail's rules above and below


@pytest.mark.parametrize(("kind", "number"), PAGINATION_CASES)
def test_no_heading_or_title_at_a_page_foot_and_the_tail_on_one_page(kind: str, number: int) -> None:
    bulletin = swept_issue(number) if kind == "swept" else crowded_issue(number)
    pdf = render_pdf(bulletin)
    assert len(extract_pages(pdf)) >= 2
    assert_clean_page_ends(bulletin, pdf)
    assert_tail_on_one_page(pdf)


def test_long_issue_has_many_pages_and_sections(long_pdf: bytes) -> None:
    pages = extract_pages(long_pdf)
    assert len(pages) >= 8
    headings = [line.text for page in pages for line in body_lines(page) if line.text.startswith("【")]
    assert len(headings) == 6


def test_hyphenated_words_and_ranges_keep_their_hyphen_at_any_place_in_the_line() -> None:
    """WeasyPrint writes a hyphen that ends a line without its Unicode; the renderer keeps
    hyphenated runs on one line, wherever the line would break."""
    base = from_dict(load_gold(CORPUS_NAMES[0]))
    for pad in range(28):
        body = "交流" + "业" * pad + "通过e-mail报送，种植优质麦4万-5万亩。"
        item = Item("县商务局推进电商", (Paragraph.plain(body),), ("县商务局",), None)
        parsed = parse_bytes(render_pdf(dataclasses.replace(base, items=(item,))))
        assert parsed.items[0].body == body
