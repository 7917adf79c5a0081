"""Chinese full-text search analysis, shared by every database backend.

Search must find exactly what a substring search finds, for one-character queries (税) and
two-character words (秸秆) alike, which word segmenters and trigram indexes do not (docs/DOMAIN.md).
The scheme: text is normalised (NFKC, case-folded, whitespace removed) and cut into its
characters, character pairs and triples, never across the title and the body. A term of one to
three characters is then one gram; a longer term is found through the triples that cover it.
Both are exact: a hit is a substring hit and vice versa, and digits, Latin letters and
punctuation (99.9%, 惠农e贷, 3余场) behave like Chinese.
The index keeps one compressed bitmap per gram, the triples with positions (`item_grams`,
below), on SQLite and PostgreSQL alike.
`index_tokens` and `term_tokens` give the earlier token stream (a character's 4-letter base-36
code paired with the next one's), which the benchmark feeds to tantivy.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def matches(text: str, query: Query) -> bool:
    """The substring semantics every backend must reproduce (used as the test oracle too)."""
    norm = normalize(text)
    return all(t in norm for t in query.terms) and not any(t in norm for t in query.excluded)


def _fold(char: str) -> str:
    """One character as `normalize` treats it (NFKC, case-folded, no whitespace)."""
    if char.isspace():
        return ""
    return "".join(piece for piece in unicodedata.normalize("NFKC", char).casefold() if not piece.isspace())


class _FoldTable(dict[int, str]):
    """`str.translate` table folding each character as `_fold` does, filled as characters come (a
    search page folds the text of every hit twice);
    `irregular` holds the characters seen that fold to other than one character but are not
    whitespace (㎡ → m2, ß → ss)."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _fold(char)
        if len(self) < 200_000:  # bounded, whatever characters the archive holds
            self[code] = folded
        if len(folded) != 1 and not char.isspace():
            self.irregular.add(char)
        return folded


_FOLD_TABLE = _FoldTable()


def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index it came from."""
    folded = text.translate(_FOLD_TABLE)
    if _FOLD_TABLE.irregular.isdisjoint(text):
        # Every character folds to one, whitespace to none: the map skips the whitespace.
        origin: list[int] = []
        last = 0
        for space in _WHITESPACE.finditer(text):
            origin.extend(range(last, space.start()))
            last = space.end()
        origin.extend(range(last, len(text)))
        return folded, origin
    out: list[str] = []
    origin = []
    for index, char in enumerate(text):
        folded = _FOLD_TABLE[ord(char)]
        if len(folded) == 1:
            out.append(folded)
            origin.append(index)
        elif folded:
            out.append(folded)
            origin.extend([index] * len(folded))
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


# --- Grams for the bitmap index ------------------------------------------------------
# The normalised text, cut into characters, pairs and triples, kept as text: the index (on
# SQLite and PostgreSQL alike) stores one compressed bitmap per gram.
# Positional grams: "p" + triple over title then body, "r" + triple over the title, with the
# triple's position. Doc-level grams: "a" + gram (in the title or body), "t" + gram (in the
# title), for every character, pair and triple (`ItemGrams.grams`). A term of one to three
# characters is one doc-level gram; a k ≥ 4 character term is a positional join of a few
# triples that cover it (`phrase_triples`). Both are exact: a match is a substring and back.
# Triples rather than pairs: a three-character term needs no positions at all, and the
# positions of triples are far fewer per gram than those of common pairs (项目, 工作), which
# are what a positional join loads.
MAX_POSITION = (1 << 16) - 1  # positions past this are not indexed; see `item_grams`
GRAM = 3  # the positional grams are character triples
# Positions left empty between the title's triples and the body's: a join steps at most
# GRAM positions from one triple of a term to the next (`phrase_triples`), so no join can
# reach from the title's last triple into the body.
FIELD_GAP = GRAM


@dataclass(slots=True)
class ItemGrams:
    title_triples: list[str]  # at positions 0, 1, …
    body_triples: list[str]  # at positions body_start, body_start + 1, …
    body_start: int
    title_tail: str  # the title's last two characters (fewer if shorter), which start no triple
    body_tail: str
    long: bool  # triples past MAX_POSITION get no position: verify such items on their text

    def indexed(self) -> tuple[list[str], list[str]]:
        """The title's and the body's triples at positions up to MAX_POSITION."""
        room = MAX_POSITION + 1
        return self.title_triples[:room], self.body_triples[: max(0, room - self.body_start)]

    def positions(self) -> dict[str, list[int]]:
        """Positional grams with their positions."""
        found: dict[str, list[int]] = {}
        title_triples, body_triples = self.indexed()
        for position, triple in enumerate(title_triples):
            found.setdefault("r" + triple, []).append(position)
        places = (*enumerate(title_triples), *enumerate(body_triples, self.body_start))
        for position, triple in places:
            found.setdefault("p" + triple, []).append(position)
        return found

    def grams(self, *, title: bool = False) -> set[str]:
        """Doc-level grams (characters, pairs, triples) of the item or of its title: the
        triples with their first character and pair, and the grams of the fields' tails."""
        triples = {*self.title_triples} if title else {*self.title_triples, *self.body_triples}
        tails = [self.title_tail] if title else [self.title_tail, self.body_tail]
        return {
            *triples,
            *(triple[:2] for triple in triples),
            *(triple[0] for triple in triples),
            *(gram for tail in tails for gram in tail_grams(tail)),
        }


