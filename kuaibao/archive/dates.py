"""Year and month of a date column, computed by the database itself.

Django's ExtractYear/ExtractMonth call a Python function per row on SQLite
(`django_date_extract`); grouping a large archive by year then costs a Python call for each of
hundreds of thousands of rows. SQLite stores dates as ISO text, so `strftime` (in C) gives the
same numbers; other databases keep Django's SQL (EXTRACT on PostgreSQL)."""

from __future__ import annotations

from typing import Any

from django.db.models.functions import ExtractMonth, ExtractYear


class _OnSqliteByStrftime:
    """An Extract* lookup that SQLite computes with `strftime(FORMAT, date)`."""

    strftime_format: str
    lhs: Any

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('{self.strftime_format}', {sql}) AS integer)", tuple(params)


class Year(_OnSqliteByStrftime, ExtractYear):
    strftime_format = "%%Y"


class Month(_OnSqliteByStrftime, ExtractMonth):
    strftime_format = "%%m"
