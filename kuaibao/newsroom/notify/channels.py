"""How one delivery goes out: a mail through Django's mail backend, or a webhook as an HMAC-signed
JSON POST (docs/notifications.md tells a receiver how to verify it)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

from kuaibao.newsroom.notify.models import Delivery

SIGNATURE_HEADER = "X-Kuaibao-Signature"
logger = logging.getLogger("kuaibao.notify")
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
        logger.warning("mail delivery %s: %s: %s", delivery.pk, type(exc).__name__, exc)
        raise DeliveryFailed(f"邮件发送失败：{_mail_reason(exc)}") from None


def _mail_reason(exc: Exception) -> str:
    """What went wrong, in the administrator's words (the exception itself goes to the log)."""
    import smtplib

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "邮件服务器拒绝登录，请检查邮件账号设置"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "邮件服务器拒收这个地址"
    if isinstance(exc, smtplib.SMTPException):
        return "邮件服务器出错"
    if isinstance(exc, OSError):
        return "连接不上邮件服务器"
    return "邮件内容或设置有误"


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
        logger.warning("webhook delivery %s: %s: %s", delivery.pk, type(exc).__name__, exc)
        raise DeliveryFailed(f"无法连接接收地址：{_webhook_reason(exc)}") from None
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"接收地址答复状态码 {response.status_code}", response.status_code)
    return response.status_code


def _webhook_reason(exc: Exception) -> str:
    import requests

    if isinstance(exc, requests.ConnectTimeout):
        return "连接超时"
    if isinstance(exc, requests.ReadTimeout):
        return "等待答复超时"
    if isinstance(exc, requests.exceptions.SSLError):
        return "证书校验失败"
    if isinstance(exc, requests.ConnectionError):
        return "连接失败（地址不通或对方未开放）"
    return "请求出错"
