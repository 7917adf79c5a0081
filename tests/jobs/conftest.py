"""Job tests: the newsroom's personas, an import root holding a folder of real bulletins (plus a
file that is no bulletin and one that cannot be read), and a clean job queue per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kuaibao.jobs import queue
from tests.golden import CORPUS
from tests.newsroom.conftest import People, data_dir, people

FORMATS = CORPUS.parent / "formats"


@pytest.fixture
def inbox(settings: Any, tmp_path: Path) -> Path:
    """The import root: inbox/2023 holds the three corpus bulletins as text and one as DOCX,
    a note that is no bulletin, and a "PDF" that is not one."""
    root = tmp_path / "inbox"
    folder = root / "2023"
    folder.mkdir(parents=True)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    docx = sorted(FORMATS.glob("*.docx"))[0]
    shutil.copy(docx, folder / docx.name)
    (folder / "说明.txt").write_text("这是一份说明，不是快报。\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (root / "empty").mkdir()
    settings.IMPORT_ROOT = root
    return root


@pytest.fixture(autouse=True)
def fresh_queue() -> Iterator[None]:
    """Each test gets its own broker and embedded worker, built from its settings."""
    queue.reset()
    yield
    queue.reset()


__all__ = ["People", "data_dir", "people"]
