"""`kuaibao proof`: text and JSON output, comparison between files, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kuaibao.cli import app
from tests.golden import CORPUS, CORPUS_NAMES

runner = CliRunner()
PATHS = [str(CORPUS / f"{name}.txt") for name in CORPUS_NAMES]
CLEAN = "延津政务快报\n\n第 5 期\n\n延津县人民政府办公室\n\n2023 年 9 月 8 日\n\n县商务局推动消费 拉动消费10.6万元。（商务局）\n\n本期发：县委常委。\n"


def test_json_lists_every_finding_with_its_place() -> None:
    result = runner.invoke(app, ["proof", *PATHS, "--format", "json"])
    assert result.exit_code == 1  # the corpus has errors
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == 15  # 12 slips and 3 false alarms (tests/core/proof/test_corpus.py)
    first = next(f for f in findings if f["rule"] == "repeat.char")
    assert {k: first[k] for k in ("file", "line", "column", "text", "rule", "severity", "suggestion")} == {
        "file": PATHS[0],
        "line": 44,
        "column": 10,
        "text": "县人大大",
        "rule": "repeat.char",
        "severity": "error",
        "suggestion": "县人大",
    }
    assert first["message"]


def test_text_output_is_one_line_per_finding_and_a_summary_on_stderr() -> None:
    result = runner.invoke(app, ["proof", PATHS[1]])
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f"{PATHS[1]}:17:136: 错误 unit.attribution ")
    assert lines[0].endswith("“政务服务和大数数据管理局” → “政务服务和大数据管理局”")
    assert "共 6 条审校意见" in result.stderr


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, "utf-8")
    result = runner.invoke(app, ["proof", str(path), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"findings": []}


def test_fail_on_decides_which_findings_fail(tmp_path: Path) -> None:
    path = tmp_path / "warn.txt"
    path.write_text(CLEAN.replace("（商务局）", "( 商务局 )"), "utf-8")
    assert runner.invoke(app, ["proof", str(path)]).exit_code == 0
    assert runner.invoke(app, ["proof", str(path), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["proof", *PATHS, "--fail-on", "never"]).exit_code == 0


def test_unreadable_file_is_one_line_and_status_two_after_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["proof", str(missing), PATHS[0]])
    assert result.exit_code == 2
    assert f"{missing}: 无法读取：文件不存在" in result.stderr.splitlines()
    assert "县人大大" in result.stdout


def test_archive_files_are_compared_but_not_reported(tmp_path: Path) -> None:
    old = [tmp_path / f"old{n}.txt" for n in (1, 2)]
    for n, path in enumerate(old, start=1):
        path.write_text(CLEAN.replace("第 5 期", f"第 {n} 期").replace("9 月 8 日", f"9 月 {n} 日"), "utf-8")
    new = tmp_path / "new.txt"
    new.write_text(CLEAN.replace("第 5 期", "第 1 期").replace("县委常委。", "县委常委，副县长。"), "utf-8")
    result = runner.invoke(app, ["proof", str(new), *(f"--archive={p}" for p in old), "--format", "json"])
    rules = [(f["file"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert rules == [(str(new), "issue.sequence"), (str(new), "boilerplate.distribution")]


def test_configuration_file_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "proof.json"
    config.write_text(json.dumps({"leaders": [{"name": "张伟", "titles": ["县长"]}]}), "utf-8")
    path = tmp_path / "a.txt"
    path.write_text("副县长张伟出席会议。", "utf-8")
    result = runner.invoke(app, ["proof", str(path), "-c", str(config), "-f", "json"])
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["list.leader_title"]
    config.write_text('{"leaders": 1}', "utf-8")
    bad = runner.invoke(app, ["proof", str(path), "-c", str(config)])
    assert bad.exit_code == 2 and "配置文件有误" in bad.stderr
