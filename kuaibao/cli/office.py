"""`kuaibao bulletin set` and `kuaibao unit add`: set up an office's bulletin and units directory
from the shell, before its archive is imported (a new installation, the sample office)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kuaibao.cli.web import setup_django

bulletin_app = typer.Typer(help="刊物设置。", no_args_is_help=True)
unit_app = typer.Typer(help="报送单位目录。", no_args_is_help=True)


@bulletin_app.command("set")
def set_bulletin_command(
    title: Annotated[str, typer.Argument(help="刊名，如 延津政务快报")],
    slug: Annotated[str | None, typer.Option("--slug", help="网址名（小写字母、数字、连字符），如 yanjin")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="编发单位")] = None,
    distribution: Annotated[str | None, typer.Option("--distribution", help="默认本期发")] = None,
) -> None:
    """新建刊物或修改它的网址名和默认设置（导入快报时按刊名找到它）。"""
    setup_django()
    from kuaibao.archive.actions.bulletins import BulletinError, set_bulletin

    try:
        bulletin, created = set_bulletin(title, slug=slug, publisher=publisher, distribution=distribution)
    except BulletinError as exc:
        print(f"无法设置刊物：{exc}", file=sys.stderr)
        raise typer.Exit(code=2) from None
    print(f"{'已新建' if created else '已更新'}刊物 {bulletin.title}（网址名 {bulletin.slug}）", file=sys.stderr)


@unit_app.command("add")
def add_units_command(
    names: Annotated[list[str], typer.Argument(help="单位规范名称，可多个")],
) -> None:
    """把单位加入目录（已有的跳过）；导入时署名写错一个重复字的，归到目录中的单位。"""
    setup_django()
    from kuaibao.archive.models import Unit
    from kuaibao.archive.units import guess_kind

    for name in (n.strip() for n in names):
        if not name:
            continue
        _, created = Unit.objects.get_or_create(name=name, defaults={"kind": guess_kind(name)})
        print(f"{'已加入' if created else '已有'}单位 {name}", file=sys.stderr)
