"""Who may see the statistics: the office (editors, reviewers, signers) and administrators, by
the permission `stats.view_statistics` their role groups hold (granted by this app's
migration; an administrator can grant it to others). Figures follow the archive's access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from kuaibao.newsroom.roles import can

VIEW_STATISTICS = "stats.view_statistics"


def can_view_statistics(user: AbstractBaseUser | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(VIEW_STATISTICS)


def can_record_adoptions(user: AbstractBaseUser | AnonymousUser) -> bool:
    return can(user, "edit")


def statistics_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else the login page) and allowed to see statistics (else 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_statistics(request.user):
            raise PermissionDenied("没有查看统计的权限")
        return view(request, *args, **kwargs)

    return wrapper
