"""Text recognition of scans and photos: a bulletin printed and scanned the way offices scan
parses to its gold structure; confidence is kept and doubtful characters are reported with
page, line and the line's text; hostile images get one line. (Only a few pages are recognised
here; bench/ocr.py measures accuracy and speed on the whole world corpus.)"""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import identify, ocr, parse_bytes, read_blocks
from kuaibao.core.parse.blocks import Block, Reading
from tests.golden import FIXTURES, differences, load_gold
from tests.scanner import OFFICE_200, OFFICE_300, scanned_image, scanned_pdf

PDF = (FIXTURES / "formats" / "000_14293bf241bcd247.pdf").read_bytes()


@pytest.mark.slow
def test_office_scan_at_300_dpi_parses_to_gold() -> None:
    data = scanned_pdf(PDF, OFFICE_300)
    assert identify(data).format == "pdf"
    bulletin = parse_bytes(data, "scan.pdf")
    assert differences(bulletin, load_gold("000_14293bf241bcd247")) == []
    assert bulletin.provenance is not None and bulletin.provenance.format == "pdf-scan"
    summaries = [w for w in bulletin.warnings if w.code == "ocr"]
    assert [w.page for w in summaries] == [1, 2, 3, 4, 5]
    assert "纠斜 0.8" in summaries[0].message


def test_photo_of_the_first_page_reads_the_masthead() -> None:
    data = scanned_image(PDF, OFFICE_200, page=0, fmt="JPEG")
    assert identify(data).format == "jpeg"
    reading = read_blocks(data)
    assert reading.format == "image"
    texts = [block.text for block in reading.blocks]
    assert texts[:2] == ["延津政务快报", "第41期"]
    assert any(block.rule for block in reading.blocks)  # the red rule under the masthead


def _page(*lines: str, size: int = 40) -> np.ndarray:
    from PIL import ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", size)
    image = Image.new("RGB", (1400, 120 + 90 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 60 + 90 * number), line, font=font, fill="black")
    return np.asarray(image)


def test_skew_is_measured_and_straightened() -> None:
    image = Image.fromarray(_page("县公共资源交易中心完成项目交易十五个", "交易额达二十一亿元跑出加速度")).rotate(
        2.0, fillcolor="white", expand=True
    )
    page = ocr.recognise(np.asarray(image), 300)
    assert abs(page.skew - 2.0) < 0.3
    assert [line.text for line in page.lines] == ["县公共资源交易中心完成项目交易十五个", "交易额达二十一亿元跑出加速度"]


def test_every_line_keeps_its_confidence() -> None:
    page = ocr.recognise(_page("延津政务快报", "第41期"), 300)
    assert all(0.5 < line.mean_confidence <= 1.0 for line in page.lines)
    assert all(0.0 <= char.confidence <= 1.0 for line in page.lines for char in line.chars)


def test_doubtful_character_is_reported_with_page_line_and_text() -> None:
    chars = [ocr.OcrChar(c, 100 + 40 * i, 140 + 40 * i, 0.99) for i, c in enumerate("东屯镇狠抓项目建设")]
    chars[1].confidence = 0.31
    page = ocr.OcrPage(2000, 3000, 300, 0.0, [ocr.OcrLine(200, 240, chars, number=7)], [])
    _, warnings = ocr.page_text(page, 3)
    doubtful = [w for w in warnings if w.code == "ocr-low-confidence"]
    assert len(doubtful) == 1
    assert (doubtful[0].page, doubtful[0].line) == (3, 7)
    assert "“屯”" in doubtful[0].message and "0.31" in doubtful[0].message and "“东屯镇狠抓项目建设”" in doubtful[0].message


def test_half_width_marks_in_chinese_become_full_width() -> None:
    chars = [(c, 0.9, 0.0) for c in "核查处置率100%,纳入(镇)8:30"]
    fixed = "".join(ocr._full_width(c, chars, i) for i, (c, _, _) in enumerate(chars))
    assert fixed == "核查处置率100%，纳入（镇）8:30"


def test_page_number_dashes_are_normalised() -> None:
    chars = [ocr.OcrChar(c, 0, 1, 0.5) for c in "一1-"]
    assert "".join(c.text for c in ocr._tidy_marks(chars)) == "—1—"


def test_blank_image_says_no_text_was_found() -> None:
    out = io.BytesIO()
    Image.new("RGB", (800, 1100), "white").save(out, "PNG")
    with pytest.raises(UnreadableInput, match="没有识别出文字"):
        parse_bytes(out.getvalue())


def test_truncated_image_gets_one_line() -> None:
    data = scanned_image(PDF, OFFICE_200, page=0, fmt="PNG")
    with pytest.raises(UnreadableInput) as caught:
        parse_bytes(data[: len(data) // 3])
    assert "\n" not in caught.value.reason


def test_image_too_large_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (13_000, 12_000)).save(out, "PNG")
    with pytest.raises(UnreadableInput, match="过大"):
        parse_bytes(out.getvalue())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(8, 200), st.integers(8, 200), st.integers(0, 2**32 - 1), st.sampled_from(["PNG", "JPEG", "TIFF"]))
def test_random_images_never_crash(width: int, height: int, seed: int, fmt: str) -> None:
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, fmt)
    try:
        parse_bytes(out.getvalue())
    except UnreadableInput as exc:
        assert "\n" not in exc.reason


def test_name_the_recogniser_cannot_write_is_put_back_from_the_directory() -> None:
    """胙 is not among PP-OCRv4's characters: 胙城乡 comes out as 昨城乡 or 作城乡. The office's
    directory puts it back where a look-alike of 胙 stands with 城乡, and says so; 城乡 after
    a letter that looks nothing like 胙 (统筹城乡) is left alone."""
    assert "胙" not in ocr._recogniser().characters
    reading = Reading(
        [
            Block.plain("昨城乡加速推进“三通一入地”项目建设（作城乡）", line=3, page=2),
            Block.plain("统筹城乡发展，各城乡居民受益", line=4, page=2),
        ],
        format="pdf-scan",
    )
    ocr.restore_names(reading, ["胙城乡", "县发改委"])
    assert [block.text for block in reading.blocks] == [
        "胙城乡加速推进“三通一入地”项目建设（胙城乡）",
        "统筹城乡发展，各城乡居民受益",
    ]
    restored = [w for w in reading.warnings if w.code == "ocr-name-restored"]
    assert {w.message for w in restored} == {
        "“昨城乡”按单位名录改为“胙城乡”（“胙”不在文字识别的字库中）",
        "“作城乡”按单位名录改为“胙城乡”（“胙”不在文字识别的字库中）",
    }
    assert {(w.page, w.line) for w in restored} == {(2, 3)}


@pytest.mark.slow
def test_scan_of_an_issue_naming_zuocheng_gets_its_title_and_unit_with_the_directory() -> None:
    pdf = (FIXTURES / "formats" / "003_afd944fb77b4566d.pdf").read_bytes()
    bulletin = parse_bytes(scanned_pdf(pdf, OFFICE_300), "scan.pdf", names=["胙城乡", "东屯镇"])
    gold = load_gold("003_afd944fb77b4566d")["items"][3]
    item = bulletin.items[3]
    assert (item.title, list(item.units)) == (gold["title"], gold["units"]) == ("胙城乡农旅融合激发乡村振兴新活力", ["胙城乡"])
