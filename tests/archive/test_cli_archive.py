"""`kuaibao import` and `kuaibao search` against the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kuaibao.cli import app
from tests.golden import CORPUS, FIXTURES

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_import_folders_recursively_with_a_summary(tmp_path: Path) -> None:
    bad = tmp_path / "nested" / "bad.txt"
    bad.parent.mkdir()
    bad.write_text("不是快报", "utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    result = runner.invoke(app, ["import", str(CORPUS), str(FIXTURES / "formats"), str(tmp_path)])
    assert result.exit_code == 2
    assert f"{bad}: 导入失败：" in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    # Three text issues; their DOCX, PDF, Word 97 and OFD twins hold the same content and add nothing:
    # said as other formats of the issues just imported, not as something that was there before.
    twins = len(list((FIXTURES / "formats").iterdir()))
    assert summary.startswith(
        f"共 {twins + 4} 个文件：新导入 3，同一期的其他格式 {twins}（内容相同，不重复导入），已更新 0，内容已在档案中 0，失败 1"
    )
    again = runner.invoke(app, ["import", str(CORPUS)])
    assert again.exit_code == 0 and "新导入 0，已更新 0，内容已在档案中 3" in again.stderr


def test_search_json_and_text(tmp_path: Path) -> None:
    assert runner.invoke(app, ["import", str(CORPUS)]).exit_code == 0
    result = runner.invoke(app, ["search", "电商", "--unit", "商务局", "--from", "2023-01-01", "--to", "2023-12-31"])
    data = json.loads(result.stdout)
    assert data["total"] == 1 and data["hits"][0]["units"] == ["县商务局"]
    text = runner.invoke(app, ["search", "税", "--format", "text", "--order", "date"])
    assert text.stdout.startswith("共 3 条") and "我县财政收入增长3.5%" in text.stdout
    bad = runner.invoke(app, ["search", "--", "-税"])
    assert bad.exit_code == 2 and "检索失败" in bad.stderr


def test_reindex_rebuilds_what_search_finds() -> None:
    from django.db import connection

    from kuaibao.archive.models import Item

    assert runner.invoke(app, ["import", str(CORPUS)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["search", "税"]).stdout)
    with connection.cursor() as cursor:  # lose the index, as a broken restore might
        for table in ("archive_item_postings", "archive_item_search_pending", "archive_item_search"):
            if table in connection.introspection.table_names():
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - constant names
    assert json.loads(runner.invoke(app, ["search", "税"]).stdout)["total"] == 0
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 0
    assert f"已为 {Item.objects.filter(is_current=True).count()} 条现行信息重建检索索引" in result.stderr
    assert json.loads(runner.invoke(app, ["search", "税"]).stdout) == before and before["total"] == 3
