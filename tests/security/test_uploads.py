"""Uploads and busy databases: a file past the size limit is dropped as it arrives instead of
being spooled whole to disk; a refused upload answers 400, not 200; SQLite's busy writer is
reported as busy (retry in seconds), not as an unreachable database."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory

from kuaibao.middleware import DatabaseUnavailableMiddleware
from kuaibao.uploads import SizeLimitedUpload
from tests.newsroom.conftest import People

pytestmark = pytest.mark.django_db


def test_an_oversized_upload_is_never_spooled_whole(
    people: People, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SizeLimitedUpload, "limit", 1024 * 1024)
    spooled: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self: Any, raw_data: bytes, start: int) -> Any:
        spooled.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    client.force_login(people.reporter)
    big = SimpleUploadedFile("big.docx", b"PK\x03\x04" + b"\0" * (6 * 1024 * 1024))
    response = client.post("/newsroom/submissions/upload/", {"file": big})
    assert response.status_code == 400
    assert sum(spooled) <= 1024 * 1024  # at most the limit reached the disk, not 6 MB


def test_a_refused_upload_answers_400(people: People, client: Client) -> None:
    client.force_login(people.reporter)
    junk = SimpleUploadedFile("item.docx", b"this is not a Word file")
    response = client.post("/newsroom/submissions/upload/", {"file": junk})
    assert response.status_code == 400


def test_a_busy_sqlite_writer_is_reported_as_busy() -> None:
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post("/newsroom/editions/1/sign/")
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert response is not None and response.status_code == 503
    assert "系统正忙" in response.content.decode() and "数据库暂时无法访问" not in response.content.decode()
    assert response["Retry-After"] == "5"
