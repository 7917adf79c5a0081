"""Who may read the archive: everyone when KUAIBAO_ARCHIVE_PUBLIC is set, else signed-in users.
Anonymous readers of a public archive get its pages through `pagecache`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from kuaibao.archive import pagecache


def can_read_archive(request: HttpRequest) -> bool:
    return bool(getattr(settings, "ARCHIVE_PUBLIC", False)) or request.user.is_authenticated


def archive_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require read access to the archive; anonymous users are sent to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read_archive(request):
            return redirect_to_login(request.get_full_path())
        if pagecache.cacheable(request):
            return pagecache.serve(request, lambda: view(request, *args, **kwargs))
        return view(request, *args, **kwargs)

    return wrapper
