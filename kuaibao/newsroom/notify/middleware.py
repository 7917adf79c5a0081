"""Starts this web process's notification dispatcher with its first request, so that retries
left by a process that stopped go out without waiting for the next event."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kuaibao.newsroom.notify.dispatch import dispatcher


class StartDispatcher:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        dispatcher.ensure_started()
        return self.get_response(request)
