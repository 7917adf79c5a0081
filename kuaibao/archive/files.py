"""Which files an archive import takes from a folder, and how its outcomes are named; shared by
the command line (`kuaibao import`) and the background folder import (no Django needed)."""

from __future__ import annotations

import os
from pathlib import Path

IMPORTABLE = {
    *(".txt", ".md", ".markdown", ".text", ".docx", ".pdf", ".html", ".htm", ".shtml"),
    *(".doc", ".wps", ".rtf", ".odt", ".ofd"),  # through LibreOffice; OFD read directly
    *(".png", ".jpg", ".jpeg", ".tif", ".tiff"),  # scans and photos, by text recognition
}
STATUS_LABELS = {"imported": "新导入", "updated": "已更新", "unchanged": "内容已在档案中", "failed": "失败"}
# A file whose issue another file of the same run has just imported (the same issue as DOCX and
# PDF): said apart from "already in the archive", which would read as if it had been there before.
SAME_RUN_LABEL = "同一期的其他格式"


def collect(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import: given files as they are, folders walked for importable files.

    Symbolic links are not followed out of a folder, so a link cannot pull in files from
    elsewhere on the machine."""
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.is_symlink() or not candidate.is_file():
                        skipped.append(candidate)
                    elif candidate.suffix.lower() in IMPORTABLE and not name.startswith((".", "~$")):
                        files.append(candidate)
                    else:
                        skipped.append(candidate)
        else:
            files.append(path)
    return files, skipped
