"""The 采用情况通报 as DOCX and XLSX, opened with python-docx and openpyxl and read back."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.newsroom.conftest import People
from tests.stats.test_scoring_db import september

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(people: People, client: Client) -> Client:
    september(people)  # the worked example's month (tests/stats/test_scoring_db.py)
    client.force_login(people.reviewer)
    return client


def test_circular_xlsx_has_the_table_the_points_and_the_rules(office: Client) -> None:
    response = office.get("/stats/circular.xlsx", {"period": "2023-09"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and "2023-09.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["通报", "计分明细", "评分规则"]
    sheet = book["通报"]
    assert sheet["A1"].value == "关于2023年9月政务信息报送采用情况的通报"
    headers = [cell.value for cell in sheet[4]]
    assert headers[:6] == ["排名", "单位", "类别", "报送", "采用", "采用率（%）"] and headers[-1] == "总分"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    # 东屯镇: rank 1, township, 2 submitted, 2 adopted, 100%, 1 external, 约稿 1 asked 1 on time,
    # no 批示; 40 for adoptions, no deduction, 20 quota: 60.
    assert rows["东屯镇"] == (1, "东屯镇", "乡镇", 2, 2, 100, 1, 1, 1, 0, 0, 40, 0, 20, 60)
    assert (rows["县商务局"][0], rows["县商务局"][-4:]) == (8, (12, -10, 0, 2))
    assert all(isinstance(value, int | float) for value in rows["东屯镇"][3:])  # numbers, not text
    lines = list(book["计分明细"].iter_rows(min_row=2, values_only=True))
    assert ("县商务局", "2023-09", "扣分", -10, "约稿逾期（约稿“秋收秋种”逾期）") in lines
    rules = [row[0] for row in book["评分规则"].iter_rows(values_only=True)]
    assert rules[0] == "测试规则" and "市级采用：全文 20 分，摘要 10 分" in rules


def test_circular_docx_in_official_style(office: Client) -> None:
    response = office.get("/stats/circular.docx", {"period": "2023-09"})
    assert response.status_code == 200 and "2023-09.docx" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于2023年9月政务信息报送采用情况的通报"
    title_fonts = doc.paragraphs[0].runs[0]._r.rPr.find(qn("w:rFonts"))
    assert title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    title = doc.paragraphs[0]
    assert (title.runs[0].font.size or title.style.font.size).pt == 22  # 二号, from the 公文标题 style
    assert title.alignment == 1 or title.style.paragraph_format.alignment == 1  # centred
    assert "一、总体情况" in texts and "二、各单位得分及排名" in texts and "三、扣分情况" in texts
    summary = texts[texts.index("一、总体情况") + 1]
    # 9 items of issue 41 + 1 joint item; 3 submissions; 1 city adoption; 2 约稿 answers, 1 on time.
    assert "政务信息 3 条" in summary and "快报采用 10 条" in summary and "被上级采用 1 条次" in summary
    assert "约稿 2 项次，按时报送 1 项次" in summary and "领导批示 2 件，已反馈 1 件" in summary
    assert "县商务局：约稿逾期（约稿“秋收秋种”逾期），扣 10 分。" in texts
    assert texts[-2:] == ["延津县人民政府办公室", texts[-1]] and texts[-1].endswith("日")
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "排名", "单位", "报送", "采用", "采用率", "上级采用", "约稿按时/应报", "批示反馈/收到", "得分",
    ]  # fmt: skip
    assert [c.text for c in table.rows[1].cells] == ["1", "东屯镇", "2", "2", "100.0%", "1", "1/1", "0/0", "60"]
    assert len(table.rows) == 1 + 9
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    # The table fits the 156 mm text block, with fixed columns and its own exact line.
    widths = [cell.width.mm for cell in table.rows[1].cells]
    assert abs(sum(widths) - 156) < 0.5 and all(w > 9 for w in widths)
    cell = table.rows[1].cells[1].paragraphs[0]
    assert cell.paragraph_format.line_spacing.pt == 15 and cell.style.name == "公文表格"
    assert texts[2].endswith("：")  # 主送, flush left


def test_a_circular_without_rules_goes_back_with_the_reason(office: Client) -> None:
    from kuaibao.stats.models import ScoringRules

    ScoringRules.objects.all().delete()
    response = office.get("/stats/circular.docx", {"period": "2023-09"}, follow=True)
    assert "尚未设定当前使用的评分规则" in response.content.decode()


def test_a_bad_period_is_a_bad_request(office: Client) -> None:
    response = office.get("/stats/circular.xlsx", {"period": "2023-13"})
    assert response.status_code == 400 and "月份" in response.content.decode()


def test_circular_xlsx_prints_in_official_faces_on_a4(office: Client) -> None:
    from openpyxl import load_workbook

    response = office.get("/stats/circular.xlsx", {"period": "2023-09"})
    sheet = load_workbook(io.BytesIO(response.content))["通报"]
    assert sheet["A1"].font.name == "方正小标宋简体" and sheet["A4"].font.name == "黑体"
    assert sheet["B5"].font.name == "仿宋_GB2312"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.print_title_rows == "$4:$4"  # 9: A4
