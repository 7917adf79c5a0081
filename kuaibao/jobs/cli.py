"""`kuaibao worker`: run background jobs taken from the Redis or RabbitMQ broker."""

from __future__ import annotations

import signal
import sys
import threading
from typing import Annotated
from urllib.parse import urlsplit

import typer

from kuaibao.cli.web import setup_django


def worker_command(
    threads: Annotated[
        int | None, typer.Option("--threads", min=1, help="同时执行的任务数（默认 KUAIBAO_JOBS_THREADS）")
    ] = None,
    stop_timeout: Annotated[int, typer.Option("--stop-timeout", min=0, help="停止时等待正在执行的任务的秒数")] = 30,
) -> None:
    """运行后台任务（导入文件夹等）：从 KUAIBAO_BROKER_URL 指定的 Redis 或 RabbitMQ 取任务，Ctrl-C 停止。"""
    setup_django()
    from django.conf import settings

    from kuaibao.jobs import actions, queue, tasks

    if queue.embedded():
        print(
            "KUAIBAO_BROKER_URL 未设置：后台任务在网页进程内执行，不需要单独的 worker。"
            "使用 Redis 或 RabbitMQ 时设置 KUAIBAO_BROKER_URL=redis://… 或 amqp://…",
            file=sys.stderr,
        )
        raise typer.Exit(code=2)
    interrupted = actions.recover_interrupted(resend_queued=False)
    worker = queue.worker(threads or settings.JOBS_THREADS)
    worker.start()
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(
        f"worker 已启动：{_safe(settings.JOBS_BROKER_URL)}，队列 {settings.JOBS_QUEUE}，"
        f"{worker.worker_threads} 个线程{f'；{len(interrupted)} 个中断的任务已标为失败' if interrupted else ''}",
        file=sys.stderr,
        flush=True,
    )
    stop.wait()
    print("正在停止 worker……", file=sys.stderr, flush=True)
    left = threading.Thread(target=worker.stop, kwargs={"timeout": stop_timeout * 1000}, daemon=True)
    left.start()
    left.join(stop_timeout + 5)
    actions.give_up(tasks.running_jobs(), "任务中断：worker 已停止，请重新发起")
    queue.broker().close()


def _safe(url: str) -> str:
    """The broker URL without its password, for the log."""
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return parts.geturl()


if __name__ == "__main__":
    typer.run(worker_command)
