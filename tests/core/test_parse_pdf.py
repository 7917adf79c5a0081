"""The PDF reader: paragraphs rebuilt from positioned characters, page furniture dropped.

Real PDFs come from tests/fixtures/pdf/ (made by make.py there: synthetic bold, running heads,
encryption) and tests/fixtures/formats/ (the official fixtures, exported from DOCX by
LibreOffice). Layout rules are also checked on hand-placed glyphs through `layout`, and bad
input on tiny PDFs written out in this file.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Span
from kuaibao.core.parse import parse_bytes
from kuaibao.core.parse.blocks import Block, Reading
from kuaibao.core.parse.pdf import MAX_PAGES, Glyph, PageText, layout, read_pdf
from tests.golden import CORPUS, FIXTURES, differences, load_gold

PDF_FIXTURES = FIXTURES / "pdf"
FORMATS = FIXTURES / "formats"
SYNTHETIC = PDF_FIXTURES / "synthetic-bold.pdf"
SYNTHETIC_SOURCE = "000_14293bf241bcd247"
RUNNING_HEAD = "延津县人民政府办公室编 内部资料"
OFFICIAL_PDFS = sorted(FORMATS.glob("*.pdf"))

_SPACE = re.compile(r"\s+|\u3000")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text.replace("**", ""))


def read(path: Path) -> Reading:
    return read_pdf(path.read_bytes())


def texts(reading: Reading) -> list[str]:
    return [block.text for block in reading.blocks if not block.rule]


def source_paragraphs(name: str) -> list[str]:
    """The corpus text's paragraphs, with the blank lines page breaks left mid-sentence closed,
    the way make.py typed them into the DOCX it exported."""
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", (CORPUS / f"{name}.txt").read_text("utf-8")):
        text = squeeze(chunk)
        if not text:
            continue
        if (
            len(out) > 4
            and not re.search(r"[。）)】]$", out[-1])
            and not text.startswith(("【", "本期发", "责任编辑", "审核", "签发"))
        ):
            out[-1] += text
        else:
            out.append(text)
    return out


def official(name: str) -> Path:
    path = FORMATS / name
    if not path.exists():
        pytest.skip(f"{path} not made yet (scripts/make_fixtures.py)")
    return path


# --- page furniture ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        (SYNTHETIC, r"—\s*\d+\s*—"),
        (FORMATS / "000_14293bf241bcd247.pdf", r"—\s*\d+\s*—"),
        (FORMATS / "000_14293bf241bcd247.word-habits.pdf", r"第\s*\d+\s*页\s*共\s*\d+\s*页"),
    ],
    ids=["synthetic", "official", "word-habits"],
)
def test_drops_page_numbers(path: Path, pattern: str) -> None:
    raw = read_pdf(official(path.name).read_bytes() if path.parent == FORMATS else path.read_bytes())
    assert not [t for t in texts(raw) if re.search(pattern, t)]


def test_drops_running_heads_with_a_warning_per_page() -> None:
    reading = read(SYNTHETIC)
    assert not [t for t in texts(reading) if squeeze(RUNNING_HEAD) in squeeze(t)]
    dropped = [w for w in reading.warnings if w.code == "running-head-dropped"]
    assert [(w.page, w.line) for w in dropped] == [(page, 1) for page in range(1, 6)]
    assert all("页眉" in w.message for w in dropped)


def test_running_head_repeating_the_masthead_title_keeps_the_masthead() -> None:
    reading = read(official("000_14293bf241bcd247.word-habits.pdf"))
    first = reading.blocks[0]
    assert (first.text, first.page, first.heading) == ("延津政务快报", 1, 1)
    assert sum(1 for t in texts(reading) if t == "延津政务快报") == 1
    assert {w.page for w in reading.warnings if w.code == "running-head-dropped"} == set(range(1, 8))


# --- paragraphs -------------------------------------------------------------------------------


def test_rejoins_wrapped_lines_into_one_block_per_paragraph() -> None:
    reading = read(SYNTHETIC)
    assert [squeeze(t) for t in texts(reading)] == source_paragraphs(SYNTHETIC_SOURCE)


def test_joins_sentence_broken_by_page_break_with_a_warning() -> None:
    reading = read(SYNTHETIC)
    joined = [w for w in reading.warnings if w.code == "page-break-joined"]
    assert [(w.page, w.line) for w in joined] == [(2, 26)]  # the last line of text on page 2
    block = next(b for b in reading.blocks if b.text.startswith("县科工局"))
    assert block.page == 2
    assert squeeze(block.text).endswith("今年以来，企业反映问题42项，解决率达100%。（科工局）")
    following = reading.blocks[reading.blocks.index(block) + 1]
    assert following.page == 3 and not following.page_break_before


def test_blocks_know_their_page_line_and_page_breaks() -> None:
    reading = read(SYNTHETIC)
    assert all(b.page is not None and b.line is not None for b in reading.blocks)
    starts = [b for b in reading.blocks if b.page_break_before]
    assert [b.page for b in starts] == [2, 4, 5]
    assert (reading.blocks[0].page, reading.blocks[0].line) == (1, 2)  # line 1 is the running head
    assert reading.format == "pdf" and reading.encoding is None


def test_title_on_its_own_line_is_a_line_break_in_the_block() -> None:
    reading = read(SYNTHETIC)
    block = next(b for b in reading.blocks if b.text.startswith("县乡村振兴局"))
    title, body = block.text.split("\n")
    assert title == "县乡村振兴局建立双向推送预警帮扶机制实现主动精准帮扶"
    assert body.startswith("分层级设立县、乡、村、组")


def test_masthead_lines_stay_separate() -> None:
    reading = read(official("000_14293bf241bcd247.pdf"))
    assert [squeeze(t) for t in texts(reading)[:4]] == [
        "延津政务快报",
        "第41期",
        "延津县人民政府办公室",
        "2023年9月8日",
    ]
    assert reading.blocks[0].heading == 1
    assert any(b.rule for b in reading.blocks[:6])  # the red rule under the masthead


@pytest.mark.parametrize(
    "name", ["000_14293bf241bcd247.pdf", "000_14293bf241bcd247.word-habits.pdf"], ids=["hanging indent", "table cell"]
)
def test_distribution_wrapped_in_its_own_box_is_one_block(name: str) -> None:
    reading = read(official(name))
    block = next(b for b in reading.blocks if b.text.startswith("本期发"))
    assert squeeze(block.text) == "本期发：" + squeeze(load_gold("000_14293bf241bcd247")["distribution"])


def test_justified_line_ending_in_a_line_break_is_a_hard_break() -> None:
    # Word stretches a justified line that ends in Shift+Enter over the whole width.
    reading = read(official("000_14293bf241bcd247.word-habits.pdf"))
    block = next(b for b in reading.blocks if b.text.startswith("东屯镇"))
    assert block.text.split("\n")[0] == "东屯镇狠抓项目建设促进经济发展"


def test_picture_inside_a_paragraph_does_not_break_it() -> None:
    reading = read(official("000_14293bf241bcd247.word-habits.pdf"))
    block = next(b for b in reading.blocks if b.text.lstrip().startswith("通过评标席位制"))
    assert squeeze(block.text).endswith("交易额达21.4亿。")


# --- bold -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [SYNTHETIC, FORMATS / "000_14293bf241bcd247.pdf"],
    ids=["synthetic bold (fill and stroke)", "bold font face"],
)
def test_bold_lead_in_titles_come_through(path: Path) -> None:
    reading = read(path if path.parent != FORMATS else official(path.name))
    gold = load_gold("000_14293bf241bcd247")
    for item in gold["items"]:
        block = next(b for b in reading.blocks if squeeze(b.text).startswith(squeeze(item["title"])))
        assert block.spans[0].bold, item["title"]
        assert squeeze(block.spans[0].text) == squeeze(item["title"])
        assert not any(span.bold for span in block.spans[1:])


def test_plain_text_is_never_bold() -> None:
    reading = read(SYNTHETIC)
    for block in reading.blocks[1:4] + [b for b in reading.blocks if b.text.startswith(("本期发", "责任编辑"))]:
        assert not any(span.bold for span in block.spans), block.text


# --- the whole bulletin -----------------------------------------------------------------------


@pytest.mark.parametrize("path", OFFICIAL_PDFS, ids=[p.name for p in OFFICIAL_PDFS])
def test_official_pdf_parses_to_gold(path: Path) -> None:
    bulletin = parse_bytes(path.read_bytes(), path.name)
    assert differences(bulletin, load_gold(path.name[: len(SYNTHETIC_SOURCE)])) == []


def test_synthetic_bold_pdf_parses_to_gold() -> None:
    bulletin = parse_bytes(SYNTHETIC.read_bytes(), SYNTHETIC.name)
    assert differences(bulletin, load_gold(SYNTHETIC_SOURCE)) == []
    assert bulletin.provenance is not None and bulletin.provenance.format == "pdf"


# --- layout rules on hand-placed glyphs -------------------------------------------------------

SIZE = 16.0
LEFT, RIGHT = 80.0, 80.0 + 28 * SIZE


def glyph_line(text: str, x: float, y: float, *, size: float = SIZE, bold: bool = False) -> list[Glyph]:
    glyphs = []
    for char in text:
        width = size if ord(char) > 0x2E7F else size / 2
        glyphs.append(Glyph(char, x, x + width, y, size, "TestSerif", bold))
        x += width
    return glyphs


def page(number: int, lines: list[tuple[str, float]], *, top: float = 100.0, pitch: float = 29.0) -> PageText:
    """Lines given as (text, x0), one under another."""
    glyphs = [g for index, (text, x) in enumerate(lines) for g in glyph_line(text, x, top + index * pitch)]
    return PageText(number, 595.0, 842.0, glyphs)


CJK_FULL = "县政务服务和大数据管理局持续推进政务服务好差评工作在政务服务大厅"  # 32 characters


def paragraph(start: int = 0, lines: int = 3) -> list[tuple[str, float]]:
    """An indented paragraph: full lines, then a short last line."""
    text = (CJK_FULL * 4)[start:]
    out = [(text[:26], LEFT + 2 * SIZE)]
    position = 26
    for _ in range(lines - 2):
        out.append((text[position : position + 28], LEFT))
        position += 28
    out.append((text[position : position + 10] + "。", LEFT))
    return out


def test_joins_chinese_lines_without_spaces_and_latin_words_with_one() -> None:
    latin = [("Reporting units send their items to the county office", LEFT + 2 * SIZE), ("by noon on Friday.", LEFT)]
    reading = layout([page(1, paragraph() + paragraph(3) + latin)])
    assert len(reading.blocks) == 3
    assert " " not in reading.blocks[0].text and "\n" not in reading.blocks[0].text
    assert reading.blocks[2].text == "Reporting units send their items to the county office by noon on Friday."


def stretched_row_page(next_line: str) -> PageText:
    """A full line split by a wide gap after "iPhone" (no space glyph in it, as pdfium gives a
    word space that justification widened), then `next_line`, then another paragraph."""
    lines = paragraph()[:2]
    glyphs = [g for index, (text, x) in enumerate(lines) for g in glyph_line(text, x, 100.0 + 29 * index)]
    y = 100.0 + 29 * len(lines)
    glyphs += glyph_line("县政务服务和大数据管理局持续推进iPhone", LEFT, y)  # ends at LEFT + 19 * SIZE
    glyphs += glyph_line("15推进", RIGHT - 3 * SIZE, y)  # six sizes further on, ending at the right edge
    glyphs += glyph_line(next_line, LEFT, y + 29)
    rest = paragraph(5)
    glyphs += [g for index, (text, x) in enumerate(rest) for g in glyph_line(text, x, y + 29 * (index + 2))]
    return PageText(1, 595.0, 842.0, glyphs)


def test_word_space_widened_by_justification_is_one_space() -> None:
    """WeasyPrint justifies a line by widening its spaces alone: where a long figure did not fit
    at the end of a line, the line's one Latin word space takes all the slack."""
    reading = layout([stretched_row_page("6179912345678%，化街。")])
    start = "".join(text for text, _ in paragraph()[:2])
    assert texts(reading)[0] == start + "县政务服务和大数据管理局持续推进iPhone 15推进6179912345678%，化街。"
    assert len(reading.blocks) == 2


