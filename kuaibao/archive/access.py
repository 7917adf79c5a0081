"""Who may read the archive: everyone when KUAIBAO_ARCHIVE_PUBLIC is set, else signed-in users.
Anonymous readers of a public archive get its pages through `pagecache`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kuaibao.archive import extensions, pagecache

M = TypeVar("M", bound=Model)


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


def in_readable_offices(request: HttpRequest, rows: QuerySet[M], office_path: str) -> QuerySet[M]:
    """`rows` narrowed to the offices the request may read (`office_path` leads from a row to
    its office's id, e.g. "bulletin__office_id"); unchanged when every office is readable."""
    offices = extensions.readable_offices(request)
    return rows if offices is None else rows.filter(**{f"{office_path}__in": offices})


def require_readable(request: HttpRequest, office_id: int | None) -> None:
    """404 for a row of an office the request may not read (as if it did not exist)."""
    offices = extensions.readable_offices(request)
    if offices is not None and office_id not in offices:
        raise Http404("没有找到")
