"""`kuaibao render`: a bulletin file of any importable format, or an archived issue, written
out as DOCX, PDF, OFD, HTML, Markdown or plain text."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse import parse_path
from kuaibao.core.render import SUFFIXES, render


class RenderFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    ofd = "ofd"
    html = "html"
    md = "md"
    txt = "txt"


_BY_SUFFIX = {suffix: RenderFormat(fmt) for fmt, suffix in SUFFIXES.items()} | {
    ".htm": RenderFormat.html,
    ".markdown": RenderFormat.md,
    ".text": RenderFormat.txt,
}
_TEXT_FORMATS = {RenderFormat.html, RenderFormat.md, RenderFormat.txt}


def render_command(
    source: Annotated[
        Path | None, typer.Argument(help="快报文件：txt、md、docx、pdf 或 html；与 --issue 二选一", show_default=False)
    ] = None,
    output_format: Annotated[
        RenderFormat | None,
        typer.Option(
            "--format", "-f", help="输出格式：docx、pdf、ofd、html、md、txt；省略时按 -o 的扩展名", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="输出文件；“-”或省略（仅限 html、md、txt）为标准输出", show_default=False),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue", help="档案中的一期：刊物/年份/期号，如 yanjin/2023/41、yanjin/2023/增刊2", show_default=False
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不在标准错误输出导入提示")] = False,
) -> None:
    """按正式版式输出一期快报（DOCX、PDF、OFD、HTML、Markdown 或纯文本）；输入有误时以状态 2 退出。"""
    fmt = _format(output_format, output)
    to_stdout = output is None or str(output) == "-"
    if to_stdout and fmt not in _TEXT_FORMATS:
        _fail(f"{fmt.value.upper()} 是二进制文件，请用 -o 指定输出文件")
    bulletin = _bulletin(source, issue, quiet=quiet)
    data = render(bulletin, fmt.value)
    if output is None or to_stdout:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"{output}: 无法写入：{exc.strerror or exc}")
    if not quiet:
        print(f"已写入 {output}（{fmt.value.upper()}，{len(data) // 1024 or 1} KB）", file=sys.stderr)


def _format(output_format: RenderFormat | None, output: Path | None) -> RenderFormat:
    if output_format is not None:
        return output_format
    if output is not None and output.suffix.lower() in _BY_SUFFIX:
        return _BY_SUFFIX[output.suffix.lower()]
    _fail("请用 --format 指定输出格式（docx、pdf、ofd、html、md、txt），或给 -o 文件加上扩展名")


def _bulletin(source: Path | None, issue: str | None, *, quiet: bool) -> Bulletin:
    if (source is None) == (issue is None):
        _fail("请给出一个快报文件，或用 --issue 指定档案中的一期（二者选一）")
    if issue is not None or source is None:
        return _archived(issue or "")
    try:
        bulletin = parse_path(source)
    except UnreadableInput as exc:
        _fail(f"{source}: 无法解析：{exc.reason}")
    if not quiet:
        for warning in bulletin.warnings:
            print(f"{source}: {warning.place()}: {warning.message}", file=sys.stderr)
    return bulletin


def _archived(key: str) -> Bulletin:
    from kuaibao.cli.web import setup_django

    setup_django()
    from kuaibao.archive.publish import IssueNotFound, bulletin_from_issue, find_issue

    try:
        return bulletin_from_issue(find_issue(key))
    except IssueNotFound as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    print(message, file=sys.stderr)
    raise typer.Exit(code=2)
