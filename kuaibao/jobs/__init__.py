"""Background jobs (后台任务): long work such as importing a folder runs in a worker while the
page that started it shows its progress.

- `models.Job` is the record people see: kind, status, progress, message, result.
- `actions` holds every write (starting a job, and the worker's guarded transitions).
- `tasks` runs a job by its kind; `queue` hands jobs to dramatiq: embedded (a worker thread in
  the web process, no extra service) without KUAIBAO_BROKER_URL, Redis or RabbitMQ with it,
  where `kuaibao worker` (`cli.worker_command`) runs them.

Why dramatiq: it alone of the small libraries speaks both Redis and RabbitMQ (huey and
django-q2: Redis only; celery does both but brings a dozen packages and a prefork pool); its
messages are JSON, not pickle (a message here is only the job's id); it is two small packages
(dramatiq + redis or pika); and a job sent while no worker runs waits in the broker. Its only
embedded broker is in memory, which the Job table makes up for: a job queued in a process that
stopped is sent again by the next one, and a job whose worker died (silent for
JOBS_STALE_SECONDS) is marked interrupted when a worker next starts
(`actions.recover_interrupted`).

RabbitMQ closes a consumer whose message stays unacknowledged beyond `consumer_timeout`
(30 minutes by default): for imports longer than that, raise it in rabbitmq.conf.
"""
