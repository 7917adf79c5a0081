"""The archive's pages: who may see them, what they show, and that user text is escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Issue, Item, Section, Unit
from kuaibao.archive.queries import SearchRequest
from tests.golden import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client: Client) -> Client:
    """A signed-in reader: the archive is internal by default."""
    user = User.objects.create_user("reader", password="a-long-test-password")
    client.force_login(user)
    return client


def pages(corpus: list[int]) -> list[str]:
    issue = Issue.objects.get(number=41)
    item = Item.objects.filter(revision__issue=issue).first()
    assert item is not None
    unit = Unit.objects.get(name="东屯镇")
    section = Section.objects.get(name="民生保障")
    return [
        "/",
        "/archive/",
        "/archive/2023/",
        "/archive/2023/9/",
        f"/b/{issue.bulletin.slug}/2023/41/",
        f"/items/{item.pk}/",
        "/units/",
        f"/units/{unit.pk}/",
        "/sections/",
        f"/sections/{section.pk}/",
        "/search/?q=电商",
    ]


def test_anonymous_visitors_are_sent_to_login(client: Client, corpus: list[int]) -> None:
    for url in pages(corpus):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_public_archive_needs_no_login(client: Client, corpus: list[int], settings: Any) -> None:
    settings.ARCHIVE_PUBLIC = True
    for url in pages(corpus):
        assert client.get(url).status_code == 200, url


def test_every_page_renders_for_a_reader(reader: Client, corpus: list[int]) -> None:
    for url in pages(corpus):
        response = reader.get(url)
        assert response.status_code == 200, url
        assert "<html lang=\"zh-CN\">" in response.content.decode()


def test_issue_page_is_laid_out_like_the_bulletin(reader: Client, corpus: list[int]) -> None:
    issue = Issue.objects.get(number=13)
    html = reader.get(f"/b/{issue.bulletin.slug}/2023/13/").content.decode()
    assert 'class="masthead-title">延津政务快报' in html
    assert "第 13 期" in html and "2023年3月31日" in html
    assert "【优化营商环境】" in html and "【“三通一入地”】" in html
    assert "<strong>县发改委落实稳经济政策推动企业健康发展</strong>" in html
    assert "（发改委）" in html
    assert "责任编辑：李勉" in html


def test_unknown_issue_or_item_is_404(reader: Client, corpus: list[int]) -> None:
    assert reader.get("/b/nothing/2023/41/").status_code == 404
    assert reader.get("/items/999999/").status_code == 404
    assert reader.get("/archive/1999/").status_code == 404


def test_search_page_shows_total_highlights_and_filters(reader: Client, corpus: list[int]) -> None:
    html = reader.get("/search/", {"q": "营商"}).content.decode()
    assert 'id="total">3<' in html
    assert "<mark>营商</mark>" in html
    filtered = reader.get("/search/", {"q": "营商", "unit": "融媒体中心"}).content.decode()
    assert 'id="total">1<' in filtered
    bad = reader.get("/search/", {"q": "电商", "date_from": "2024-01-01", "date_to": "2023-01-01"}).content.decode()
    assert "起始日期晚于截止日期" in bad


def test_search_pages_link_to_each_other_keeping_the_query(reader: Client, corpus: list[int]) -> None:
    total = int(re.search(r'id="total">(\d+)<', reader.get("/search/", {"q": "。"}).content.decode())[1])
    pages = -(-total // SearchRequest("").page_size)
    assert pages >= 2
    second = reader.get("/search/", {"q": "。", "order": "date", "page": 2}).content.decode()
    assert f"第 2 / {pages} 页，共 {total} 条" in second
    assert 'href="?q=%E3%80%82&amp;order=date&amp;page=1">上一页' in second


def test_old_revision_stays_visible(reader: Client, corpus: list[int]) -> None:
    text = (CORPUS / "000_14293bf241bcd247.txt").read_text("utf-8").replace("县人大大正副主任", "县人大正副主任")
    assert import_bytes(text.encode(), "41-fixed.txt").status == "updated"
    issue = Issue.objects.get(number=41)
    url = f"/b/{issue.bulletin.slug}/2023/41/"
    assert "县人大正副主任" in reader.get(url).content.decode()
    old = reader.get(url, {"rev": 1}).content.decode()
    assert "县人大大正副主任" in old and "旧版本" in old


def test_user_text_is_escaped(reader: Client, db: None) -> None:
    text = (CORPUS / "000_14293bf241bcd247.txt").read_text("utf-8").replace(
        "东屯镇狠抓项目建设促进经济发展", "东屯镇<script>alert(1)</script>狠抓项目建设"
    )
    assert import_bytes(text.encode(), "evil.txt").status == "imported"
    issue = Issue.objects.get(number=41)
    html = reader.get(f"/b/{issue.bulletin.slug}/2023/41/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    found = reader.get("/search/", {"q": "<script>"}).content.decode()
    assert "<script>alert" not in found and "&lt;script&gt;" in found


def test_downloads_in_every_format_are_generated_once_and_kept(reader: Client, corpus: list[int]) -> None:
    from kuaibao.archive.models import RenderedFile

    issue = Issue.objects.get(number=20)
    base = f"/b/{issue.bulletin.slug}/2024/20/"
    assert 'href="download.pdf"' in reader.get(base).content.decode()
    for fmt, magic in [("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>"), ("txt", "延津".encode()), ("md", b"# ")]:
        response = reader.get(f"{base}download.{fmt}")
        assert response.status_code == 200, fmt
        assert response.content.lstrip().startswith(magic), fmt
        assert "attachment" in response["Content-Disposition"]
    assert RenderedFile.objects.filter(revision=issue.current).count() == 5
    first = reader.get(f"{base}download.docx").content
    assert reader.get(f"{base}download.docx").content == first  # served from storage, byte for byte
    assert RenderedFile.objects.filter(revision=issue.current).count() == 5
    assert reader.get(f"{base}download.exe").status_code == 404


def test_pages_make_the_same_number_of_queries_however_much_they_list(reader: Client, corpus: list[int]) -> None:
    """No query per listed row (an N+1 made the unit page slow on a large archive): count each
    page's queries, import three more issues full of the same units and sections, count again."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> dict[str, int]:
        found = {}
        for url in pages(corpus):
            cache.clear()  # count the queries that compute the archive-wide counts too
            with CaptureQueriesContext(connection) as queries:
                assert reader.get(url).status_code == 200, url
            found[url] = len(queries)
        return found

    reader.get("/")  # first-request work (sessions, content types) out of the way
    before = counts()
    for number, path in zip((61, 62, 63), sorted(CORPUS.glob("*.txt")), strict=True):
        text = path.read_text("utf-8")
        text = re.sub(r"第 \d+ 期", f"第 {number} 期", text, count=1)
        assert import_bytes(text.encode(), f"{number}.txt").status == "imported"
    assert counts() == before


