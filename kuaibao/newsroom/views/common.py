"""Shared by the newsroom views: access checks and turning action errors into messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden
from kuaibao.newsroom.roles import can

View = Callable[..., HttpResponse]


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def allowed(*whats: str) -> Callable[[View], View]:
    """The view needs one of the abilities (keys of roles.PERMISSION_OF); 403 otherwise."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(can(request.user, what) for what in whats):
                raise PermissionDenied("没有权限")
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def post_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse("只接受 POST 请求", status=405, headers={"Allow": "POST"})
        return view(request, *args, **kwargs)

    return wrapper


def perform(request: HttpRequest, action: Callable[[], object], success: str, back: str) -> HttpResponse:
    """Run an action; show its success or its error as a message; go back."""
    try:
        action()
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(back)


def next_or(request: HttpRequest, fallback: str) -> str:
    """The form's `next` when it stays on this site (Django's own check), else `fallback`:
    a `next` of https://evil.example/ must not turn an action into an open redirect."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    hosts = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts=hosts, require_https=request.is_secure())
    return target if target and safe else fallback


def actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def current_user(request: HttpRequest) -> User:
    """The signed-in user (views reach this only after `signed_in` or `allowed`)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("请先登录")
    return user
