"""The read-only REST API and its OpenAPI schema."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kuaibao.archive.models import Issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client: Client) -> Client:
    client.force_login(User.objects.create_user("api-reader", password="a-long-test-password"))
    return client


def test_anonymous_calls_are_refused(client: Client, corpus: list[int]) -> None:
    for url in ["/api/issues", f"/api/issues/{corpus[0]}", "/api/units", "/api/search?q=电商"]:
        assert client.get(url).status_code == 401, url


def test_issues_and_one_issue(reader: Client, corpus: list[int]) -> None:
    issues = reader.get("/api/issues").json()
    assert [i["number"] for i in issues] == [20, 41, 13]
    issue = Issue.objects.get(number=41)
    data = reader.get(f"/api/issues/{issue.pk}").json()
    assert data["staff"] == {"责任编辑": "李勉", "审核": "原超俊", "签发": "麻彦伟"}
    assert len(data["items"]) == 9 and data["items"][1]["units"] == ["东屯镇"]
    item = reader.get(f"/api/items/{data['items'][3]['id']}").json()
    assert item["units"] == ["县商务局"] and item["units_as_written"] == ["商务局"]


def test_search_in_the_documented_form(reader: Client, corpus: list[int]) -> None:
    data = reader.get("/api/search", {"q": "电商", "unit": "商务局"}).json()
    assert data["total"] == 1
    (hit,) = data["hits"]
    assert set(hit) == {"bulletin", "issue", "date", "title", "units", "snippet", "url"}
    assert hit["issue"] == 41 and hit["url"].startswith("http://testserver/items/")
    assert reader.get("/api/search", {"q": "-电商"}).status_code == 400
    assert reader.get("/api/search", {"q": "电商", "order": "x"}).status_code == 422
    assert reader.get("/api/issues", {"page_size": 0}).status_code == 422


def test_openapi_schema_lists_every_endpoint(reader: Client) -> None:
    schema = reader.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/issues", "/api/issues/{issue_id}", "/api/items/{item_id}", "/api/units", "/api/search"} <= set(
        schema["paths"]
    )
