"""`kuaibao figures-index` (kuaibao.stats.cli.figures_index_command): fills the figures table,
then finds nothing to do; --rebuild extracts again with the same result."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from kuaibao.archive.models import Item
from kuaibao.stats.cli import figures_index_command
from kuaibao.stats.models import FigureIndex, ItemFigure

pytestmark = pytest.mark.django_db(transaction=False)


def run(*args: str) -> str:
    app = typer.Typer()
    app.command()(figures_index_command)
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_index_then_nothing_left_then_rebuild(corpus: list[int]) -> None:
    ItemFigure.objects.all().delete()  # an archive from before figures were stored on import
    FigureIndex.objects.all().delete()
    items = Item.objects.count()
    first = run("--quiet", "--batch", "7")
    stored = ItemFigure.objects.count()
    assert f"已提取 {items} 条信息的 {stored} 个数据" in first and stored > 100
    assert FigureIndex.objects.count() == items
    assert "已提取 0 条信息的 0 个数据" in run("-q")
    assert f"已提取 {items} 条信息的 {stored} 个数据" in run("--rebuild", "-q")
    assert ItemFigure.objects.count() == stored
