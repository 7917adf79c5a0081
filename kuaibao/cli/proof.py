"""`kuaibao proof`: proofread bulletin files and print the findings."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.proof import Finding, IssueRecord, ProofConfig, Proofreader, ProofSource, Severity, load_path


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


_SEVERITY_NAMES = {Severity.error: "错误", Severity.warning: "警告", Severity.info: "提示"}


def proof_command(
    files: Annotated[
        list[Path], typer.Argument(help="要审校的快报文件：txt、md、docx、pdf，可多个（多个文件互相比对报尾等）")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：text 或 json")
    ] = OutputFormat.text,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="配置文件（JSON）：banned、leaders、units、defaults、words、disabled"),
    ] = None,
    archive: Annotated[
        list[Path] | None,
        typer.Option("--archive", "-a", help="往期快报文件，仅用于比对（期号顺序、报尾、单位名称），不输出其审校意见"),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="有此级别及以上的意见时以状态 1 退出：error、warning 或 never")
    ] = FailOn.error,
) -> None:
    """审校快报：错字重复、单位名称、报尾一致、标点（GB/T 15834）、数字（GB/T 15835）、日期、期号、禁用表述与领导职务。

    意见输出到标准输出；text 格式每行一条：文件:行:列: 级别 规则 说明 “原文” → “建议”。
    json 格式为 {"findings": [{"file", "line", "column", "offset", "text", "rule", "severity", "message",
    "suggestion", "fingerprint"}]}。docx、pdf 的行号是提取后的段落序号。

    配置文件示例：{"units": ["县商务局"], "leaders": [{"name": "张三", "titles": ["县长"]}],
    "banned": [{"phrase": "…", "suggestion": "…"}], "defaults": {"distribution": "…", "publisher": "…"},
    "disabled": ["punct.range"]}。

    退出状态：0 无（达到 --fail-on 级别的）意见；1 有错误级意见（--fail-on warning 时警告也算）；
    2 有文件无法读取（每个文件一行说明写到标准错误，其余文件照常审校），或配置文件有误。
    """
    reader = Proofreader(_load_config(config))
    sources, failed = _read_all(files)
    records, archive_failed = _read_archive(archive or [])
    results = reader.check_sources(sources, records)
    findings = [finding for found in results for finding in found]
    _print(findings, output_format)
    if failed or archive_failed:
        raise typer.Exit(code=2)
    if _fails(findings, fail_on):
        raise typer.Exit(code=1)


def _load_config(path: Path | None) -> ProofConfig:
    if path is None:
        return ProofConfig()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("配置应为 JSON 对象")
        return ProofConfig.from_dict(data)
    except (OSError, ValueError) as exc:
        print(f"{path}: 配置文件有误：{exc}", file=sys.stderr)
        raise typer.Exit(code=2) from None


def _read_all(files: list[Path]) -> tuple[list[ProofSource], int]:
    sources: list[ProofSource] = []
    failed = 0
    for path in files:
        try:
            sources.append(load_path(path))
        except UnreadableInput as exc:
            failed += 1
            print(f"{path}: 无法读取：{exc.reason}", file=sys.stderr)
        except Exception as exc:  # the user sees one line, never a traceback
            failed += 1
            print(f"{path}: 无法读取：内部错误（{type(exc).__name__}: {exc}），请报告此文件", file=sys.stderr)
    return sources, failed


def _read_archive(files: list[Path]) -> tuple[list[IssueRecord], int]:
    sources, failed = _read_all(files)
    records = [IssueRecord.from_bulletin(s.bulletin, s.name) for s in sources if s.bulletin is not None]
    for source in sources:
        if source.bulletin is None:
            print(f"{source.name}: 往期文件中没有识别出快报，已忽略", file=sys.stderr)
    return records, failed


def _fails(findings: list[Finding], fail_on: FailOn) -> bool:
    if fail_on is FailOn.never:
        return False
    worst = Severity.error.rank if fail_on is FailOn.error else Severity.warning.rank
    return any(finding.severity.rank <= worst for finding in findings)


def _print(findings: list[Finding], output_format: OutputFormat) -> None:
    out = sys.stdout
    if output_format is OutputFormat.json:
        payload: dict[str, Any] = {"findings": [finding.as_dict() for finding in findings]}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for finding in findings:
        suggestion = f" → “{finding.suggestion}”" if finding.suggestion is not None else ""
        out.write(
            f"{finding.file}:{finding.line}:{finding.column}: {_SEVERITY_NAMES[finding.severity]} {finding.rule} "
            f"{finding.message} “{finding.text}”{suggestion}\n"
        )
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    summary = "，".join(f"{_SEVERITY_NAMES[s]} {n}" for s, n in counts.items() if n)
    print(f"共 {len(findings)} 条审校意见" + (f"（{summary}）" if summary else ""), file=sys.stderr)


def proof_counts_command() -> None:
    """统计档案中尚未统计的各期文字，供审校的语言模型按本单位的用语调整；导入新的期次时会自动统计，可重复运行。"""
    from kuaibao.cli.web import setup_django

    setup_django()
    from kuaibao.newsroom.proofcounts import fill_missing

    typer.echo(f"已统计 {fill_missing()} 期的文字")
