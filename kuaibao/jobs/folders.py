"""The folders a web user may import: below settings.IMPORT_ROOT only, named by a path relative
to it. Absolute paths elsewhere, "..", and symbolic links that lead out of the root are refused;
files are opened without following a final symbolic link."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from django.conf import settings

from kuaibao.newsroom.actions.base import ActionError


def import_root() -> Path:
    return Path(settings.IMPORT_ROOT).resolve()


def resolve_folder(text: str) -> tuple[Path, str]:
    """The folder `text` names inside the import root, and its name relative to the root
    ("." for the root itself); ActionError says why a path is refused."""
    root = import_root()
    if not root.is_dir():
        raise ActionError(f"导入目录 {root} 不存在，请管理员先创建")
    cleaned = text.strip().replace("\\", "/")
    if "\x00" in cleaned:
        raise ActionError("路径中有非法字符")
    path = PurePosixPath(cleaned or ".")
    if ".." in path.parts:
        raise ActionError("路径中不能包含“..”")
    candidate = Path(path) if path.is_absolute() else root / path
    if path.is_absolute() and not _lexically_inside(candidate, root):
        raise ActionError(f"只能导入导入目录（{root}）之内的文件夹")
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ActionError(f"文件夹“{cleaned}”不存在") from None
    if not resolved.is_relative_to(root):
        raise ActionError(f"只能导入导入目录（{root}）之内的文件夹")
    if not resolved.is_dir():
        raise ActionError(f"“{cleaned}”不是文件夹")
    return resolved, resolved.relative_to(root).as_posix()


def _lexically_inside(path: Path, root: Path) -> bool:
    return Path(os.path.normpath(path)).is_relative_to(root)


def subfolders(limit: int = 200) -> list[str]:
    """Folders directly in the import root and one level below, for the form's suggestions."""
    root = import_root()
    if not root.is_dir():
        return []
    found: list[str] = []
    for first in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
        found.append(first.name)
        found.extend(
            f"{first.name}/{second.name}"
            for second in sorted(first.iterdir())
            if second.is_dir() and not second.is_symlink()
        )
        if len(found) >= limit:
            break
    return found[:limit]


def read_inside(path: Path, root: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file inside `root`, opened without following a symbolic link; a
    file swapped for a link after the folder was listed is refused, not followed."""
    if not path.resolve().is_relative_to(root):
        raise ActionError("文件不在导入目录之内")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ActionError("不是普通文件")
        if info.st_size > max_bytes:
            raise ActionError(f"文件过大（上限 {max_bytes // 1048576} MB）")
        return handle.read(max_bytes + 1)
