"""The bulletin as plain text or Markdown, in the shapes of the archive's text files.

Both shapes read back to the same bulletin through the importer: an item is one paragraph,
its title separated from the body by a space between two Chinese characters (or standing on a
line of its own where no such space can mark it), its units in （） at the end.
"""

from __future__ import annotations

from collections.abc import Iterator

from kuaibao.core.model import Bulletin, Item, Paragraph
from kuaibao.core.text import is_cjk


def format_date(bulletin: Bulletin) -> str:
    d = bulletin.date
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def masthead_title(bulletin: Bulletin) -> str:
    return f"{bulletin.title}（增刊）" if bulletin.supplement else bulletin.title


def issue_line(bulletin: Bulletin) -> str:
    line = f"第 {bulletin.issue} 期"
    if bulletin.total_issue is not None:
        line += f"（总第 {bulletin.total_issue} 期）"
    return line


def attribution(item: Item) -> str:
    return f"（{' '.join(item.units)}）" if item.units else ""


def _markdown_spans(paragraph: Paragraph) -> str:
    return "".join(f"**{s.text}**" if s.bold and s.text.strip() else s.text for s in paragraph.spans)


def _item_lines(item: Item, *, markdown: bool) -> Iterator[str]:
    paragraphs = [(_markdown_spans(p) if markdown else p.text) for p in item.paragraphs] or [""]
    first = paragraphs[0]
    if markdown:
        head = f"**{item.title}**" if item.title else ""
        sep = " " if first else ""
    else:
        head = item.title
        joinable = bool(item.title and first) and is_cjk(item.title[-1]) and is_cjk(first[0])
        sep = " " if joinable else "\n"
    lines = [head + sep + first if head else first, *paragraphs[1:]]
    lines[-1] += attribution(item)
    for index, line in enumerate(lines):
        if index:
            yield ""
        yield line


def _tail_lines(bulletin: Bulletin, *, markdown: bool) -> Iterator[str]:
    rule = ["---", ""] if markdown else []
    if bulletin.distribution or bulletin.copies is not None:
        yield from rule
        for line in bulletin.distribution:
            yield f"{line.label}：{line.text}"
            yield ""
        if bulletin.copies is not None:
            yield f"（共印 {bulletin.copies} 份）"
            yield ""
    staff = bulletin.staff.as_dict()
    if staff:
        yield from rule
        for label, name in staff.items():
            yield f"{label}：{name}"
            yield ""
    if markdown:
        yield "---"


def mark_lines(bulletin: Bulletin) -> Iterator[str]:
    """The marks above the masthead: 密级, 内部资料, then 编号 (on the right in a printed issue)."""
    yield from bulletin.marks.left_lines
    if bulletin.marks.serial_text:
        yield bulletin.marks.serial_text


def render_lines(bulletin: Bulletin, *, markdown: bool) -> Iterator[str]:
    for line in mark_lines(bulletin):
        yield line
        yield ""
    yield ("# " if markdown else "") + masthead_title(bulletin)
    yield ""
    yield issue_line(bulletin)
    yield ""
    if bulletin.publisher:
        yield bulletin.publisher
        yield ""
    yield format_date(bulletin)
    yield ""
    section: str | None = None
    for item in bulletin.items:
        if item.section is not None and item.section != section:
            yield ("## " if markdown else "") + f"【{item.section}】"
            yield ""
        section = item.section
        yield from _item_lines(item, markdown=markdown)
        yield ""
    yield from _tail_lines(bulletin, markdown=markdown)


def render_text(bulletin: Bulletin) -> str:
    """Plain text in the shape of the archive's extracted text files."""
    return "\n".join(render_lines(bulletin, markdown=False)).rstrip() + "\n"


def render_markdown(bulletin: Bulletin) -> str:
    """Markdown: # title, ## 【section】, **bold** lead-ins, rules around the tail."""
    return "\n".join(render_lines(bulletin, markdown=True)).rstrip() + "\n"