def test_gap_wider_than_the_next_lines_first_word_still_separates_fields() -> None:
    """The same row before a line whose first word would have fitted into the gap: no
    justification left that much room, so the gap is a tab between fields."""
    reading = layout([stretched_row_page("化街6179912345678%。")])
    assert texts(reading)[1:4] == ["县政务服务和大数据管理局持续推进iPhone", "15推进", "化街6179912345678%。"]


def test_ideographic_space_between_title_and_body_is_kept_as_a_space() -> None:
    lines = [("县医保局多措并举\u3000通过组织召开专题学习会和工作推进会在各", LEFT + 2 * SIZE), *paragraph()[1:]]
    reading = layout([page(1, lines + paragraph(5))])
    assert reading.blocks[0].text.startswith("县医保局多措并举 通过组织")


@pytest.mark.parametrize("number", ["— 3 —", "- 3 -", "第 3 页", "第3页 共5页", "共5页 第3页", "3/5", "3"])
def test_drops_page_number_forms(number: str) -> None:
    lines = paragraph() + paragraph(7) + [(number, 280.0)]
    reading = layout([page(1, lines)])
    assert all(number.strip("—- ") not in b.text[-3:] for b in reading.blocks)
    assert len(reading.blocks) == 2


def test_lone_number_is_kept_inside_the_text() -> None:
    lines = [*paragraph(), ("2023", LEFT + 2 * SIZE), *paragraph(7)]
    reading = layout([page(1, lines)])
    assert "2023" in texts(reading)


