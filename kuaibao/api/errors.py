"""One error shape for every answer that is not a success, with a Chinese message for people and
a code for programs (docs/api.md):

    {"code": "forbidden", "detail": "只有签发人可以签发", "errors": []}

`errors` lists the fields of an invalid request, `current` the stored state after a conflict."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from kuaibao.archive.api import ErrorOut, FieldError, errors
from kuaibao.newsroom.actions.base import ActionError, Conflict, Forbidden

__all__ = ["ErrorOut", "FieldError", "errors", "install"]

logger = logging.getLogger("kuaibao.api")

CODES = {
    400: "rejected",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "version_conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}


def answer(request: HttpRequest, api: NinjaAPI, status: int, detail: str, **extra: Any) -> HttpResponse:
    body = {"code": CODES.get(status, "error"), "detail": detail, "errors": [], **extra}
    return api.create_response(request, body, status=status)


# Pydantic's error types in Chinese; the context (limits, choices) fills the braces.
MESSAGES = {
    "missing": "缺少必填项",
    "string_type": "应为文字",
    "string_too_short": "不能少于 {min_length} 个字",
    "string_too_long": "不能超过 {max_length} 个字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "date_type": "应为日期，如 2026-11-23",
    "date_parsing": "应为日期，如 2026-11-23",
    "date_from_datetime_parsing": "应为日期，如 2026-11-23",
    "date_from_datetime_inexact": "应为日期，如 2026-11-23",
    "datetime_type": "应为时间，如 2026-11-23T18:00:00+08:00",
    "datetime_parsing": "应为时间，如 2026-11-23T18:00:00+08:00",
    "datetime_from_date_parsing": "应为时间，如 2026-11-23T18:00:00+08:00",
    "timezone_aware": "时间须带时区，如 +08:00",
    "literal_error": "只能是 {expected}",
    "enum": "只能是 {expected}",
    "list_type": "应为列表",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "extra_forbidden": "不认识这一项",
    "too_long": "项目太多（上限 {max_length} 项）",
    "too_short": "项目太少（至少 {min_length} 项）",
    "url_parsing": "不是有效的网址",
    "url_scheme": "网址须以 http:// 或 https:// 开头",
    "uuid_parsing": "格式不正确",
    "value_error": "{error}",
}
PLACES = {
    "query": "查询参数",
    "path": "路径参数",
    "body": "请求内容",
    "form": "表单",
    "file": "文件",
    "header": "请求头",
}


def _field(loc: list[Any]) -> str:
    parts = [str(part) for part in loc]
    if len(parts) >= 2 and parts[0] in ("body", "form", "query", "file"):
        # ninja puts the parameter's name second for schema parameters ("body", "payload", "title")
        parts = parts[:1] + parts[2:] if len(parts) > 2 else parts
    return ".".join(parts[1:]) or parts[0]


def _message(error: dict[str, Any]) -> str:
    template = MESSAGES.get(str(error.get("type", "")))
    context = {key: value for key, value in (error.get("ctx") or {}).items()}
    if template is None:
        return "格式不正确"
    try:
        return template.format(**{key: str(value).replace("'", "") for key, value in context.items()})
    except (KeyError, IndexError):
        return "格式不正确"


def validation_details(exc: ValidationError) -> list[dict[str, str]]:
    return [{"field": _field(list(error.get("loc", []))), "message": _message(error)} for error in exc.errors]


def install(api: NinjaAPI) -> None:
    """Every exception an operation may raise becomes the one error shape."""

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = validation_details(exc)
        first = details[0] if details else {"field": "", "message": "格式不正确"}
        detail = f"请求有误：{first['field']}{'：' if first['field'] else ''}{first['message']}"
        return answer(request, api, 422, detail, errors=details)

    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return answer(request, api, 401, "请先登录，或在 Authorization 请求头中提供有效的 API 令牌")

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return answer(request, api, exc.status_code, str(exc.message))

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = (
            str(exc) if exc.args and str(exc) and "matches the given query" not in str(exc) else "找不到所请求的内容"
        )
        return answer(request, api, 404, message)

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        message = getattr(exc, "message", "") or (str(exc) if isinstance(exc, PermissionDenied) else "") or "没有权限"
        return answer(request, api, 403, message)

    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return answer(request, api, 409, exc.message, current=exc.current)

    def rejected(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return answer(request, api, 400, exc.message)

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return answer(request, api, 429, "请求过于频繁，请稍后再试")

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return answer(request, api, 500, "服务器内部错误，已记录，请稍后再试")

    api.add_exception_handler(ValidationError, invalid)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, unauthorized)  # type: ignore[arg-type]
    api.add_exception_handler(Throttled, throttled)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, forbidden)  # type: ignore[arg-type]
    api.add_exception_handler(Forbidden, forbidden)  # type: ignore[arg-type]
    api.add_exception_handler(Conflict, conflict)  # type: ignore[arg-type]
    api.add_exception_handler(ActionError, rejected)  # type: ignore[arg-type]
    api.add_exception_handler(Exception, server_error)  # type: ignore[arg-type]
