"""Estimating the character trigram model: counts, interpolated modified Kneser–Ney
smoothing (Chen & Goodman 1998), pruning, and the backoff tables the scorer reads.

Everything is array arithmetic on packed n-gram keys (16 bits a token), so a model of some
twenty million characters builds in a minute (scripts/build_proof_model.py).

The model keeps, as ARPA files do:
- for every token w: log p(w) and the backoff weight of w as a history;
- for every bigram seen: log p(c | b) and the backoff weight of (b, c) as a history;
- for every trigram seen at least `min_trigram` times: log p(c | a b).
A trigram that was pruned, or never seen, backs off: log p(c | a b) = bow(a b) + log p(c | b).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof.tokens import BOUNDARY

Keys = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
SHIFT = np.uint64(16)
MASK = np.uint64(0xFFFF)


@dataclass(slots=True)
class Counts:
    """Raw n-gram counts of token sequences, as sorted packed keys and their counts."""

    unigrams: Ints  # by token id
    bigram_keys: Keys
    bigram_counts: Ints
    trigram_keys: Keys
    trigram_counts: Ints

    @classmethod
    def empty(cls, size: int) -> Counts:
        none = np.zeros(0, dtype=np.uint64)
        return cls(np.zeros(size, dtype=np.int64), none, np.zeros(0, np.int64), none, np.zeros(0, np.int64))

    def add(self, other: Counts, weight: int = 1) -> Counts:
        """These counts plus `weight` times the other's (same vocabulary)."""
        size = max(self.unigrams.size, other.unigrams.size)
        unigrams = np.zeros(size, dtype=np.int64)
        unigrams[: self.unigrams.size] += self.unigrams
        unigrams[: other.unigrams.size] += weight * other.unigrams
        bk, bc = _merge(self.bigram_keys, self.bigram_counts, other.bigram_keys, weight * other.bigram_counts)
        tk, tc = _merge(self.trigram_keys, self.trigram_counts, other.trigram_keys, weight * other.trigram_counts)
        return Counts(unigrams, bk, bc, tk, tc)


def _merge(k1: Keys, c1: Ints, k2: Keys, c2: Ints) -> tuple[Keys, Ints]:
    keys = np.concatenate([k1, k2])
    counts = np.concatenate([c1, c2])
    unique, inverse = np.unique(keys, return_inverse=True)
    summed = np.zeros(unique.size, dtype=np.int64)
    np.add.at(summed, inverse, counts)
    keep = summed > 0
    return unique[keep], summed[keep]


def count(ids: npt.NDArray[np.int32], size: int, weights: Ints | None = None) -> Counts:
    """N-gram counts of a token sequence framed by BOUNDARY tokens between sentences.

    A bigram or trigram never has a boundary inside it (only at its start or end), so the
    counts describe sentences, not the order of the lines they came from. With `weights` (one
    per token, 0 on boundaries) an n-gram counts as often as its sentence's weight."""
    tokens = ids.astype(np.uint64)
    first, second = tokens[:-1], tokens[1:]
    bigram_ok = ~((first == BOUNDARY) & (second == BOUNDARY))
    bigrams = (first << SHIFT | second)[bigram_ok]
    a, b, c = tokens[:-2], tokens[1:-1], tokens[2:]
    trigram_ok = b != BOUNDARY
    trigrams = ((a << SHIFT | b) << SHIFT | c)[trigram_ok]
    real = ids != BOUNDARY
    if weights is None:
        unigrams = np.bincount(ids[real], minlength=size).astype(np.int64)
        bk, bc = np.unique(bigrams, return_counts=True)
        tk, tc = np.unique(trigrams, return_counts=True)
        return Counts(unigrams, bk, bc.astype(np.int64), tk, tc.astype(np.int64))
    unigrams = np.bincount(ids[real], weights=weights[real], minlength=size).astype(np.int64)
    bigram_weights = np.maximum(weights[:-1], weights[1:])[bigram_ok]
    trigram_weights = np.maximum(np.maximum(weights[:-2], weights[1:-1]), weights[2:])[trigram_ok]
    bk, bc = _weighted_unique(bigrams, bigram_weights)
    tk, tc = _weighted_unique(trigrams, trigram_weights)
    return Counts(unigrams, bk, bc, tk, tc)


def _weighted_unique(keys: Keys, weights: Ints) -> tuple[Keys, Ints]:
    unique, inverse = np.unique(keys, return_inverse=True)
    return unique, np.bincount(inverse, weights=weights, minlength=unique.size).astype(np.int64)


