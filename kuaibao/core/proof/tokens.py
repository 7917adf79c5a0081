"""How the language model sees text: one token a character, with digits, Latin letters and
unknown characters folded into classes, whitespace dropped and line breaks as sentence bounds.

The same mapping serves building the model from prose, counting an office's archive and
scoring a text under proofreading, so the three always agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

BOUNDARY = 0  # the start or end of a line (sentence)
UNKNOWN = 1  # a character the vocabulary lacks
DIGIT = 2  # 0-9 in any width
LATIN = 3  # a-z, A-Z in any width
RESERVED = 4
_SKIP = -1  # whitespace and format characters: no token

IdArray = npt.NDArray[np.int32]


def is_han(char: str) -> bool:
    """A Chinese character (CJK Unified Ideographs and Extension A, compatibility ideographs)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def fold(char: str) -> str | None:
    """The token form of a character: itself, "0" for a digit, "A" for a Latin letter, or None
    for whitespace and format characters (which the model skips)."""
    if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
        return None
    if "0" <= char <= "9" or "０" <= char <= "９":
        return "0"
    if ("a" <= char <= "z") or ("A" <= char <= "Z") or ("ａ" <= char <= "ｚ") or ("Ａ" <= char <= "Ｚ"):
        return "A"
    return char


class Vocabulary:
    """Characters and their ids; ids below RESERVED are the classes above."""

    def __init__(self, chars: list[str]) -> None:
        self.chars = chars
        self.ids: dict[str, int] = {char: RESERVED + i for i, char in enumerate(chars)}
        self.ids["0"] = DIGIT
        self.ids["A"] = LATIN
        self._known: dict[int, int] = {}

    def __len__(self) -> int:
        return RESERVED + len(self.chars)

    def id(self, char: str) -> int:
        return self.ids.get(char, UNKNOWN)

    def char(self, token: int) -> str:
        return self.chars[token - RESERVED] if token >= RESERVED else ""

    def encode(self, text: str) -> tuple[IdArray, npt.NDArray[np.int64]]:
        """Token ids of a text and, for each, its offset in the text. Lines are sentences:
        the ids start and end with BOUNDARY, one between lines (offset -1)."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        unique, inverse = np.unique(codes, return_inverse=True)
        ids = self._tokens(unique)[inverse]
        offsets = np.arange(codes.size, dtype=np.int64)
        keep = ids != _SKIP
        ids, offsets = ids[keep], offsets[keep]
        # Collapse runs of boundaries (blank lines) into one and frame the text with them.
        if ids.size:
            bound = ids == BOUNDARY
            repeated = np.zeros(ids.size, dtype=bool)
            repeated[1:] = bound[1:] & bound[:-1]
            ids, offsets = ids[~repeated], offsets[~repeated]
            offsets[ids == BOUNDARY] = -1
        head = 0 if ids.size and ids[0] == BOUNDARY else 1
        tail = 0 if ids.size and ids[-1] == BOUNDARY else 1
        framed = np.full(ids.size + head + tail, BOUNDARY, dtype=np.int32)
        framed[head : head + ids.size] = ids
        places = np.full(framed.size, -1, dtype=np.int64)
        places[head : head + ids.size] = offsets
        return framed, places

    def _tokens(self, codes: npt.NDArray[np.uint32]) -> IdArray:
        """Token ids of distinct code points (_SKIP: not a token), remembered."""
        cache = self._known
        out = np.empty(codes.size, dtype=np.int32)
        for i, code in enumerate(codes.tolist()):
            token = cache.get(code)
            if token is None:
                char = chr(code)
                if char == "\n":
                    token = BOUNDARY
                else:
                    folded = fold(char)
                    token = _SKIP if folded is None else self.ids.get(folded, UNKNOWN)
                cache[code] = token
            out[i] = token
        return out


def vocabulary_from_counts(counts: Mapping[str, int], minimum: int = 1) -> Vocabulary:
    """A vocabulary of the characters counted at least `minimum` times, commonest first."""
    chars = [c for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= minimum and c not in "0A"]
    return Vocabulary(chars)
