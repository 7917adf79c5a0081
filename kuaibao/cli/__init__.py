"""The `kuaibao` command line."""

from __future__ import annotations

import typer

from kuaibao.cli.accounts import user_app
from kuaibao.cli.archive import import_command, migrate_command, reindex_command, search_command, serve_command
from kuaibao.cli.figures import figures_command
from kuaibao.cli.office import bulletin_app, unit_app
from kuaibao.cli.ops import backup_command, restore_command
from kuaibao.cli.parse import parse_command
from kuaibao.cli.proof import proof_command, proof_counts_command
from kuaibao.cli.render import render_command
from kuaibao.jobs.cli import worker_command
from kuaibao.stats.cli import figures_index_command

app = typer.Typer(
    name="kuaibao",
    help="快报：县政府政务快报系统（导入、归档、编辑、发布、审校、统计）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("parse")(parse_command)
app.command("import")(import_command)
app.command("search")(search_command)
app.command("migrate")(migrate_command)
app.command("reindex")(reindex_command)
app.command("serve")(serve_command)
app.command("figures")(figures_command)
app.command("proof")(proof_command)
app.command("proof-counts")(proof_counts_command)
app.command("render")(render_command)
app.command("worker")(worker_command)
app.command("figures-index")(figures_index_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.add_typer(user_app, name="user")
app.add_typer(bulletin_app, name="bulletin")
app.add_typer(unit_app, name="unit")


@app.callback()
def _root() -> None:
    """快报：县政府政务快报系统。"""


def main() -> None:
    app()