@dataclass(slots=True)
class Tables:
    """The backoff tables (natural logarithms)."""

    unigram_logp: Floats
    unigram_bow: Floats
    bigram_keys: Keys
    bigram_logp: Floats
    bigram_bow: Floats
    trigram_keys: Keys
    trigram_logp: Floats


def discounts(counts: Ints) -> tuple[float, float, float]:
    """Modified Kneser–Ney discounts D1, D2, D3+ from the counts-of-counts."""
    n1, n2, n3, n4 = (max(int(np.count_nonzero(counts == k)), 1) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    d1 = 1 - 2 * y * n2 / n1
    d2 = 2 - 3 * y * n3 / n2
    d3 = 3 - 4 * y * n4 / n3
    return max(d1, 0.05), max(d2, 0.05), max(d3, 0.05)


def _discounted(counts: Ints, d: tuple[float, float, float]) -> Floats:
    table = np.array([0.0, d[0], d[1], d[2]])
    out: Floats = np.maximum(counts - table[np.minimum(counts, 3)], 0.0)
    return out


def _groups(history: Keys) -> tuple[Keys, Ints, Ints]:
    """Unique histories of sorted keys, the start of each one's run and its length."""
    starts = np.flatnonzero(np.concatenate([[True], history[1:] != history[:-1]]))
    lengths = np.diff(np.concatenate([starts, [history.size]]))
    return history[starts], starts, lengths


def _gamma(counts: Ints, starts: Ints, d: tuple[float, float, float]) -> tuple[Floats, Floats]:
    """Per history: total count and the interpolation weight γ of the lower order."""
    totals = np.add.reduceat(counts, starts).astype(np.float64)
    n1 = np.add.reduceat((counts == 1).astype(np.int64), starts)
    n2 = np.add.reduceat((counts == 2).astype(np.int64), starts)
    n3 = np.add.reduceat((counts >= 3).astype(np.int64), starts)
    gamma = (d[0] * n1 + d[1] * n2 + d[2] * n3) / totals
    return totals, gamma


def _lookup(keys: Keys, values: Floats, queries: Keys, default: float) -> Floats:
    at = np.searchsorted(keys, queries)
    at = np.minimum(at, max(keys.size - 1, 0))
    found = keys[at] == queries if keys.size else np.zeros(queries.size, dtype=bool)
    out = np.full(queries.size, default, dtype=np.float64)
    out[found] = values[at[found]]
    return out


def estimate(counts: Counts, size: int, min_trigram: int = 2) -> Tables:
    """Interpolated modified Kneser–Ney probabilities in backoff form."""
    tk, tc = counts.trigram_keys, counts.trigram_counts
    bk, bc = counts.bigram_keys, counts.bigram_counts
    # Continuation counts: bigram (b, c) by how many distinct a precede it; a bigram opening a
    # sentence has no left context and keeps its raw count (as KenLM does).
    bc_cont = np.bincount(np.searchsorted(bk, tk & ((MASK << SHIFT) | MASK)), minlength=bk.size)
    bc_cont = bc_cont.astype(np.int64)
    opening = (bk >> SHIFT) == BOUNDARY
    bc_cont[opening] = bc[opening]
    has_left = bc_cont > 0
    bc_cont = np.where(has_left, bc_cont, bc)
    # Unigram continuation counts: distinct left neighbours.
    uni_cont = np.bincount((bk & MASK).astype(np.int64), minlength=size).astype(np.float64)
    # Order 1, interpolated with the uniform distribution.
    d1 = discounts(uni_cont[uni_cont > 0].astype(np.int64))
    disc1 = _discounted(uni_cont.astype(np.int64), d1)
    total1 = float(uni_cont.sum())
    n_types = int(np.count_nonzero(uni_cont))
    gamma1 = (total1 - disc1.sum()) / total1 if total1 else 1.0
    # A token never seen after anything (in the vocabulary from other sources) gets half the
    # share of the rarest seen one.
    p1 = disc1 / total1 + gamma1 / max(n_types, 1) * np.where(uni_cont > 0, 1.0, 0.5)
    p1 = p1 / p1.sum()
    # Order 2.
    d2 = discounts(bc_cont)
    hist2, starts2, lengths2 = _groups(bk >> SHIFT)
    totals2, gamma2 = _gamma(bc_cont, starts2, d2)
    gamma2_each = np.repeat(gamma2, lengths2)
    totals2_each = np.repeat(totals2, lengths2)
    lower2 = p1[(bk & MASK).astype(np.int64)]
    p2 = _discounted(bc_cont, d2) / totals2_each + gamma2_each * lower2
    uni_bow = np.zeros(size, dtype=np.float64)
    uni_bow[hist2.astype(np.int64)] = np.log(gamma2)
    # Order 3 over all trigrams, then pruned.
    d3 = discounts(tc)
    hist3, starts3, lengths3 = _groups(tk >> SHIFT)
    totals3, gamma3 = _gamma(tc, starts3, d3)
    lower3 = _lookup(bk, p2, tk & ((MASK << SHIFT) | MASK), 0.0)
    missing = lower3 == 0.0
    if missing.any():  # cannot happen with consistent counts; keep the model defined anyway
        lower3[missing] = p1[(tk[missing] & MASK).astype(np.int64)]
    p3 = _discounted(tc, d3) / np.repeat(totals3, lengths3) + np.repeat(gamma3, lengths3) * lower3
    kept = tc >= min_trigram
    # Backoff weight of each bigram history after pruning:
    # (1 − Σ kept p3) / (1 − Σ kept p2(c | b)).
    group_of = np.repeat(np.arange(hist3.size), lengths3)
    kept_p3 = np.bincount(group_of[kept], weights=p3[kept], minlength=hist3.size)
    kept_p2 = np.bincount(group_of[kept], weights=lower3[kept], minlength=hist3.size)
    bow3 = np.log(np.maximum(1.0 - kept_p3, 1e-12) / np.maximum(1.0 - kept_p2, 1e-12))
    bigram_bow = np.zeros(bk.size, dtype=np.float64)
    at = np.searchsorted(bk, hist3)
    bigram_bow[at] = bow3
    return Tables(
        unigram_logp=np.log(p1),
        unigram_bow=uni_bow,
        bigram_keys=bk,
        bigram_logp=np.log(p2),
        bigram_bow=bigram_bow,
        trigram_keys=tk[kept],
        trigram_logp=np.log(p3[kept]),
    )


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)


