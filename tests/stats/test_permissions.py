"""The statistics permission matrix: every stats page, download and form target, visited as
every role and as an anonymous visitor, is either allowed or refused, as the table says.

Figures follow the archive (any signed-in reader; everyone when the archive is public), but
their exports need the statistics permission; statistics, ranking and circulars are for the office (editor, reviewer, signer) and
administrators; recording or deleting an external adoption is for editors only.

Refused means 403 for a signed-in user and a redirect to the login page for an anonymous one
(the admin's own login page under /admin/). A POST that is allowed runs inside a savepoint
that is rolled back, so the rows don't disturb each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kuaibao.archive.actions import import_path
from kuaibao.stats.actions import record_external_adoption
from kuaibao.stats.models import ScoringRules
from tests.newsroom.conftest import People
from tests.stats.conftest import ISSUE_41, item_titled

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]
SIGNED_IN = set(ROLES) - {"anonymous"}
OFFICE = {"editor", "reviewer", "signer"}
STATISTICS = OFFICE | {"admin"}


@pytest.fixture
def world(people: People) -> dict[str, Any]:
    assert import_path(ISSUE_41).status == "imported"
    item = item_titled("东屯镇狠抓项目建设促进经济发展")
    adoption = record_external_adoption(people.act("editor"), level="市", date=dt.date(2023, 9, 25), item=item)
    return {"item": item.pk, "adoption": adoption.pk, "rules": ScoringRules.objects.get(active=True).pk}


def matrix(w: dict[str, Any]) -> list[tuple[str, str, set[str]]]:
    """(method, url, roles allowed)."""
    return [
        # Figures: whoever reads the archive.
        ("GET", f"/items/{w['item']}/", SIGNED_IN),
        ("GET", "/stats/figures/", SIGNED_IN),
        ("GET", "/stats/figures/?metric=交易额", SIGNED_IN),
        # Exports are for the office: a download of every figure is not a page (issue 14).
        ("GET", "/stats/figures.csv?metric=交易额", STATISTICS),
        ("GET", "/stats/figures.xlsx?metric=交易额", STATISTICS),
        # Statistics, ranking, circulars: the office and administrators.
        ("GET", "/stats/", STATISTICS),
        ("GET", "/stats/?period=2023-Q3", STATISTICS),
        ("GET", "/stats/ranking/?period=2023-09", STATISTICS),
        ("GET", "/stats/circular.docx?period=2023-09", STATISTICS),
        ("GET", "/stats/circular.xlsx?period=2023-Q3", STATISTICS),
        ("GET", "/stats/adoptions/", STATISTICS),
        # External adoptions are recorded and removed by editors.
        ("POST", "/stats/adoptions/", {"editor"}),
        ("POST", f"/stats/adoptions/{w['adoption']}/delete/", {"editor"}),
        # A reporter's own unit's score.
        ("GET", "/stats/my-unit/?period=2023-09", {"reporter", "reporter_b"}),
        # Rule sets: administrators, on the administration pages; Django's admin is for superusers.
        ("GET", "/manage/rules/", {"admin"}),
        ("GET", f"/manage/rules/{w['rules']}/", {"admin"}),
        ("GET", "/admin/stats/scoringrules/", set()),
        ("GET", f"/admin/stats/scoringrules/{w['rules']}/change/", set()),
    ]


def refused(response: Any, role: str, url: str) -> bool:
    if url.startswith("/admin/"):
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    if role == "anonymous":
        return response.status_code == 302 and "/login/" in response["Location"]
    return bool(response.status_code == 403)


def client_for(role: str, people: People) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def failures(people: People, rows: list[tuple[str, str, set[str]]]) -> list[str]:
    out = []
    for role in ROLES:
        client = client_for(role, people)
        for method, url, allowed in rows:
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
            if (role in allowed) == refused(response, role, url) or response.status_code >= 500:
                out.append(f"{role:>10} {method} {url} → {response.status_code}")
    return out


def test_every_stats_url_as_every_role(people: People, world: dict[str, Any]) -> None:
    assert failures(people, matrix(world)) == []


def test_a_public_archive_opens_the_figures_but_not_the_statistics(
    people: People, world: dict[str, Any], settings: Any
) -> None:
    settings.ARCHIVE_PUBLIC = True
    everyone = set(ROLES)
    rows = [(m, u, everyone if a == SIGNED_IN else a) for m, u, a in matrix(world)]
    assert failures(people, rows) == []


def test_the_matrix_covers_every_stats_route(world: dict[str, Any]) -> None:
    """A new statistics page or endpoint must be added to the matrix above."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace == "stats":
                names.add(f"stats:{entry.name}")

    walk(get_resolver().url_patterns, "")
    resolver = get_resolver()
    covered = set()
    for _, url, _ in matrix(world):
        match = resolver.resolve(url.split("?")[0])
        covered.add(f"{match.namespace}:{match.url_name}")
    assert names - covered == set()
