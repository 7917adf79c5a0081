"""Archives uploaded from the browser: a folder of old issues, or ZIPs of them, kept in a private
folder under the data directory until their import job has read them.

Names come from the browser and from ZIP members, so every name is reduced to safe parts (no
absolute paths, no "..", no control characters); ZIPs are expanded by the job, not the request,
under limits on members, sizes and compression ratio, with GBK member names (Chinese Windows
writes them without the UTF-8 flag) read as such, symbolic links skipped and nested ZIPs opened
one level deep.
"""

from __future__ import annotations

import re
import secrets
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from kuaibao.core.parse import MAX_BYTES
from kuaibao.newsroom.actions.base import ActionError

MAX_FILES = 2000  # files in one upload, ZIP members included
MAX_TOTAL = 1024 * 1024 * 1024  # bytes in one upload, ZIPs expanded
MAX_RATIO = 200  # uncompressed / compressed for ZIP members over 1 MB
_JUNK = re.compile(r"(^|/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*|~\$[^/]*)($|/)", re.IGNORECASE)
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")


def uploads_root() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def safe_name(name: str) -> str | None:
    """A relative path made of safe parts, or None when nothing of it is left."""
    parts = []
    for part in PurePosixPath(name.replace("\\", "/")).parts:
        part = _BAD_CHARS.sub("_", part).strip()
        if part and part not in ("/", "..", ".") and part.strip("."):
            parts.append(part[:120])
    return "/".join(parts[-8:]) or None


def is_junk(name: str) -> bool:
    """Files that operating systems add to folders and ZIPs (__MACOSX, .DS_Store, ~$ locks)."""
    return bool(_JUNK.search(name))


@dataclass
class Upload:
    token: str
    folder: Path
    files: int
    size: int


def save(files: list[UploadedFile[bytes]], paths: list[str]) -> Upload:
    """Write uploaded files (with the relative paths the browser sent, where it sent them) into
    a new private folder; ActionError says why an upload is refused."""
    if not files:
        raise ActionError("请选择要上传的文件、文件夹或 ZIP 压缩包")
    if len(files) > MAX_FILES:
        raise ActionError(f"一次最多上传 {MAX_FILES} 个文件")
    total = sum(f.size or 0 for f in files)
    if total > MAX_TOTAL:
        raise ActionError(f"上传的文件共 {total / 1048576:.0f} MB，超过 {MAX_TOTAL // 1048576} MB 的上限")
    token = secrets.token_hex(12)
    folder = uploads_root() / token
    folder.mkdir(parents=True, mode=0o700)
    try:
        for index, upload in enumerate(files):
            wanted = paths[index] if index < len(paths) and paths[index] else (upload.name or "")
            name = safe_name(wanted) or f"文件{index + 1}"
            target = _unique(folder / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ActionError(f"无法保存上传的文件：{exc.strerror or exc}") from None
    return Upload(token, folder, len(files), total)


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    for number in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}（{number}）{path.suffix}")
        if not candidate.exists():
            return candidate
    raise ActionError("上传的文件重名过多")


def folder_of(token: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{24}", token):
        raise ActionError("上传批次无效")
    return uploads_root() / token


def expand_zips(folder: Path, notes: list[dict[str, str]]) -> None:
    """Replace each ZIP in the folder by its members (a folder named after it), one nested
    level deep; a ZIP that cannot be expanded safely is left as it is and noted."""
    for depth in range(2):
        zips = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and _is_zip(p))
        for path in zips:
            relative = path.relative_to(folder).as_posix()
            try:
                _expand(path, _unique(path.parent / path.stem), folder)
            except ActionError as exc:
                notes.append({"file": relative, "reason": exc.message})
                continue
            path.unlink()
        if not zips:
            return
        if depth == 1 and any(_is_zip(p) for p in folder.rglob("*") if p.is_file()):
            notes.append({"file": "", "reason": "压缩包嵌套超过两层，内层压缩包未解开"})


def _is_zip(path: Path) -> bool:
    """A plain ZIP of files, not a DOCX, XLSX or OFD package (those are documents)."""
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = {n.lower() for n in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    documents = ("word/document.xml", "ofd.xml", "xl/workbook.xml", "ppt/presentation.xml", "mimetype")
    return not any(name in names for name in documents) and not any(n.startswith("word/") for n in names)


def _member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:  # no UTF-8 flag: Chinese Windows wrote GBK bytes, which zipfile read as CP437
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _expand(path: Path, into: Path, root: Path) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ActionError("ZIP 压缩包已损坏，无法解开") from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        existing = sum(1 for p in root.rglob("*") if p.is_file())
        if existing + len(infos) > MAX_FILES:
            raise ActionError(f"压缩包内文件过多（上限共 {MAX_FILES} 个）")
        if sum(info.file_size for info in infos) > MAX_TOTAL:
            raise ActionError(f"压缩包解开后超过 {MAX_TOTAL // 1048576} MB 的上限")
        into.mkdir(mode=0o700)
        names = [safe_name(_member_name(info)) or "" for info in infos]
        # 旧快报.zip holding 旧快报/…: the folder is the ZIP's own name, not one more level.
        redundant = f"{path.stem}/" if names and all(n.startswith(f"{path.stem}/") for n in names) else ""
        for info in infos:
            if stat.S_ISLNK(info.external_attr >> 16):
                continue
            name = safe_name(_member_name(info))
            if name is None or is_junk(name):
                continue
            name = name.removeprefix(redundant) or name
            if info.file_size > MAX_BYTES:
                raise ActionError(f"压缩包内的“{name}”过大（上限 {MAX_BYTES // 1048576} MB）")
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ActionError(f"压缩包内的“{name}”压缩比异常（可能是压缩炸弹），已拒绝")
            target = _unique(into / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(info) as source, target.open("wb") as handle:
                    copied = 0
                    while chunk := source.read(1024 * 1024):
                        copied += len(chunk)
                        if copied > MAX_BYTES:
                            raise ActionError(f"压缩包内的“{name}”过大")
                        handle.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise ActionError(f"压缩包内的“{name}”无法解开（{type(exc).__name__}）") from None
