"""Proofreading tests keep the unpacked model copies in a folder of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _proof_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("proof-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KUAIBAO_CACHE_DIR", str(folder))
        yield folder
