"""Proofreading with the office's data: the archive's counts recorded as issues are imported
(and adapting the model), the leaders' table and the lists kept in the administration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kuaibao.archive.actions import import_bytes, import_path
from kuaibao.archive.models import Issue
from kuaibao.newsroom import proofcounts, proofing
from kuaibao.newsroom.models import ProofCounts, ProofLeader, ProofPhrase
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db
DRUGS = CORPUS / "003_afd944fb77b4566d.txt"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.SOURCES_DIR = tmp_path / "sources"


def renumbered(path: Path, number: int) -> bytes:
    """The same bulletin as another issue (another number), as an office prints it each week."""
    text = path.read_text("utf-8")
    return re.sub(r"第\s*\d+\s*期", f"第 {number} 期", text, count=1).encode("utf-8")


def test_each_imported_revision_records_its_counts() -> None:
    outcome = import_path(DRUGS)
    issue = Issue.objects.get(pk=outcome.issue_id)
    row = ProofCounts.objects.get(revision=issue.current)
    assert row.characters > 1000
    counts = proofcounts.archive_counts()
    assert counts.get(["拒毒", "、拒毒", "拒毒、", "拒毒的"]).tolist() == [2, 2, 1, 1]
    assert import_path(DRUGS).status == "unchanged"
    assert ProofCounts.objects.count() == 1


def test_a_new_revision_replaces_the_old_counts() -> None:
    first = import_path(DRUGS)
    changed = DRUGS.read_text("utf-8").replace("拒毒", "远离毒品", 1).encode("utf-8")
    second = import_bytes(changed, "003-corrected.txt")
    assert second.status == "updated" and second.issue_id == first.issue_id
    assert proofcounts.archive_counts().get(["拒毒"]).tolist() == [1]


def test_the_archive_silences_what_the_office_always_writes() -> None:
    text = "切实增强大家禁毒、拒毒、防毒的意识"
    assert any(f.finding.rule == "spell.sound" for f in proofing.check_item("禁毒宣传", text))
    for number in (11, 12, 13):
        assert import_bytes(renumbered(DRUGS, number), f"{number}.txt").status == "imported"
    assert not any(f.finding.rule.startswith("spell.") for f in proofing.check_item("禁毒宣传", text))


def test_fill_missing_counts_an_older_archive() -> None:
    import_path(DRUGS)
    ProofCounts.objects.all().delete()
    assert proofcounts.fill_missing() == 1
    assert proofcounts.fill_missing() == 0
    assert proofcounts.archive_counts().get(["拒毒"]).tolist() == [2]


def test_leaders_table_and_lists_from_the_administration() -> None:
    ProofLeader.objects.create(name="王强", titles="县委书记", rank=1)
    ProofLeader.objects.create(name="张伟", titles="县委副书记、县长", rank=2)
    ProofPhrase.objects.create(
        kind=ProofPhrase.Kind.NORM, phrase="建国以来", suggestion="新中国成立以来", source="规范表述通知（2023）"
    )
    ProofPhrase.objects.create(kind=ProofPhrase.Kind.BANNED, phrase="决胜全面建成小康社会", source="提法已过时", active=False)
    found = proofing.check_item("县领导调研", "县长张伟、县委书记王强到东屯镇调研。建国以来，决胜全面建成小康社会。")
    rules = {f.finding.rule: f.finding for f in found}
    assert "list.leader_order" in rules
    assert rules["list.norm"].suggestion == "新中国成立以来" and "规范表述通知（2023）" in rules["list.norm"].message
    assert "list.banned" not in rules  # switched off in the administration


def test_proof_counts_command_fills_in_an_older_archive() -> None:
    from typer.testing import CliRunner

    from kuaibao.cli import app

    import_path(DRUGS)
    ProofCounts.objects.all().delete()
    result = CliRunner().invoke(app, ["proof-counts"])
    assert result.exit_code == 0 and "已统计 1 期" in result.stdout
