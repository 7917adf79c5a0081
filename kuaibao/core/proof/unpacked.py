"""An unpacked copy of the shipped model in the user's cache folder, mapped into memory.

The model ships as one compressed file (17 MB); inflating it, turning its packed columns back
into tables, building the hash indexes and the lexicon's dictionary costs a second of CPU at
every start. The first process to load it writes the finished arrays, uncompressed, to
`<cache>/kuaibao/` (KUAIBAO_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache); later processes
map that file read-only, so start-up touches only the pages a check needs. The cached copy is
named after the model file's size and modification time, this format's version and the text
of the code that unpacks it: a new model or new code gets a new copy. A cache that cannot be
written or read is no error: the model is then loaded from the compressed file as before.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT = 1
MAGIC = b"KBPROOF\x01"
ALIGN = 64
KEEP = 3  # copies of each kind kept (checkouts of different versions share the cache)


def cache_dir() -> Path:
    explicit = os.environ.get("KUAIBAO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kuaibao"


def cache_path(source: Path, kind: str, code: tuple[Path, ...] = ()) -> Path | None:
    """Where the unpacked copy of `source` of one kind lives (None if `source` is missing):
    named after its size and time and the text of the modules (`code`) that unpack it."""
    try:
        stat = source.stat()
        digest = hashlib.sha256(b"".join(path.read_bytes() for path in code)).hexdigest()[:16]
    except OSError:
        return None
    return cache_dir() / f"proof-{kind}-{stat.st_size}-{stat.st_mtime_ns}-v{FORMAT}-{digest}.bin"


def write_arrays(path: Path, arrays: Mapping[str, npt.NDArray[Any]], meta: Mapping[str, Any]) -> bool:
    """Write arrays uncompressed with a JSON header, atomically; False when it cannot be done."""
    layout: dict[str, tuple[str, list[int], int]] = {}
    offset = 0
    for name, array in arrays.items():
        offset = -(-offset // ALIGN) * ALIGN
        layout[name] = (array.dtype.str, list(array.shape), offset)
        offset += array.nbytes
    header = json.dumps({"arrays": layout, "meta": meta}, ensure_ascii=False).encode("utf-8")
    start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + len(header).to_bytes(8, "little") + header)
                for name, array in arrays.items():
                    out.seek(start + layout[name][2])
                    out.write(np.ascontiguousarray(array).tobytes())
                out.truncate(start + offset)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return False
    _prune(path)
    return True


def _prune(kept: Path) -> None:
    """Remove all but the KEEP newest copies of the same kind (older models, older code)."""
    kind = kept.name.split("-")[1]
    try:
        copies = sorted(kept.parent.glob(f"proof-{kind}-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in copies[KEEP:]:
            if old != kept:
                old.unlink()
    except OSError:
        return


def read_arrays(path: Path) -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]] | None:
    """The arrays of a file written by `write_arrays`, mapped read-only; None if unreadable."""
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        if mapped[: len(MAGIC)] != MAGIC:
            return None
        size = int.from_bytes(mapped[len(MAGIC) : len(MAGIC) + 8], "little")
        header = json.loads(bytes(mapped[len(MAGIC) + 8 : len(MAGIC) + 8 + size]).decode("utf-8"))
        start = -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN
        arrays: dict[str, npt.NDArray[Any]] = {}
        for name, (dtype, shape, offset) in header["arrays"].items():
            kind = np.dtype(dtype)
            count = int(np.prod(shape)) if shape else 1
            arrays[name] = np.frombuffer(mapped, dtype=kind, count=count, offset=start + offset).reshape(shape)
        return arrays, dict(header["meta"])
    except (ValueError, KeyError, TypeError):
        return None