class KeyIndex:
    """An open-addressing hash table from packed keys to their row, queried by whole arrays.

    Binary search over a million keys costs some twenty cache misses a query; a table at most
    half full costs one or two, which is what keeps candidate scoring fast."""

    def __init__(self, keys: Keys, slots: Ints | None = None) -> None:
        """Index sorted `keys`; `slots` (from a saved index of the same keys) skips the work."""
        bits = max(4, int(np.ceil(np.log2(max(keys.size, 1) * 2 + 1))))
        self._shift = np.uint64(64 - bits)
        self._mask = np.int64((1 << bits) - 1)
        self.keys = np.full(1 << bits, EMPTY, dtype=np.uint64)
        self.rows = np.full(1 << bits, -1, dtype=np.int64)
        if slots is not None:
            self.keys[slots] = keys
            self.rows[slots] = np.arange(keys.size)
            return
        pending = np.arange(keys.size, dtype=np.int64)
        slots = self._slot(keys)
        while pending.size:
            wanted = slots[pending]
            free = self.keys[wanted] == EMPTY
            movers = pending[free]
            chosen, first = np.unique(wanted[free], return_index=True)
            winners = movers[first]
            self.keys[chosen] = keys[winners]
            self.rows[chosen] = winners
            placed = np.zeros(keys.size, dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slots[pending] = (slots[pending] + 1) & self._mask

    @classmethod
    def from_table(cls, keys: Keys, rows: npt.NDArray[np.signedinteger[Any]]) -> KeyIndex:
        """An index from its finished table (`keys` and `rows` as built, any integer type)."""
        index = cls.__new__(cls)
        bits = int(keys.size).bit_length() - 1
        if keys.size != 1 << bits or rows.shape != keys.shape:
            raise ValueError("not a hash table")
        index._shift = np.uint64(64 - bits)
        index._mask = np.int64((1 << bits) - 1)
        index.keys = keys
        index.rows = rows
        return index

    def slots(self) -> Ints:
        """Where each key sits, by row: what a saved index needs to be rebuilt at once."""
        out = np.empty(int((self.rows >= 0).sum()), dtype=np.int64)
        used = np.flatnonzero(self.rows >= 0)
        out[self.rows[used]] = used
        return out

    def _slot(self, keys: Keys) -> Ints:
        with np.errstate(over="ignore"):
            return ((keys * _GOLDEN) >> self._shift).astype(np.int64)

    def find(self, queries: Keys) -> Ints:
        """The row of each query, or -1."""
        out = np.full(queries.shape, -1, dtype=np.int64)
        flat_out = out.reshape(-1)
        flat = queries.reshape(-1)
        slots = self._slot(flat)
        active = np.arange(flat.size, dtype=np.int64)
        while active.size:
            seen = self.keys[slots]
            hit = seen == flat[active]
            flat_out[active[hit]] = self.rows[slots[hit]]
            going = ~(hit | (seen == EMPTY))
            active = active[going]
            slots = (slots[going] + 1) & self._mask
        return out
