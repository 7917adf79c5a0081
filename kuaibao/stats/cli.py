"""`kuaibao figures-index`: extract and store the figures of archive items (idempotent)."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


def figures_index_command(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="重新提取全部信息（默认只提取尚未提取的）")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, max=20000, help="每个事务处理的信息条数")] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条")] = False,
) -> None:
    """提取档案中各条信息的数据（数值、单位、指标、时间）并存入数据库，供数据查询和导出使用；可重复运行。"""
    # Imported here: kuaibao.cli imports this module to register the command.
    from kuaibao.cli.web import setup_django

    setup_django()
    from kuaibao.stats.figures import batches, index_state, refresh_figures

    console = Console(stderr=True)
    state = index_state()
    total = state.items if rebuild else state.unindexed
    items = figures = 0
    start = time.perf_counter()
    columns = (TextColumn("提取数据"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("", total=total)
        for chunk in batches(rebuild=rebuild, size=batch):
            figures += refresh_figures(chunk)
            items += len(chunk)
            progress.advance(task, len(chunk))
    seconds = time.perf_counter() - start
    rate = f"，每秒 {figures / seconds:,.0f} 个数据" if seconds > 0 and figures else ""
    typer.echo(f"已提取 {items} 条信息的 {figures} 个数据，用时 {seconds:.1f} 秒{rate}")
