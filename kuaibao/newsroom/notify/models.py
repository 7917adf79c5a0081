"""The notifier's tables: webhooks an administrator registers, and the log of every out-of-band
delivery (mail, webhook) with each attempt. Imported by kuaibao.newsroom.models."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from kuaibao.archive.models import Office, Unit


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """A receiver (a work app's robot, an OA system) that gets signed JSON for chosen events."""

    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name="所属机关",
        help_text="只接收本机关的事件",
    )
    name = models.CharField("名称", max_length=100)
    url = models.URLField("接收地址", max_length=500)
    secret = models.CharField("签名密钥", max_length=100, default=new_secret)
    events = models.JSONField("事件", default=list, blank=True, help_text="留空表示全部事件")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name="限于单位",
        help_text="只接收与该单位有关的事件；留空表示全机关",
    )
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Webhook 接收地址"
        verbose_name_plural = "Webhook 接收地址"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, kind: str, units: tuple[int, ...], office: int | None) -> bool:
        """An event of its office (one without an office reaches no receiver), of a kind it
        chose, and, for a unit's receiver, concerning that unit."""
        if office is None or self.office_id != office:
            return False
        if self.events and kind not in self.events:
            return False
        return self.unit_id is None or self.unit_id in units


class Delivery(models.Model):
    """One event sent through one channel to one receiver, retried with backoff until it is
    delivered or given up; replaying makes a new delivery of the same payload."""

    class Channel(models.TextChoices):
        MAIL = "mail", "邮件"
        WEBHOOK = "webhook", "Webhook"

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        DELIVERED = "delivered", "已送达"
        FAILED = "failed", "发送失败"

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="所属机关"
    )
    event_id = models.CharField("事件编号", max_length=32, db_index=True)
    kind = models.CharField("事件", max_length=50)
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries")
    address = models.CharField("邮件地址", max_length=254, blank=True)
    payload = models.JSONField("内容")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    replay_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知投递记录"
        verbose_name_plural = "通知投递记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.kind} → {self.target}"

    @property
    def target(self) -> str:
        return self.address if self.channel == self.Channel.MAIL else (self.webhook.name if self.webhook else "")


class DeliveryAttempt(models.Model):
    """One try of a delivery: when, the receiver's answer, the error."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField("时间", auto_now_add=True)
    ok = models.BooleanField("成功")
    status_code = models.PositiveSmallIntegerField("HTTP 状态", null=True, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField("耗时（毫秒）", default=0)

    class Meta:
        verbose_name = "投递尝试"
        verbose_name_plural = "投递尝试"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} @ {self.at:%Y-%m-%d %H:%M:%S}"


class SentOnce(models.Model):
    """Keys of events that must go out once only (a deadline reminder per request and unit)."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
