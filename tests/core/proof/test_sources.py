"""Files as proofreading reads them: text as decoded, DOCX and PDF as paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.proof import Proofreader, load_bytes, load_path
from tests.golden import FIXTURES


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_docx_and_pdf_give_the_corpus_findings(suffix: str) -> None:
    source = load_path(FIXTURES / "formats" / f"002_21a254231077ad00.{suffix}")
    assert source.bulletin is not None and source.format == suffix
    rules = [(f.rule, f.text) for f in Proofreader().check(source.text, bulletin=source.bulletin, parse=False)]
    assert ("unit.attribution", "政务服务和大数数据管理局") in rules
    assert ("number.odd_approx", "13余") in rules
    for finding in Proofreader().check(source.text, bulletin=source.bulletin, parse=False):
        assert source.text[finding.offset : finding.end] == finding.text


def test_text_that_is_no_bulletin_is_still_proofread() -> None:
    source = load_bytes("开展活动13余场。".encode(), "note.txt")
    assert source.bulletin is None
    assert [f.rule for f in Proofreader().check(source.text, parse=False)] == ["number.odd_approx"]


def test_gb18030_text_is_decoded() -> None:
    assert load_bytes("县人大大正副主任".encode("gb18030")).text == "县人大大正副主任"


@pytest.mark.parametrize(("setup", "reason"), [("missing", "文件不存在"), ("folder", "文件夹"), ("empty", "")])
def test_unreadable_files_raise_with_a_reason(setup: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    if setup == "folder":
        path.mkdir()
    elif setup == "empty":
        path.write_bytes(b"")
    with pytest.raises(UnreadableInput) as excinfo:
        load_path(path)
    assert reason in excinfo.value.reason