def test_centred_lines_stay_separate() -> None:
    masthead = [("延津政务快报", 250.0), ("第 41 期", 270.0)]
    reading = layout([page(1, masthead + paragraph() + paragraph(2))])
    assert texts(reading)[:2] == ["延津政务快报", "第 41 期"]


def test_unindented_line_after_full_line_on_next_page_is_joined() -> None:
    # The page's first block continues the last page's; the next block starts no page.
    first = page(1, paragraph() + paragraph(4, lines=4)[:-1])  # ends on a full line
    second = page(2, [("继续写完这句话。", LEFT), *paragraph(6)])
    reading = layout([first, second])
    assert texts(reading)[1].endswith("继续写完这句话。")
    assert [(w.code, w.page) for w in reading.warnings] == [("page-break-joined", 1)]
    assert not any(b.page_break_before for b in reading.blocks)


def test_indented_line_on_next_page_starts_a_new_block() -> None:
    first = page(1, paragraph() + paragraph(4, lines=4)[:-1])
    second = page(2, paragraph(6))
    reading = layout([first, second])
    assert len(reading.blocks) == 3 and reading.blocks[2].page_break_before
    assert not reading.warnings


def bold_page(lines: list[tuple[str, float, bool]]) -> PageText:
    glyphs = [g for i, (text, x, bold) in enumerate(lines) for g in glyph_line(text, x, 100.0 + 29 * i, bold=bold)]
    return PageText(1, 595.0, 842.0, glyphs)


