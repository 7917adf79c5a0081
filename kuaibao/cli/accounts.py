"""`kuaibao user add`: create accounts from the shell (the first administrator, demo accounts)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kuaibao.cli.web import setup_django

user_app = typer.Typer(help="账号管理。", no_args_is_help=True)
ROLE_HELP = "角色：reporter 信息员、editor 责任编辑、reviewer 审核、signer 签发、reader 读者、administrator 管理员"


@user_app.command("add")
def add_user(
    username: Annotated[str, typer.Argument(help="登录名")],
    role: Annotated[str, typer.Option("--role", help=ROLE_HELP)],
    unit: Annotated[str | None, typer.Option("--unit", help="信息员所属单位（须在单位目录中）")] = None,
    name: Annotated[str, typer.Option("--name", help="姓名（签发栏显示）")] = "",
    email: Annotated[str, typer.Option("--email", help="电子邮件（接收提醒）")] = "",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码")] = False,
) -> None:
    """新建一个账号并赋予角色；密码从标准输入读取或交互输入。"""
    setup_django()
    from kuaibao.archive.units import resolve_unit
    from kuaibao.newsroom.actions.accounts import ROLE_LABELS, create_account
    from kuaibao.newsroom.actions.base import ActionError
    from kuaibao.newsroom.roles import Role

    try:
        chosen = Role(role)
    except ValueError:
        print(f"未知角色 {role}；{ROLE_HELP}", file=sys.stderr)
        raise typer.Exit(code=2) from None
    password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt("密码", hide_input=True)
    if chosen == Role.REPORTER and unit:
        resolve_unit(unit)
    try:
        create_account(username, password, chosen, unit=unit, display_name=name, email=email)
    except ActionError as exc:
        print(f"无法创建账号：{exc.message}", file=sys.stderr)
        raise typer.Exit(code=2) from None
    print(f"已创建账号 {username}（{ROLE_LABELS[chosen]}）", file=sys.stderr)


DEMO_ACCOUNTS = [
    ("demo-dongtun", "reporter", "东屯镇", "王晓东"),
    ("demo-shangwu", "reporter", "县商务局", "刘明"),
    ("demo-editor", "editor", None, "李勉"),
    ("demo-reviewer", "reviewer", None, "原超俊"),
    ("demo-signer", "signer", None, "麻彦伟"),
    ("demo-leader", "reader", None, "张卫国"),
    ("demo-admin", "administrator", None, "赵丽"),
]


@user_app.command("demo")
def add_demo_users(
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取共用密码")] = False,
) -> None:
    """为试用创建每个角色一个演示账号（已存在的跳过）。"""
    setup_django()
    from django.contrib.auth.models import User

    from kuaibao.archive.units import resolve_unit
    from kuaibao.newsroom.actions.accounts import create_account
    from kuaibao.newsroom.roles import Role

    password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt("密码", hide_input=True)
    for username, role, unit, name in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        if unit:
            resolve_unit(unit)
        create_account(username, password, Role(role), unit=unit, display_name=name)
        print(f"已创建演示账号 {username}（{role}）", file=sys.stderr)
