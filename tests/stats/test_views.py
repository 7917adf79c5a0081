"""The statistics pages: what they show, the adoption form, and that user text is escaped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kuaibao.archive.models import Item
from kuaibao.stats.models import ExternalAdoption
from tests.newsroom.conftest import People
from tests.stats.conftest import import_issue, item_titled
from tests.stats.test_scoring_db import DONGTUN_ITEM, september

pytestmark = pytest.mark.django_db


def signed_in(client: Client, people: People, who: str) -> Client:
    client.force_login(getattr(people, who))
    return client


def test_statistics_page_has_the_table_and_three_charts(people: People, client: Client) -> None:
    september(people)
    html = signed_in(client, people, "signer").get("/stats/", {"period": "2023-09"}).content.decode()
    assert "2023年9月报送采用统计" in html
    assert '<td>东屯镇</td><td>乡镇</td><td class="num">2</td><td class="num">2</td><td class="num">100.0%</td>' in html
    assert html.count('<figure class="chart"><svg') == 3 and "2023年每月采用信息" in html and "2023年9月各单位采用信息" in html
    assert '<option value="2023-09" selected>2023年9月</option>' in html


def test_a_bad_period_falls_back_to_this_month_and_says_why(people: People, client: Client) -> None:
    html = signed_in(client, people, "editor").get("/stats/", {"period": "2023-13"}).content.decode()
    assert "月份应在 1 到 12 之间" in html


def test_ranking_page_shows_scores_reasons_and_the_rules_read_only(people: People, client: Client) -> None:
    september(people)
    html = signed_in(client, people, "admin").get("/stats/ranking/", {"period": "2023-09"}).content.decode()
    assert "2023年9月考核排名" in html
    assert '<td class="num">1</td>\n    <td><details><summary>东屯镇</summary>' in html
    assert '<td class="num total">60</td>' in html
    assert "约稿逾期（约稿“秋收秋种”逾期）：-10 分" in html
    assert "评分规则：测试规则" in html and "市级采用：全文 20 分，摘要 10 分" in html
    assert "outlets" not in html and "JSON" not in html  # the rules in words, never their JSON
    assert "/stats/circular.docx?period=2023-09" in html and "/stats/circular.xlsx?period=2023-09" in html
    assert "<form" not in html.split("评分规则：")[1]  # nothing to edit here


def test_editor_records_an_adoption_through_the_form(people: People, client: Client) -> None:
    september(people)
    editor = signed_in(client, people, "editor")
    item = Item.objects.get(is_current=True, itemunit__unit__name="县财政局", revision__issue__number=41)
    form = editor.get("/stats/adoptions/", {"item": item.pk}).content.decode()
    assert f'value="{item.pk}"' in form and '<option value="省">' in form and '<option value="县">' not in form
    data = {
        "item": f"http://127.0.0.1:8000/items/{item.pk}/",
        "level": "省",
        "date": "2023-09-28",
        "outlet": "河南政务",
    }
    response = editor.post("/stats/adoptions/", data, follow=True)
    assert "已记录上级采用" in response.content.decode()
    assert ExternalAdoption.objects.filter(item=item, level="省").exists()


def test_adoption_form_by_title_and_units_and_its_errors(people: People, client: Client) -> None:
    september(people)
    editor = signed_in(client, people, "editor")
    bad = editor.post(
        "/stats/adoptions/", {"title": "直报信息", "units": "东屯镇、火星局", "level": "市", "date": "2023-09-28"}
    )
    assert "单位目录中没有：火星局" in bad.content.decode()
    nothing = editor.post("/stats/adoptions/", {"level": "市", "date": "2023-09-28"})
    assert "请填写快报信息的编号或链接" in nothing.content.decode()
    editor.post(
        "/stats/adoptions/", {"title": "直报信息", "units": "东屯镇、商务局", "level": "市", "date": "2023-09-28"}
    )
    adoption = ExternalAdoption.objects.get(title="直报信息")
    assert [u.name for u in adoption.units.order_by("externaladoptionunit__position")] == ["东屯镇", "县商务局"]
    twice = editor.post(
        "/stats/adoptions/", {"title": "直报信息", "units": "东屯镇", "level": "市", "date": "2023-09-28"}, follow=True
    )
    assert "这条采用已经记录过" in twice.content.decode()


def test_the_office_sees_adoptions_but_only_editors_get_the_form(people: People, client: Client) -> None:
    september(people)
    html = signed_in(client, people, "reviewer").get("/stats/adoptions/").content.decode()
    assert DONGTUN_ITEM in html and "新乡政务信息" in html
    assert 'name="level"' not in html and "删除" not in html


def test_editor_deletes_an_adoption(people: People, client: Client) -> None:
    september(people)
    adoption = ExternalAdoption.objects.get()
    response = signed_in(client, people, "editor").post(f"/stats/adoptions/{adoption.pk}/delete/", follow=True)
    assert "已删除这条采用记录" in response.content.decode() and not ExternalAdoption.objects.exists()


def test_item_page_offers_editors_to_record_an_adoption(people: People, client: Client) -> None:
    september(people)
    item = item_titled(DONGTUN_ITEM)
    assert (
        f"/stats/adoptions/?item={item.pk}"
        in signed_in(client, people, "editor").get(f"/items/{item.pk}/").content.decode()
    )
    assert "/stats/adoptions/" not in signed_in(Client(), people, "reviewer").get(f"/items/{item.pk}/").content.decode()


def test_unit_names_and_titles_are_escaped_on_every_page(people: People, client: Client) -> None:
    evil = "<b>恶意镇"  # a unit name as written (a slash would split it into two units)
    import_issue(
        60, dt.date(2023, 9, 29), [("<script>alert(1)</script>交易额达 5 亿元", "交易额达 5 亿元。", (evil,), None)]
    )
    september(people)
    office = signed_in(client, people, "editor")
    for url in ("/stats/?period=2023-09", "/stats/ranking/?period=2023-09", "/stats/figures/?metric=交易额"):
        html = office.get(url).content.decode()
        assert "<b>恶意" not in html and "<script>alert(1)</script>" not in html, url
        assert "&lt;b&gt;恶意镇" in html, url
