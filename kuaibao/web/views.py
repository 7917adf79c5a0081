"""Account pages (everyone changes their own password) and the error pages Django would
otherwise answer in English (a request too large, a form sent twice or from an old page)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from kuaibao.newsroom.views.common import current_user


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(current_user(request), request.POST or None)
    for field in form.fields.values():
        field.help_text = ""
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # stay signed in here; other sessions end
        messages.success(request, "密码已修改")
        return redirect(reverse("workbench"))
    return render(request, "web/password.html", {"form": form})


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("web/favicon.ico"), permanent=True)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in Chinese; a POST over the size limit says so and what the limit is."""
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        reason = f"提交的内容超过了上限（{limit} MB），没有保存。请删减正文或分开提交；上传文件请用文件上传。"
    elif isinstance(exception, TooManyFieldsSent):
        reason = "提交的表单项过多，没有保存。"
    else:
        reason = "请求的格式不正确，没有处理。请返回上一页重试。"
    return render(request, "web/error.html", {"title": "无法处理这个请求", "reason": reason}, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    text = (
        "页面已过期或来源无法确认（可能是在另一个窗口退出或重新登录过），这次提交没有保存。"
        "请返回上一页，刷新后再提交。"
    )
    return render(request, "web/error.html", {"title": "提交没有完成", "reason": text}, status=403)
