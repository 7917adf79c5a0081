"""mozilla-django-oidc's code flow, with our mapping of platform users to accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from kuaibao.sso import actions


class PlatformBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims) or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the user info does not belong to the ID token's subject")
        try:
            return actions.sign_in(
                issuer=str(payload.get("iss", "")),
                subject=str(payload["sub"]),
                claims=claims,
                ip=self.request.META.get("REMOTE_ADDR") if self.request else None,
            )
        except actions.Refused as refused:
            if self.request is not None:
                messages.error(self.request, refused.message)
            return None
