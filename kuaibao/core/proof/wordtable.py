"""Words of two to four characters from the segmenter's lexicon, looked up by token ids in
whole arrays: the word evidence of the substitution detector (贷款 is a word, 代款 none).

For a character at a place, its *cover* is the log probability of the likeliest dictionary
word of two to four characters that contains it there (a floor when none does). A candidate
that raises the cover turns a non-word into a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof.lmbuild import KeyIndex, Keys
from kuaibao.core.proof.tokens import RESERVED, IdArray, Vocabulary

BITS = 14  # per token: vocabularies stay below 16,384 characters
MAX_WORD = 4
FLOOR = -22.0  # the cover of a place no word contains (below any word's log probability)
Floats = npt.NDArray[np.float64]


def pack(tokens: list[IdArray]) -> Keys:
    """The key of a word of len(tokens) tokens (each an array over places)."""
    key = np.full(tokens[0].shape, len(tokens), dtype=np.uint64)
    for token in tokens:
        key = key << np.uint64(BITS) | token.astype(np.uint64)
    return key


@dataclass(slots=True)
class WordTable:
    keys: Keys
    logp: npt.NDArray[np.float32]
    index: KeyIndex

    @classmethod
    def build(cls, words: Iterable[tuple[str, float]], vocabulary: Vocabulary) -> WordTable:
        """From (word, log probability) pairs; words with characters outside the vocabulary
        or of other lengths are left out."""
        found: dict[int, float] = {}
        for word, logp in words:
            if not 2 <= len(word) <= MAX_WORD:
                continue
            ids = [vocabulary.id(char) for char in word]
            if min(ids) < RESERVED or max(ids) >= 1 << BITS:
                continue
            key = int(pack([np.array([i], dtype=np.int32) for i in ids])[0])
            found[key] = max(found.get(key, FLOOR), logp)
        keys = np.array(sorted(found), dtype=np.uint64)
        logp_array = np.array([found[int(k)] for k in keys], dtype=np.float32)
        return cls(keys, logp_array, KeyIndex(keys))

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        steps = np.diff(self.keys, prepend=np.uint64(0))
        return {
            "word_keys": steps,
            "word_logp": self.logp.astype(np.float16),
            "word_slots": self.index.slots().astype(np.int32),
        }

    @classmethod
    def from_arrays(cls, data: dict[str, npt.NDArray[Any]]) -> WordTable:
        keys = np.cumsum(data["word_keys"].astype(np.uint64), dtype=np.uint64)
        return cls(keys, data["word_logp"].astype(np.float32), KeyIndex(keys, data["word_slots"].astype(np.int64)))

    def cover(self, padded: IdArray, at: npt.NDArray[np.int64], token: IdArray) -> Floats:
        """For each place `at` in the padded token array, with `token` put there: the log
        probability of the likeliest word of 2 to 4 characters containing it (FLOOR if none).
        The array must have MAX_WORD - 1 tokens of padding at each end."""
        best = np.full(at.shape, FLOOR)
        keys, owners = [], []
        for length in range(2, MAX_WORD + 1):
            for shift in range(length):
                parts = [token if i == shift else padded[at - shift + i] for i in range(length)]
                keys.append(pack(parts))
                owners.append(np.arange(at.size))
        rows = self.index.find(np.concatenate(keys))
        hit = rows >= 0
        np.maximum.at(best, np.concatenate(owners)[hit], self.logp[rows[hit]].astype(np.float64))
        return best
