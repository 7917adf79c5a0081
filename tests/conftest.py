"""Settings every test shares."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests create many accounts; a slow hash only costs time here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# These machines are shared and noisy (2 cores): a per-example deadline only measures the
# neighbours. Speed lives in bench/, not in tests.
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile("kuaibao", deadline=None)
hypothesis_settings.load_profile("kuaibao")
