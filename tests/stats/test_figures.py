"""Figures of archive items: stored exactly and idempotently when items are imported; item
pages read them and never write."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Item
from kuaibao.stats import figures
from kuaibao.stats.figures import batches, index_state, missing, refresh_figures
from kuaibao.stats.models import FigureIndex, ItemFigure
from tests.stats.conftest import ISSUE_41, item_titled

pytestmark = pytest.mark.django_db

TRADING = "县公共资源交易中心4天交易21.4亿元跑出项目建设“加速度”"


def test_values_are_exact_decimals_with_metric_and_time(corpus: list[int]) -> None:
    item = item_titled(TRADING)
    refresh_figures([item])
    rows = {(f.field, f.text): f for f in item.figures.all()}
    body = rows[("body", "21.4亿")]
    assert body.value == Decimal("2140000000") and body.unit == "元" and str(body.metric) == "交易额"
    assert body.time_text == "8月28日至8月31日"
    assert (body.time_start.isoformat(), body.time_end.isoformat()) == ("2023-08-28", "2023-08-31")  # type: ignore[union-attr]
    assert body.date.isoformat() == "2023-09-08"
    assert rows[("title", "21.4亿元")].value == Decimal("2140000000")


def test_a_metric_phrase_is_stored_once(corpus: list[int]) -> None:
    from kuaibao.stats.models import Metric

    refresh_figures(Item.objects.all())
    refresh_figures(Item.objects.all())
    names = list(Metric.objects.values_list("name", flat=True))
    assert len(names) == len(set(names)) and "交易额" in names
    assert ItemFigure.objects.filter(metric__name="交易额").count() == 1


def test_percentages_keep_their_digits(corpus: list[int]) -> None:
    item = Item.objects.get(title__startswith="县政务服务和大数", is_current=True)
    refresh_figures([item])
    share = item.figures.get(unit="%")
    assert share.value == Decimal("0.999") and str(share.metric) == "好评率"


def test_refreshing_twice_stores_the_same_rows(corpus: list[int]) -> None:
    items = list(Item.objects.all())
    first = refresh_figures(items)
    snapshot = list(
        ItemFigure.objects.order_by("item_id", "position").values_list("item_id", "position", "text", "value")
    )
    assert refresh_figures(items) == first == len(snapshot) > 100
    again = list(ItemFigure.objects.order_by("item_id", "position").values_list("item_id", "position", "text", "value"))
    assert again == snapshot
    assert FigureIndex.objects.count() == len(items)
    assert missing().count() == 0 and index_state().unindexed == 0


def test_items_without_figures_are_marked_indexed(corpus: list[int]) -> None:
    quiet = Item.objects.filter(is_current=True).first()
    assert quiet is not None
    Item.objects.filter(pk=quiet.pk).update(title="无数据", body="没有任何数字。")
    quiet.refresh_from_db()
    assert refresh_figures([quiet]) == 0
    assert figures.is_indexed(quiet) and missing().filter(pk=quiet.pk).count() == 0


def test_a_newer_extractor_version_counts_as_missing(corpus: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    refresh_figures(Item.objects.all())
    monkeypatch.setattr(figures, "EXTRACTOR_VERSION", figures.EXTRACTOR_VERSION + 1)
    assert missing().count() == Item.objects.count() == sum(len(b) for b in batches())


def forget_figures() -> None:
    """The state of an archive made before figures were stored (or by an older extractor)."""
    ItemFigure.objects.all().delete()
    FigureIndex.objects.all().delete()


def test_batches_skip_indexed_items_unless_rebuilding(corpus: list[int]) -> None:
    forget_figures()
    items = [item.pk for item in Item.objects.order_by("pk")]
    refresh_figures(Item.objects.filter(pk__in=items[:10]))
    assert [item.pk for batch in batches(size=7) for item in batch] == items[10:]
    assert [item.pk for batch in batches(rebuild=True, size=7) for item in batch] == items


def test_importing_stores_the_figures_of_the_new_items(corpus: list[int]) -> None:
    assert index_state().unindexed == 0 and FigureIndex.objects.count() == Item.objects.count()
    before = ItemFigure.objects.count()
    text = ISSUE_41.read_text("utf-8").replace("交易额达 21.4 亿", "交易额达 22.5 亿")
    assert import_bytes(text.encode(), "41-fixed.txt").status == "updated"
    assert index_state().unindexed == 0
    assert ItemFigure.objects.filter(value=Decimal("2250000000"), item__is_current=True).exists()
    assert not ItemFigure.objects.filter(value=Decimal("2140000000"), item__is_current=True, field="body").exists()
    assert ItemFigure.objects.count() > before  # the old revision keeps its figures


def test_item_page_shows_stored_figures(corpus: list[int], client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
    item = item_titled(TRADING)
    html = client.get(f"/items/{item.pk}/").content.decode()
    assert "<h2>数据</h2>" in html and "2,140,000,000 元" in html and "8月28日至8月31日" in html
    assert 'href="/stats/figures/?metric=%E4%BA%A4%E6%98%93%E9%A2%9D"' in html  # 交易额, to the explorer


def test_item_page_of_an_unindexed_item_extracts_without_writing(corpus: list[int], client: Client) -> None:
    forget_figures()
    client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
    item = item_titled(TRADING)
    html = client.get(f"/items/{item.pk}/").content.decode()
    assert "<h2>数据</h2>" in html and "2,140,000,000 元" in html and "交易额" in html
    assert not figures.is_indexed(item) and ItemFigure.objects.count() == 0
