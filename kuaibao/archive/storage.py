"""Original bytes of imported files, kept under the data directory by their SHA-256.

Files are written before the database transaction commits (write to a temporary name, fsync,
rename), so a committed row always has its file; a failed transaction can leave an unused file
behind, which is harmless and is reused if the same content comes again.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings


def path_for(sha256: str, suffix: str) -> str:
    return f"{sha256[:2]}/{sha256}{suffix}"


def store(data: bytes, sha256: str, suffix: str) -> str:
    """Keep the bytes; return the path relative to the sources directory."""
    relative = path_for(sha256, suffix)
    target = Path(settings.SOURCES_DIR) / relative
    if target.exists() and target.stat().st_size == len(data):
        return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return relative


def read(relative: str) -> bytes:
    return (Path(settings.SOURCES_DIR) / relative).read_bytes()
