"""The figures explorer: a metric across the archive, per unit and over time, and its exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from kuaibao.archive.models import Unit
from kuaibao.stats import explorer
from kuaibao.stats.explorer import FigureFilter
from tests.stats.conftest import import_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(corpus: list[int]) -> None:
    """The corpus plus two issues that report 交易额 again, for a series over months."""
    import_issue(
        50,
        dt.date(2023, 10, 13),
        [("县公共资源交易中心交易额再创新高", "10月，交易额达 30 亿元。", ("公共资源交易中心",), None)],
    )
    import_issue(
        51,
        dt.date(2023, 10, 27),
        [("县商务局网络零售持续增长", "全县网络零售交易额达 6000 万元，好评率 98.5%。", ("商务局",), None)],
    )


@pytest.fixture
def reader(client: Client) -> Client:
    """A reader who may also export (the exports need the statistics permission)."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("reader", password="a-long-test-password")
    user.user_permissions.add(Permission.objects.get(codename="view_statistics", content_type__app_label="stats"))
    client.force_login(user)
    return client


def test_a_metric_over_time_and_per_unit(archive: None) -> None:
    flt = FigureFilter(metric="交易额", measure="元")
    assert explorer.measures(FigureFilter(metric="交易额"))[0] == ("元", 4)
    # September: 21.4亿 + 5000余万 = 2,190,000,000; October: 30亿 + 6000万 = 3,060,000,000.
    assert explorer.series(flt) == [("2023-09", Decimal("2190000000")), ("2023-10", Decimal("3060000000"))]
    by_unit = {u.unit: (u.count, u.value) for u in explorer.per_unit(flt)}
    assert by_unit == {"县公共资源交易中心": (2, Decimal("5140000000")), "县商务局": (2, Decimal("110000000"))}
    peaks = explorer.series(FigureFilter(metric="交易额", measure="元", by="year", aggregate="max"))
    assert peaks == [("2023", Decimal("3000000000"))]


def test_filters_by_unit_and_dates(archive: None) -> None:
    shangwu = Unit.objects.get(name="县商务局")
    flt = FigureFilter(metric="交易额", measure="元", unit=shangwu, date_from=dt.date(2023, 10, 1))
    assert [(f.text, f.value) for f in explorer.latest(flt)] == [("6000万元", Decimal("60000000"))]


def test_explorer_page_draws_the_chart_and_lists_the_figures(archive: None, reader: Client) -> None:
    html = reader.get("/stats/figures/", {"metric": "交易额"}).content.decode()
    assert "<svg" in html and "交易额（元，按月合计）" in html and "2023-10：30.6亿元" in html
    assert "县公共资源交易中心" in html and "6,000,000 元" not in html and "60,000,000 元" in html
    assert 'href="/stats/figures.csv?metric=' in html
    assert "<strong>元（4）</strong>" in html  # the measure chosen, with its count


def test_percentages_are_averaged_and_shown_as_percent(archive: None, reader: Client) -> None:
    html = reader.get("/stats/figures/", {"metric": "好评率"}).content.decode()
    # 99.9% (March) and 98.5% (October), averaged per month: the October point is 98.5%.
    assert "好评率（%，按月平均）" in html and "2023-10：98.5%" in html and "2023-03：99.9%" in html


def test_user_text_in_the_explorer_is_escaped(archive: None, reader: Client) -> None:
    html = reader.get("/stats/figures/", {"metric": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_unknown_unit_or_reversed_dates_say_why(archive: None, reader: Client) -> None:
    assert "单位目录中没有“火星局”" in reader.get("/stats/figures/", {"unit": "火星局"}).content.decode()
    bad = reader.get("/stats/figures/", {"date_from": "2024-01-01", "date_to": "2023-01-01"}).content.decode()
    assert "起始日期晚于截止日期" in bad
    assert reader.get("/stats/figures.csv", {"unit": "火星局"}).status_code == 400


def test_csv_export_keeps_exact_values(archive: None, reader: Client) -> None:
    response = reader.get("/stats/figures.csv", {"metric": "交易额"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert text.startswith("\ufeff日期,刊物,期号,信息标题")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 4
    first = rows[0]  # newest first
    assert (first["日期"], first["数值"], first["计量单位"], first["报送单位"]) == (
        "2023-10-27",
        "60000000",
        "元",
        "县商务局",
    )
    september = next(r for r in rows if r["原文"] == "21.4亿")
    assert (
        september["数值"] == "2140000000"
        and september["时间起"] == "2023-08-28"
        and september["期号"] == "2023年第41期"
    )
    assert september["链接"].startswith("/items/")


def test_xlsx_export_writes_numbers(archive: None, reader: Client) -> None:
    response = reader.get("/stats/figures.xlsx", {"metric": "交易额", "measure": "元"})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:8] == ("日期", "刊物", "期号", "信息标题", "报送单位", "位置", "原文", "数值")
    values = sorted(row[7] for row in rows[1:])
    assert values == [50_000_000, 60_000_000, 2_140_000_000, 3_000_000_000]
    assert {row[11] for row in rows[1:]} == {"以上", None}  # 5000 余万元 is a lower bound; empty cells read None


def test_xlsx_export_says_when_it_stops(archive: None, reader: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from kuaibao.stats import views

    monkeypatch.setattr(views, "XLSX_ROW_LIMIT", 3)
    book = load_workbook(io.BytesIO(reader.get("/stats/figures.xlsx", {"metric": "交易额"}).content))
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert len(rows) == 1 + 3 + 1 and rows[-1][0] == "……仅导出前 3 条；请缩小范围（按单位、指标或日期）分批导出"
