"""`kuaibao render`: any importable file, or an archived issue, out in every format.

The command is registered in kuaibao/cli/__init__.py; these tests mount `render_command` on
an app of their own so that they do not depend on that registration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kuaibao.cli.render import render_command
from kuaibao.core.parse import parse_bytes, parse_path
from kuaibao.core.render.json import from_dict, to_dict
from tests.golden import CORPUS, CORPUS_NAMES, differences, load_gold

app = typer.Typer()
app.command()(render_command)
runner = CliRunner()
FIRST = CORPUS / f"{CORPUS_NAMES[0]}.txt"
GOLD = load_gold(CORPUS_NAMES[0])


def comparable(data: bytes) -> dict[str, Any]:
    return to_dict(dataclasses.replace(parse_bytes(data), provenance=None))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md", "txt"])
def test_file_rendered_to_each_format_reads_back_to_the_gold_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"issue.{fmt}"
    result = runner.invoke(app, [str(FIRST), "--format", fmt, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert differences(parse_path(out), GOLD) == []


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "第41期.htm"
    result = runner.invoke(app, [str(FIRST), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert f"已写入 {out}（HTML" in result.stderr


def test_rendered_file_is_read_again_in_any_format(tmp_path: Path) -> None:
    pdf = tmp_path / "issue.pdf"
    assert runner.invoke(app, [str(FIRST), "-o", str(pdf), "-q"]).exit_code == 0
    docx = tmp_path / "issue.docx"
    assert runner.invoke(app, [str(pdf), "-o", str(docx), "-q"]).exit_code == 0
    assert comparable(docx.read_bytes()) == to_dict(from_dict(GOLD))


def test_text_formats_go_to_stdout_without_output() -> None:
    result = runner.invoke(app, [str(FIRST), "--format", "md", "-q"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# 延津政务快报\n")


def test_import_warnings_go_to_stderr_unless_quiet() -> None:
    loud = runner.invoke(app, [str(FIRST), "--format", "txt"])
    assert "段落在句中断开" in loud.stderr
    assert "段落在句中断开" not in runner.invoke(app, [str(FIRST), "--format", "txt", "-q"]).stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "请用 -o 指定输出文件"),
        (["-o", "out.odt"], "请用 --format 指定输出格式"),
        ([], "请用 --format 指定输出格式"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, [str(FIRST), *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("不是快报", "utf-8")
    result = runner.invoke(app, [str(bad), "-f", "txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}: 无法解析：")


def test_file_and_issue_together_or_neither_is_refused() -> None:
    assert "二者选一" in runner.invoke(app, ["-f", "txt"]).stderr
    assert runner.invoke(app, [str(FIRST), "--issue", "x/2023/1", "-f", "txt"]).exit_code == 2


# --- issues in the archive ----------------------------------------------------------------


@pytest.fixture
def archive(db: None, settings: Any, tmp_path: Path) -> Iterator[None]:
    """The corpus imported into the test database through the real import action."""
    from kuaibao.archive.actions import import_path

    settings.DATA_DIR = tmp_path
    settings.SOURCES_DIR = tmp_path / "sources"
    for path in sorted(CORPUS.glob("*.txt")):
        assert import_path(path).status == "imported"
    yield


def issue_key(number: int) -> str:
    from kuaibao.archive.models import Bulletin

    slug = Bulletin.objects.get(title="延津政务快报").slug
    return f"{slug}/2023/{number}"


@pytest.mark.parametrize("fmt", ["pdf", "html", "docx"])
def test_archived_issue_renders_to_its_gold_structure(archive: None, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"41.{fmt}"
    result = runner.invoke(app, ["--issue", issue_key(41), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert differences(parse_path(out), GOLD) == []


def test_archived_issue_by_bulletin_title(archive: None) -> None:
    result = runner.invoke(app, ["--issue", "延津政务快报/2023/41", "-f", "txt"])
    assert result.exit_code == 0
    assert differences(parse_bytes(result.stdout.encode()), GOLD) == []


@pytest.mark.parametrize(
    ("key", "message"),
    [("延津政务快报/2023/99", "档案中没有"), ("延津政务快报/2023/增刊41", "档案中没有"), ("41", "格式不对")],
)
def test_unknown_or_malformed_issue_exits_2(archive: None, key: str, message: str) -> None:
    result = runner.invoke(app, ["--issue", key, "-f", "txt"])
    assert result.exit_code == 2 and message in result.stderr


def test_bulletin_from_issue_keeps_every_field(archive: None) -> None:
    from kuaibao.archive.models import Issue
    from kuaibao.archive.publish import bulletin_from_issue

    for name in CORPUS_NAMES:
        gold = load_gold(name)
        issue = Issue.objects.get(number=gold["issue"])
        parsed = parse_path(CORPUS / f"{name}.txt")
        assert to_dict(bulletin_from_issue(issue)) == to_dict(dataclasses.replace(parsed, provenance=None))