def tail_grams(tail: str) -> list[str]:
    """The grams that start in a field's last two characters (its `tail`): those that start
    no triple."""
    return [*tail, tail] if len(tail) == 2 else [*tail]


def _triples(text: str) -> list[str]:
    return [text[i : i + GRAM] for i in range(len(text) - GRAM + 1)]


def item_grams(title: str, body: str) -> ItemGrams:
    """The grams one item is indexed under (see above)."""
    title, body = normalize(title), normalize(body)
    title_triples, body_triples = _triples(title), _triples(body)
    body_start = len(title_triples) + FIELD_GAP
    long = len(title_triples) > MAX_POSITION + 1 or len(body_triples) > MAX_POSITION + 1 - body_start
    return ItemGrams(title_triples, body_triples, body_start, title[-2:], body[-2:], long)


def phrase_triples(term: str) -> list[tuple[int, str]]:
    """(offset, triple) for a term of four or more characters: triples at offsets 0, 3, 6…
    and the last triple, which together cover every character, so their co-occurrence at
    those offsets is the term itself. Consecutive offsets are at most GRAM apart."""
    last = len(term) - GRAM
    offsets = sorted({*range(0, last, GRAM), last})
    return [(offset, term[offset : offset + GRAM]) for offset in offsets]


TITLE_WEIGHT = 4.0  # a title occurrence counts four times a body one, on every backend


def bm25(
    lengths: tuple[int, int],
    counts: tuple[int, ...],
    terms: tuple[str, ...],
    frequencies: dict[str, int],
    documents: int,
    average_lengths: tuple[float, float],
    weights: tuple[float, float] = (TITLE_WEIGHT, 1.0),
) -> float:
    """Okapi BM25 (k1 1.2, b 0.75), as FTS5 computes it, over a (title, body) of these lengths in
    which each term occurs `counts` times (title, body, title, body… term by term)."""
    score = 0.0
    for index, term in enumerate(terms):
        frequency = frequencies.get(term, 0)
        idf = max(1e-6, math.log((documents - frequency + 0.5) / (frequency + 0.5)))
        for field in (0, 1):
            count = counts[2 * index + field]
            if count:
                norm = 1.2 * (0.25 + 0.75 * lengths[field] / max(average_lengths[field], 1.0))
                score += weights[field] * idf * count * 2.2 / (count + norm)
    return score


def rank_bm25(
    rows: list[tuple[Any, ...]], terms: tuple[str, ...], frequencies: dict[str, int], documents: int
) -> list[int]:
    """Item ids by BM25, then newest, then id, from rows (id, date, title length, body length,
    then each term's count in the title and in the body); the average lengths are the rows'."""
    if not rows:
        return []
    averages = (sum(r[2] for r in rows) / len(rows), sum(r[3] for r in rows) / len(rows))
    scores = {r[0]: bm25((r[2], r[3]), r[4:], terms, frequencies, documents, averages) for r in rows}
    ordered = sorted(rows, key=lambda r: (scores[r[0]], r[1], r[0]), reverse=True)
    return [int(r[0]) for r in ordered]


def date_tags(date: dt.date) -> list[str]:
    """An item's date as the tags both indexes keep: its year, month and day (y2023 m202309
    d20230922)."""
    return [f"y{date:%Y}", f"m{date:%Y%m}", f"d{date:%Y%m%d}"]
