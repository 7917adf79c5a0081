"""The HTML reader: our own pages, county-website articles around them, hostile markup refused.

Site pages are built here from the corpus gold files in the shapes government CMSs publish:
GB2312 pages with navigation, scripts and sidebars; the bulletin pasted into a content <div>
with bold <span>s; the masthead left out and given by the article title and its 发布时间 /
来源 line; paragraphs as <br><br> runs; tables.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import parse_bytes, sniff
from kuaibao.core.parse.blocks import Reading
from kuaibao.core.parse.html import MAX_HTML_BYTES, read_html
from kuaibao.core.render.html import render_html
from kuaibao.core.render.json import from_dict
from tests.golden import CORPUS_NAMES, differences, load_gold

GOLD = load_gold(CORPUS_NAMES[0])


def texts(reading: Reading) -> list[str]:
    return [block.text for block in reading.blocks if not block.rule]


def e(text: str) -> str:
    return html.escape(text)


def item_paragraphs(gold: dict[str, Any], *, bold: str = "span") -> str:
    out = []
    section = None
    for item in gold["items"]:
        if item["section"] != section:
            section = item["section"]
            out.append(f'<p style="text-indent:2em"><b>【{e(section)}】</b></p>')
        title = (
            f'<span style="font-weight: bold">{e(item["title"])}</span>'
            if bold == "span"
            else f"<strong>{e(item['title'])}</strong>"
        )
        body = e(item["body"])
        units = " ".join(item["units"])
        out.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{title}&nbsp;{body}（{e(units)}）</p>')
    return "\n".join(out)


def tail(gold: dict[str, Any]) -> str:
    staff = "　".join(f"{k}：{v}" for k, v in gold["staff"].items())
    return f"<p>本期发：{e(gold['distribution'])}</p>\n<p>{staff}</p>"


def site_page(content: str, *, title: str, charset: str = "gb2312", meta: str = "") -> str:
    """A county website's article page around `content`."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{e(title)}_延津县人民政府</title>