def test_year_and_month_counts_follow_every_new_revision(reader: Client, corpus: list[int]) -> None:
    """The archive-wide counts are cached, keyed by the newest revision: a new issue shows at once."""
    from collections import Counter

    from kuaibao.archive import queries

    def expected_years() -> list[dict[str, int]]:
        years = Counter(issue.date.year for issue in Issue.objects.filter(current__isnull=False))
        return [{"y": year, "issues": count} for year, count in sorted(years.items(), reverse=True)]

    assert queries.archive_years() == expected_years() and 2019 not in [row["y"] for row in expected_years()]
    for row in queries.archive_years():
        months = Counter(i.date.month for i in Issue.objects.filter(current__isnull=False, date__year=row["y"]))
        assert queries.archive_months(row["y"]) == [{"m": m, "issues": n} for m, n in sorted(months.items())]
    path = sorted(CORPUS.glob("*.txt"))[0]
    text = re.sub(r"第 \d+ 期", "第 77 期", path.read_text("utf-8"), count=1)
    text = re.sub(r"20\d\d 年", "2019 年", text, count=1)
    assert import_bytes(text.encode(), "77.txt").status == "imported"
    assert {"y": 2019, "issues": 1} in queries.archive_years() and queries.archive_years() == expected_years()
    assert "2019 年（1 期）" in reader.get("/").content.decode()
    unit = Unit.objects.get(name="东屯镇")
    assert 2019 in [row["y"] for row in queries.unit_years(unit)]


