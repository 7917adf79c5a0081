"""Single sign-on pages: start at the platform, come back, and log out of both."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView, OIDCLogoutView


def _enabled() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404("本系统未启用单点登录")


class Start(OIDCAuthenticationRequestView):  # type: ignore[misc]
    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        _enabled()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]


class Callback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        _enabled()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]


class Logout(OIDCLogoutView):  # type: ignore[misc]
    """Log out here; a session that came from the platform is ended there too."""


def provider_logout_url(request: HttpRequest) -> str:
    """Where to send a person who logs out (OIDC_OP_LOGOUT_URL_METHOD): the platform's
    end_session endpoint for a platform session, else the usual page."""
    back = request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_ENABLED and settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return str(settings.LOGOUT_REDIRECT_URL)
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": back, "client_id": settings.OIDC_RP_CLIENT_ID}
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


def login_choices(request: HttpRequest) -> dict[str, object]:
    """Template context: the single sign-on button on the login page."""
    if not settings.OIDC_ENABLED:
        return {"sso": None}
    return {"sso": {"name": settings.OIDC_NAME, "url": reverse("sso:start")}}
