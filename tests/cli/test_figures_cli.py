"""`kuaibao figures`: JSON and CSV output, one stderr line per bad file, exit status 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from kuaibao.cli import app
from kuaibao.cli.figures import CSV_COLUMNS
from tests.golden import CORPUS, CORPUS_NAMES

runner = CliRunner()
FILES = [CORPUS / f"{name}.txt" for name in CORPUS_NAMES]

def test_json_lists_every_figure_with_file_and_item() -> None:
    result = runner.invoke(app, ["figures", str(FILES[0]), "-q"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert len(figures) == 36
    first = figures[0]
    assert {"file", "item", "text", "value", "unit", "metric", "approx", "time"} <= first.keys()
    assert (first["file"], first["item"], first["field"], first["text"]) == (FILES[0].name, 0, "title", "4天")
    money = next(f for f in figures if f["text"] == "5000余万元")
    assert money["value"] == "50000000" and money["unit"] == "元" and money["approx"] == "over"
    assert money["metric"] == "电子商务每月网络零售交易额"
    assert money["time"] == {"text": "目前", "from": None, "to": "2023-09-08"}


def test_several_files_come_out_in_order_in_one_list() -> None:
    result = runner.invoke(app, ["figures", *map(str, FILES), "-q"])
    files = [f["file"] for f in json.loads(result.stdout)["figures"]]
    assert files == sorted(files) and len(files) == 118


def test_csv_has_a_header_and_one_row_per_figure() -> None:
    result = runner.invoke(app, ["figures", str(FILES[2]), "--format", "csv", "-q"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 34
    row = next(r for r in rows if r["text"] == "33400万元")
    assert (row["value"], row["unit"], row["metric"], row["time"], row["time_from"], row["time_to"]) == (
        "334000000", "元", "一般公共预算收入", "1-4月", "2024-01-01", "2024-04-30",
    )  # fmt: skip
    assert row["value_max"] == "" and row["approx"] == ""


def test_bad_files_get_one_line_each_and_status_2_after_the_good_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["figures", str(empty), str(FILES[1]), str(missing), "-q"])
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)["figures"]) == 48  # the good file still came out
    errors = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in errors] == [str(empty), str(missing)]
    assert all("无法解析：" in line for line in errors) and "不存在" in errors[1]
    assert "Traceback" not in result.stderr


def test_import_warnings_go_to_stderr_unless_quiet() -> None:
    loud = runner.invoke(app, ["figures", str(FILES[0])])
    assert "段落在句中断开" in loud.stderr and "段落在句中断开" not in loud.stdout
    assert runner.invoke(app, ["figures", str(FILES[0]), "-q"]).stderr == ""


def test_help_is_in_chinese() -> None:
    result = runner.invoke(app, ["figures", "--help"])
    assert result.exit_code == 0 and "列出快报中的全部数据" in result.stdout
