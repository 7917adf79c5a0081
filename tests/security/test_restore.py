"""Restoring a crafted backup: a manifest key that leaves sources/ (../pwned.txt, an absolute
path) or a database name outside the backup is refused before anything is written."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Issue
from kuaibao.ops.backup import BackupError, create_backup, restore_backup
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db(transaction=True)


def _crafted(backup: Path, out: Path, member: str, key: str, *, database: str | None = None) -> Path:
    """The backup with one more file (`member` in the tar) listed in the manifest as `key`."""
    payload = b"pwned"
    with tarfile.open(backup, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(out, "w:gz") as tar:
        for info, data in members:
            if info.name == "manifest.json":
                manifest = json.loads(data or b"{}")
                manifest["sources"][key] = hashlib.sha256(payload).hexdigest()
                if database is not None:
                    manifest["database"]["name"] = database
                data = json.dumps(manifest).encode()
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
        extra = tarfile.TarInfo(member)
        extra.size = len(payload)
        tar.addfile(extra, io.BytesIO(payload))
    return out


@pytest.mark.parametrize(
    ("member", "key"),
    [("pwned.txt", "../pwned.txt"), ("sources/a/pwned.txt", "a/../../pwned.txt"), ("sources/x", "{tmp}/abs-pwned.txt")],
)
def test_restore_refuses_a_key_that_leaves_sources(tmp_path: Path, settings: Any, member: str, key: str) -> None:
    import_path(CORPUS / "000_14293bf241bcd247.txt")
    backup = tmp_path / "backup.tar.gz"
    create_backup(backup)
    key = key.format(tmp=tmp_path)  # an absolute path
    crafted = _crafted(backup, tmp_path / "crafted.tar.gz", member, key)
    Issue.objects.all().delete()
    with pytest.raises(BackupError, match="原始文件目录以外"):
        restore_backup(crafted)
    data = Path(settings.DATA_DIR)
    assert not (data / "pwned.txt").exists() and not (tmp_path / "abs-pwned.txt").exists()
    assert Issue.objects.count() == 0  # refused before the database was touched


def test_restore_refuses_a_database_outside_the_backup(tmp_path: Path) -> None:
    import_path(CORPUS / "000_14293bf241bcd247.txt")
    backup = tmp_path / "backup.tar.gz"
    create_backup(backup)
    crafted = _crafted(backup, tmp_path / "crafted.tar.gz", "sources/y", "y", database="../../etc/passwd")
    with pytest.raises(BackupError, match="manifest"):
        restore_backup(crafted)
