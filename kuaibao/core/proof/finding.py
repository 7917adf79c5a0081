"""Findings (审校意见): what a proofreading rule reports about one place in a text.

A finding points at the text as written (offset, line, column) and says which rule raised it,
how sure it is, what is wrong in Chinese, and what to write instead. Its fingerprint stays the
same while the text elsewhere changes, so an editor's dismissal can be remembered.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """error: a slip to correct; warning: probably wrong or against the standard; info: a hint."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


# Characters of context either side that a fingerprint includes: enough to tell one half-width
# comma from another, few enough that edits elsewhere in the paragraph keep it.
ANCHOR_CHARS = 2


@dataclass(frozen=True, slots=True)
class Finding:
    """One proofreading finding; `offset` and `text` satisfy source[offset:offset+len(text)] == text."""

    rule: str
    severity: Severity
    offset: int
    text: str
    message: str
    suggestion: str | None
    line: int
    column: int
    file: str = ""
    before: str = ""
    after: str = ""

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    @property
    def fingerprint(self) -> str:
        """A stable key for dismissals: the rule, the text and a two-character anchor either side."""
        key = "\x1f".join((self.rule, self.before, self.text, self.after))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `kuaibao proof --format json`."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "offset": self.offset,
            "text": self.text,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
        }


class TextIndex:
    """Turns offsets into 1-based lines and columns (in characters) of one text."""

    def __init__(self, text: str, name: str = "") -> None:
        self.text = text
        self.name = name
        self._line_starts = [0]
        start = text.find("\n")
        while start != -1:
            self._line_starts.append(start + 1)
            start = text.find("\n", start + 1)

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def finding(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        severity: Severity = Severity.error,
    ) -> Finding:
        """A finding on text[start:end]; the span must not be empty."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad span {start}:{end} for a text of {len(self.text)} characters")
        line, column = self.place(start)
        return Finding(
            rule=rule,
            severity=severity,
            offset=start,
            text=self.text[start:end],
            message=message,
            suggestion=suggestion,
            line=line,
            column=column,
            file=self.name,
            before=self.text[max(0, start - ANCHOR_CHARS) : start],
            after=self.text[end : end + ANCHOR_CHARS],
        )
