"""The hostile-input battery (issue 14) reuses the newsroom's personas and the archive's data
folder: every test here plays an attacker or a careless insider against the real views."""

from __future__ import annotations

from tests.archive.conftest import corpus  # noqa: F401 - fixture
from tests.newsroom.conftest import People, bulletin, data_dir, people  # noqa: F401 - fixtures
