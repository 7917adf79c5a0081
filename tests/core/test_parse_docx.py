"""The DOCX reader: blocks with bold spans, headings, rules, tables; bad files refused cleanly."""

from __future__ import annotations

import dataclasses
import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse import parse_bytes
from kuaibao.core.parse.blocks import Block, Reading
from kuaibao.core.parse.docx import read_docx
from kuaibao.core.render.docx import render_docx
from kuaibao.core.render.json import from_dict, to_dict
from tests.golden import CORPUS_NAMES, FIXTURES, differences, load_gold, norm
from tests.strategies import bulletins

FORMATS = FIXTURES / "formats"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def fixture(name: str) -> bytes:
    return (FORMATS / name).read_bytes()


def docx_bytes(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def bold_leads(reading: Reading) -> list[str]:
    return [block.spans[0].text for block in reading.blocks if block.spans and block.spans[0].bold]


def texts(reading: Reading) -> list[str]:
    return [block.text for block in reading.blocks if not block.rule]


def refused(data: bytes) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_docx(data)
    reason = caught.value.reason
    assert CHINESE.search(reason) and "\n" not in reason
    return reason


# --- the committed fixtures ---------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_bold_lead_ins_are_the_gold_titles(name: str) -> None:
    reading = read_docx(fixture(f"{name}.docx"))
    assert reading.format == "docx"
    assert [norm(t) for t in bold_leads(reading)] == [norm(i["title"]) for i in load_gold(name)["items"]]


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_masthead_and_sections_are_headings_and_rules_are_read(name: str) -> None:
    gold = load_gold(name)
    blocks = read_docx(fixture(f"{name}.docx")).blocks
    assert (blocks[0].text, blocks[0].heading) == (gold["title"], 1)
    assert [b.rule for b in blocks[:5]] == [False, False, False, True, False]
    sections = [b.text for b in blocks if b.heading == 2]
    assert sections == [f"【{s}】" for s in dict.fromkeys(i["section"] for i in gold["items"])]
    # The tail stands between two rules and is the end of the document.
    assert blocks[-1].rule and blocks[-4].rule
    assert blocks[-3].text.startswith("本期发：") and blocks[-2].text.startswith("责任编辑：")


def test_lines_count_paragraphs_and_nothing_is_warned_for_a_clean_file() -> None:
    reading = read_docx(fixture(f"{CORPUS_NAMES[0]}.docx"))
    assert [b.line for b in reading.blocks[:4]] == [1, 2, 3, 4]
    assert reading.warnings == []
    assert "\t" not in "".join(texts(reading))


def test_headers_and_footers_are_not_read() -> None:
    reading = read_docx(fixture(f"{CORPUS_NAMES[0]}.word-habits.docx"))
    joined = "".join(texts(reading))
    assert joined.count("延津政务快报") == 1  # the running head in the page header is not read
    assert "共" not in joined.split("本期发")[0][-20:] and "PAGE" not in joined


class TestWordHabits:
    """The messy variant: see scripts/make_fixtures.py for what each habit is."""

    reading = read_docx(fixture(f"{CORPUS_NAMES[0]}.word-habits.docx"))
    gold = load_gold(CORPUS_NAMES[0])

    def test_title_style_is_a_heading_and_its_border_a_rule(self) -> None:
        title, rule = self.reading.blocks[:2]
        assert (title.text, title.heading) == ("延津政务快报", 1)
        assert rule.rule and rule.line == 1

    def test_table_rows_are_blocks_with_cells_joined_by_a_space(self) -> None:
        imprint = self.reading.blocks[3]
        assert imprint.text == "延津县人民政府办公室 2023年9月8日"
        assert imprint.line == 3

    def test_drawn_red_line_is_a_rule(self) -> None:
        assert self.reading.blocks[4].rule and self.reading.blocks[4].line == 4

    def test_heading_2_sections_are_headings(self) -> None:
        sections = [b.text for b in self.reading.blocks if b.heading == 2]
        assert sections == list(dict.fromkeys(i["section"] for i in self.gold["items"]))

    def test_titles_bold_by_run_character_style_or_paragraph_style(self) -> None:
        leads = [norm(t) for t in bold_leads(self.reading) if not t.startswith(tuple("项扩优民"))]
        assert leads == [norm(i["title"]) for i in self.gold["items"]]

    def test_soft_line_break_is_a_newline_inside_the_block(self) -> None:
        second = self.gold["items"][1]
        block = next(b for b in self.reading.blocks if b.text.startswith(second["title"]))
        assert block.text.startswith(second["title"] + "\n")
        assert block.text.endswith("\n（东屯镇）")

    def test_pictures_are_skipped_with_a_warning_at_their_paragraph(self) -> None:
        warnings = self.reading.warnings
        assert [w.code for w in warnings] == ["image-skipped", "image-skipped"]
        assert all(CHINESE.search(w.message) for w in warnings)
        body = next(b for b in self.reading.blocks if b.line == warnings[0].line)
        assert body.text.startswith("\u3000\u3000通过评标席位制")  # text either side of the picture stays
        assert not any(b.line == warnings[1].line for b in self.reading.blocks)  # picture-only paragraph

    def test_manual_page_break_marks_the_next_block(self) -> None:
        broken = [b.text for b in self.reading.blocks if b.page_break_before]
        assert broken == [self.gold["items"][-1]["section"]]

    def test_tail_table_rows(self) -> None:
        assert texts(self.reading)[-2:] == [
            f"本期发：{self.gold['distribution']}",
            "责任编辑：李勉\u3000审核：原超俊\u3000签发：麻彦伟",
        ]


# --- documents built here, one habit at a time --------------------------------------------


def test_tabs_are_spaces_and_breaks_are_newlines() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("县商务局\t促消费")
    run = paragraph.add_run("第一行")
    run.add_break()
    paragraph.add_run("第二行\t完")
    assert texts(read_docx(docx_bytes(doc))) == ["县商务局 促消费第一行\n第二行 完"]


def test_page_break_run_marks_the_following_block() -> None:
    doc = Document()
    doc.add_paragraph("第一页").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("第二页")
    blocks = read_docx(docx_bytes(doc)).blocks
    assert [(b.text, b.page_break_before) for b in blocks] == [("第一页", False), ("第二页", True)]


def test_heading_levels_from_styles_and_outline_levels() -> None:
    doc = Document()
    doc.add_paragraph("延津政务快报", style="Title")
    doc.add_paragraph("项目建设", style="Heading 3")
    outlined = doc.add_paragraph("民生保障")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="1"/>'))
    doc.add_paragraph("正文。")
    blocks = read_docx(docx_bytes(doc)).blocks
    assert [b.heading for b in blocks if not b.rule] == [1, 3, 2, 0]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_heading_found_by_style_name_when_the_id_is_localised() -> None:
    # Chinese Word names its heading styles "heading 1" but gives them the id "1".
    doc = Document()
    style = doc.styles["Heading 1"]
    style.element.set(qn("w:styleId"), "1")
    paragraph = doc.add_paragraph("优化营商环境")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle xmlns:w="{W}" w:val="1"/>'))
    assert read_docx(docx_bytes(doc)).blocks[0].heading == 1


def test_bold_inherited_from_paragraph_style_and_switched_off_by_a_run() -> None:
    doc = Document()
    style = doc.styles.add_style("加粗段落", 1)
    style.base_style = doc.styles["Normal"]
    style.font.bold = True
    derived = doc.styles.add_style("加粗段落二", 1)
    derived.base_style = style
    paragraph = doc.add_paragraph(style=derived)
    paragraph.add_run("县商务局促消费")
    paragraph.add_run("，正文。").bold = False
    strong = doc.add_paragraph()
    strong.add_run("东屯镇抓项目", style="Strong")
    strong.add_run(" 正文。")
    blocks = read_docx(docx_bytes(doc)).blocks
    assert [(s.text, s.bold) for s in blocks[0].spans] == [("县商务局促消费", True), ("，正文。", False)]
    assert [(s.text, s.bold) for s in blocks[1].spans] == [("东屯镇抓项目", True), (" 正文。", False)]


def test_tables_interleave_with_paragraphs_in_document_order() -> None:
    doc = Document()
    doc.add_paragraph("表前")
    table = doc.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("单位", "报送", "采用"), ("东屯镇", "8", "")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    inner = table.rows[1].cells[2].add_table(rows=1, cols=2)
    inner.rows[0].cells[0].text = "嵌套"
    inner.rows[0].cells[1].text = "表格"
    doc.add_paragraph("表后")
    blocks = read_docx(docx_bytes(doc)).blocks
    assert [(b.text, b.line) for b in blocks] == [
        ("表前", 1),
        ("单位 报送 采用", 2),
        ("东屯镇 8 嵌套 表格", 3),
        ("表后", 4),
    ]
    assert blocks[1].spans[0].bold and blocks[1].spans[0].text == "单位"


def test_empty_bordered_paragraph_is_a_rule_and_empty_paragraphs_are_skipped() -> None:
    doc = Document()
    doc.add_paragraph("第13期")
    doc.add_paragraph()
    rule = doc.add_paragraph()
    rule._p.get_or_add_pPr().append(
        parse_xml(f'<w:pBdr xmlns:w="{W}"><w:bottom w:val="single" w:sz="12" w:color="FF0000"/></w:pBdr>')
    )
    doc.add_paragraph("正文。")
    blocks = read_docx(docx_bytes(doc)).blocks
    assert [(b.text, b.rule, b.line) for b in blocks] == [("第13期", False, 1), ("", True, 3), ("正文。", False, 4)]


def test_tracked_insertions_are_read_and_deletions_dropped_with_a_warning() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("保留")
    paragraph._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins>'))
    paragraph._p.append(
        parse_xml(f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>')
    )
    reading = read_docx(docx_bytes(doc))
    assert texts(reading) == ["保留新增"]
    assert [w.code for w in reading.warnings] == ["tracked-changes"]


def test_text_box_contents_are_read_before_their_anchor() -> None:
    doc = Document()
    anchor = doc.add_paragraph("第41期")
    anchor._p.insert(
        1,
        parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            "<w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>延津政务快报</w:t></w:r></w:p>"
            "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r>"
        ),
    )
    assert texts(read_docx(docx_bytes(doc))) == ["延津政务快报", "第41期"]


def rewrite_members(data: bytes, edit: dict[str, object]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    for name, change in edit.items():
        members[name] = change(members[name])  # type: ignore[operator]
    return zip_of(members)


def bold_styled_document() -> bytes:
    doc = Document()
    style = doc.styles.add_style("信息标题", 1)
    style.font.bold = True
    doc.add_paragraph("县商务局促消费", style=style)
    doc.add_paragraph("正文。")
    return docx_bytes(doc)


def test_styles_written_with_another_prefix_are_still_resolved() -> None:
    # Styles are cut out of styles.xml by Word's "w:" spelling; other spellings parse it whole.
    def other_prefix(blob: bytes) -> bytes:
        return (
            blob.replace(b"<w:", b"<x:")
            .replace(b"</w:", b"</x:")
            .replace(b" w:", b" x:")
            .replace(b"xmlns:w=", b"xmlns:x=")
        )

    data = rewrite_members(bold_styled_document(), {"word/styles.xml": other_prefix})
    assert [b.spans[0].bold for b in read_docx(data).blocks] == [True, False]


def test_strict_open_xml_documents_are_read() -> None:
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"

    def to_strict(blob: bytes) -> bytes:
        return blob.replace(W.encode(), strict)

    data = rewrite_members(bold_styled_document(), {"word/document.xml": to_strict, "word/styles.xml": to_strict})
    reading = read_docx(data)
    assert [(b.text, b.spans[0].bold) for b in reading.blocks] == [("县商务局促消费", True), ("正文。", False)]


# --- bad input ----------------------------------------------------------------------------


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated_file_is_refused(cut: float) -> None:
    data = fixture(f"{CORPUS_NAMES[0]}.docx")
    refused(data[: int(len(data) * cut)])


def test_random_bytes_and_empty_file_are_refused() -> None:
    noise = random.Random(20230908).randbytes(5000)
    assert "ZIP" in refused(noise)
    refused(b"")
    refused(b"PK\x03\x04" + noise)


def test_zip_without_document_is_refused() -> None:
    assert "word/document.xml" in refused(zip_of({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}))
    assert "Excel" in refused(zip_of({"xl/workbook.xml": b"<workbook/>"}))


def test_password_protected_and_old_word_files_are_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert "密码" in refused(ole + "EncryptionInfo EncryptedPackage".encode("utf-16-le") + bytes(512))
    assert ".doc" in refused(ole + bytes(1024))


def test_broken_xml_is_refused() -> None:
    assert "XML" in refused(zip_of({"word/document.xml": b"<w:document><w:body><w:p>"}))
    refused(zip_of({"word/document.xml": b"<html><body>not word</body></html>"}))
    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    )
    try:
        reading = read_docx(zip_of({"word/document.xml": billion_laughs}))
    except UnreadableInput:
        return
    assert "aaaaaaaa" not in "".join(texts(reading))  # entities are never expanded


def test_zip_bomb_is_refused_before_it_is_decompressed(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/styles.xml", b"<w:styles/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(210):
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert "压缩炸弹" in refused(bomb.read_bytes())


def test_highly_compressed_member_is_refused() -> None:
    valid = fixture(f"{CORPUS_NAMES[0]}.docx")
    with zipfile.ZipFile(io.BytesIO(valid)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/media/image1.png"] = bytes(20 * 1024 * 1024)
    assert "压缩比" in refused(zip_of(members))


def test_document_without_text_is_refused() -> None:
    assert "没有文字" in refused(docx_bytes(Document()))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_unreadable_input(data: bytes) -> None:
    try:
        read_docx(data)
    except UnreadableInput as error:
        assert error.reason and "\n" not in error.reason


CLEAN = fixture(f"{CORPUS_NAMES[0]}.docx")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(CLEAN) - 1), st.binary(min_size=1, max_size=64))
def test_damaged_fixture_raises_only_unreadable_input(offset: int, junk: bytes) -> None:
    data = CLEAN[:offset] + junk + CLEAN[offset + len(junk) :]
    try:
        reading = read_docx(data)
    except UnreadableInput as error:
        assert error.reason and "\n" not in error.reason
    else:
        assert all(isinstance(block, Block) for block in reading.blocks)


# --- end to end ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name",
    [
        *CORPUS_NAMES,
        *(f"{n}.word-habits" for n in CORPUS_NAMES),
    ],
)
def test_docx_fixture_parses_to_its_gold_file(name: str) -> None:
    bulletin = parse_bytes(fixture(f"{name}.docx"), f"{name}.docx")
    assert differences(bulletin, load_gold(name.split(".")[0])) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins())
def test_rendered_bulletins_read_back_whole(bulletin: Bulletin) -> None:
    parsed = parse_bytes(render_docx(bulletin), "round-trip.docx")
    assert comparable(parsed) == comparable(bulletin)


def comparable(bulletin: Bulletin) -> dict[str, object]:
    data = to_dict(dataclasses.replace(bulletin, provenance=None))
    return data


def test_gold_round_trip_through_the_renderer() -> None:
    for name in CORPUS_NAMES:
        gold = load_gold(name)
        assert differences(parse_bytes(render_docx(from_dict(gold))), gold) == []
