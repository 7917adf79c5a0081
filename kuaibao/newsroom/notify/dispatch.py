"""Sending queued deliveries: claim the due ones, try each, record the attempt, and schedule a
retry with backoff or give up after the last delay. A thread in each process that emits or
serves pages runs it (woken after each commit that queued something, and at least every
minute for retries and the periodic checks), so nothing depends on a cron entry; several
processes may run it at once: a delivery is claimed before it is sent."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from kuaibao.newsroom.notify.channels import DeliveryFailed, send
from kuaibao.newsroom.notify.models import Delivery, DeliveryAttempt

logger = logging.getLogger("kuaibao.notify")
CLAIM = dt.timedelta(minutes=2)  # longer than one attempt can take (timeouts 5 + 10 s)

# Checks run by the dispatcher every minute, e.g. reminders of a deadline (added in AppConfig.ready).
PERIODIC: list[Callable[[dt.datetime], object]] = []


def retry_delays() -> list[float]:
    """Seconds to wait after the 1st, 2nd, … failed attempt; past the last one it is given up."""
    return list(settings.NOTIFY_RETRY_DELAYS)


def _claimable(now: dt.datetime) -> Q:
    return Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def deliver_due(*, now: dt.datetime | None = None, limit: int = 100) -> int:
    """Try every delivery that is due; returns how many were tried."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(_claimable(now)).order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]
    )
    tried = 0
    for pk in due:
        if not Delivery.objects.filter(_claimable(now), pk=pk).update(claimed_until=now + CLAIM):
            continue  # another process took it
        attempt(Delivery.objects.select_related("webhook").get(pk=pk), now=now)
        tried += 1
    return tried


def attempt(delivery: Delivery, *, now: dt.datetime | None = None) -> bool:
    """Send a delivery once and record the outcome; True when it arrived."""
    now = now or timezone.now()
    started = time.monotonic()
    status_code: int | None = None
    error = ""
    try:
        status_code = send(delivery)
    except DeliveryFailed as exc:
        error, status_code = exc.message, exc.status_code
    except Exception as exc:  # a bug must not stop the dispatcher; the log keeps the error
        logger.exception("delivery %s failed", delivery.pk)
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration = int((time.monotonic() - started) * 1000)
    DeliveryAttempt.objects.create(
        delivery=delivery, ok=not error, status_code=status_code, error=error, duration_ms=duration
    )
    delivery.attempts += 1
    delivery.claimed_until = None
    if not error:
        delivery.status = Delivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
        delivery.last_error = ""
    else:
        delays = retry_delays()
        delivery.last_error = error
        if delivery.attempts > len(delays):
            delivery.status = Delivery.Status.FAILED
            delivery.next_attempt_at = None
            logger.warning("delivery %s (%s) given up: %s", delivery.pk, delivery.kind, error)
        else:
            delivery.next_attempt_at = now + dt.timedelta(seconds=delays[delivery.attempts - 1])
            logger.info(
                "delivery %s (%s) failed, retry at %s: %s", delivery.pk, delivery.kind, delivery.next_attempt_at, error
            )
    delivery.save(
        update_fields=["attempts", "claimed_until", "status", "delivered_at", "next_attempt_at", "last_error"]
    )
    return not error


def seconds_until_next(now: dt.datetime) -> float:
    upcoming = (
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__isnull=False)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if upcoming is None:
        return 60.0
    return min(60.0, max(0.05, (upcoming - now).total_seconds()))


def run_periodic(now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    for check in PERIODIC:
        try:
            check(now)
        except Exception:
            logger.exception("periodic notification check %s failed", getattr(check, "__name__", check))


class Dispatcher:
    """This process's delivery thread: started on first use, woken by `kick`."""

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._last_periodic = 0.0

    def ensure_started(self) -> None:
        if settings.NOTIFY_DELIVERY != "background" or self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._stopping = False
                self._thread = threading.Thread(target=self._loop, name="kuaibao-notify", daemon=True)
                self._thread.start()

    def kick(self) -> None:
        self.ensure_started()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the thread after the delivery it is sending (tests; a process that shuts down)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopping = True
        self._wake.set()
        if thread is not None:
            thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping:
            wait = 5.0
            self._wake.clear()
            try:
                deliver_due()
                if time.monotonic() - self._last_periodic >= 60:
                    self._last_periodic = time.monotonic()
                    run_periodic()
                wait = seconds_until_next(timezone.now())
            except Exception:  # the database may be away for a moment: try again shortly
                logger.exception("notification dispatcher")
            finally:
                connections.close_all()
            self._wake.wait(wait)


dispatcher = Dispatcher()


def kick() -> None:
    """After a commit that queued deliveries: send them now (in the background thread, or in
    this thread when NOTIFY_DELIVERY is inline)."""
    if settings.NOTIFY_DELIVERY == "inline":
        deliver_due()
    else:
        dispatcher.kick()
