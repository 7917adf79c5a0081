"""Which platform user is which account: the issuer and subject of the ID token, kept when the
person first signs in through the platform."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PlatformIdentity(models.Model):
    issuer = models.CharField("身份平台", max_length=300)
    subject = models.CharField("平台用户标识", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_identities", verbose_name="账号"
    )
    claims = models.JSONField("首次登录时平台提供的信息", default=dict)
    created_at = models.DateTimeField("首次登录", auto_now_add=True)
    last_login_at = models.DateTimeField("最近登录", null=True, blank=True)

    class Meta:
        verbose_name = "平台身份"
        verbose_name_plural = "平台身份"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="platform_identity_unique")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.user}"
