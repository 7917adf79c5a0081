"""Spreadsheets (openpyxl): the 采用情况通报 (the table, every point with its reason, the rules)
and figure exports. Numbers are written as numbers, so offices can sort and sum them."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kuaibao.core.cells import looks_like_formula
from kuaibao.core.render.official import profile as official_profile
from kuaibao.stats.render.model import Circular, chinese_date

# 公文 faces (kuaibao.core.render.official): 小标宋 title, 黑体 headers, 仿宋 cells.
_FONTS = official_profile(None)
BOLD = Font(name=_FONTS.heading.name, bold=True)
TITLE = Font(name=_FONTS.title.name, size=18)
BODY = Font(name=_FONTS.body.name, size=12)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")

CIRCULAR_HEADERS = (
    "排名", "单位", "类别", "报送", "采用", "采用率（%）", "上级采用", "约稿应报", "约稿按时",
    "批示收到", "批示反馈", "采用得分", "扣分", "定额得分", "总分",
)  # fmt: skip
CIRCULAR_WIDTHS = (6, 24, 8, 7, 7, 11, 9, 9, 9, 9, 9, 10, 8, 10, 8)


def render_circular_xlsx(circular: Circular) -> bytes:
    """The circular as .xlsx bytes: sheets 通报, 计分明细 and 评分规则."""
    book = Workbook()
    sheet = book.create_sheet("通报")
    book.remove(book.worksheets[0])
    _append(sheet, [circular.title])
    sheet["A1"].font = TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(CIRCULAR_HEADERS))
    _append(sheet, [f"统计期：{circular.period}　　{circular.publisher}　{chinese_date(circular.date)}"])
    _append(sheet, [circular.summary])
    _header(sheet, CIRCULAR_HEADERS, row=4, widths=CIRCULAR_WIDTHS)
    for row in circular.rows:
        counts = (row.submitted, row.adopted, row.rate, row.external, row.commissions, row.on_time)
        points = (row.adoption_points, row.penalty_points, row.quota_points, row.total)
        _append(sheet, [row.rank, row.unit, row.kind, *counts, row.instructions, row.answered, *points])
    sheet.freeze_panes = "C5"
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.row != 4:  # the header row keeps its 黑体
                cell.font = BODY
    # Printed as offices print a table: A4 across, one page wide, the header on every page.
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:4"

    lines = book.create_sheet("计分明细")
    _header(lines, ("单位", "月份", "类别", "分值", "说明"), row=1, widths=(24, 10, 8, 8, 70))
    for line in circular.lines:
        _append(lines, [line.unit, line.month, line.kind, line.points, line.reason])
    lines.freeze_panes = "A2"

    rules = book.create_sheet("评分规则")
    _append(rules, [circular.rules_name])
    rules["A1"].font = BOLD
    for text in circular.rules:
        _append(rules, [text])
    rules.column_dimensions["A"].width = 90
    return _save(book)


def render_table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A plain table (figure exports) in a streaming workbook: memory stays flat for long tables."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    _append(sheet, headers)
    for row in rows:
        _append(sheet, row)
    return _save(book)


def _append(sheet: Any, values: Iterable[Any]) -> None:
    row = [_number(value) for value in values]
    if any(isinstance(value, str) and looks_like_formula(value) for value in row):
        # openpyxl stores a string starting with "=" as a live formula. Such a row goes in as
        # cells of its own (a write-only sheet reuses one cell for plain values, and would
        # carry the quote-prefix on): the text is shown as written, and Excel's quote-prefix
        # keeps it text when someone edits the cell.
        row = [_text_cell(sheet, value) for value in row]
    sheet.append(row)


def _text_cell(sheet: Any, value: Any) -> Cell:
    cell = Cell(sheet, row=1, column=1, value=value)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _number(value: Any) -> Any:
    # Excel holds 15 significant digits; a longer decimal goes in as text rather than rounded.
    if isinstance(value, Decimal) and len(value.normalize().as_tuple().digits) > 15:
        return str(value)
    return value


def _header(sheet: Worksheet, headers: Sequence[str], *, row: int, widths: Sequence[int]) -> None:
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
