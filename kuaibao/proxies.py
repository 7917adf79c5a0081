"""The client's address behind trusted reverse proxies.

Behind the recommended TLS proxy every request comes from the proxy's address, so login
lockout (django-axes) keyed on REMOTE_ADDR locked an account out for everyone after five bad
attempts from anywhere. KUAIBAO_TRUSTED_PROXIES says how many proxies stand in front of the
application; each appends the address it received the request from to X-Forwarded-For (nginx:
`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`). The client is then the
address that many places from the right of [X-Forwarded-For…, REMOTE_ADDR]; what a client
wrote into the header itself sits further left and is never believed. With 0 (the default, no
proxy) the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client as the nearest trusted proxy saw it (REMOTE_ADDR without one)."""
    remote = request.META.get("REMOTE_ADDR")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote or ""]
    if len(chain) <= count:  # fewer hops than proxies: it did not come through them
        return remote
    candidate = chain[-(count + 1)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
