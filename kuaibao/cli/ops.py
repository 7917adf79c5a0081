"""`kuaibao backup` and `kuaibao restore`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from kuaibao.cli.web import setup_django


def backup_command(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="备份文件（.tar.gz），默认写到数据目录的 backups/")
    ] = None,
) -> None:
    """备份数据库（SQLite 在线备份或 pg_dump）和全部原始文件，生成带校验的 .tar.gz。"""
    setup_django()
    from django.conf import settings

    from kuaibao.ops.backup import BackupError, create_backup

    if output is None:
        folder = Path(settings.DATA_DIR) / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        output = folder / f"kuaibao-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.tar.gz"  # noqa: DTZ005 - local time names the file
    try:
        summary = create_backup(output)
    except BackupError as exc:
        print(f"备份失败：{exc}", file=sys.stderr)
        raise typer.Exit(code=2) from None
    size = summary.bytes / 1048576
    print(f"已备份到 {summary.path}（{summary.vendor}，原始文件 {summary.files} 个，{size:.1f} MB）", file=sys.stderr)


def restore_command(
    archive: Annotated[Path, typer.Argument(help="kuaibao backup 生成的备份文件")],
    yes: Annotated[bool, typer.Option("--yes", help="确认覆盖当前数据库和原始文件")] = False,
) -> None:
    """从备份恢复数据库和原始文件（会覆盖当前数据；请先停止网页服务和后台任务）。"""
    if not yes:
        print("恢复会覆盖当前数据库和原始文件；确认请加 --yes", file=sys.stderr)
        raise typer.Exit(code=2)
    setup_django(migrate=False)
    from kuaibao.ops.backup import BackupError, restore_backup

    try:
        manifest = restore_backup(archive)
    except BackupError as exc:
        print(f"恢复失败：{exc}", file=sys.stderr)
        raise typer.Exit(code=2) from None
    print(f"已恢复 {manifest['created']} 的备份（原始文件 {len(manifest['sources'])} 个）", file=sys.stderr)
