"""The HTML renderer: semantic markup of the bulletin's parts, escaped text, screen and print CSS."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from kuaibao.core.model import Bulletin, DistributionLine, Item, Paragraph, Span, Staff
from kuaibao.core.parse import parse_bytes
from kuaibao.core.render.html import BULLETIN_CLASS, STYLESHEET, UNIT_SEPARATOR, render_html
from kuaibao.core.render.json import from_dict, to_dict
from tests.golden import CORPUS_NAMES, load_gold


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    return from_dict(load_gold(CORPUS_NAMES[0]))


def tree(page: str) -> etree._Element:
    return etree.fromstring(page.encode(), etree.HTMLParser(encoding="utf-8"))


def text(element: etree._Element) -> str:
    return "".join(element.itertext())


def test_page_is_a_zh_cn_html5_document_with_title_and_styles(bulletin: Bulletin) -> None:
    page = render_html(bulletin)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    root = tree(page)
    assert text(root.find("head/title")) == "延津政务快报 第 41 期"
    assert root.find("head/meta[@charset]").get("charset") == "utf-8"
    assert "@media print" in page and "@media screen" in page


def test_masthead_header_has_title_issue_publisher_date_and_red_rule(bulletin: Bulletin) -> None:
    header = tree(render_html(bulletin)).find(".//header")
    assert header.get("class") == "masthead"
    assert text(header.find("h1")) == "延津政务快报"
    assert text(header.find("p[@class='issue-number']")) == "第41期"
    assert text(header.find(".//span[@class='publisher']")) == "延津县人民政府办公室"
    time = header.find(".//time")
    assert (time.get("datetime"), text(time)) == ("2023-09-08", "2023年9月8日")
    assert header.find("hr[@class='masthead-rule']") is not None
    assert "color: #f00" in STYLESHEET


def test_supplement_and_total_issue_in_the_masthead(bulletin: Bulletin) -> None:
    special = dataclasses.replace(bulletin, supplement=True, total_issue=512)
    header = tree(render_html(special)).find(".//header")
    assert text(header.find("h1")) == "延津政务快报（增刊）"
    assert text(header.find("p[@class='issue-number']")) == "第41期（总第512期）"


def test_sections_hold_their_items_with_strong_titles_and_attribution(bulletin: Bulletin) -> None:
    root = tree(render_html(bulletin))
    sections = root.findall(".//section")
    assert [text(s.find("h2")) for s in sections] == [f"【{name}】" for name in bulletin.sections]
    items = root.findall(".//article[@class='item']")
    assert len(items) == len(bulletin.items)
    for element, item in zip(items, bulletin.items, strict=True):
        first = element.find("p")
        assert text(first.find("strong[@class='item-title']")) == item.title
        assert text(element.findall("p")[-1].find("span[@class='units']")) == f"（{UNIT_SEPARATOR.join(item.units)}）"
        assert text(first) == f"{item.title} {item.body}（{UNIT_SEPARATOR.join(item.units)}）"


def test_tail_between_rules_with_distribution_copies_and_staff(bulletin: Bulletin) -> None:
    full = dataclasses.replace(
        bulletin, copies=80, distribution=(*bulletin.distribution, DistributionLine("抄送", "县人武部。"))
    )
    footer = tree(render_html(full)).find(".//footer")
    assert [hr.get("class") for hr in footer.findall("hr")] == ["tail-rule", "tail-rule"]
    lines = [text(p) for p in footer.findall("p")]
    assert lines == [
        f"本期发：{bulletin.distribution_text}",
        "抄送：县人武部。",
        "（共印80份）",
        "责任编辑：李勉\u3000审核：原超俊\u3000签发：麻彦伟",
    ]


def test_all_user_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>&'
    bulletin = Bulletin(
        title=f"快报{evil}",
        issue=1,
        date=dt.date(2024, 1, 2),
        publisher=f"办公室{evil}",
        items=(
            Item(
                f"标题{evil}",
                (Paragraph((Span(f"正文{evil}。"), Span(f"加粗{evil}", bold=True))),),
                (f"单位{evil}",),
                f"栏目{evil}",
            ),
        ),
        distribution=(DistributionLine(f"本期发{evil}", f"县委{evil}。"),),
        staff=Staff(editor=f"李{evil}", others=((f"校对{evil}", f"王{evil}"),)),
    )
    page = render_html(bulletin)
    assert "<script>" not in page and "&lt;script&gt;" in page
    root = tree(page)
    assert root.find(".//script") is None
    assert text(root.find(".//h1")) == f"快报{evil}"
    assert evil in text(root.find(".//article[@class='item']"))


def test_fragment_is_the_article_alone(bulletin: Bulletin) -> None:
    fragment = render_html(bulletin, standalone=False)
    assert fragment.startswith(f'<article class="{BULLETIN_CLASS}"') and fragment.rstrip().endswith("</article>")
    assert "<html" not in fragment and "<style" not in fragment


def test_bold_phrases_inside_the_body_are_strong(bulletin: Bulletin) -> None:
    item = Item(
        "县商务局促消费", (Paragraph((Span("前文，"), Span("重点工作", bold=True), Span("后文。"))),), ("县商务局",)
    )
    page = render_html(dataclasses.replace(bulletin, items=(item,)))
    assert "<strong>重点工作</strong>" in page


def test_print_css_follows_gb9704_and_keeps_headings_titles_and_tail_with_what_follows(bulletin: Bulletin) -> None:
    assert "size: A4; margin: 37mm 26mm 35mm 28mm" in STYLESHEET
    assert 'content: "— " counter(page) " —"' in STYLESHEET
    assert "font-size: 16pt; line-height: 28.95pt" in STYLESHEET
    assert "break-after: avoid" in STYLESHEET.split(".section-title")[1].split("}")[0]
    assert "break-inside: avoid" in STYLESHEET.split("footer.tail {")[1].split("}")[0]
    long_title = dataclasses.replace(bulletin.items[0], title="县" * 60)
    page = render_html(dataclasses.replace(bulletin, items=(long_title,)))
    assert 'style="orphans: 4"' in page  # three lines of title and one of body stay on the page


def test_same_bulletin_gives_the_same_page(bulletin: Bulletin) -> None:
    assert render_html(bulletin) == render_html(from_dict(load_gold(CORPUS_NAMES[0])))


def test_reads_back_with_the_html_reader(bulletin: Bulletin) -> None:
    parsed = parse_bytes(render_html(bulletin).encode(), "issue.html")
    assert to_dict(dataclasses.replace(parsed, provenance=None)) == to_dict(bulletin)


def test_hyphenated_latin_words_are_kept_on_one_line(bulletin: Bulletin) -> None:
    item = Item("县商务局推进e-mail办公", (Paragraph.plain("种植4万-5万亩，a-b-c和COVID-19。"),), ("县商务局",))
    page = render_html(dataclasses.replace(bulletin, items=(item,)))
    assert '<span class="nobr">e-mail</span>' in page
    assert '<span class="nobr">a-b-c</span>' in page and '<span class="nobr">COVID-19</span>' in page
    assert "4万-5万亩" in page  # no line breaks before a digit anyway
    assert ".nobr { white-space: nowrap; }" in STYLESHEET


def test_joint_attribution_separates_units_with_a_space_that_survives_a_line_end(bulletin: Bulletin) -> None:
    item = dataclasses.replace(bulletin.items[0], units=("财政局", "融媒体中心"))
    page = render_html(dataclasses.replace(bulletin, items=(item,)))
    assert f"（财政局{UNIT_SEPARATOR}融媒体中心）" in page and UNIT_SEPARATOR.isspace()
    assert parse_bytes(page.encode()).items[0].units == ("财政局", "融媒体中心")
