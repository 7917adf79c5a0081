"""Items that say nearly the same thing: re-reported news, two units reporting one event.

Texts are compared as sets of character 4-grams after folding (NFKC, case, no whitespace or
punctuation): `resemblance` is the share of the shorter text's grams found in the other (a short
item copied into a longer one scores high). `passages` finds the runs both texts share, for
highlighting. `probes` picks a few distinctive phrases of a text, to find candidates with a
substring search before scoring them. Pure functions; the newsroom feeds them its archive.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

GRAM = 4
# Below this resemblance two items are unrelated; measured on the corpus (docs in the issue note).
THRESHOLD = 0.35
MIN_PASSAGE = 10  # characters of a shared run worth highlighting

_SKIP = re.compile(r"[\s\W_]+", re.UNICODE)
_CLAUSES = re.compile(r"[，。；：、！？,.;:!?（）()“”\"《》【】\s]+")


def fold(text: str) -> str:
    """The text as compared: NFKC, case-folded, without whitespace and punctuation."""
    return _SKIP.sub("", unicodedata.normalize("NFKC", text).casefold())


def grams(text: str) -> frozenset[str]:
    folded = fold(text)
    if len(folded) < GRAM:
        return frozenset((folded,)) if folded else frozenset()
    return frozenset(folded[i : i + GRAM] for i in range(len(folded) - GRAM + 1))


def resemblance(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller gram set found in the other (0 … 1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def probes(text: str, count: int = 6, width: int = 8) -> list[str]:
    """Up to `count` phrases of `width` characters from the text's longest clauses: what a
    re-report is likely to keep word for word (figures, names of projects, places)."""
    clauses = sorted({c for c in (fold(part) for part in _CLAUSES.split(text)) if len(c) >= width}, key=len)
    chosen = clauses[::-1][:count]
    out = []
    for clause in chosen:
        middle = (len(clause) - width) // 2
        out.append(clause[middle : middle + width])
    return out


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of text shared by both: its place in each (in the original, unfolded text)."""

    start: int
    end: int
    other_start: int
    other_end: int


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    chars, where = [], []
    for index, char in enumerate(text):
        folded = fold(char)
        for piece in folded:
            chars.append(piece)
            where.append(index)
    return "".join(chars), where


def passages(text: str, other: str, minimum: int = MIN_PASSAGE) -> list[Passage]:
    """The runs of at least `minimum` folded characters that both texts contain, in `text`'s order."""
    a, amap = _folded_with_map(text)
    b, bmap = _folded_with_map(other)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for block in matcher.get_matching_blocks():
        if block.size >= minimum:
            out.append(
                Passage(
                    amap[block.a],
                    amap[block.a + block.size - 1] + 1,
                    bmap[block.b],
                    bmap[block.b + block.size - 1] + 1,
                )
            )
    return out


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, shared?) for highlighting."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            start = position
        if start >= end:
            continue
        pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    pieces.append((text[position:], False))
    return [p for p in pieces if p[0]]