def test_section_after_a_full_line_ending_a_sentence_starts_a_block() -> None:
    first = [(text, x, False) for text, x in paragraph()]
    full_end = [(CJK_FULL[:27] + "。", LEFT, False)]
    rest = [(text, x, False) for text, x in paragraph(5)]
    reading = layout([bold_page(first[:2] + full_end + [("【项目建设】", LEFT, True)] + rest)])
    assert texts(reading)[1] == "【项目建设】"


def test_bold_line_after_a_full_line_mid_sentence_goes_on() -> None:
    first = [(text, x, False) for text, x in paragraph()]
    bold = [("一是统筹协调科学谋划", LEFT, True)]
    rest = [(text, x, False) for text, x in paragraph(5)]
    reading = layout([bold_page(first[:2] + bold + rest)])
    assert texts(reading)[0].endswith(first[1][0] + "一是统筹协调科学谋划")


def test_overstruck_glyphs_become_one_bold_glyph() -> None:
    lines = paragraph()
    glyphs = glyph_line("县医保局", LEFT + 2 * SIZE, 100.0)
    shifted = [Glyph(g.text, g.x0 + 0.4, g.x1 + 0.4, g.baseline, g.size, g.font) for g in glyphs]
    rest = glyph_line(lines[0][0][4:], LEFT + 6 * SIZE, 100.0)
    body = [g for i, (text, x) in enumerate(lines[1:] + paragraph(3), 1) for g in glyph_line(text, x, 100.0 + 29 * i)]
    reading = layout([PageText(1, 595.0, 842.0, glyphs + shifted + rest + body)])
    first = reading.blocks[0]
    assert first.spans[0].bold and first.spans[0].text == "县医保局"
    assert first.text.startswith("县医保局" + lines[0][0][4:])


