"""`kuaibao parse`: read bulletin files and print their structure."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kuaibao.cli.common import Failures, each_bulletin
from kuaibao.core.model import Bulletin
from kuaibao.core.render.json import to_dict
from kuaibao.core.render.plain import render_markdown, render_text


class OutputFormat(StrEnum):
    json = "json"
    md = "md"
    text = "text"


def parse_command(
    files: Annotated[list[Path], typer.Argument(help="快报文件，可多个")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：json、md 或 text")
    ] = OutputFormat.json,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不在标准错误输出导入提示")] = False,
) -> None:
    """解析快报文件，输出结构化内容；提示信息写到标准错误，无法解析的文件最后以状态 2 退出。

    按内容识别格式（不看扩展名）：文本和 Markdown（UTF-8、GB18030/GBK、UTF-16）、Word（.docx，
    以及经 LibreOffice 转换的 .doc）、WPS 文字（.wps）、RTF、ODT、PDF（有文字层的直接读取，
    扫描件做文字识别）、OFD、网页（.html）、图片（PNG、JPEG、TIFF，做文字识别）。
    加密文件、表格、压缩包等给出一行说明。
    """
    failures = Failures()
    bulletins = [bulletin for _, bulletin in each_bulletin(files, quiet=quiet, failures=failures)]
    _print(bulletins, output_format, several=len(files) > 1)
    if failures.count:
        raise typer.Exit(code=2)


def _print(bulletins: list[Bulletin], output_format: OutputFormat, *, several: bool) -> None:
    out = sys.stdout
    if output_format is OutputFormat.json:
        data = [to_dict(b) for b in bulletins]
        payload = data if several else (data[0] if data else None)
        if payload is not None:
            out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    render = render_markdown if output_format is OutputFormat.md else render_text
    out.write("\n\n".join(render(b) for b in bulletins))
