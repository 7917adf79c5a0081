"""Search finds exactly what a substring search finds, on whichever database runs the tests.

A generated archive (corpus items recombined, with varied numbers, units, sections and dates,
imported through the real import action) is searched with hundreds of random 1–4 character
queries, multi-term and excluding queries, and every filter; the hits are compared with a
brute-force substring search over the same items.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from kuaibao.archive import search
from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Bulletin as BulletinRow
from kuaibao.archive.models import Item, Unit
from kuaibao.archive.queries import SearchRequest, run_search
from kuaibao.core.model import Bulletin, DistributionLine, Paragraph, Staff
from kuaibao.core.model import Item as CoreItem
from kuaibao.core.parse import parse_path
from kuaibao.core.render.plain import render_text
from kuaibao.core.search import Query, normalize, parse_query
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db
SEED = 20230922
UNITS = ["县商务局", "东屯镇", "潭龙街道", "财政局", "县科工局", "胙城乡", "融媒体中心", "司寨乡", "县供销社"]
SECTIONS = ["项目建设", "民生保障", "优化营商环境", "扩大消费", "麦田管理"]
EXTRA = ["秸秆综合利用率达95%。", "惠农e贷授信3余场。", "发放APP使用指南99.9%好评。", "税收收入增长5%。", "开展秸秆禁烧巡查。"]


def corpus_pool() -> list[CoreItem]:
    return [item for path in sorted(CORPUS.glob("*.txt")) for item in parse_path(path).items]


def vary(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 99999)), text)


def build_archive(count: int = 40, first: int = 1) -> None:
    """Import bulletins first..count of the generated archive (the same ones on every call)."""
    rng = random.Random(SEED)
    pool = corpus_pool()
    for number in range(1, count + 1):
        chosen = rng.sample(pool, 4)
        items = []
        for item in chosen:
            body = vary(item.body, rng) + (rng.choice(EXTRA) if rng.random() < 0.4 else "")
            units = tuple(rng.sample(UNITS, rng.choice([1, 1, 2])))
            items.append(CoreItem(vary(item.title, rng), (Paragraph.plain(body),), units, rng.choice(SECTIONS)))
        items.sort(key=lambda it: SECTIONS.index(it.section or ""))
        bulletin = Bulletin(
            title=rng.choice(["延津政务快报", "延津政务信息"]),
            issue=number,
            date=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1000)),
            publisher="延津县人民政府办公室",
            items=tuple(items),
            distribution=(DistributionLine("本期发", "县委常委，副县长。"),),
            staff=Staff("李勉", "原超俊", "麻彦伟"),
        )
        if number < first:
            continue
        outcome = import_bytes(render_text(bulletin).encode(), f"{number}.txt")
        assert outcome.status == "imported", outcome


def snapshot() -> list[dict[str, object]]:
    """Every current item with what the brute-force search compares."""
    items = Item.objects.filter(is_current=True).prefetch_related("units").select_related("section")
    return [
        {
            "pk": item.pk,
            "fields": (normalize(item.title), normalize(item.body)),
            "units": [u.name for u in item.units.all()],
            "section": item.section.name if item.section else None,
            "bulletin_id": item.bulletin_id,
            "date": item.date,
        }
        for item in items
    ]


_SNAPSHOT: list[dict[str, object]] = []


def brute_force(query: Query, **filters: object) -> set[int]:
    if not _SNAPSHOT:
        _SNAPSHOT.extend(snapshot())
    hits = set()
    for row in _SNAPSHOT:
        fields = row["fields"]
        if not all(any(t in f for f in fields) for t in query.terms):  # type: ignore[attr-defined]
            continue
        if any(any(t in f for f in fields) for t in query.excluded):  # type: ignore[attr-defined]
            continue
        if filters.get("unit") and filters["unit"] not in row["units"]:  # type: ignore[operator]
            continue
        if filters.get("section") and row["section"] != filters["section"]:
            continue
        if filters.get("bulletin_id") and row["bulletin_id"] != filters["bulletin_id"]:
            continue
        if filters.get("date_from") and row["date"] < filters["date_from"]:  # type: ignore[operator]
            continue
        if filters.get("date_to") and row["date"] > filters["date_to"]:  # type: ignore[operator]
            continue
        hits.add(row["pk"])  # type: ignore[arg-type]
    return hits


def engine(query: Query, **filters: object) -> set[int]:
    unit = filters.get("unit")
    page = search.search(
        query,
        search.Filters(
            bulletin_id=filters.get("bulletin_id"),  # type: ignore[arg-type]
            unit_id=Unit.objects.get(name=unit).pk if unit else None,
            section_name=filters.get("section"),  # type: ignore[arg-type]
            date_from=filters.get("date_from"),  # type: ignore[arg-type]
            date_to=filters.get("date_to"),  # type: ignore[arg-type]
        ),
        limit=100_000,
    )
    assert page.total == len(page.item_ids)
    return set(page.item_ids)


def random_terms(rng: random.Random, texts: list[str], count: int) -> list[str]:
    terms = []
    for _ in range(count):
        text = rng.choice(texts)
        length = rng.choice([1, 1, 2, 2, 2, 3, 4])
        if rng.random() < 0.8:
            start = rng.randrange(0, max(1, len(text) - length))
            terms.append(text[start : start + length])
        else:
            terms.append("".join(rng.choice("县镇秸秆税收惠农电商增长亿元%e9APP") for _ in range(length)))
    return [t for t in terms if normalize(t)]


@pytest.fixture
def archive(db: None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    # On SQLite, most items reach the bitmaps and the last few wait in the pending table:
    # the queries see both.
    monkeypatch.setattr(search, "MERGE_AT", 50)
    _SNAPSHOT.clear()
    build_archive()
    return [normalize(t) for pair in Item.objects.values_list("title", "body") for t in pair]


def test_random_short_queries_equal_substring_search(archive: list[str]) -> None:
    rng = random.Random(SEED)
    terms = random_terms(rng, archive, 300)
    assert sum(1 for t in terms if len(t) == 1) > 50
    for term in terms:
        query = parse_query(f'"{term}"')
        assert engine(query) == brute_force(query), term


def test_known_hard_terms(archive: list[str]) -> None:
    for term in ["秸秆", "税", "惠农e贷", "3余场", "99.9%", "APP", "app", "e", "亿元", "（镇）"]:
        query = parse_query(f'"{term}"')
        found = engine(query)
        assert found == brute_force(query), term
    assert engine(parse_query("秸秆"))


def test_terms_across_title_and_body_equal_substring_search(archive: list[str]) -> None:
    """A term made of a title's end and its body's start is in neither field (unless it occurs
    elsewhere): a positional join must not reach from the title into the body."""
    rows = Item.objects.filter(is_current=True).values_list("title", "body")[:30]
    for title, body in rows:
        title, body = normalize(title), normalize(body)
        for before, after in [(1, 3), (2, 2), (3, 1), (2, 3), (3, 3), (4, 4), (1, 6)]:
            query = parse_query(f'"{title[-before:]}{body[:after]}"')
            assert engine(query) == brute_force(query), query.terms


def test_several_terms_and_exclusions(archive: list[str]) -> None:
    rng = random.Random(SEED + 1)
    for _ in range(80):
        a, b, c = random_terms(rng, archive, 3)
        for text in (f'"{a}" "{b}"', f'"{a}" -"{c}"', f'"{a}" "{b}" -"{c}"'):
            query = parse_query(text)
            assert engine(query) == brute_force(query), text


def test_filters(archive: list[str]) -> None:
    rng = random.Random(SEED + 2)
    bulletins = list(BulletinRow.objects.values_list("pk", flat=True))
    for _ in range(80):
        (term,) = random_terms(rng, archive, 1)
        query = parse_query(f'"{term}"')
        start = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        filters = rng.choice(
            [
                {"unit": rng.choice(["县商务局", "东屯镇", "县财政局"])},
                {"section": rng.choice(SECTIONS)},
                {"bulletin_id": rng.choice(bulletins)},
                {"date_from": start, "date_to": start + dt.timedelta(days=rng.randint(0, 300))},
                {"unit": "东屯镇", "section": rng.choice(SECTIONS), "date_from": start},
            ]
        )
        assert engine(query, **filters) == brute_force(query, **filters), (term, filters)


def test_date_order_and_pages(archive: list[str]) -> None:
    query = parse_query("县")
    expected = sorted(brute_force(query), key=lambda pk: (Item.objects.get(pk=pk).date, pk), reverse=True)
    first = search.search(query, search.Filters(), order="date", offset=0, limit=20)
    second = search.search(query, search.Filters(), order="date", offset=20, limit=20)
    assert first.total == len(expected) > 40
    assert first.item_ids + second.item_ids == expected[:40]


def test_relevance_puts_title_hits_first(archive: list[str]) -> None:
    results = run_search(SearchRequest("财政"))
    assert results.total > 0
    assert "财政" in results.hits[0].item.title


def test_results_carry_highlights_and_errors_are_clear(archive: list[str]) -> None:
    results = run_search(SearchRequest("秸秆"))
    assert results.error is None
    assert any(hit for hit in results.hits if ("秸秆", True) in hit.snippet_pieces)
    assert run_search(SearchRequest("  ")).error == "请输入检索词"
    assert "排除词" in (run_search(SearchRequest("-秸秆")).error or "")
    assert "没有" in (run_search(SearchRequest("秸秆", unit="不存在局")).error or "")
    assert "无效字符" in (run_search(SearchRequest("秸秆", unit="\x00")).error or "")


def test_many_hits_rank_title_hits_first_then_newest_across_pages(archive: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 5)
    excluding = parse_query("县 -镇")
    found = []
    for offset in range(0, 400, 9):
        found += search.search(excluding, search.Filters(), offset=offset, limit=9).item_ids
    assert sorted(found) == sorted(brute_force(excluding))
    query = parse_query("县")
    everything = brute_force(query)
    pages: list[int] = []
    offset = 0
    while True:
        page = search.search(query, search.Filters(), order="relevance", offset=offset, limit=7)
        assert page.total == len(everything)
        if not page.item_ids:
            break
        pages += page.item_ids
        offset += 7
    assert sorted(pages) == sorted(everything) and len(pages) == len(set(pages))
    items = {i.pk: i for i in Item.objects.filter(pk__in=pages)}
    in_title = [("县" in items[pk].title) for pk in pages]
    assert in_title == sorted(in_title, reverse=True)  # all title hits come first
    titled = [items[pk] for pk, hit in zip(pages, in_title, strict=True) if hit]
    assert [(i.date, i.pk) for i in titled] == sorted(((i.date, i.pk) for i in titled), reverse=True)
