"""`kuaibao parse`: output formats, warnings on stderr, one line per bad file, exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kuaibao.cli import app
from tests.golden import CORPUS, CORPUS_NAMES, FIXTURES, differences, load_gold

runner = CliRunner()
FIRST = CORPUS / f"{CORPUS_NAMES[0]}.txt"

ARTICLE = (
    "县商务局召开电商工作推进会\n\n"
    "9 月 8 日，县商务局召开全县电商工作推进会，总结前一阶段工作，部署下一步任务。"
    "会议要求，各乡镇要进一步提高认识，加强协作，确保各项任务按时完成。\n"
)


def test_one_file_prints_one_json_object() -> None:
    result = runner.invoke(app, ["parse", str(FIRST)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert differences(data, load_gold(CORPUS_NAMES[0])) == []


def test_several_files_print_an_array_in_order() -> None:
    paths = [str(CORPUS / f"{name}.txt") for name in CORPUS_NAMES]
    result = runner.invoke(app, ["parse", *paths, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["issue"] for d in data] == [load_gold(name)["issue"] for name in CORPUS_NAMES]


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_md_and_text_read_back_to_the_same_bulletin(fmt: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(FIRST), "--format", fmt])
    assert result.exit_code == 0
    out = tmp_path / f"again.{fmt}"
    out.write_text(result.stdout, "utf-8")
    again = runner.invoke(app, ["parse", str(out)])
    assert differences(json.loads(again.stdout), load_gold(CORPUS_NAMES[0])) == []


def test_markdown_output_has_the_corpus_shape() -> None:
    result = runner.invoke(app, ["parse", str(CORPUS / "002_21a254231077ad00.txt"), "--format", "md"])
    lines = result.stdout.splitlines()
    assert lines[0] == "# 延津政务快报"
    assert "## 【优化营商环境】" in lines
    assert any(line.startswith("**县发改委落实稳经济政策推动企业健康发展** 第一时间") for line in lines)
    assert "责任编辑：李勉" in lines


def test_warnings_go_to_stderr_with_their_place() -> None:
    result = runner.invoke(app, ["parse", str(FIRST), "--format", "md"])
    assert f"{FIRST}: 第 17 行: 段落在句中断开" in result.stderr
    assert "段落在句中断开" not in result.stdout
    quiet = runner.invoke(app, ["parse", str(FIRST), "--quiet"])
    assert quiet.stderr == ""


def test_bad_files_get_one_line_each_and_status_2_after_the_good_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, "utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    bad = [empty, binary, article, huge, missing, tmp_path]
    result = runner.invoke(app, ["parse", *map(str, bad), str(FIRST)])
    assert result.exit_code == 2
    assert json.loads(result.stdout)[0]["issue"] == 41  # the good file still came out
    errors = [line for line in result.stderr.splitlines() if "无法解析" in line]
    assert len(errors) == len(bad)
    for path, line in zip(bad, errors, strict=True):
        assert line.startswith(f"{path}: 无法解析：")
    assert "Traceback" not in result.stderr
    assert "不是快报" in errors[2] and "过大" in errors[3] and "不存在" in errors[4]


def test_every_command_has_help() -> None:
    for args in (["--help"], ["parse", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_installed_entry_point_runs() -> None:
    kuaibao = Path(sys.executable).parent / "kuaibao"
    done = subprocess.run([str(kuaibao), "parse", str(FIRST), "-q"], capture_output=True, check=False)
    assert done.returncode == 0
    assert json.loads(done.stdout)["title"] == "延津政务快报"


def test_help_lists_every_format_it_reads() -> None:
    result = runner.invoke(app, ["parse", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for name in ("Markdown", ".docx", ".doc", "WPS", "RTF", "ODT", "PDF", "扫描件", "OFD", "网页", "PNG", "TIFF"):
        assert name in result.stdout, name


def test_word97_file_parses_from_the_command_line() -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES / "kinds" / "word97.doc"), "--format", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    assert '"issue": 41' in result.stdout
