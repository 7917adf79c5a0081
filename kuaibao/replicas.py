"""Read replicas: read-only requests read from a PostgreSQL streaming replica, and every write,
and every read of a browser whose last write the replica has not replayed yet, goes to the
primary (KUAIBAO_REPLICA_URL; docs/deployment.md).

`ReplicaMiddleware` decides once per request where its reads go: to the replica for GET, HEAD
and OPTIONS, unless the browser's `kb_lsn` cookie names a point in the primary's WAL (that of
its last write) that the replica has not replayed yet, or the replica does not answer. After
a request that wrote, the cookie is set to the primary's current WAL position, so the user's
next pages read what they wrote: on the primary until the replica has replayed it, on the
replica after. `ReplicaRouter` then sends reads where the middleware said, except inside a
transaction on the primary and after the request has written; outside requests (commands,
job workers) everything uses the primary.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger("kuaibao")

PRIMARY = "default"
REPLICA = "replica"
COOKIE = "kb_lsn"  # the primary's WAL position after this browser's last write (signed)
COOKIE_SALT = "kuaibao.replicas"
COOKIE_SECONDS = 3600  # a replica more than an hour behind is broken, not lagging
RETRY_SECONDS = 30  # after the replica failed to answer, the primary serves reads this long

_reads: contextvars.ContextVar[str] = contextvars.ContextVar("kuaibao_read_alias", default=PRIMARY)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("kuaibao_wrote", default=False)
_replica_down_until = 0.0


def enabled() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads where the middleware chose for this request; writes and migrations on the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        alias = _reads.get()
        if alias != PRIMARY and (_wrote.get() or connections[PRIMARY].in_atomic_block):
            return PRIMARY
        return alias

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: one database for relations

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def read_alias() -> str:
    """Where a read outside the ORM (search SQL) should go in this request."""
    return ReplicaRouter().db_for_read(object)


class ReplicaMiddleware:
    """Chooses where a request reads (before the session is read: a session written by the
    last request must be read where it was written) and records a request's writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        seen = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT, max_age=COOKIE_SECONDS) or ""
        alias = PRIMARY
        caught_up = False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            caught_up = _replica_has(seen)
            alias = REPLICA if caught_up else PRIMARY
        reads, wrote = _reads.set(alias), _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                position = _primary_position()
                if position:
                    response.set_signed_cookie(
                        COOKIE, position, salt=COOKIE_SALT, max_age=COOKIE_SECONDS,
                        httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
                    )  # fmt: skip
            elif seen and caught_up:
                response.delete_cookie(COOKIE, samesite="Lax")  # the replica has it all now
        finally:
            _reads.reset(reads)
            _wrote.reset(wrote)
        return response


def _replica_has(position: str) -> bool:
    """Whether the replica answers and has replayed the primary's WAL up to `position` (any
    replica that answers has replayed the empty position)."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        with connections[REPLICA].cursor() as cursor:
            if not position:
                cursor.execute("SELECT 1")
                return True
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [position])
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        log.warning("the read replica does not answer; reading from the primary for %s s", RETRY_SECONDS)
        _replica_down_until = time.monotonic() + RETRY_SECONDS
        connections[REPLICA].close()
        return False


def _primary_position() -> str:
    """The primary's WAL position now: at or after the end of every commit made so far."""
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return str(cursor.fetchone()[0])
    except DatabaseError:
        return ""
