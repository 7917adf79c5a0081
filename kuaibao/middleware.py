"""When the database is unreachable, answer with a clear page (503) instead of a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger("kuaibao")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError | InterfaceError):
            return None
        log.exception("database error on %s", request.path)
        html = render_to_string("archive/unavailable.html", {"reason": "数据库暂时无法访问"})
        return HttpResponse(html, status=503, headers={"Retry-After": "30"})
