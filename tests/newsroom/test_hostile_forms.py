"""Hostile input to every form and JSON endpoint, as a user allowed to post there: control
characters, invalid surrogates' replacements, huge values, HTML and script, random JSON.
Nothing may answer with a server error, and stored text is escaped when shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.newsroom.conftest import People
from tests.newsroom.test_permissions import world  # noqa: F401 - the fixture with one of everything

pytestmark = pytest.mark.django_db

nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50).map(lambda s: s * 400),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "\x00\x01\x1b[31m",
            "'; DROP TABLE archive_item; --",
            "../../etc/passwd",
            "-1",
            "1e309",
            "",
        ]
    ),
)
form = st.dictionaries(
    st.sampled_from(["title", "body", "comment", "section", "version", "expected_version", "edition", "kind",
                     "deadline", "units", "text", "feedback", "note", "distribution", "copies", "offset", "field",
                     "suggestion", "fingerprint", "rule", "ready", "q", "bulletin", "number", "supplement"]),
    nasty_text,
    max_size=8,
)  # fmt: skip
json_body = st.one_of(
    st.binary(max_size=200),
    st.recursive(
        st.none() | st.integers() | st.text(max_size=20),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
        max_leaves=10,
    ).map(lambda v: __import__("json").dumps(v).encode()),
)


def targets(w: dict[str, Any]) -> list[tuple[str, str]]:
    sub, ed = "/newsroom/submissions", f"/newsroom/editions/{w['editing']}"
    pl = f"{ed}/items/{w['placement']}"
    return [
        ("reporter", f"{sub}/new/"),
        ("reporter", f"{sub}/{w['draft']}/save/"),
        ("reporter", f"{sub}/{w['draft']}/proof/accept/"),
        ("reporter", f"{sub}/{w['draft']}/proof/dismiss/"),
        ("reporter", f"/newsroom/instructions/{w['instruction']}/answer/"),
        ("editor", f"{sub}/{w['pending']}/save/"),
        ("editor", f"{sub}/{w['pending']}/return/"),
        ("editor", f"{sub}/{w['pending']}/reject/"),
        ("editor", f"{sub}/{w['pending']}/revert/"),
        ("editor", f"{sub}/{w['pending']}/adopt/"),
        ("editor", "/newsroom/requests/"),
        ("editor", "/newsroom/editions/"),
        ("editor", f"{ed}/details/"),
        ("editor", f"{pl}/section/"),
        ("editor", f"{pl}/ready/"),
        ("editor", f"/newsroom/issues/{w['issue']}/correct/"),
        ("reviewer", f"{ed}/return/"),
        ("leader", f"/newsroom/items/{w['item']}/instruct/"),
    ]


def test_forms_never_fail_on_hostile_input(people: People, world: dict[str, Any]) -> None:  # noqa: F811
    clients = {}
    for role in ("reporter", "editor", "reviewer", "leader"):
        clients[role] = Client(raise_request_exception=True)
        clients[role].force_login(getattr(people, role))

    @settings(max_examples=120, suppress_health_check=list(HealthCheck), database=None)
    @given(st.sampled_from(targets(world)), form)
    def post(target: tuple[str, str], data: dict[str, str]) -> None:
        role, url = target
        with transaction.atomic():
            response = clients[role].post(url, data)
            transaction.set_rollback(True)
        assert response.status_code < 500, (url, data)

    post()


def test_json_endpoints_never_fail_on_hostile_bodies(people: People, world: dict[str, Any]) -> None:  # noqa: F811
    editor = Client(raise_request_exception=True)
    editor.force_login(people.editor)
    reporter = Client(raise_request_exception=True)
    reporter.force_login(people.reporter)

    @settings(max_examples=80, suppress_health_check=list(HealthCheck), database=None)
    @given(json_body)
    def post(body: bytes) -> None:
        for client, url in [
            (editor, f"/newsroom/editions/{world['editing']}/arrange/"),
            (reporter, f"/newsroom/submissions/{world['draft']}/proof/"),
        ]:
            with transaction.atomic():
                response = client.post(url, body, content_type="application/json")
                transaction.set_rollback(True)
            assert response.status_code < 500, (url, body)

    post()


def test_stored_html_is_escaped_everywhere(people: People, world: dict[str, Any]) -> None:  # noqa: F811
    client = Client()
    client.force_login(people.reporter)
    response = client.post(
        "/newsroom/submissions/new/",
        {"title": "<script>alert('标题')</script>", "body": "<img src=x onerror=alert(1)>正文。"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
