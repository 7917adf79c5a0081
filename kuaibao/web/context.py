"""Template context for every page: the menu of the signed-in user's roles."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kuaibao.web import nav


def navigation(request: HttpRequest) -> dict[str, object]:
    # Lazy: pages that never draw the menu (downloads, JSON) cost no query.
    data = SimpleLazyObject(lambda: nav.navigation(request))
    return {"nav": data, "archive_public": bool(getattr(settings, "ARCHIVE_PUBLIC", False))}
