"""Login lockout behind the TLS proxy: with KUAIBAO_TRUSTED_PROXIES=1 django-axes keys on the
client's address as the proxy saw it, so five bad logins from one address do not lock the
signer out for everyone, and an address a client writes into X-Forwarded-For is not believed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from kuaibao.proxies import client_ip
from tests.newsroom.conftest import PASSWORD, People

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"
ATTACKER, SIGNER = "203.0.113.9", "198.51.100.7"


def _login(username: str, password: str, forwarded: str, remote: str = PROXY) -> int:
    response = Client(REMOTE_ADDR=remote).post(
        "/login/", {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=forwarded
    )
    return response.status_code


def test_a_locked_out_attacker_does_not_lock_the_signer_out_behind_the_proxy(people: People, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        # The attacker also claims to be the signer's address; the proxy appends the real one.
        _login("signer", "wrong", f"{SIGNER}, {ATTACKER}")
    assert _login("signer", PASSWORD, ATTACKER) == 429  # the attacker is locked out
    assert _login("signer", PASSWORD, SIGNER) == 302  # the signer, through the same proxy, is not


def test_without_a_trusted_proxy_the_header_is_ignored(people: People, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(6):
        _login("signer", "wrong", f"192.0.2.{n}", remote=ATTACKER)  # a fresh forged address each time
    assert _login("signer", PASSWORD, "192.0.2.99", remote=ATTACKER) == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "1.2.3.4", PROXY),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.1", "1.2.3.4"),
        (1, "", PROXY),  # not through the proxy
        (1, "not-an-address", PROXY),
    ],
)
def test_client_address_counts_proxies_from_the_right(settings: Any, count: int, forwarded: str, expected: str) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
