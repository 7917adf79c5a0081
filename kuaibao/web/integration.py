"""The office's connections to other systems, for administrators, in Chinese: API tokens (a unit's
OA system gets one here, its secret shown once; any token can be revoked), the receivers that get
signed notifications (webhooks) and the log of every mail and webhook delivery, with each attempt
and a button to send one again. Views parse and call the same actions as the API."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kuaibao.api import actions as token_actions
from kuaibao.api.models import ApiToken
from kuaibao.api.scopes import ROLE_SCOPES, SCOPES, SYSTEM_DEFAULT, allowed_scopes
from kuaibao.archive.models import Unit
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions import notifications
from kuaibao.newsroom.actions.base import ActionError, Actor, Forbidden
from kuaibao.newsroom.models import Delivery, Webhook
from kuaibao.newsroom.notify import KINDS
from kuaibao.newsroom.roles import Role
from kuaibao.newsroom.views.common import current_user
from kuaibao.web.access import administration_view

PAGE_SIZE = 50


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def _tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    """The administrator's office's tokens (kuaibao.newsroom.scope decides the office)."""
    return scope.of_office(request.user, ApiToken.objects.all(), "office_id")


def _webhooks(request: HttpRequest) -> QuerySet[Webhook]:
    return scope.of_office(request.user, Webhook.objects.all(), "office_id")


def _deliveries(request: HttpRequest) -> QuerySet[Delivery]:
    return scope.of_office(request.user, Delivery.objects.all(), "office_id")


def _run(form: forms.Form | None, request: HttpRequest, action: Any) -> Any:
    """Run an action: a refusal becomes the form's error (or a message), a forbidden one a 403."""
    try:
        return action()
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
    return None


# ---------------------------------------------------------------- API tokens


class SystemTokenForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="如“东屯镇办公系统”，会记在该系统做的每件事上")
    unit = forms.ModelChoiceField(Unit.objects.none(), label="单位", empty_label="请选择单位")
    scopes = forms.MultipleChoiceField(
        label="可以做的事",
        choices=[(s, SCOPES[s]) for s in SCOPES if s in ROLE_SCOPES[Role.REPORTER]],
        initial=SYSTEM_DEFAULT,
        widget=forms.CheckboxSelectMultiple,
        help_text="系统令牌只能代表该单位报送和查看本单位的稿件，不能处理、编期或签发",
    )
    days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=366, initial=365)
    rate_per_minute = forms.IntegerField(label="每分钟请求上限", min_value=1, max_value=10_000, initial=120)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units(user).order_by("name")  # type: ignore[attr-defined]


@administration_view
def tokens(request: HttpRequest) -> HttpResponse:
    rows = (
        _tokens(request)
        .select_related("user__profile", "unit", "created_by__profile")
        .order_by("revoked_at", "-created_at")
    )
    kind = request.GET.get("kind", "")
    if kind in ApiToken.Kind.values:
        rows = rows.filter(kind=kind)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "kind": kind, "kinds": ApiToken.Kind.choices, "scopes": SCOPES}
    return render(request, "web/tokens.html", context)


@never_cache
@administration_view
def token_new(request: HttpRequest) -> HttpResponse:
    form = SystemTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = _run(
            form,
            request,
            lambda: token_actions.issue_system_token(
                _actor(request),
                name=data["name"],
                unit=data["unit"],
                scopes=data["scopes"],
                days=data["days"],
                rate_per_minute=data["rate_per_minute"],
            ),
        )
        if made is not None:
            token, secret = made
            return render(request, "web/token_shown.html", {"token": token, "secret": secret, "scopes": SCOPES})
    return render(request, "web/token_form.html", {"form": form})


@administration_view
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(_tokens(request), pk=pk)
    if _run(None, request, lambda: token_actions.revoke_token(_actor(request), token)) is not None:
        messages.success(request, f"已吊销令牌“{token.name}”，使用它的系统从现在起无法调用接口")
    return redirect(reverse("web:tokens"))


# ---------------------------------------------------------------- one's own tokens


class PersonalTokenForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="写明用在哪里，如“每周统计脚本”")
    scopes = forms.MultipleChoiceField(
        label="可以做的事", widget=forms.CheckboxSelectMultiple, help_text="不超过你的角色能做的事；只选用得到的"
    )
    days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=366, initial=90)

    def __init__(self, *args: Any, allowed: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scopes"]
        field.choices = [(s, label) for s, label in SCOPES.items() if s in allowed]  # type: ignore[attr-defined]
        field.initial = [s for s in SCOPES if s in allowed]


@never_cache
@login_required
def my_tokens(request: HttpRequest) -> HttpResponse:
    """A person's own API tokens: make one (the secret shown once), see and revoke them."""
    form = PersonalTokenForm(request.POST or None, allowed=allowed_scopes(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = _run(
            form,
            request,
            lambda: token_actions.issue_personal_token(
                _actor(request), name=data["name"], scopes=data["scopes"], days=data["days"]
            ),
        )
        if made is not None:
            token, secret = made
            return render(request, "web/token_shown.html", {"token": token, "secret": secret, "scopes": SCOPES})
    rows = ApiToken.objects.filter(user=current_user(request), kind=ApiToken.Kind.PERSON).order_by(
        "revoked_at", "-created_at"
    )
    return render(request, "web/my_tokens.html", {"form": form, "tokens": rows[:200], "scopes": SCOPES})


@login_required
@require_POST
def my_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=current_user(request), kind=ApiToken.Kind.PERSON)
    if _run(None, request, lambda: token_actions.revoke_token(_actor(request), token)) is not None:
        messages.success(request, f"已吊销令牌“{token.name}”")
    return redirect(reverse("web:my_tokens"))


# ---------------------------------------------------------------- webhooks


class WebhookForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="如“政务平台消息机器人”")
    url = forms.URLField(
        label="接收地址",
        max_length=500,
        assume_scheme="https",
        help_text="对方提供的接收网址；每个通知以带签名的请求发到这里，失败会按间隔自动重试",
    )
    events = forms.MultipleChoiceField(
        label="接收哪些通知",
        required=False,
        choices=lambda: list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示全部",
    )
    unit = forms.ModelChoiceField(
        Unit.objects.none(),
        label="限于单位",
        required=False,
        empty_label="全机关",
        help_text="选定后只接收与该单位有关的通知（如该单位的办公系统）",
    )
    active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units(user).order_by("name")  # type: ignore[attr-defined]


@administration_view
def webhooks(request: HttpRequest) -> HttpResponse:
    rows = _webhooks(request).select_related("unit").order_by("-active", "name")
    return render(request, "web/webhooks.html", {"webhooks": rows, "kinds": KINDS})


@administration_view
def webhook_new(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hook = _run(
            form,
            request,
            lambda: notifications.register_webhook(
                _actor(request), name=data["name"], url=data["url"], events=data["events"], unit=data["unit"]
            ),
        )
        if hook is not None:
            messages.success(request, f"已登记“{hook.name}”。请把下面的签名密钥交给接收方，用来核对每个请求")
            return redirect(reverse("web:webhook", args=[hook.pk]))
    return render(request, "web/webhook_form.html", {"form": form, "hook": None})


@never_cache
@administration_view
def webhook_edit(request: HttpRequest, pk: int) -> HttpResponse:
    hook = get_object_or_404(_webhooks(request).select_related("unit"), pk=pk)
    initial = {"name": hook.name, "url": hook.url, "events": hook.events, "unit": hook.unit, "active": hook.active}
    form = WebhookForm(request.POST or None, initial=initial, user=request.user)
    form.fields["name"].disabled = form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = _run(
            form,
            request,
            lambda: notifications.change_webhook(
                _actor(request), hook, url=data["url"], events=data["events"], active=data["active"]
            ),
        )
        if changed is not None:
            messages.success(request, f"已保存“{hook.name}”")
            return redirect(reverse("web:webhooks"))
    recent = hook.deliveries.order_by("-created_at", "-id")[:10]
    return render(request, "web/webhook_form.html", {"form": form, "hook": hook, "recent": recent, "kinds": KINDS})


@administration_view
@require_POST
def webhook_remove(request: HttpRequest, pk: int) -> HttpResponse:
    hook = get_object_or_404(_webhooks(request), pk=pk)
    name = hook.name
    if _run(None, request, lambda: notifications.remove_webhook(_actor(request), hook) or True):
        messages.success(request, f"已删除“{name}”及其投递记录")
    return redirect(reverse("web:webhooks"))


# ---------------------------------------------------------------- the delivery log


@administration_view
def deliveries(request: HttpRequest) -> HttpResponse:
    rows = _deliveries(request).select_related("webhook").order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    hook = request.GET.get("webhook", "")
    if status in Delivery.Status.values:
        rows = rows.filter(status=status)
    if channel in Delivery.Channel.values:
        rows = rows.filter(channel=channel)
    if hook.isdigit() and len(hook) < 12:
        rows = rows.filter(webhook_id=int(hook))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": KINDS,
        "status": status,
        "channel": channel,
        "webhook": hook,
        "statuses": Delivery.Status.choices,
        "channels": Delivery.Channel.choices,
        "webhooks": _webhooks(request).order_by("name"),
        "query": request.GET.copy(),
    }
    return render(request, "web/deliveries.html", context)


@administration_view
def delivery(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(_deliveries(request).select_related("webhook", "replay_of"), pk=pk)
    context = {
        "delivery": row,
        "label": KINDS.get(row.kind, row.kind),
        "tries": row.tries.all(),
        "replays": Delivery.objects.filter(replay_of=row).order_by("created_at"),
        "payload": json.dumps(row.payload, ensure_ascii=False, indent=2),
        "can_replay": row.channel == Delivery.Channel.MAIL or (row.webhook is not None and row.webhook.active),
    }
    return render(request, "web/delivery.html", context)


@administration_view
@require_POST
def delivery_replay(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(_deliveries(request).select_related("webhook"), pk=pk)
    again = _run(None, request, lambda: notifications.replay(_actor(request), row))
    if again is None:
        return redirect(reverse("web:delivery", args=[pk]))
    messages.success(request, "已重新发送：同样的内容，新的投递记录")
    return redirect(reverse("web:delivery", args=[again.pk]))
