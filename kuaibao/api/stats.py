"""Statistics and exports over the API: per-unit figures of a period, the ranking under the
active scoring rules with every line of points, and the 通报 as DOCX or XLSX (the pages' data)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kuaibao.api.auth import principal
from kuaibao.api.common import op
from kuaibao.archive.models import Office
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.stats import statistics
from kuaibao.stats.access import can_view_statistics
from kuaibao.stats.circular import build_circular, filename
from kuaibao.stats.periods import Period, PeriodError
from kuaibao.stats.render.docx import render_circular_docx
from kuaibao.stats.render.xlsx import render_circular_xlsx

router = Router(tags=["统计与导出"])
WHO = "责任编辑、审核、签发、管理员"
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PeriodQuery(Schema):
    period: str | None = Field(
        None, pattern=r"^\d{4}(-(\d{1,2}|[Qq][1-4]))?$", description="2026-11、2026-Q4 或 2026；默认本月"
    )


class UnitStatsOut(Schema):
    unit: str
    kind: str
    submitted: int
    adopted: int
    external: int
    commissions: int
    on_time: int
    late: int
    missing: int
    instructions: int
    answered: int
    adoption_rate: Decimal | None


class StatisticsOut(Schema):
    period: str
    label: str
    units: list[UnitStatsOut]


class LineOut(Schema):
    month: str
    kind: Literal["adoption", "penalty", "quota"]
    points: Decimal
    reason: str


class RankOut(Schema):
    rank: int
    unit: str
    adopted_items: int
    adoption: Decimal
    penalty: Decimal
    quota: Decimal
    total: Decimal
    lines: list[LineOut]
    statistics: UnitStatsOut


class RankingOut(Schema):
    period: str
    label: str
    rules: str
    rows: list[RankOut]


def _period(query: PeriodQuery, request: HttpRequest) -> Period:
    if not can_view_statistics(principal(request).user):
        raise Forbidden("没有查看统计的权限")
    if not query.period:
        return Period.month_of(timezone.localdate())
    try:
        return Period.parse(query.period)
    except PeriodError as exc:
        raise ActionError(str(exc)) from None


def _stats(row: statistics.UnitStats) -> dict[str, Any]:
    return {
        "unit": row.unit,
        "kind": row.kind,
        "submitted": row.submitted,
        "adopted": row.adopted,
        "external": row.external,
        "commissions": row.commissions,
        "on_time": row.on_time,
        "late": row.late,
        "missing": row.missing,
        "instructions": row.instructions,
        "answered": row.answered,
        "adoption_rate": row.adoption_rate,
    }


@router.get(
    "/stats/units", **op("stats:read", WHO, "各单位一个统计期的报送、采用、约稿和批示", 400, response=StatisticsOut)
)
def unit_statistics(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    period = _period(query, request)
    rows = statistics.unit_statistics(period, office=_office(request))
    return {"period": period.key, "label": period.label, "units": [_stats(r) for r in rows]}


def _office(request: HttpRequest) -> Office:
    """The caller's office (kuaibao.newsroom.scope): its figures only."""
    office = scope.scope_of(principal(request).user).office
    if office is None:
        raise Forbidden("账号没有所属机关")
    return office


def _ranking(request: HttpRequest, query: PeriodQuery) -> statistics.Ranking:
    result = statistics.ranking(_period(query, request), office=_office(request))
    if result.error:
        raise ActionError(result.error)
    return result


@router.get(
    "/stats/ranking", **op("stats:read", WHO, "按现行计分规则的得分和排名（每一分的来由）", 400, response=RankingOut)
)
def ranking(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, Any]:
    result = _ranking(request, query)
    rows = []
    for row in result.rows:
        rows.append(
            {
                "rank": row.score.rank,
                "unit": row.score.unit,
                "adopted_items": row.score.adopted_items,
                "adoption": row.score.adoption,
                "penalty": row.score.penalty,
                "quota": row.score.quota,
                "total": row.score.total,
                "lines": [
                    {"month": line.month, "kind": line.kind, "points": line.points, "reason": line.reason}
                    for line in row.lines
                ],
                "statistics": _stats(row.stats),
            }
        )
    rules = str(result.rules.row) if result.rules is not None else ""
    return {"period": result.period.key, "label": result.period.label, "rules": rules, "rows": rows}


@router.get(
    "/stats/circular.{fmt}",
    **op(
        "stats:read",
        WHO,
        "采用情况通报（DOCX 或 XLSX）",
        400,
        openapi_extra={
            "responses": {
                "200": {
                    "description": "通报文件",
                    "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA.values()},
                }
            }
        },
    ),
)
def circular(request: HttpRequest, fmt: Literal["docx", "xlsx"], query: Query[PeriodQuery]) -> HttpResponse:
    result = _ranking(request, query)
    made = build_circular(result)
    data = render_circular_docx(made) if fmt == "docx" else render_circular_xlsx(made)
    response = HttpResponse(data, content_type=MEDIA[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename(result, fmt))}"
    return response
