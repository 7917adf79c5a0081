"""Write a bulletin as the HTML page a county website publishes, and as the source of its PDF.

The markup is semantic so that `kuaibao.core.parse.html` reads it back whole: a `<header>`
masthead (h1 title, issue line, publisher and date, a red `<hr>`), `<section>`s with an h2
【栏目】, one `<article>` per item whose first paragraph opens with the `<strong>` title and
whose last ends with the attribution （单位）, and a `<footer>` tail between two `<hr>` rules.
Every piece of user text is escaped. The stylesheet has a screen layout (a readable column)
and a print layout (the GB/T 9704 page of the DOCX: A4, 37/26/35/28 mm margins, 22 lines of
28 characters, page numbers "— 1 —") that WeasyPrint follows when it makes the PDF.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator

from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.render.plain import issue_line

__all__ = ["BULLETIN_CLASS", "CHARS_PER_LINE", "STYLESHEET", "UNIT_SEPARATOR", "render_html"]

BULLETIN_CLASS = "kuaibao-bulletin"
# Units of a joint attribution are separated by a four-per-em space (as wide as a plain space):
# a line may end after it and it stays there, where WeasyPrint drops a plain space that ends a
# line, so the PDF's text would join the two units into one. Every reader splits units on it.
UNIT_SEPARATOR = "\u2005"
CHARS_PER_LINE = 28  # the text block of GB/T 9704: 28 characters of 三号 a line

# Office fonts first (readers on Windows or with WPS have them), then the open fonts a server
# has (fonts-noto-cjk), then the generic family.
_TITLE_FONTS = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif'
_BODY_FONTS = '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
_HEADING_FONTS = '"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
_FOLIO_FONTS = '"宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif'

STYLESHEET = f"""
.{BULLETIN_CLASS} {{ font-family: {_BODY_FONTS}; color: #000; }}
.{BULLETIN_CLASS} header.masthead {{ text-align: center; }}
.{BULLETIN_CLASS} .marks {{
  display: flex; justify-content: space-between; align-items: flex-start; text-align: left;
  font-family: {_HEADING_FONTS}; margin: 0 0 0.5em; }}
.{BULLETIN_CLASS} .marks p {{ margin: 0; white-space: nowrap; }}
.{BULLETIN_CLASS} .marks .serial {{ margin-left: auto; }}
.{BULLETIN_CLASS} .masthead-title {{
  font-family: {_TITLE_FONTS}; font-weight: bold; color: #f00; margin: 0; letter-spacing: 0.05em;
}}
.{BULLETIN_CLASS} .supplement {{ font-size: 0.5em; }}
.{BULLETIN_CLASS} .issue-number {{ margin: 0.4em 0 0; }}
.{BULLETIN_CLASS} .imprint {{
  display: flex; justify-content: space-between; text-align: left; margin: 0.8em 0 0; }}
.{BULLETIN_CLASS} .imprint > * {{ flex: none; white-space: nowrap; }}
.{BULLETIN_CLASS} hr.masthead-rule {{ border: 0; border-top: 2.25pt solid #f00; margin: 0.25em 0 0.75em; }}
.{BULLETIN_CLASS} .section-title {{
  font-family: {_HEADING_FONTS}; font-weight: normal; font-size: 1em; margin: 0; break-after: avoid; }}
.{BULLETIN_CLASS} article.item p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.{BULLETIN_CLASS} .item-title {{ font-weight: bold; }}
.{BULLETIN_CLASS} .nobr {{ white-space: nowrap; }}
.{BULLETIN_CLASS} footer.tail {{ margin-top: 1em; break-inside: avoid; }}
.{BULLETIN_CLASS} footer.tail p {{ margin: 0; padding: 0 1em; }}
.{BULLETIN_CLASS} hr.tail-rule {{ border: 0; border-top: 1pt solid #000; margin: 0.2em 0; }}
.{BULLETIN_CLASS} .copies {{ text-align: right; }}

@media screen {{
  .{BULLETIN_CLASS} {{
    max-width: 42em; margin: 2em auto; padding: 2em 2.5em; background: #fff; font-size: 18px; line-height: 1.9;
    box-shadow: 0 0 0.5em rgba(0, 0, 0, 0.15); }}
  .{BULLETIN_CLASS} .masthead-title {{ font-size: 2.8em; line-height: 1.3; }}
  .{BULLETIN_CLASS} .section-title {{ margin-top: 0.5em; }}
  .{BULLETIN_CLASS} footer.tail {{ font-size: 0.875em; }}
  @media (max-width: 40em) {{
    .{BULLETIN_CLASS} {{ margin: 0; padding: 1em; box-shadow: none; font-size: 17px; }}
    .{BULLETIN_CLASS} .masthead-title {{ font-size: 2em; }}
  }}
}}

@media print {{
  @page {{
    size: A4; margin: 37mm 26mm 35mm 28mm;
    @bottom-center {{
      content: "— " counter(page) " —"; font-family: {_FOLIO_FONTS}; font-size: 14pt;
      vertical-align: top; padding-top: 7mm; }}
  }}
  html, body {{ margin: 0; padding: 0; }}
  .{BULLETIN_CLASS} {{
    font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.25pt; orphans: 2; widows: 2; }}
  .{BULLETIN_CLASS} .masthead-title {{ font-size: 52pt; line-height: 70pt; }}
  .{BULLETIN_CLASS} .supplement {{ font-size: 26pt; }}
  .{BULLETIN_CLASS} .issue-number {{ margin-top: 6pt; }}
  .{BULLETIN_CLASS} .imprint {{ margin-top: 12pt; }}
  .{BULLETIN_CLASS} hr.masthead-rule {{ margin: 2pt 0 12pt; }}
  .{BULLETIN_CLASS} footer.tail {{ font-size: 14pt; line-height: 24pt; margin-top: 12pt; }}
  .{BULLETIN_CLASS} hr.tail-rule {{ margin: 3pt 0; }}
  .{BULLETIN_CLASS} footer.tail p {{ padding: 0 14pt; }}
  .{BULLETIN_CLASS} .marks {{ line-height: 28.95pt; margin: 0 0 6pt; }}
  /* The tail sits at the foot of the last page, as in printed issues: as a footnote, it goes
     to the bottom of the page where it falls, and the text above keeps its place. */
  .{BULLETIN_CLASS} footer.tail {{ float: footnote; margin: 0; }}
  .{BULLETIN_CLASS} footer.tail::footnote-call {{ content: none; }}
  .{BULLETIN_CLASS} footer.tail::footnote-marker {{ content: none; }}
  @page {{ @footnote {{ margin-top: 12pt; }} }}
}}
"""


def render_html(bulletin: Bulletin, *, standalone: bool = True) -> str:
    """The bulletin as HTML: a whole page, or (standalone=False) the `<article>` alone to put
    into a site's own page, which then needs `STYLESHEET` too."""
    body = "\n".join(_bulletin_lines(bulletin))
    if not standalone:
        return body + "\n"
    title = _e(f"{_masthead_text(bulletin)} {issue_line(bulletin)}")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="kuaibao">\n'
        f'<meta name="dcterms.created" content="{bulletin.date.isoformat()}">\n'
        f"<title>{title}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# A hyphen inside a Latin word (e-mail, COVID-19) must not end a line: WeasyPrint writes a hyphen
# at a line break without its Unicode, so the PDF's text would lose it. Line breaking never
# splits a Latin word elsewhere, so keeping it whole moves nothing that would not move anyway.
# (Before a digit, as in 4万-5万, no line may break.)
_HYPHENATED = re.compile(r"[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+")


def _prose(text: str) -> str:
    """Escaped text, hyphenated Latin words kept on one line."""
    out: list[str] = []
    position = 0
    for match in _HYPHENATED.finditer(text):
        out.append(_e(text[position : match.start()]))
        out.append(f'<span class="nobr">{_e(match.group(0))}</span>')
        position = match.end()
    out.append(_e(text[position:]))
    return "".join(out)


def _masthead_text(bulletin: Bulletin) -> str:
    return f"{bulletin.title}（增刊）" if bulletin.supplement else bulletin.title


def _bulletin_lines(bulletin: Bulletin) -> Iterator[str]:
    kind = "supplement" if bulletin.supplement else "regular"
    yield f'<article class="{BULLETIN_CLASS}" data-issue="{bulletin.issue}" data-kind="{kind}" lang="zh-CN">'
    yield from _masthead_lines(bulletin)
    yield from _body_lines(bulletin.items)
    # One line: in a footnote, WeasyPrint lays the whitespace between the tail's blocks out as
    # empty lines (24 pt each).
    tail = "".join(_tail_lines(bulletin))
    if tail:
        yield tail
    yield "</article>"


def _masthead_lines(bulletin: Bulletin) -> Iterator[str]:
    supplement = '<span class="supplement">（增刊）</span>' if bulletin.supplement else ""
    number = f"第{bulletin.issue}期"
    if bulletin.total_issue is not None:
        number += f"（总第{bulletin.total_issue}期）"
    date = bulletin.date
    yield '<header class="masthead">'
    yield from _mark_lines(bulletin)
    yield f'<h1 class="masthead-title">{_e(bulletin.title)}{supplement}</h1>'
    yield f'<p class="issue-number">{number}</p>'
    publisher = f'<span class="publisher">{_e(bulletin.publisher)}</span> ' if bulletin.publisher else ""
    yield (
        f'<p class="imprint">{publisher}<time class="date" datetime="{date.isoformat()}">'
        f"{date.year}年{date.month}月{date.day}日</time></p>"
    )
    yield '<hr class="masthead-rule">'
    yield "</header>"


def _mark_lines(bulletin: Bulletin) -> Iterator[str]:
    """密级 and 内部资料 at the top left, 编号 at the top right (GB/T 9704-2012 7.2)."""
    marks = bulletin.marks
    if not marks:
        return
    yield '<div class="marks">'
    if marks.left_lines:
        lines = "".join(f"<p>{_e(line)}</p>" for line in marks.left_lines)
        yield f'<div class="classification">{lines}</div>'
    if marks.serial_text:
        yield f'<p class="serial">{_e(marks.serial_text)}</p>'
    yield "</div>"


def _body_lines(items: tuple[Item, ...]) -> Iterator[str]:
    """Items grouped into one `<section>` per run of the same 栏目 (none: a section without title)."""
    yield '<main class="items">'
    open_section = False
    current: str | None = None
    for index, item in enumerate(items):
        if index == 0 or item.section != current:
            if open_section:
                yield "</section>"
            current = item.section
            if current is None:
                yield '<section class="section">'
            else:
                yield f'<section class="section">\n<h2 class="section-title">【{_e(current)}】</h2>'
            open_section = True
        yield from _item_lines(item)
    if open_section:
        yield "</section>"
    yield "</main>"


def _item_lines(item: Item) -> Iterator[str]:
    paragraphs: list[Paragraph] = list(item.paragraphs) or [Paragraph(())]
    # The title must not be left at the foot of a page: the page keeps the title's lines and
    # one line of body (the first line is indented two characters).
    title_lines = math.ceil((len(item.title) + 3) / CHARS_PER_LINE) if item.title else 0
    yield f'<article class="item" style="orphans: {max(2, title_lines + 1)}">'
    for index, paragraph in enumerate(paragraphs):
        parts: list[str] = []
        if index == 0 and item.title:
            parts.append(f'<strong class="item-title">{_prose(item.title)}</strong>')
            if paragraph.text:
                # Offices leave a full-width space after the lead-in; here it is a plain space.
                # A U+3000, or any widened space, cannot start a line, so where only the title's
                # last character fits WeasyPrint moves that character to the next line, and the
                # PDF reader then takes the short line for a title standing on its own line.
                parts.append(" ")
        parts.extend(_span_html(span.text, span.bold) for span in paragraph.spans if span.text)
        if index == len(paragraphs) - 1 and item.units:
            parts.append(f'<span class="units">（{_e(UNIT_SEPARATOR.join(item.units))}）</span>')
        yield f"<p>{''.join(parts)}</p>"
    yield "</article>"


def _span_html(text: str, bold: bool) -> str:
    return f"<strong>{_prose(text)}</strong>" if bold and text.strip() else _prose(text)


def _tail_lines(bulletin: Bulletin) -> Iterator[str]:
    staff = bulletin.staff.as_dict()
    if not bulletin.distribution and not staff and bulletin.copies is None:
        return
    yield '<footer class="tail">'
    yield '<hr class="tail-rule">'
    for line in bulletin.distribution:
        # A wrapped list hangs under its first recipient, after the label and the colon.
        hang = len(line.label) + 1
        yield (
            f'<p class="distribution" style="padding-left: {hang + 1}em; text-indent: -{hang}em">'
            f'<span class="label">{_e(line.label)}：</span>{_prose(line.text)}</p>'
        )
    if bulletin.copies is not None:
        yield f'<p class="copies">（共印{bulletin.copies}份）</p>'
    if staff:
        signed = "\u3000".join(f'<span class="staff-member">{_e(k)}：{_e(v)}</span>' for k, v in staff.items())
        yield f'<p class="staff">{signed}</p>'
    yield '<hr class="tail-rule">'
    yield "</footer>"
