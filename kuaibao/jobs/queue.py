"""Where jobs run: dramatiq, with the broker chosen by settings.JOBS_BROKER_URL.

- No broker URL (the default): embedded. Jobs go to an in-memory broker and a worker thread
  in the same process runs them (started on first use), so a single-machine install needs no
  extra service. A job queued in a process that then stops is sent again when a process next
  starts its embedded worker; one that was running is marked interrupted.
- redis://… or amqp://… (RabbitMQ): jobs go through that broker and `kuaibao worker`
  processes run them, on this machine or others sharing the database.

A message carries only the job's id (JSON); the Job row holds the parameters, so delivering a
message twice is harmless (`actions.begin` lets only one delivery run it).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import dramatiq
from django.conf import settings
from django.db import connections
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Middleware

logger = logging.getLogger(__name__)
ACTOR_NAME = "kuaibao_run_job"

_lock = threading.RLock()
_broker: dramatiq.Broker | None = None
_actor: dramatiq.Actor[[int], None] | None = None
_embedded_worker: dramatiq.Worker | None = None


class CloseDatabaseConnections(Middleware):
    """A worker thread closes its database connections after each job, as Django does after
    each request, so a long-lived worker never holds a stale or broken connection."""

    def after_process_message(
        self, broker: dramatiq.Broker, message: Any, *, result: Any = None, exception: Any = None
    ) -> None:
        connections.close_all()

    after_skip_message = after_process_message


def embedded() -> bool:
    return not settings.JOBS_BROKER_URL


def make_broker(url: str) -> dramatiq.Broker:
    """The broker for `url`; without retries or time limits, which would re-run or kill an
    import half-way: a job reports its own failure on its row."""
    middleware: list[Middleware] = [CloseDatabaseConnections()]
    if not url:
        return StubBroker(middleware=middleware)
    if url.startswith(("redis://", "rediss://")):
        from dramatiq.brokers.redis import RedisBroker

        return RedisBroker(  # type: ignore[no-untyped-call]
            url=url, namespace=f"dramatiq:{settings.JOBS_QUEUE}", middleware=middleware
        )
    from dramatiq.brokers.rabbitmq import RabbitmqBroker

    return RabbitmqBroker(url=url, middleware=middleware, confirm_delivery=True)


def broker() -> dramatiq.Broker:
    """This process's broker, with the job actor declared on it."""
    global _broker, _actor
    with _lock:
        if _broker is None:
            from kuaibao.jobs.tasks import run_job

            _broker = make_broker(settings.JOBS_BROKER_URL)
            _actor = dramatiq.Actor(
                run_job, broker=_broker, actor_name=ACTOR_NAME, queue_name=settings.JOBS_QUEUE, priority=0, options={}
            )
        return _broker


def send(job_id: int) -> None:
    """Hand a job to the workers (in embedded mode, to this process's worker thread)."""
    broker()
    if embedded():
        start_embedded_worker(sending=job_id)
    if _actor is None:
        raise RuntimeError("the job actor was not declared")
    _actor.send(job_id)


def start_embedded_worker(sending: int | None = None) -> None:
    """Start this process's worker thread once; it also takes up jobs left queued by a process
    that stopped (any process may: only one delivery of a job runs it)."""
    global _embedded_worker
    with _lock:
        if _embedded_worker is not None or not embedded():
            return
        _embedded_worker = worker(settings.JOBS_THREADS)
        _embedded_worker.start()
    _resume_left_jobs(skip=sending)


def worker(threads: int) -> dramatiq.Worker:
    return dramatiq.Worker(broker(), queues={settings.JOBS_QUEUE}, worker_threads=threads, worker_timeout=1000)


def _resume_left_jobs(skip: int | None) -> None:
    from kuaibao.jobs import actions

    try:
        for job_id in actions.recover_interrupted(resend_queued=True):
            if job_id != skip and _actor is not None:
                _actor.send(job_id)
    except Exception:  # the database may not be migrated yet; the next start tries again
        logger.exception("could not resume queued jobs")


def recover_at_start() -> None:
    """At a server's start: running jobs whose worker fell silent are marked interrupted, and in
    embedded mode jobs left queued by a process that stopped are taken up by this one."""
    from kuaibao.jobs import actions
    from kuaibao.jobs.models import Job

    try:
        if embedded() and Job.objects.filter(status=Job.Status.QUEUED).exists():
            start_embedded_worker()  # recovers the stale ones too
        else:
            actions.recover_interrupted(resend_queued=False)
    except Exception as exc:  # the database may not be migrated yet; the first poll recovers instead
        logger.warning("could not recover interrupted jobs at start-up: %s: %s", type(exc).__name__, exc)


def wait_until_idle(timeout_ms: int = 60_000) -> None:
    """Embedded mode: wait until every job sent so far has finished (tests, the CLI)."""
    current = broker()
    if isinstance(current, StubBroker) and _embedded_worker is not None:
        current.join(settings.JOBS_QUEUE, timeout=timeout_ms)
        _embedded_worker.join()


def reset() -> None:
    """Forget the broker and stop the embedded worker (tests that change settings)."""
    global _broker, _actor, _embedded_worker
    with _lock:
        if _embedded_worker is not None:
            _embedded_worker.stop()
        if _broker is not None:
            _broker.close()
        _broker = _actor = _embedded_worker = None