def hei_page(body_font: str) -> PageText:
    lines = [("县医保局多措并举" + CJK_FULL[:18], LEFT + 2 * SIZE), *paragraph()[1:], *paragraph(2)]
    glyphs = [g for index, (text, x) in enumerate(lines) for g in glyph_line(text, x, 100.0 + 29 * index)]
    fonts = ["SimHei" if index < 8 else body_font for index in range(len(glyphs))]
    styled = [Glyph(g.text, g.x0, g.x1, g.baseline, g.size, f) for g, f in zip(glyphs, fonts, strict=True)]
    return PageText(1, 595.0, 842.0, styled)


def test_hei_lead_in_inside_fangsong_text_is_bold() -> None:
    block = layout([hei_page("FangSong_GB2312")]).blocks[0]
    assert block.spans[0] == Span("县医保局多措并举", bold=True)
    assert not block.spans[1].bold


def test_text_all_in_hei_faces_is_not_bold() -> None:
    block = layout([hei_page("WenQuanYiZenHei")]).blocks[0]
    assert not any(span.bold for span in block.spans)


def test_kangxi_radicals_are_mapped_to_ideographs_with_a_warning() -> None:
    lines = [("⼈⺠政府⼯作报告" + CJK_FULL[:18], LEFT + 2 * SIZE), *paragraph()[1:], *paragraph(2)]
    reading = layout([page(1, lines)])
    assert reading.blocks[0].text.startswith("人民政府工作报告")
    assert [w.code for w in reading.warnings] == ["radicals-replaced"]


# --- bad input --------------------------------------------------------------------------------


