"""`kuaibao figures`: list every figure in bulletin files as JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kuaibao.cli.common import Failures, each_bulletin
from kuaibao.core.cells import csv_text
from kuaibao.core.figures import bulletin_figures

CSV_COLUMNS = (
    "file", "item", "field", "start", "end", "text", "value", "value_max", "unit", "metric",
    "approx", "change", "basis", "time", "time_from", "time_to",
)  # fmt: skip


class FiguresFormat(StrEnum):
    json = "json"
    csv = "csv"


def figures_command(
    files: Annotated[list[Path], typer.Argument(help="快报文件：txt、md、docx、pdf，可多个")],
    output_format: Annotated[
        FiguresFormat, typer.Option("--format", "-f", help="输出格式：json 或 csv")
    ] = FiguresFormat.json,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不在标准错误输出导入提示")] = False,
) -> None:
    """列出快报中的全部数据（数值、单位、指标、约数、时间）；无法解析的文件最后以状态 2 退出。"""
    rows: list[dict[str, Any]] = []
    failures = Failures()
    for path, bulletin in each_bulletin(files, quiet=quiet, failures=failures):
        rows.extend({"file": path.name, **figure.as_dict()} for figure in bulletin_figures(bulletin))
    if output_format is FiguresFormat.json:
        sys.stdout.write(json.dumps({"figures": rows}, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_csv(rows)
    if failures.count:
        raise typer.Exit(code=2)


def _write_csv(rows: list[dict[str, Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        time = row["time"] or {}
        flat = {**row, "time": time.get("text"), "time_from": time.get("from"), "time_to": time.get("to")}
        writer.writerow(["" if flat[column] is None else csv_text(flat[column]) for column in CSV_COLUMNS])
