"""Open redirects: every `next` a form or a link carries goes through Django's
url_has_allowed_host_and_scheme; another site's address falls back to the page of the thing."""

from __future__ import annotations

import pytest
from django.test import Client

from kuaibao.archive.models import Bulletin
from kuaibao.newsroom.actions import editions
from tests.newsroom.conftest import PASSWORD, People, submitted

pytestmark = pytest.mark.django_db

HOSTILE = ["https://evil.example/", "//evil.example/x", "http:/\\evil.example", "/\\evil.example", "javascript:alert(1)"]


@pytest.mark.parametrize("target", HOSTILE)
def test_adopting_never_redirects_off_the_site(people: People, bulletin: Bulletin, client: Client, target: str) -> None:
    edition = editions.create_edition(people.act("editor"), bulletin)
    submission = submitted(people)
    client.force_login(people.editor)
    response = client.post(f"/newsroom/submissions/{submission.pk}/adopt/", {"edition": edition.pk, "next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/newsroom/submissions/{submission.pk}/"
    assert edition.placements.filter(submission=submission).exists()  # the action itself still ran


def test_adopting_follows_a_next_on_this_site(people: People, bulletin: Bulletin, client: Client) -> None:
    edition = editions.create_edition(people.act("editor"), bulletin)
    submission = submitted(people)
    client.force_login(people.editor)
    back = f"/newsroom/editions/{edition.pk}/"
    response = client.post(f"/newsroom/submissions/{submission.pk}/adopt/", {"edition": edition.pk, "next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", HOSTILE)
def test_login_never_redirects_off_the_site(people: People, client: Client, target: str) -> None:
    response = client.post(f"/login/?next={target}", {"username": "editor", "password": PASSWORD, "next": target})
    assert response.status_code == 302 and "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript")