<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.js"></script>
<script>var _hmt = _hmt || []; document.write("<p>统计代码第99期</p>");</script>
<style>.nav a {{ color: #fff }}</style>
</head><body>
<div class="top"><img src="/images/logo.png" alt="延津县人民政府"><div class="search"><form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwkb">政务快报</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zwkb">政务快报</a></div>
<table width="1000" align="center"><tr>
<td class="left" width="240"><div class="sidebar"><h3>热点信息</h3><ul>
<li><a href="/a/1">县委常委会召开会议研究部署第四季度重点工作任务</a></li>
<li><a href="/a/2">我县召开安全生产工作会议强调压实责任确保平稳</a></li>
<li><a href="/a/3">县政府党组理论学习中心组举行第9期集中学习</a></li></ul></div></td>
<td class="right">
<div class="article">
<h1 class="article-title">{e(title)}</h1>
<div class="info">{meta}<span>浏览次数：<span id="hits">128</span></span> <span>【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div id="zoom" class="TRS_Editor">
{content}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div></td></tr></table>
<div class="footer"><p>主办：延津县人民政府办公室 承办：延津县大数据管理局</p><p>网站标识码：4107260001 豫ICP备12345678号</p></div>
<div style="display:none">隐藏的第88期统计</div>
</body></html>"""


def pasted_bulletin(gold: dict[str, Any]) -> str:
    """The whole bulletin pasted from Word into the content div."""
    masthead = (
        f'<p style="text-align:center"><span style="color:red;font-size:42pt">{e(gold["title"])}</span></p>\n'
        f'<p style="text-align:center">第{gold["issue"]}期</p>\n'
        f"<p>{e(gold['publisher'])}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2023年9月8日</p>\n<hr/>"
    )
    return f"{masthead}\n{item_paragraphs(gold)}\n<hr/>\n{tail(gold)}"


# --- our own pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_own_page_reads_back_to_the_gold_file(name: str) -> None:
    gold = load_gold(name)
    bulletin = parse_bytes(render_html(from_dict(gold)).encode(), f"{name}.html")
    assert bulletin.provenance is not None and bulletin.provenance.format == "html"
    assert differences(bulletin, gold) == []
    assert bulletin.warnings == ()


def test_own_fragment_inside_a_site_page_is_found() -> None:
    fragment = render_html(from_dict(GOLD), standalone=False)
    page = site_page(fragment, title="延津政务快报第41期", charset="utf-8")
    assert differences(parse_bytes(page.encode("utf-8")), GOLD) == []


def test_own_page_blocks_are_masthead_sections_items_and_tail() -> None:
    reading = read_html(render_html(from_dict(GOLD)).encode())
    blocks = reading.blocks
    assert (blocks[0].text, blocks[0].heading) == ("延津政务快报", 1)
    assert [b.text for b in blocks[1:3]] == ["第41期", "延津县人民政府办公室 2023年9月8日"]
    assert blocks[3].rule
    assert (blocks[4].text, blocks[4].heading) == ("【项目建设】", 2)
    assert blocks[5].spans[0].bold and blocks[5].spans[0].text == GOLD["items"][0]["title"]
    assert texts(reading)[-1] == "责任编辑：李勉\u3000审核：原超俊\u3000签发：麻彦伟"
    assert reading.encoding == "utf-8" and reading.format == "html"


# --- county websites -------------------------------------------------------------------------


def test_gb2312_site_page_with_the_bulletin_pasted_in() -> None:
    page = site_page(pasted_bulletin(GOLD), title="延津政务快报（第41期）").encode("gb18030")
    bulletin = parse_bytes(page, "zwkb.html")
    assert differences(bulletin, GOLD) == []
    assert bulletin.provenance is not None and bulletin.provenance.encoding == "gb18030"


def test_site_page_without_masthead_takes_it_from_title_and_info_line() -> None:
    content = item_paragraphs(GOLD, bold="strong") + "\n" + tail(GOLD)
    meta = "<span>发布时间：2023-09-08 10:32</span> <span>来源：延津县人民政府办公室</span> "
    page = site_page(content, title="延津政务快报（2023年第41期）", meta=meta).encode("gb18030")
    bulletin = parse_bytes(page, "zwkb.html")
    assert differences(bulletin, GOLD) == []
    assert "masthead-from-page" in [w.code for w in bulletin.warnings]


def test_navigation_scripts_forms_sidebars_and_hidden_text_are_not_read() -> None:
    reading = read_html(site_page(pasted_bulletin(GOLD), title="延津政务快报（第41期）").encode("gb18030"))
    joined = "\n".join(texts(reading))
    for noise in ("首页", "统计代码", "请输入关键字", "热点信息", "浏览次数", "打印本页", "ICP", "第88期", "_hmt"):
        assert noise not in joined


def test_paragraphs_separated_by_double_line_breaks() -> None:
    lines = [f"{GOLD['title']}", f"第{GOLD['issue']}期", f"{GOLD['publisher']}", "2023年9月8日"]
    content = "<br>".join(e(line) for line in lines) + "<br><br>\n"
    content += item_paragraphs(GOLD).replace("<p", "<span").replace("</p>", "</span><br><br>")
    content += tail(GOLD).replace("<p>", "").replace("</p>", "<br><br>")
    page = site_page(f"<div>{content}</div>", title="延津政务快报（第41期）", charset="utf-8")
    assert differences(parse_bytes(page.encode("utf-8")), GOLD) == []


def test_single_line_break_stays_inside_the_block() -> None:
    reading = read_html("<html><body><p>县商务局促消费<br/>正文第一句。<br> 第二句。</p></body></html>".encode())
    assert texts(reading) == ["县商务局促消费\n正文第一句。\n第二句。"]


def test_bold_from_tags_and_styles_and_switched_off_by_a_style() -> None:
    source = (
        "<html><body><p><b>甲</b><strong>乙</strong><span style='font-weight:700'>丙</span>"
        "<strong>丁<span style='font-weight: normal'>戊</span></strong>己</p></body></html>"
    )
    spans = read_html(source.encode()).blocks[0].spans
    assert [(s.text, s.bold) for s in spans] == [("甲乙丙丁", True), ("戊己", False)]


def test_headings_have_their_level() -> None:
    reading = read_html("<html><body><h1>延津政务快报</h1><h3>项目建设</h3><p>正文。</p></body></html>".encode())
    assert [(b.text, b.heading) for b in reading.blocks] == [("延津政务快报", 1), ("项目建设", 3), ("正文。", 0)]


def test_table_rows_of_plain_cells_are_blocks_and_layout_cells_are_containers() -> None:
    source = """<html><body><table>
      <tr><th>单位</th><td>报送</td><td></td><td>采用</td></tr>
      <tr><td><p>第一段。</p><p>第二段。</p></td></tr>
    </table></body></html>"""
    assert texts(read_html(source.encode())) == ["单位 报送 采用", "第一段。", "第二段。"]


def test_whitespace_collapses_like_a_browser_and_pre_keeps_it() -> None:
    source = "<html><body><p>  Hello\n   <b>big</b>\n world  </p><pre>a  b\nc</pre></body></html>"
    assert texts(read_html(source.encode())) == ["Hello big world", "a  b\nc"]


@pytest.mark.parametrize(
    ("encoding", "declared", "text"),
    [
        ("gb18030", "gb2312", "延津政务快报"),
        ("gb18030", "GBK", "延津政务快报"),
        ("utf-8", "utf-8", "延津政务快报"),
        ("big5", "big5", "延津政務快報"),
    ],
)
def test_charset_declared_in_meta(encoding: str, declared: str, text: str) -> None:
    page = f'<html><head><meta charset="{declared}"></head><body><p>{text}</p></body></html>'
    assert texts(read_html(page.encode(encoding))) == [text]


def test_wrong_declared_charset_is_corrected_with_a_warning() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>延津政务快报</p></body></html>'
    reading = read_html(page.encode("gb18030"))
    assert texts(reading) == ["延津政务快报"]
    assert [w.code for w in reading.warnings] == ["html-charset-mismatch"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(encoding: str) -> None:
    page = '<!DOCTYPE html><html><head><meta charset="gb2312"></head><body><p>延津政务快报</p></body></html>'
    data = page.encode(encoding)
    assert sniff(data) == "html"
    assert texts(read_html(data)) == ["延津政务快报"]


def test_undeclared_gbk_page_is_recognised() -> None:
    data = "<html><body><p>延津政务快报</p></body></html>".encode("gbk")
    reading = read_html(data)
    assert texts(reading) == ["延津政务快报"] and reading.encoding == "gb18030"


# --- sniffing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html>",
        "<!doctype HTML>",
        "<html>",
        "  \n<HTML lang=zh>",
        "<!-- 注释 --><html>",
        "<div>",
        "<p>",
        "<meta charset=utf-8>",
    ],
)
def test_sniff_recognises_html(start: str) -> None:
    assert sniff((start + "<p>正文</p>").encode()) == "html"


@pytest.mark.parametrize("start", ["延津政务快报", "# 延津政务快报", "<<延津政务快报>>", "<延津政务快报>", "**<b>**"])
def test_sniff_leaves_text_as_text(start: str) -> None:
    assert sniff(start.encode()) == "text"


# --- hostile and broken pages ----------------------------------------------------------------------


def test_oversized_page_is_refused_before_parsing() -> None:
    with pytest.raises(UnreadableInput, match="网页过大"):
        read_html(b"<html>" + b" " * MAX_HTML_BYTES)


@pytest.mark.parametrize(
    "source", [b"<html></html>", b"<html><body><script>alert(1)</script></body></html>", b"<html>"]
)
def test_page_without_text_is_refused(source: bytes) -> None:
    with pytest.raises(UnreadableInput, match="没有"):
        read_html(source)


def nested(levels: int) -> bytes:
    return b"<html><body>" + b"<div><span>" * levels + "深处的文字".encode() + b"</span></div>" * levels


def test_deep_nesting_reads_and_hostile_nesting_is_refused_cleanly() -> None:
    assert texts(read_html(nested(100))) == ["深处的文字"]
    # libxml2 stops at 255 levels: what lies deeper is dropped, and a page of nothing else is refused.
    with pytest.raises(UnreadableInput, match="没有文字"):
        read_html(nested(5000))


def test_external_entities_and_resources_are_not_fetched(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", "utf-8")
    source = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body>'
        f'<p>正文&x;</p><img src="file://{secret}"><iframe src="file://{secret}"></iframe>'
        f'<object data="file://{secret}"></object></body></html>'
    )
    assert "机密内容" not in "".join(texts(read_html(source.encode())))


def test_broken_markup_is_repaired() -> None:
    source = "<html><body><p>第一段<b>加粗<p>第二段</i></div></td>第三段"
    assert texts(read_html(source.encode())) == ["第一段加粗", "第二段第三段"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["<html><body>", "<!DOCTYPE html><p>", "<div><table><tr><td>"]))
def test_arbitrary_markup_raises_only_unreadable_input(text: str, start: str) -> None:
    for data in ((start + text).encode("utf-8", "surrogatepass"), (start + text).encode("utf-16")):
        try:
            read_html(data)
        except UnreadableInput as exc:
            assert exc.reason and "\n" not in exc.reason


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_after_an_html_start_never_crash(junk: bytes) -> None:
    try:
        read_html(b"<html><body><p>" + junk)
    except UnreadableInput as exc:
        assert exc.reason and "\n" not in exc.reason
