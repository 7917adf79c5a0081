"""The claims the platform gives about a person: name, account, verified e-mail and department
(the unit), the way provincial platforms describe their users."""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class PlatformValidator(OAuth2Validator):  # type: ignore[misc]
    oidc_claim_scope = None  # every claim, whatever the scopes

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "name": user.first_name,
            "preferred_username": user.username,
            "email": user.email,
            "email_verified": True,
            "department": user.last_name,  # the test platform keeps the department here
        }
