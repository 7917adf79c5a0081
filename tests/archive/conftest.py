"""Archive tests run against the database Django is configured for: SQLite by default, the
local PostgreSQL when DATABASE_URL is set (scripts/test runs them both ways)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kuaibao.archive.actions import import_path
from tests.golden import CORPUS


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """Each test keeps its source files in its own folder."""
    settings.DATA_DIR = tmp_path
    settings.SOURCES_DIR = tmp_path / "sources"
    yield tmp_path


@pytest.fixture
def corpus(db: None) -> list[int]:
    """The three corpus bulletins imported through the real import action."""
    ids = []
    for path in sorted(CORPUS.glob("*.txt")):
        outcome = import_path(path)
        assert outcome.status == "imported", outcome
        assert outcome.issue_id is not None
        ids.append(outcome.issue_id)
    return ids
