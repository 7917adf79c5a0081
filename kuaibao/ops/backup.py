"""Backups: the database and the stored original files in one .tar.gz with a manifest.

SQLite is copied with its online backup API (consistent while the server runs); PostgreSQL
with pg_dump in its custom format. Restoring checks the manifest and every file's SHA-256
before anything is replaced; SQLite is restored through the same backup API, PostgreSQL
with pg_restore --clean, the files by atomic renames.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the user, in Chinese."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    vendor: str
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"找不到 {name}，请安装 PostgreSQL 客户端（postgresql-client）")
    return path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*args, "-d", str(db["NAME"])], env


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as out:
            connection.connection.backup(out)
        out.close()
        return target
    target = folder / "database.pgdump"
    args, env = _pg_env()
    command = [_tool("pg_dump"), "-Fc", "-f", str(target), *args]
    done = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603 - fixed tool, our own settings
    if done.returncode != 0:
        raise BackupError(f"pg_dump 失败：{done.stderr.decode(errors='replace').strip()[:300]}")
    return target


def create_backup(output: Path) -> BackupSummary:
    """Write a backup archive to `output` (written to a temporary name, then renamed)."""
    sources = Path(settings.SOURCES_DIR)
    with tempfile.TemporaryDirectory(prefix="kuaibao-backup-") as tmp:
        database = _dump_database(Path(tmp))
        files = sorted(p for p in sources.rglob("*") if p.is_file() and not p.name.startswith("."))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "vendor": connection.vendor,
            "database": {"name": database.name, "sha256": _sha256(database)},
            "sources": {str(p.relative_to(sources)): _sha256(p) for p in files},
        }
        # A regular file is written under a temporary name and renamed into place; anything
        # else (a pipe, a device) is written as it is and never replaced.
        atomic = not output.exists() or output.is_file()
        partial = output.with_name(f".{output.name}.partial") if atomic else output
        try:
            with tarfile.open(partial, "w:gz") as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                tar.add(database, arcname=database.name)
                for path in files:
                    tar.add(path, arcname=f"sources/{path.relative_to(sources)}")
            if atomic:
                os.replace(partial, output)
        except OSError as exc:
            if atomic:
                partial.unlink(missing_ok=True)
            raise BackupError(_disk_message(exc, output)) from None
    return BackupSummary(output, manifest["vendor"], len(files), output.stat().st_size if atomic else 0)


def _disk_message(exc: OSError, path: Path) -> str:
    if exc.errno == 28:
        return f"磁盘空间不足，无法写入 {path}"
    return f"无法写入 {path}：{exc.strerror or exc}"


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份文件中有不安全的路径：{member.name}")
        members.append(member)
    return members


def restore_backup(archive: Path) -> dict[str, Any]:
    """Restore a backup made by `create_backup` into the configured database and data directory."""
    if not archive.is_file():
        raise BackupError(f"备份文件不存在：{archive}")
    with tempfile.TemporaryDirectory(prefix="kuaibao-restore-") as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(folder, members=_safe_members(tar), filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"备份文件损坏或不完整：{exc}") from None
        manifest = _checked_manifest(folder)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(f"备份来自 {manifest['vendor']}，当前数据库是 {connection.vendor}")
        _restore_database(folder / manifest["database"]["name"])
        _restore_sources(folder / "sources", manifest["sources"])
    return manifest


def _checked_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, after every name in it is proved to stay inside the backup's own folders
    and every file's SHA-256 matches: a crafted key (../pwned.txt) is refused before anything
    is written, as is a database name that points outside the backup."""
    try:
        manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text("utf-8"))
        fmt, database_name = manifest.get("format"), manifest["database"]["name"]
        database_digest, sources = manifest["database"]["sha256"], manifest["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError("备份中缺少可读的 manifest.json") from None
    if fmt != FORMAT:
        raise BackupError(f"不支持的备份格式：{fmt}")
    if not isinstance(sources, dict) or not _plain_relative(database_name) or "/" in database_name:
        raise BackupError("备份的 manifest.json 格式不对")
    database = folder / database_name
    if not database.is_file() or _sha256(database) != database_digest:
        raise BackupError("备份中的数据库文件缺失或校验不符")
    for relative, digest in sources.items():
        if not _plain_relative(relative):
            raise BackupError(f"备份中有指向原始文件目录以外的路径，已拒绝恢复：{relative}")
        path = folder / "sources" / relative
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"备份中的原始文件缺失或校验不符：{relative}")
    return manifest


def _plain_relative(name: object) -> bool:
    """A relative path of plain names (no "..", no drive, no leading slash, no backslash)."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    parts = PurePosixPath(name).parts
    return not PurePosixPath(name).is_absolute() and all(part not in ("", ".", "..") for part in parts)


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
        return
    args, env = _pg_env()
    done = subprocess.run(  # noqa: S603 - fixed tool, our own settings and file
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(dump)],
        env=env,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore 失败：{done.stderr.decode(errors='replace').strip()[:300]}")
    connection.close()


def _restore_sources(folder: Path, expected: dict[str, str]) -> None:
    target = Path(settings.SOURCES_DIR)
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    for relative in expected:
        destination = target / relative
        if not destination.resolve().is_relative_to(root):  # a link inside sources/ pointing out
            raise BackupError(f"备份中有指向原始文件目录以外的路径，已拒绝恢复：{relative}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = destination.with_name(f".{destination.name}.restoring")
        shutil.copyfile(folder / relative, staging)
        os.replace(staging, destination)
