"""Backups are proven by restoring them: import, back up, lose everything, restore, compare.
Runs on SQLite and on PostgreSQL (pg_dump/pg_restore), like the rest of tests/archive."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Issue, Item, SourceFile
from kuaibao.archive.queries import SearchRequest, run_search
from kuaibao.cli import app
from kuaibao.ops.backup import BackupError, create_backup, restore_backup
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner()


def state() -> tuple[int, int, int, int]:
    return (Issue.objects.count(), Item.objects.count(), SourceFile.objects.count(), run_search(SearchRequest("营商")).total)


def test_backup_and_restore_bring_everything_back(tmp_path: Path, settings: Any) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        import_path(path)
    before = state()
    sources = Path(settings.SOURCES_DIR)
    originals = {p.relative_to(sources): p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    backup = tmp_path / "backup.tar.gz"
    summary = create_backup(backup)
    assert summary.files == 3 and backup.stat().st_size > 0

    Issue.objects.all().delete() if False else None
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(sources)
    assert state()[:3] == (0, 0, 0)

    restore_backup(backup)
    assert state() == before
    restored = {p.relative_to(sources): p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    assert restored == originals


def test_damaged_backup_is_refused_before_anything_changes(tmp_path: Path) -> None:
    import_path(CORPUS / "000_14293bf241bcd247.txt")
    backup = tmp_path / "backup.tar.gz"
    create_backup(backup)
    backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    with pytest.raises(BackupError, match="损坏"):
        restore_backup(backup)
    assert Issue.objects.count() == 1


def test_cli_backup_to_a_full_disk_says_so(tmp_path: Path) -> None:
    import_path(CORPUS / "000_14293bf241bcd247.txt")
    result = runner.invoke(app, ["backup", "-o", "/dev/full"])
    assert result.exit_code == 2
    assert "备份失败" in result.stderr and "Traceback" not in result.stderr
    refused = runner.invoke(app, ["restore", str(tmp_path / "missing.tar.gz")])
    assert refused.exit_code == 2 and "--yes" in refused.stderr
