"""The claims the platform gives about a person: name, account, verified e-mail, department (the
unit) and, when it has one, organization (the office), the way provincial platforms describe
their users."""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class PlatformValidator(OAuth2Validator):  # type: ignore[misc]
    oidc_claim_scope = None  # every claim, whatever the scopes

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        # The test platform keeps "office/department" (or the department alone) in last_name.
        office, _, department = user.last_name.rpartition("/")
        claims = {
            "name": user.first_name,
            "preferred_username": user.username,
            "email": user.email,
            "email_verified": True,
            "department": department,
        }
        return {**claims, "organization": office} if office else claims
