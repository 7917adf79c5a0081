"""Caching and headers: the page cache is keyed by host as well as path, and a page answered to
a signed-in person is private (never kept by a shared cache or on disk)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kuaibao.archive.pagecache import STATUS_HEADER
from tests.newsroom.conftest import People

pytestmark = pytest.mark.django_db


def test_the_page_cache_keeps_one_page_per_host(settings: Any, corpus: list[int]) -> None:
    settings.ARCHIVE_PUBLIC = True
    settings.ALLOWED_HOSTS = ["localhost", "kuaibao.example.gov.cn"]
    first = Client().get("/", HTTP_HOST="localhost")
    again = Client().get("/", HTTP_HOST="localhost")
    other = Client().get("/", HTTP_HOST="kuaibao.example.gov.cn")
    assert (first[STATUS_HEADER], again[STATUS_HEADER]) == ("MISS", "HIT")
    assert other[STATUS_HEADER] == "MISS"


@pytest.mark.parametrize("path", ["/", "/newsroom/", "/search/?q=营商"])
def test_signed_in_pages_are_private(people: People, client: Client, path: str, corpus: list[int]) -> None:
    client.force_login(people.editor)
    response = client.get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable(settings: Any, corpus: list[int]) -> None:
    settings.ARCHIVE_PUBLIC = True
    response = Client().get("/")
    assert "private" not in response.get("Cache-Control", "")