def minimal_pdf(pages: list[bytes], *, extra: dict[int, bytes] | None = None, kids: int | None = None) -> bytes:
    """A PDF with one page per content stream (Helvetica as F1, an image as Im1), or `kids`
    empty pages."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
    }
    refs = []
    resources = b"<< /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >>"
    count = kids if kids is not None else len(pages)
    for index in range(count):
        page_id, content_id = 10 + 2 * index, 11 + 2 * index
        content = pages[index] if kids is None else b""
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" /Contents "
            + str(content_id).encode()
            + b" 0 R >>"
        )
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        refs.append(b"%d 0 R" % page_id)
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(refs) + b"] /Count %d >>" % count
    objects.update(extra or {})
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def refuses(data: bytes) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_pdf(data)
    reason = caught.value.reason
    assert reason and "\n" not in reason
    return reason


def test_minimal_pdf_with_text_reads() -> None:
    reading = read_pdf(minimal_pdf([b"BT /F1 12 Tf 72 720 Td (County bulletin) Tj ET"]))
    assert texts(reading) == ["County bulletin"]


def test_drops_rotated_watermark_with_a_warning() -> None:
    content = (
        b"BT /F1 12 Tf 72 720 Td (County bulletin) Tj ET "
        b"BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 150 300 Tm (INTERNAL) Tj ET"
    )
    reading = read_pdf(minimal_pdf([content]))
    assert texts(reading) == ["County bulletin"]
    assert [(w.code, w.page) for w in reading.warnings] == [("rotated-text-dropped", 1)]
    assert "INTERNAL" in reading.warnings[0].message


def test_warns_about_characters_without_unicode() -> None:
    lines = [("县政务服务\ufffd大数据管理局持续推进政务服务好差评工作在", LEFT + 2 * SIZE), *paragraph()[1:]]
    reading = layout([page(1, lines + paragraph(2))])
    assert [(w.code, w.page) for w in reading.warnings] == [("undecodable-characters", 1)]


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04 not a pdf", "延津政务快报".encode()])
def test_refuses_what_is_not_a_pdf(data: bytes) -> None:
    assert "不是 PDF" in refuses(data)


def test_refuses_truncated_pdf() -> None:
    data = SYNTHETIC.read_bytes()
    assert "不完整" in refuses(data[: len(data) // 2])


def test_refuses_corrupt_pdf() -> None:
    garbage = zlib.compress(bytes(range(256)) * 20)
    assert "PDF" in refuses(b"%PDF-1.7\n" + garbage + b"\n%%EOF\n")


def test_refuses_password_protected_pdf() -> None:
    assert "密码" in refuses((PDF_FIXTURES / "encrypted.pdf").read_bytes())


def test_reads_pdf_encrypted_with_an_owner_password_only() -> None:
    assert texts(read_pdf((PDF_FIXTURES / "owner-password.pdf").read_bytes())) == ["Open but restricted"]


def test_refuses_image_only_pdf() -> None:
    scan = b"q 400 0 0 600 100 100 cm /Im1 Do Q"
    assert refuses(minimal_pdf([scan, scan])) == "PDF 无文本层（可能是扫描件），需要先做文字识别"


def test_warns_about_a_page_without_text() -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Page one) Tj ET"
    reading = read_pdf(minimal_pdf([text, b"q 400 0 0 600 100 100 cm /Im1 Do Q"]))
    assert [(w.code, w.page) for w in reading.warnings] == [("page-without-text", 2)]


def test_refuses_pdf_without_pages() -> None:
    assert "PDF" in refuses(minimal_pdf([]))


def test_refuses_pdf_with_too_many_pages() -> None:
    assert str(MAX_PAGES) in refuses(minimal_pdf([], kids=MAX_PAGES + 1))


def test_refuses_text_layer_without_unicode() -> None:
    # Characters in the private use area: a font without a ToUnicode map, as scans often have.
    pua = "".join(chr(0xE000 + i) for i in range(40))
    glyphs = glyph_line(pua, LEFT, 100.0)
    with pytest.raises(UnreadableInput, match="无法解码"):
        layout([PageText(1, 595.0, 842.0, glyphs)])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_unreadable_input(data: bytes) -> None:
    for candidate in (data, b"%PDF-1.7\n" + data + b"\n%%EOF\n"):
        try:
            read_pdf(candidate)
        except UnreadableInput as exc:
            assert exc.reason and "\n" not in exc.reason


_SEED = minimal_pdf([b"BT /F1 12 Tf 72 720 Td (County bulletin) Tj ET", b"BT /F1 12 Tf 72 700 Td (Page two) Tj ET"])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_SEED) - 1), st.binary(min_size=1, max_size=8)), max_size=6))
def test_damaged_pdfs_read_or_raise_only_unreadable_input(edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(_SEED)
    for position, replacement in edits:
        data[position : position + len(replacement)] = replacement
    try:
        reading = read_pdf(bytes(data))
    except UnreadableInput as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert all(isinstance(block, Block) for block in reading.blocks)
