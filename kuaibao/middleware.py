"""When the database is unreachable, answer with a clear page (503) instead of a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

log = logging.getLogger("kuaibao")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError | InterfaceError):
            return None
        if "database is locked" in str(exception) or "database table is locked" in str(exception):
            # SQLite's single writer is busy (someone is signing or importing): not an outage.
            log.warning("database busy on %s: %s", request.path, exception)
            html = render_to_string("archive/unavailable.html", {"reason": "系统正忙（有人正在保存或签发）"})
            return HttpResponse(html, status=503, headers={"Retry-After": "5"})
        log.exception("database error on %s", request.path)
        html = render_to_string("archive/unavailable.html", {"reason": "数据库暂时无法访问"})
        return HttpResponse(html, status=503, headers={"Retry-After": "30"})


class PrivatePages:
    """A page answered to a signed-in person carries their name, menus and drafts: no shared
    cache (a proxy, a CDN) may keep it, and the browser must not store it on disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
