"""The importer reads every shape the archive holds, not just the corpus's three.

Each test rewrites a corpus bulletin into another shape that real issues take (other masthead
forms, encodings, title and attribution habits, tail layouts, hard-wrapped text with page
numbers) and checks that the structure that comes out is the gold structure, changed only
where the rewrite changed the content.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from kuaibao.core.parse import parse_bytes
from kuaibao.core.text import display_width
from tests.golden import CORPUS, differences, load_gold

PLAIN = "000_14293bf241bcd247"
MARKDOWN = "003_afd944fb77b4566d"


def source(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text("utf-8")


def parse_text(text: str, encoding: str = "utf-8") -> Any:
    return parse_bytes(text.encode(encoding), "shape.txt")


def gold(name: str) -> dict[str, Any]:
    return copy.deepcopy(load_gold(name))


# --- masthead ---------------------------------------------------------------------------------

MASTHEADS = {
    "compact": "延津政务快报\n\n第41期\n\n延津县人民政府办公室\n\n2023年9月8日",
    "chinese numerals": "延津政务快报\n\n第四十一期\n\n延津县人民政府办公室\n\n二〇二三年九月八日",
    "iso date": "延津政务快报\n第 41 期\n延津县人民政府办公室\n2023-09-08",
    "publisher and date on one line": "延津政务快报\n\n第 41 期\n\n延津县人民政府办公室　　　　　　2023 年 9 月 8 日",
    "title and issue on one line": "延津政务快报　第41期\n\n延津县人民政府办公室          2023年9月8日",
    "year in issue line": "延津政务快报\n\n2023年第41期\n\n延津县人民政府办公室\n\n2023年9月8日",
    "full-width digits": "延津政务快报\n\n第４１期\n\n延津县人民政府办公室\n\n２０２３年９月８日",
    "letter-spaced title": "延 津 政 务 快 报\n\n第 41 期\n\n延津县人民政府办公室\n\n2023 年 9 月 8 日",
    "date before publisher": "延津政务快报\n\n第 41 期\n\n2023 年 9 月 8 日\n\n延津县人民政府办公室",
}


def replace_masthead(text: str, masthead: str) -> str:
    start = text.index("【项目建设】")
    return masthead + "\n\n" + text[start:]


@pytest.mark.parametrize("shape", list(MASTHEADS))
def test_masthead_shapes(shape: str) -> None:
    bulletin = parse_text(replace_masthead(source(PLAIN), MASTHEADS[shape]))
    assert differences(bulletin, gold(PLAIN)) == []


def test_total_issue_number_is_kept_beside_the_issue() -> None:
    text = replace_masthead(source(PLAIN), "延津政务快报\n\n第 41 期（总第 512 期）\n\n延津县人民政府办公室\n\n2023年9月8日")
    bulletin = parse_text(text)
    assert (bulletin.issue, bulletin.total_issue) == (41, 512)
    assert differences(bulletin, gold(PLAIN)) == []


def test_supplement_is_flagged_and_kept_out_of_the_title() -> None:
    text = replace_masthead(source(PLAIN), "延津政务快报\n（增刊）\n\n第 3 期\n\n延津县人民政府办公室\n\n2023年9月8日")
    bulletin = parse_text(text)
    assert bulletin.supplement and bulletin.title == "延津政务快报" and bulletin.issue == 3


def test_masthead_secrecy_notice_is_not_taken_for_the_publisher() -> None:
    text = replace_masthead(source(PLAIN), "内部资料　注意保存\n\n延津政务快报\n\n第41期\n\n延津县人民政府办公室\n\n2023年9月8日")
    bulletin = parse_text(text)
    assert differences(bulletin, gold(PLAIN)) == []
    assert bulletin.marks.internal and not bulletin.marks.classification


# --- encodings and line ends -----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings(encoding: str) -> None:
    bulletin = parse_text(source(PLAIN), encoding)
    assert differences(bulletin, gold(PLAIN)) == []
    assert bulletin.provenance is not None and bulletin.provenance.encoding is not None


def test_crlf_and_old_mac_line_ends() -> None:
    for newline in ("\r\n", "\r"):
        bulletin = parse_text(source(MARKDOWN).replace("\n", newline))
        assert differences(bulletin, gold(MARKDOWN)) == []


# --- items -----------------------------------------------------------------------------------


def test_title_on_a_line_of_its_own() -> None:
    text = source(PLAIN).replace("东屯镇狠抓项目建设促进经济发展 定期", "东屯镇狠抓项目建设促进经济发展\n定期")
    text = text.replace("县商务局依托特色产业引领电商行业促消费助振兴 聚焦", "县商务局依托特色产业引领电商行业促消费助振兴\n\n聚焦")
    assert differences(parse_text(text), gold(PLAIN)) == []


def test_title_separated_by_ideographic_space() -> None:
    text = source(PLAIN).replace("东屯镇狠抓项目建设促进经济发展 定期", "东屯镇狠抓项目建设促进经济发展\u3000定期")
    assert differences(parse_text(text), gold(PLAIN)) == []


def test_attribution_on_the_next_line_and_half_width_with_spaces() -> None:
    text = source(PLAIN).replace("收益。（东屯镇）", "收益。\n( 东屯镇 )").replace("5 个。（丰庄镇）", "5 个。\n\n（ 丰庄镇 ）")
    assert differences(parse_text(text), gold(PLAIN)) == []


def test_several_units_in_one_attribution() -> None:
    text = source(PLAIN).replace("（东屯镇）", "（东屯镇  县农业农村局）").replace("（商务局）", "（商务局、供销社）")
    want = gold(PLAIN)
    want["items"][1]["units"] = ["东屯镇", "县农业农村局"]
    want["items"][3]["units"] = ["商务局", "供销社"]
    assert differences(parse_text(text), want) == []


def test_brackets_inside_the_body_are_not_an_attribution() -> None:
    text = source(PLAIN).replace("5000 余万元。（商务局）", "5000 余万元（同比增长 5%）。（商务局）")
    want = gold(PLAIN)
    want["items"][3]["body"] = want["items"][3]["body"].replace("5000余万元。", "5000余万元（同比增长5%）。")
    assert differences(parse_text(text), want) == []


def test_issue_without_sections() -> None:
    text = re.sub(r"【[^】]+】\n", "", source(PLAIN))
    want = gold(PLAIN)
    for item in want["items"]:
        item["section"] = None
    assert differences(parse_text(text), want) == []


def test_sections_as_bold_lines_and_bare_names() -> None:
    text = source(PLAIN).replace("【项目建设】", "**项目建设**").replace("【民生保障】", "民生保障")
    bulletin = parse_text(text)
    assert differences(bulletin, gold(PLAIN)) == []
    assert any(w.code == "bare-section" for w in bulletin.warnings)


def test_item_without_attribution_is_kept_and_reported() -> None:
    text = source(PLAIN).replace("收益。（东屯镇）", "收益。")
    bulletin = parse_text(text)
    want = gold(PLAIN)
    want["items"][1]["units"] = []
    assert differences(bulletin, want) == []
    assert any(w.code == "no-attribution" and "东屯镇" in w.message for w in bulletin.warnings)


# --- tail ------------------------------------------------------------------------------------


def test_sign_off_on_one_line_with_padded_names() -> None:
    text = source(PLAIN).replace("责任编辑：李勉\n\n审核：原超俊\n\n签发：麻彦伟", "责任编辑：李 勉　　　审核：原超俊　　　签发：麻彦伟")
    assert differences(parse_text(text), gold(PLAIN)) == []


def test_distribution_with_other_labels_and_copies() -> None:
    text = source(PLAIN).replace(
        "本期发：", "报：市委办公室，市政府办公室。\n\n送：县委办公室。\n\n本期发："
    ).replace("责任编辑：李勉", "（共印 120 份）\n\n责任编辑：李勉")
    bulletin = parse_text(text)
    assert differences(bulletin, gold(PLAIN)) == []
    assert [line.label for line in bulletin.distribution] == ["报", "送", "本期发"]
    assert bulletin.copies == 120


def test_half_width_colons_in_tail() -> None:
    text = source(PLAIN).replace("本期发：", "本期发:").replace("审核：", "审核: ")
    assert differences(parse_text(text), gold(PLAIN)) == []


# --- hard-wrapped text with page numbers, as copied out of a PDF ------------------------------


def wrap_like_pdf(text: str, width: int = 56, page_lines: int = 22) -> str:
    """Lay the text out as a PDF would: paragraphs indented with two ideographic spaces and
    wrapped at `width` cells, pages of `page_lines` lines with a — N — page number."""
    lines: list[str] = []
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        if para.startswith(("#", "【", "延津", "第", "20", "本期发", "责任", "审核", "签发")) and len(para) < 30:
            lines.append(para)
            continue
        line = "\u3000\u3000"
        for char in para:
            if display_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    out: list[str] = []
    for page, start in enumerate(range(0, len(lines), page_lines), start=1):
        out.extend(lines[start : start + page_lines])
        out.append(f"— {page} —")
        out.append("\f")
    return "\n".join(out)


def test_running_heads_with_the_issue_number_are_dropped() -> None:
    text = source(PLAIN).replace("【扩大消费】", "\f延津政务快报　第41期\n\n【扩大消费】").replace("【民生保障】", "延津政务快报\n\n【民生保障】")
    bulletin = parse_text(text)
    assert differences(bulletin, gold(PLAIN)) == []
    assert sum(w.code == "running-head-dropped" for w in bulletin.warnings) == 2


def test_hard_wrapped_text_with_page_numbers_and_form_feeds() -> None:
    bulletin = parse_text(wrap_like_pdf(source(PLAIN)))
    assert differences(bulletin, gold(PLAIN)) == []
    codes = {w.code for w in bulletin.warnings}
    assert {"wrapped-lines-joined", "page-number-dropped"} <= codes
