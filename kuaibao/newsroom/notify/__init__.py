"""The notifier: every event that tells someone to act goes through `emit`, which writes the
in-app notices at once and queues the out-of-band deliveries (mail, signed webhooks) that a
dispatcher sends after commit, with retries and a log an administrator can read and replay.

    from kuaibao.newsroom.notify import Event, emit
    emit(Event(kind="submission.returned", text=..., url=..., recipients=[...], subject={...}))

Event kinds and their payloads are documented in docs/notifications.md (and `events.KINDS`).
"""

from kuaibao.newsroom.notify.events import KINDS, Event, register_kind
from kuaibao.newsroom.notify.notifier import emit

__all__ = ["KINDS", "Event", "emit", "register_kind"]
