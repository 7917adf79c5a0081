"""`kuaibao import`, `kuaibao search`, `kuaibao migrate`, `kuaibao reindex`, `kuaibao serve`: the archive
from the shell."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from kuaibao.archive.files import SAME_RUN_LABEL, STATUS_LABELS, collect
from kuaibao.cli.web import run_migrations, setup_django


def import_command(
    paths: Annotated[list[Path], typer.Argument(help="快报文件或文件夹（递归导入）")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条和导入提示")] = False,
) -> None:
    """把快报文件导入档案：每个文件一个事务，重复导入不会重复；更正的文件生成新版本。"""
    setup_django()
    from kuaibao.archive.actions import import_path

    console = Console(stderr=True)
    files, skipped = collect(paths)
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    this_run: set[int] = set()  # issues this run imported or updated
    columns = (
        TextColumn("导入"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name[-40:])
            outcome = import_path(path)
            if outcome.status in ("imported", "updated") and outcome.issue_id is not None:
                this_run.add(outcome.issue_id)
            if outcome.status == "unchanged" and outcome.issue_id in this_run:
                counts["same_run"] += 1
            else:
                counts[outcome.status] += 1
            if outcome.status == "failed":
                failures.append((outcome.name, outcome.reason))
            progress.advance(task)
    for name, reason in failures:
        print(f"{name}: 导入失败：{reason}", file=sys.stderr)
    summary = "，".join(f"{STATUS_LABELS[key]} {counts[key]}" for key in STATUS_LABELS)
    if counts["same_run"]:
        summary = summary.replace("，", f"，{SAME_RUN_LABEL} {counts['same_run']}（内容相同，不重复导入），", 1)
    if skipped:
        summary += f"，跳过非快报文件 {len(skipped)}"
    print(f"共 {len(files)} 个文件：{summary}", file=sys.stderr)
    if failures:
        raise typer.Exit(code=2)


class SearchFormat(StrEnum):
    json = "json"
    text = "text"


class SearchOrder(StrEnum):
    relevance = "relevance"
    date = "date"


def search_command(
    query: Annotated[str, typer.Argument(help='检索词：多个词用空格分开（同时包含），"短语"，-排除词')],
    unit: Annotated[str | None, typer.Option("--unit", help="报送单位")] = None,
    section: Annotated[str | None, typer.Option("--section", help="栏目")] = None,
    bulletin: Annotated[str | None, typer.Option("--bulletin", help="刊物（刊名或网址名）")] = None,
    date_from: Annotated[dt.datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="起始日期")] = None,
    date_to: Annotated[dt.datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="截止日期")] = None,
    order: Annotated[SearchOrder, typer.Option("--order", help="relevance 或 date")] = SearchOrder.relevance,
    page: Annotated[int, typer.Option("--page", min=1, help="页码")] = 1,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="每页条数")] = 20,
    output_format: Annotated[SearchFormat, typer.Option("--format", "-f", help="json 或 text")] = SearchFormat.json,
) -> None:
    """检索档案中的信息（标题和正文），结果与网页检索相同。"""
    setup_django()
    from kuaibao.archive import queries
    from kuaibao.archive.api import hit_json

    results = queries.run_search(
        queries.SearchRequest(
            text=query,
            bulletin=bulletin,
            unit=unit,
            section=section,
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
            order=order.value,
            page=page,
            page_size=limit,
        )
    )
    if results.error:
        print(f"检索失败：{results.error}", file=sys.stderr)
        raise typer.Exit(code=2)
    hits = [hit_json(hit) for hit in results.hits]
    if output_format is SearchFormat.json:
        payload = {"total": results.total, "hits": hits}
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return
    print(f"共 {results.total} 条")
    for hit in hits:
        print(f"{hit['date']}  {hit['bulletin']} 第 {hit['issue']} 期  {hit['title']}（{' '.join(hit['units'])}）")
        print(f"    {hit['snippet']}")


def migrate_command() -> None:
    """创建或升级数据库结构。"""
    setup_django(migrate=False)
    run_migrations(verbosity=1)


def reindex_command() -> None:
    """重建全文检索索引（恢复备份或升级后检索结果异常时使用）；在一个事务中完成，期间检索照常可用。"""
    setup_django()
    import time

    from django.db import transaction

    from kuaibao.archive import search

    started = time.perf_counter()
    with transaction.atomic():
        count = search.rebuild_index()
    typer.echo(f"已为 {count} 条现行信息重建检索索引，用时 {time.perf_counter() - started:.1f} 秒", err=True)


def serve_command(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
) -> None:
    """启动网页服务（开发和单机使用；生产环境用 gunicorn kuaibao.wsgi）。"""
    setup_django()
    from django.core.management import call_command

    from kuaibao.startup import refuse_development_key

    refuse_development_key(host)
    from kuaibao.jobs.queue import recover_at_start

    recover_at_start()  # jobs a killed server left running show as interrupted
    # Django's own handler, not kuaibao.wsgi: that module is for production servers and refuses
    # the development key whatever the address; the check above already knows this one.
    from django.conf import settings

    settings.WSGI_APPLICATION = None
    call_command("runserver", f"{host}:{port}", use_reloader=False)