def test_unit_and_section_pages_are_paginated(reader: Client, corpus: list[int], monkeypatch: Any) -> None:
    from django.db.models import Count

    from kuaibao.archive import views

    monkeypatch.setattr(views, "LIST_PAGE", 1)  # the corpus has at most two items a unit
    unit = Unit.objects.annotate(n=Count("items")).order_by("-n").first()
    assert unit is not None
    expected = [i.pk for i in Item.objects.filter(units=unit, is_current=True).order_by("-date", "position")]
    assert len(expected) >= 2
    shown = []
    for number in range(1, len(expected) + 1):
        html = reader.get(f"/units/{unit.pk}/?page={number}").content.decode()
        shown += [int(pk) for pk in re.findall(r'<a href="/items/(\d+)/">', html)]
        assert f"第 {number} / {len(expected)} 页，共 {len(expected)} 条" in html
    assert shown == expected
    last = reader.get(f"/units/{unit.pk}/?page=999").content.decode()  # past the end: the last page
    assert f"第 {len(expected)} / {len(expected)} 页" in last
    assert "第 1 / " in reader.get(f"/units/{unit.pk}/?page=x").content.decode()
    year = Item.objects.get(pk=expected[0]).date.year
    in_year = [pk for pk in expected if Item.objects.get(pk=pk).date.year == year]
    html = reader.get(f"/units/{unit.pk}/?year={year}").content.decode()
    if len(in_year) > 1:
        assert f"共 {len(in_year)} 条" in html and f"?year={year}&amp;page=2" in html
    else:
        assert 'class="pager"' not in html

    section = Section.objects.annotate(n=Count("item")).order_by("-n").first()
    assert section is not None
    in_section = [i.pk for i in Item.objects.filter(section=section, is_current=True).order_by("-date", "position")]
    html = reader.get(f"/sections/{section.pk}/?page=2").content.decode()
    assert [int(pk) for pk in re.findall(r'<a href="/items/(\d+)/">', html)] == in_section[1:2]
    assert f"第 2 / {len(in_section)} 页，共 {len(in_section)} 条" in html


def test_a_units_items_are_the_same_walked_or_joined(corpus: list[int]) -> None:
    from kuaibao.archive import queries

    for unit in Unit.objects.all():
        expected = list(Item.objects.filter(units=unit, is_current=True).order_by("-date", "position"))
        joined = list(queries.unit_items(unit, count=queries.WALK_ABOVE))
        walked = list(queries.unit_items(unit, count=queries.WALK_ABOVE + 1))
        assert joined == walked == expected, unit.name
        for year in {item.date.year for item in expected}:
            in_year = [item for item in expected if item.date.year == year]
            assert list(queries.unit_items(unit, year, count=queries.WALK_ABOVE + 1)) == in_year


def test_long_lists_find_their_page_without_joining_issues(reader: Client, corpus: list[int]) -> None:
    """Joined to issues and bulletins, SQLite may sort the whole archive to find one page of a
    unit's or a section's items; the page's ids are found without those joins."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    unit = Unit.objects.get(name="东屯镇")
    section = Section.objects.get(name="民生保障")
    for url in (f"/units/{unit.pk}/", f"/units/{unit.pk}/?year=2023", f"/sections/{section.pk}/"):
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(url).status_code == 200
        paging = [q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"] and '"archive_item"."id"' in q["sql"]]
        assert paging, url
        assert '"archive_issue"' not in paging[0] and '"archive_bulletin"' not in paging[0], url
