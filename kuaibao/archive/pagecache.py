"""Whole archive pages kept for anonymous readers of a public archive.

When the archive is public (KUAIBAO_ARCHIVE_PUBLIC), most of its readers are not signed in and
see the same page for the same address. Such a page is rendered once and kept in Django's cache
(Redis when KUAIBAO_CACHE_URL names one, shared by every web process; otherwise each process's
own memory) under a key made of
- the address (host, path and query) and the language of the response;
- the archive's stamp: the newest revision's id, so a new issue, a correction or a publication
  shows at once, in every process;
- a generation number, moved on whenever something a public page shows is saved or deleted
  (a unit renamed in the admin, a leader's instruction): at once where the cache is shared,
  within PAGE_SECONDS where each process has its own.
Signed-in readers are never served from it: their pages carry their name, menus and forms.
Neither is a request that carries a session (it may have a message waiting) nor anything but a
plain 200 answer to GET or HEAD.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from kuaibao.archive.queries import archive_stamp

PAGE_SECONDS = 60
GENERATION_KEY = "kuaibao:pages:generation"
# Header on every page this module handles: HIT (from the cache) or MISS (rendered, then kept).
STATUS_HEADER = "X-Kuaibao-Page-Cache"


def enabled() -> bool:
    return bool(getattr(settings, "ARCHIVE_PUBLIC", False)) and bool(getattr(settings, "ARCHIVE_PAGE_CACHE", True))


def cacheable(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def serve(request: HttpRequest, view: Callable[[], HttpResponse]) -> HttpResponse:
    """The page from the cache, or `view`'s answer, kept when it is a plain page."""
    # The host is part of the address: a page rendered for Host: localhost (its links and
    # canonical URLs) must not be served to readers of the real name.
    digest = hashlib.sha256(f"{request.get_host()}\n{request.get_full_path()}".encode()).hexdigest()
    key = f"kuaibao:page:{archive_stamp()}:{_generation()}:{get_language()}:{digest}"
    kept: tuple[bytes, str] | None = cache.get(key)
    if kept is not None:
        response = HttpResponse(kept[0], content_type=kept[1])
        response[STATUS_HEADER] = "HIT"
        return response
    response = view()
    if _plain(response):
        cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
        response[STATUS_HEADER] = "MISS"
    return response


def _plain(response: HttpResponse) -> bool:
    """A complete HTML page (200) that sets no cookie and varies by nothing but the address."""
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not response.has_header("Cache-Control")
    )


def _generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 0, None) or 0)


def invalidate() -> None:
    """Start a new generation: every kept page is then out of use (and expires by itself)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (evicted, or never read): start one
        cache.add(GENERATION_KEY, 1, None)


def invalidate_on_commit(**_: Any) -> None:
    """`invalidate` once the change is committed: a reader who renders the page between the
    change and its commit sees the old data, and keeps it under the old generation."""
    transaction.on_commit(invalidate)


def connect_signals(models: list[type[Any]]) -> None:
    """Move to a new generation whenever one of `models` is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(invalidate_on_commit, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(invalidate_on_commit, sender=model, dispatch_uid=f"pagecache-delete-{label}")
