"""The statistics pages: they parse input, call a query or an action, and render."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, cast
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from kuaibao.archive.access import archive_view
from kuaibao.archive.models import Office
from kuaibao.core.cells import csv_text
from kuaibao.core.figures import decimal_text
from kuaibao.newsroom import scope
from kuaibao.newsroom.queries import user_unit
from kuaibao.newsroom.views.common import actor, allowed, perform, post_only
from kuaibao.stats import actions, explorer, statistics
from kuaibao.stats.access import can_record_adoptions, statistics_view
from kuaibao.stats.circular import build_circular, filename
from kuaibao.stats.figures import index_state
from kuaibao.stats.forms import AdoptionForm, ExplorerForm, PeriodForm
from kuaibao.stats.models import ExternalAdoption
from kuaibao.stats.periods import Period, recent_periods
from kuaibao.stats.render import svg
from kuaibao.stats.render.docx import render_circular_docx
from kuaibao.stats.render.xlsx import render_circular_xlsx, render_table_xlsx
from kuaibao.stats.rules import active_rules_or_error
from kuaibao.stats.rules import summary as rules_summary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_ROW_LIMIT = 200_000
# Exports are for the office (the statistics permission), read only the columns they write and
# stop at a bound: a CSV streams, so its bound is higher than the workbook's, built in memory.
CSV_ROW_LIMIT = 1_000_000


def _period(request: HttpRequest) -> tuple[Period, PeriodForm]:
    form = PeriodForm(request.GET)
    chosen = form.cleaned_data.get("period") if form.is_valid() else None
    return chosen or Period.month_of(timezone.localdate()), form


def _period_context(request: HttpRequest, period: Period, form: PeriodForm) -> dict[str, Any]:
    choices = recent_periods(timezone.localdate())
    if period not in choices:
        choices.insert(0, period)
    return {"period": period, "period_form": form, "period_choices": choices}


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _office(request: HttpRequest) -> Office:
    """The office whose figures the person sees (kuaibao.newsroom.scope); none: refused."""
    office = scope.scope_of(request.user).office
    if office is None:
        raise PermissionDenied("您的账号没有所属机关")
    return office


@statistics_view
def statistics_page(request: HttpRequest) -> HttpResponse:
    period, form = _period(request)
    office = _office(request)
    rows = statistics.unit_statistics(period, office=office)
    charts = [
        svg.bar_chart(statistics.items_per_month(period.year, office), title=f"{period.year}年每月采用信息"),
        svg.bar_chart(statistics.items_per_section(period, office=office), title=f"{period.label}各栏目采用信息"),
        svg.hbar_chart(statistics.items_per_unit(period, office=office), title=f"{period.label}各单位采用信息"),
    ]
    context = {
        **_period_context(request, period, form),
        "rows": rows,
        "charts": [mark_safe(chart) for chart in charts],  # noqa: S308 - svg escapes every label
    }
    return render(request, "stats/statistics.html", context)


@statistics_view
def ranking_page(request: HttpRequest) -> HttpResponse:
    period, form = _period(request)
    result = statistics.ranking(period, office=_office(request))
    rules = result.rules
    chart = ""
    if result.rows:
        bars = [(row.stats.unit, row.score.total) for row in result.rows[:20]]
        chart = mark_safe(svg.hbar_chart(bars, title=f"{period.label}得分"))  # noqa: S308 - escaped labels
    context = {
        **_period_context(request, period, form),
        "ranking": result,
        "rules_lines": rules_summary(rules.rules) if rules else [],
        "chart": chart,
    }
    return render(request, "stats/ranking.html", context)


@allowed("submit")
def my_unit_page(request: HttpRequest) -> HttpResponse:
    """本单位得分: a reporter sees its own unit's figures, score and rank, with every reason."""
    unit = user_unit(request.user)
    period, form = _period(request)
    result = statistics.ranking(period, office=_office(request))
    row = next((r for r in result.rows if unit is not None and r.stats.unit == unit.name), None)
    context = {
        **_period_context(request, period, form),
        "unit": unit,
        "ranking": result,
        "row": row,
        "units_ranked": len(result.rows),
        "rules_lines": rules_summary(result.rules.rules) if result.rules else [],
    }
    return render(request, "stats/my_unit.html", context)


def _circular(request: HttpRequest, suffix: str) -> HttpResponse:
    period, form = _period(request)
    if not form.is_valid():
        return HttpResponseBadRequest("；".join(str(e) for e in form.errors.get("period", ["统计期有误"])))
    result = statistics.ranking(period, office=_office(request))
    if result.error:
        messages.error(request, result.error)
        return redirect(f"{reverse('stats:ranking')}?period={period.key}")
    circular = build_circular(result)
    if suffix == "docx":
        return _download(render_circular_docx(circular), filename(result, "docx"), DOCX)
    return _download(render_circular_xlsx(circular), filename(result, "xlsx"), XLSX)


@statistics_view
def circular_docx(request: HttpRequest) -> HttpResponse:
    return _circular(request, "docx")


