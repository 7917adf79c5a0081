"""Adapting the language model to an office's own archive.

The archive's character n-gram counts (one to three characters, as the model sees them:
digits and Latin letters folded, whitespace dropped, lines as sentences) are kept with the
archive, one record per imported revision, and summed when proofreading starts (`ArchiveCounts`).
They are mixed into the shipped model's probabilities with a Dirichlet prior, each count
discounted by one,

    p(c | a b) = (n'(a b c) + MU · p_model(c | a b)) / (n'(a b) + MU),   n' = max(n − 1, 0),

so a phrase printed in several issues (胙城乡, 评标室, 禁毒、拒毒) counts as the office's usage,
while a slip printed once (it happens) does not become the norm. Keys are code points, not model ids, so the
stored counts survive a new model.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof.charlm import CharLM
from kuaibao.core.proof.tokens import fold

MU = 20.0  # prior weight of the shipped model, in occurrences
CODE_BITS = np.uint64(21)
Keys = npt.NDArray[np.uint64]
Counts = npt.NDArray[np.int64]
_BOUND = 0  # a sentence bound in keys (no character has code point 0 in prose)


def _codes(text: str) -> npt.NDArray[np.uint64]:
    """Folded code points of the text, 0 between lines, framed by bounds."""
    out = [_BOUND]
    for char in text:
        if char == "\n":
            if out[-1] != _BOUND:
                out.append(_BOUND)
            continue
        folded = fold(char)
        if folded is not None:
            out.append(ord(folded))
    if out[-1] != _BOUND:
        out.append(_BOUND)
    return np.array(out, dtype=np.uint64)


def keys_of(grams: list[str]) -> Keys:
    """Keys of short strings (one to three characters, "" standing for a sentence bound)."""
    out = np.zeros(len(grams), dtype=np.uint64)
    for i, gram in enumerate(grams):
        key = np.uint64(len(gram))
        for char in gram:
            key = key << CODE_BITS | np.uint64(ord(char))
        out[i] = key
    return out


@dataclass(slots=True)
class ArchiveCounts:
    """N-gram counts of archive text as sorted keys (length, then 21 bits a code point)."""

    keys: Keys
    counts: Counts

    @classmethod
    def empty(cls) -> ArchiveCounts:
        return cls(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))

    @classmethod
    def of_text(cls, text: str) -> ArchiveCounts:
        codes = _codes(text)
        parts = []
        real = codes != _BOUND
        parts.append((np.uint64(1) << CODE_BITS | codes)[real])
        a, b = codes[:-1], codes[1:]
        pair_ok = ~((a == _BOUND) & (b == _BOUND))
        parts.append(((np.uint64(2) << CODE_BITS | a) << CODE_BITS | b)[pair_ok])
        x, y, z = codes[:-2], codes[1:-1], codes[2:]
        parts.append((((np.uint64(3) << CODE_BITS | x) << CODE_BITS | y) << CODE_BITS | z)[y != _BOUND])
        keys, counts = np.unique(np.concatenate(parts), return_counts=True)
        return cls(keys, counts.astype(np.int64))

    def __add__(self, other: ArchiveCounts) -> ArchiveCounts:
        return ArchiveCounts.merge([self, other])

    @staticmethod
    def merge(parts: list[ArchiveCounts]) -> ArchiveCounts:
        if not parts:
            return ArchiveCounts.empty()
        keys = np.concatenate([p.keys for p in parts])
        counts = np.concatenate([p.counts for p in parts])
        unique, inverse = np.unique(keys, return_inverse=True)
        return ArchiveCounts(unique, np.bincount(inverse, weights=counts, minlength=unique.size).astype(np.int64))

    def __len__(self) -> int:
        return int(self.keys.size)

    def get(self, grams: list[str]) -> Counts:
        queries = keys_of(grams)
        if self.keys.size == 0:
            return np.zeros(len(grams), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, queries), self.keys.size - 1)
        return np.where(self.keys[at] == queries, self.counts[at], 0)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        steps = np.diff(self.keys, prepend=np.uint64(0))
        np.savez_compressed(buffer, keys=steps, counts=self.counts.astype(np.int32))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> ArchiveCounts:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            keys = np.cumsum(arrays["keys"].astype(np.uint64), dtype=np.uint64)
            return cls(keys, arrays["counts"].astype(np.int64))


def _folded(text: str) -> str:
    return "".join(f for f in (fold(c) for c in text) if f is not None)


def adapted_gain(model: CharLM, counts: ArchiveCounts, text: str, offset: int, candidate: str) -> float:
    """The change's gain (as CharLM.window scores it) with the archive's counts mixed in:
    log p(with candidate) − log p(as written) over the three trigrams the place takes part in."""
    left = _folded(text[max(0, offset - 6) : offset])[-2:]
    right = _folded(text[offset + 1 : offset + 7])[:2]
    line_start = "\n" in text[max(0, offset - 2) : offset]
    if line_start:
        left = ""
    return _score(model, counts, left, _folded(candidate) or candidate, right) - _score(
        model, counts, left, _folded(text[offset]) or text[offset], right
    )


def _score(model: CharLM, counts: ArchiveCounts, left: str, middle: str, right: str) -> float:
    sequence = left + middle + right
    vocabulary = model.vocabulary
    ids = np.array([vocabulary.id(c) for c in sequence], dtype=np.int32)
    base = len(left)
    total = 0.0
    for i in range(base, min(base + 3, len(sequence))):
        history = sequence[max(0, i - 2) : i]
        a = ids[i - 2] if i >= 2 else 0
        b = ids[i - 1] if i >= 1 else 0
        p_model = float(np.exp(model.logprob(np.array([a], np.int32), np.array([b], np.int32), ids[i : i + 1])[0]))
        gram = history + sequence[i]
        n_gram, n_history = counts.get([gram, history]) if history else counts.get([gram, gram])
        if not history:
            n_history = 0
        n_gram, n_history = max(int(n_gram) - 1, 0), max(int(n_history) - 1, 0)
        total += float(np.log((n_gram + MU * p_model) / (n_history + MU)))
    return total
