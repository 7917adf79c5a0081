"""The API as one site: the archive's read-only router and the newsroom's, one error shape, one
OpenAPI schema (/api/openapi.json, browsable at /api/docs), tokens or the session, rate limits."""

from __future__ import annotations

from ninja import NinjaAPI

from kuaibao.api import editions, errors, instructions, me, requests, stats, submissions, webhooks
from kuaibao.api.auth import PerMinute, TokenAuth
from kuaibao.archive import api as archive
from kuaibao.archive.access import archive_view

DESCRIPTION = """快报的接口：档案只读；稿件、编期、审核签发、约稿、批示、统计与导出，与网页调用同一套操作。

**身份**：网页登录后的会话（写操作须带 `X-CSRFToken`），或 API 令牌
（`Authorization: Bearer kb_…`）。每个操作注明所需的权限（`x-permission`）：令牌须含该权限范围，
操作本身还会核对账号的角色和所属单位。

**错误**：一律为 `{"code": …, "detail": "中文说明", "errors": [{"field": …, "message": …}]}`；
见 docs/api.md。"""

api = NinjaAPI(
    title="快报 API",
    version="2",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_decorator=archive_view,
    throttle=[PerMinute()],
)
errors.install(api)
api.add_router("", archive.router, auth=[TokenAuth("archive:read"), archive.ArchiveAccess()])
for module in (submissions, editions, requests, instructions, stats, me, webhooks):
    api.add_router("", module.router)
