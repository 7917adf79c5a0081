"""Settings every test shares."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """WhiteNoise serves from STATIC_ROOT and warns when it is missing; tests never collect."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> Iterator[None]:
    """On SQLite the test database is a file (in memory-backed /dev/shm where there is one), not
    Django's default shared in-memory database: that one is a single connection which the live
    server hands to every request thread, so two requests at once (the proofreading panel
    checking while the person clicks 保存并报送) ran inside each other's transaction and one
    failed with a 503. With a file each thread opens its own connection and waits for another's
    write (WAL, busy_timeout), as in production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        yield
        return
    shm = Path("/dev/shm")  # noqa: S108 - a private folder made by mkdtemp inside it
    folder = Path(tempfile.mkdtemp(prefix="kuaibao-test-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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


@pytest.fixture
def wsgi_in_transaction() -> Iterator[None]:
    """Calls through the project's own WSGI application inside a test's transaction: like
    Django's test client, requests do not close the database connection when they start and
    finish (closing the file database's connection would end the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
