"""Settings every test shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """WhiteNoise serves from STATIC_ROOT and warns when it is missing; tests never collect."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: a test's rolled-back rows can share their ids
    with the next test's, and cached archive counts are keyed by such an id."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests create many accounts; a slow hash only costs time here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# These machines are shared and noisy (2 cores): a per-example deadline only measures the
# neighbours. Speed lives in bench/, not in tests.
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile("kuaibao", deadline=None)
hypothesis_settings.load_profile("kuaibao")


@pytest.fixture(autouse=True)
def notifications_inline(settings: Any) -> None:
    """Mails and webhooks go out right after commit in the committing thread, not from a
    background thread that would outlive the test (tests of the dispatcher turn it on)."""
    settings.NOTIFY_DELIVERY = "inline"
