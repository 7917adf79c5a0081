"""How one delivery goes out: a mail through Django's mail backend, or a webhook as an HMAC-signed
JSON POST (docs/notifications.md tells a receiver how to verify it)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

from kuaibao.newsroom.notify.models import Delivery

SIGNATURE_HEADER = "X-Kuaibao-Signature"
TIMEOUT = (5, 10)  # connect, read (seconds)


class DeliveryFailed(Exception):
    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


def body_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """sha256=HEX of HMAC-SHA256(secret, "{timestamp}." + body)."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def send(delivery: Delivery) -> int | None:
    """Send once; returns the HTTP status of a webhook, raises DeliveryFailed."""
    if delivery.channel == Delivery.Channel.MAIL:
        _mail(delivery)
        return None
    return _webhook(delivery)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mail(delivery: Delivery) -> None:
    data = delivery.payload
    text = str(data.get("text", ""))
    message = EmailMessage(
        subject=f"[快报] {_one_line(text)[:60]}",
        body=f"{text}\n\n{data.get('url', '')}\n",
        to=[delivery.address],
    )
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP, network and header errors alike: retried later
        raise DeliveryFailed(f"邮件发送失败：{type(exc).__name__}: {exc}"[:500]) from None


def _webhook(delivery: Delivery) -> int:
    import requests

    hook = delivery.webhook
    if hook is None or not hook.active:
        raise DeliveryFailed("接收地址已删除或停用")
    body = body_bytes(delivery.payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "kuaibao-webhook/1",
        "X-Kuaibao-Event": delivery.kind,
        "X-Kuaibao-Delivery": str(delivery.pk),
        "X-Kuaibao-Timestamp": timestamp,
        SIGNATURE_HEADER: signature(hook.secret, timestamp, body),
    }
    try:
        response = requests.post(
            hook.url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as exc:
        raise DeliveryFailed(f"无法连接接收地址：{type(exc).__name__}"[:500]) from None
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"接收地址答复 HTTP {response.status_code}", response.status_code)
    return response.status_code
