"""Chinese full-text search analysis, shared by every database backend.

Search must find exactly what a substring search finds, for one-character queries (税) and
two-character words (秸秆) alike, which word segmenters and trigram indexes do not (DOMAIN.md).
The scheme: text is normalised (NFKC, case-folded, whitespace removed), every character is
written as a 4-letter base-36 code, and each character becomes one token together with the
character after it (a sentinel after the last). Then
- a term of k ≥ 2 characters is the phrase of its k-1 consecutive character pairs;
- a term of one character is a prefix query on its 4-letter code.
Both are exact: a phrase hit is a substring hit and vice versa. Because every character gets a
code, digits, Latin letters and punctuation (99.9%, 惠农e贷, 3余场) behave like Chinese.
SQLite FTS5 (ascii tokenizer, prefix index of 4) and PostgreSQL tsvector ('simple', GIN) both
index the same token stream; `fts5_expression` and `tsquery_expression` build their queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

CODE_WIDTH = 4
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_SENTINEL_CODE = "0000"  # code point 0 never occurs in stored text
_WHITESPACE = re.compile(r"\s+", re.UNICODE)


class QueryError(ValueError):
    """A search query that cannot be run; the message is for the user, in Chinese."""


def _code(char: str) -> str:
    value = ord(char)
    digits = []
    for _ in range(CODE_WIDTH):
        value, rest = divmod(value, 36)
        digits.append(_ALPHABET[rest])
    return "".join(reversed(digits))


class _CodeTable(dict[int, str]):
    """str.translate table that encodes any character on first sight."""

    def __missing__(self, key: int) -> str:
        code = _code(chr(key))
        self[key] = code
        return code


_CODES = _CodeTable()


def normalize(text: str) -> str:
    """The form in which text is indexed and searched: NFKC, case-folded, no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def index_tokens(text: str) -> str:
    """The token stream for one field: one token per character, pairing it with the next."""
    encoded = normalize(text).translate(_CODES) + _SENTINEL_CODE
    step = CODE_WIDTH
    return " ".join(encoded[i : i + 2 * step] for i in range(0, len(encoded) - step, step))


def term_tokens(term: str) -> list[str]:
    """The tokens a normalised term must match: one code (prefix) or consecutive pairs."""
    encoded = term.translate(_CODES)
    if len(term) == 1:
        return [encoded]
    step = CODE_WIDTH
    return [encoded[i : i + 2 * step] for i in range(0, len(encoded) - step, step)]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: terms that must all occur, and terms that must not (normalised)."""

    terms: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        return self.terms


_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
MAX_TERMS = 12
MAX_TERM_LENGTH = 64


def parse_query(text: str) -> Query:
    """Parse 秸秆 还田, "商务局 电商" (a phrase, spaces ignored as in the text), -东屯镇."""
    terms: list[str] = []
    excluded: list[str] = []
    for match in _QUERY_PART.finditer(text):
        negative = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        term = normalize(raw)
        if not term or term == "-":
            continue
        if len(term) > MAX_TERM_LENGTH:
            raise QueryError(f"检索词过长（{len(term)} 字，上限 {MAX_TERM_LENGTH} 字）")
        target = excluded if negative else terms
        if term not in target:
            target.append(term)
    if len(terms) + len(excluded) > MAX_TERMS:
        raise QueryError(f"检索词过多（上限 {MAX_TERMS} 个）")
    if not terms:
        raise QueryError("请至少输入一个要查找的词（排除词前加 -）" if excluded else "请输入检索词")
    return Query(tuple(terms), tuple(excluded))


def _fts5_term(term: str) -> str:
    tokens = term_tokens(term)
    if len(term) == 1:
        return f"{tokens[0]}*"
    return '"' + " ".join(tokens) + '"'


def fts5_expression(query: Query) -> str:
    """An FTS5 MATCH expression for the query over the token columns."""
    expression = " AND ".join(_fts5_term(t) for t in query.terms)
    for term in query.excluded:
        expression = f"({expression}) NOT {_fts5_term(term)}"
    return expression


def _ts_term(term: str, weight: str = "") -> str:
    tokens = term_tokens(term)
    if len(term) == 1:
        return f"{tokens[0]}:*{weight}"
    suffix = f":{weight}" if weight else ""
    return "(" + " <-> ".join(token + suffix for token in tokens) + ")"


def tsquery_expression(query: Query, *, weight: str = "") -> str:
    """A PostgreSQL tsquery (cast with ::tsquery) equivalent to `fts5_expression`; with
    `weight` ("A": the title) the positive terms must occur in text of that weight."""
    expression = " & ".join(_ts_term(t, weight) for t in query.terms)
    if weight:
        return expression
    for term in query.excluded:
        expression += f" & !{_ts_term(term)}"
    return expression


def matches(text: str, query: Query) -> bool:
    """The substring semantics every backend must reproduce (used as the test oracle too)."""
    norm = normalize(text)
    return all(t in norm for t in query.terms) and not any(t in norm for t in query.excluded)


def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", char).casefold():
            if not piece.isspace():
                out.append(piece)
                origin.append(index)
    return "".join(out), origin


def hit_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the terms occur in the original text, as merged (start, end) spans."""
    norm, origin = _normalized_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = norm.find(term)
        while start != -1:
            spans.append((origin[start], origin[start + len(term) - 1] + 1))
            start = norm.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
    """The text cut into (piece, is_hit) for highlighting."""
    position = 0
    for start, end in hit_spans(text, terms):
        if start > position:
            yield text[position:start], False
        yield text[start:end], True
        position = end
    if position < len(text):
        yield text[position:], False


def snippet(text: str, terms: tuple[str, ...], width: int = 90) -> list[tuple[str, bool]]:
    """A window of about `width` characters around the first hit, cut into (piece, is_hit)."""
    spans = hit_spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    window = text[start:end]
    pieces = list(highlight(window, terms))
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
