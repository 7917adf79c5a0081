"""Text bound for a spreadsheet cell (CSV or XLSX) that must stay text.

Excel, WPS and LibreOffice read a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in a
CSV, a tab or a carriage return before one) as a formula: an item titled
``=HYPERLINK("http://evil.example/x","点我")`` would become a live link in an office's
spreadsheet (CWE-1236, OWASP "CSV Injection"). Every export writes its text through this
module: CSV cells get a leading apostrophe, XLSX cells are stored as text with Excel's
quote-prefix (see `kuaibao.stats.render.xlsx`). A plain number (``-3.5``) is left alone.
"""

from __future__ import annotations

import re
from typing import Any

# ASCII leaders, their full-width forms (an input method types ＝ for =), tab, CR and LF.
FORMULA_LEADERS = frozenset("=+-@\t\r\n＝＋－＠")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (a plain number is not one)."""
    return bool(text) and text[0] in FORMULA_LEADERS and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(value: Any) -> Any:
    """A CSV cell: text that could start a formula gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
