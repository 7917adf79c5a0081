"""Formula injection: text that a spreadsheet would run as a formula (a title, a unit's name)
reaches every export as text: XLSX cells are strings with Excel's quote-prefix, CSV cells get
a leading apostrophe (OWASP "CSV Injection"). Plain numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kuaibao.archive.models import Item, Unit
from kuaibao.cli.figures import CSV_COLUMNS, _write_csv
from kuaibao.core.cells import csv_text, looks_like_formula
from tests.newsroom.conftest import People
from tests.stats.conftest import import_issue
from tests.stats.test_scoring_db import september

EVIL = '=HYPERLINK("http://evil.example/x","点我")'
LEADERS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2", "＝1+2"]


def test_only_text_that_starts_like_a_formula_is_defused() -> None:
    assert all(looks_like_formula(text) for text in [EVIL, *LEADERS])
    for number in ["-3.5", "+12", "-0.5%", "1e5", "县商务局", "", "交易额=30亿"]:
        assert not looks_like_formula(number), number
    assert csv_text(EVIL) == "'" + EVIL and csv_text("-3.5") == "-3.5" and csv_text(7) == 7


@pytest.fixture
def hostile_archive(db: None) -> None:
    """Items reporting a 交易额 whose titles start with every formula leader. The titles are
    set on the stored rows: the text parser would trim a leading tab, and a newsroom item
    reaches the archive with the title its reporter typed."""
    rows = [(f"县商务局交易额第{n}次增长", f"交易额达 {n + 1} 亿元。", ("商务局",), None) for n in range(len(LEADERS) + 1)]
    import_issue(60, dt.date(2023, 10, 13), rows)
    for n, title in enumerate([EVIL, *(f"{leader}交易额{n}" for n, leader in enumerate(LEADERS))]):
        Item.objects.filter(title=f"县商务局交易额第{n}次增长").update(title=title)


@pytest.fixture
def reader(people: People, client: Client) -> Client:
    client.force_login(people.editor)
    return client


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "".join(book.read(name).decode() for name in book.namelist() if name.startswith("xl/worksheets/"))


@pytest.mark.django_db
def test_figures_xlsx_writes_a_hostile_title_as_text(hostile_archive: None, reader: Client) -> None:
    response = reader.get("/stats/figures.xlsx", {"metric": "交易额"})
    assert response.status_code == 200
    assert "<f>" not in _sheet_xml(response.content)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    titles = {row[3].value: row[3] for row in sheet.iter_rows(min_row=2)}
    assert EVIL in titles and titles[EVIL].data_type == "s" and titles[EVIL].quotePrefix
    values = [row[7].value for row in sheet.iter_rows(min_row=2)]
    assert 100_000_000 in values  # numbers are still numbers


@pytest.mark.django_db
def test_figures_csv_defuses_every_formula_leader(hostile_archive: None, reader: Client) -> None:
    response = reader.get("/stats/figures.csv", {"metric": "交易额"})
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text)))
    titles = {row[3] for row in rows[1:]}
    assert "'" + EVIL in titles
    for n, leader in enumerate(LEADERS):
        assert f"'{leader}交易额{n}" in titles, repr(leader)
    assert all(not title or not looks_like_formula(title) for title in titles)


@pytest.mark.django_db
def test_circular_xlsx_writes_a_hostile_unit_name_as_text(people: People, client: Client) -> None:
    september(people)
    Unit.objects.filter(name="东屯镇").update(name=EVIL)
    client.force_login(people.reviewer)
    response = client.get("/stats/circular.xlsx", {"period": "2023-09"})
    assert response.status_code == 200
    assert "<f>" not in _sheet_xml(response.content)
    book = load_workbook(io.BytesIO(response.content))
    table = [row[1] for row in book["通报"].iter_rows(min_row=5)]
    lines = [row[0] for row in book["计分明细"].iter_rows(min_row=2)]
    for cells in (table, lines):
        hostile = [cell for cell in cells if cell.value == EVIL]
        assert hostile and all(cell.data_type == "s" and cell.quotePrefix for cell in hostile)


def test_figures_cli_csv_defuses_formula_leaders(capsys: pytest.CaptureFixture[str]) -> None:
    leaders = [leader for leader in LEADERS if "\r" not in leader]  # a CR is not quoted with "\n" lines
    row: dict[str, object] = {column: f"{leaders[n % len(leaders)]}x" for n, column in enumerate(CSV_COLUMNS)}
    row.update(value="-3.5", time={"text": EVIL, "from": None, "to": None})
    _write_csv([row])
    cells = list(csv.reader(io.StringIO(capsys.readouterr().out)))[1]
    assert cells[CSV_COLUMNS.index("value")] == "-3.5"  # a number stays a number
    assert cells[CSV_COLUMNS.index("time")] == "'" + EVIL
    assert all(not looks_like_formula(cell) for cell in cells if cell)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reporter", "reporter_b", "leader", "outsider"])
def test_figure_exports_are_for_the_office_only(people: People, client: Client, who: str) -> None:
    client.force_login(getattr(people, who))
    for suffix in ("csv", "xlsx"):
        assert client.get(f"/stats/figures.{suffix}", {"metric": "交易额"}).status_code == 403


@pytest.mark.django_db
def test_a_public_archives_visitors_cannot_export(people: People, settings: Any) -> None:
    settings.ARCHIVE_PUBLIC = True
    response = Client().get("/stats/figures.csv", {"metric": "交易额"})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_exports_read_only_the_columns_they_write(hostile_archive: None, reader: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = reader.get("/stats/figures.csv", {"metric": "交易额"})
        rows = b"".join(response.streaming_content).decode().splitlines()  # type: ignore[attr-defined]
    assert len(rows) > 5
    selects = " ".join(q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT"))
    assert '"paragraphs"' not in selects and '"body"' not in selects


@pytest.mark.django_db
def test_csv_exports_stop_at_their_bound(
    hostile_archive: None, reader: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kuaibao.stats import views

    monkeypatch.setattr(views, "CSV_ROW_LIMIT", 3)
    response = reader.get("/stats/figures.csv", {"metric": "交易额"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert len(rows) == 1 + 3 + 1 and rows[-1][0].startswith("……仅导出前 3 条")