@statistics_view
def circular_xlsx(request: HttpRequest) -> HttpResponse:
    return _circular(request, "xlsx")


# ---------------------------------------------------------------- figures


@archive_view
def explorer_page(request: HttpRequest) -> HttpResponse:
    form = ExplorerForm(request.GET or None)
    query = request.GET.copy()
    query.pop("measure", None)
    context: dict[str, Any] = {"form": form, "state": index_state(), "query": query.urlencode()}
    if form.is_bound and form.is_valid():
        result = explorer.explore(form.figure_filter())
        fmt = _formatter(result.filter)
        bars = [(u.unit, u.value) for u in result.units[:15]]
        context.update(
            {
                "result": result,
                "export_query": request.GET.urlencode(),
                "units": [(u, fmt(u.value)) for u in result.units],
                "chart": mark_safe(svg.line_chart(result.series, title=result.title, fmt=fmt)),  # noqa: S308 - escaped
                "unit_chart": mark_safe(svg.hbar_chart(bars, title="各单位", fmt=fmt)),  # noqa: S308 - escaped
            }
        )
    return render(request, "stats/explorer.html", context)


def _formatter(flt: explorer.FigureFilter) -> svg.Format:
    measure = flt.measure
    if flt.how == "count":
        return svg.compact
    if measure == "%":
        return lambda value: decimal_text(round(Decimal(str(value)) * 100, 2)) + "%"
    return lambda value: svg.compact(value) + (measure or "")


def _export_filter(request: HttpRequest) -> explorer.FigureFilter | HttpResponse:
    form = ExplorerForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("；".join(str(e) for errors in form.errors.values() for e in errors))
    return form.figure_filter()


class _Echo:
    def write(self, value: str) -> str:
        return value


@statistics_view
def figures_csv(request: HttpRequest) -> HttpResponse:
    flt = _export_filter(request)
    if isinstance(flt, HttpResponse):
        return flt
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(explorer.EXPORT_HEADERS)  # the BOM makes Excel read UTF-8
        for row in _capped(explorer.export_rows(flt, limit=CSV_ROW_LIMIT + 1), CSV_ROW_LIMIT):
            yield writer.writerow([_csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(_export_name(flt, 'csv'))}"
    return cast(HttpResponse, response)  # streamed: the decorators only pass it through


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return decimal_text(value) if isinstance(value, Decimal) else csv_text(value)


@statistics_view
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    flt = _export_filter(request)
    if isinstance(flt, HttpResponse):
        return flt
    rows = _capped(explorer.export_rows(flt, limit=XLSX_ROW_LIMIT + 1), XLSX_ROW_LIMIT)
    return _download(render_table_xlsx("数据", explorer.EXPORT_HEADERS, rows), _export_name(flt, "xlsx"), XLSX)


def _capped(rows: Iterator[list[Any]], limit: int) -> Iterator[list[Any]]:
    """At most `limit` rows, then a line saying the rest were left out."""
    for count, row in enumerate(rows):
        if count == limit:
            yield [f"……仅导出前 {limit:,} 条；请缩小范围（按单位、指标或日期）分批导出"]
            return
        yield row


def _export_name(flt: explorer.FigureFilter, suffix: str) -> str:
    return f"数据-{flt.metric or '全部'}.{suffix}"


# ---------------------------------------------------------------- external adoptions


@statistics_view
def adoptions_page(request: HttpRequest) -> HttpResponse:
    rules, error = active_rules_or_error(_office(request))
    if request.method == "POST":
        if not can_record_adoptions(request.user):
            raise PermissionDenied("只有责任编辑可以记录上级采用")
        form = AdoptionForm(request.POST, rules=rules)
        if form.is_valid():
            data = form.cleaned_data
            return perform(
                request,
                lambda: actions.record_external_adoption(
                    actor(request),
                    level=data["level"],
                    date=data["date"],
                    item=data.get("item"),
                    title=data.get("title") or "",
                    units=data.get("units") or [],
                    form=data.get("form") or "",
                    outlet=data.get("outlet") or "",
                    instruction_level=data.get("instruction_level") or "",
                    note=data.get("note") or "",
                ),
                "已记录上级采用",
                reverse("stats:adoptions"),
            )
    else:
        initial = {"item": request.GET.get("item", ""), "date": timezone.localdate()}
        form = AdoptionForm(initial=initial, rules=rules)
    rows = scope.of_office(request.user, ExternalAdoption.objects.all(), "office_id")
    rows = rows.select_related("item", "recorded_by").prefetch_related("units")[:200]
    context = {"form": form, "adoptions": rows, "rules_error": error, "can_record": can_record_adoptions(request.user)}
    return render(request, "stats/adoptions.html", context)


@allowed("edit")
@post_only
def adoption_delete(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = get_object_or_404(scope.of_office(request.user, ExternalAdoption.objects.all(), "office_id"), pk=pk)
    return perform(
        request,
        lambda: actions.remove_external_adoption(actor(request), adoption),
        "已删除这条采用记录",
        reverse("stats:adoptions"),
    )
