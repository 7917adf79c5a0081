"""The character trigram language model of Chinese that proofreading scores candidates with.

Built by scripts/build_proof_model.py from cited public-domain government prose (see the
model's `sources`) with interpolated modified Kneser–Ney smoothing (kuaibao.core.proof.lmbuild),
shipped as one compressed file beside this module, and loaded once per process. All scoring
is vectorised: log p(c | a b) for arrays of token ids.

An office's archive adapts the model (`Adapted`): its own n-gram counts, kept with the
archive and updated as issues are imported, are mixed into each probability, so a local name
printed in many issues (胙城乡, 东屯镇) stops looking like a slip.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof import lmbuild, unpacked
from kuaibao.core.proof.lmbuild import MASK, SHIFT, KeyIndex, Keys, Tables
from kuaibao.core.proof.tokens import BOUNDARY, IdArray, Vocabulary

MODEL_PATH = Path(__file__).with_name("data") / "model.npz"
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
TABLES = (
    "unigram_logp",
    "unigram_bow",
    "bigram_keys",
    "bigram_logp",
    "bigram_bow",
    "trigram_keys",
    "trigram_logp",
)


@dataclass(slots=True)
class CharLM:
    """Backoff tables of a character trigram model with its vocabulary."""

    vocabulary: Vocabulary
    tables: Tables
    meta: dict[str, Any] = field(default_factory=dict)
    _bigrams: KeyIndex | None = None
    _trigrams: KeyIndex | None = None
    _seen: npt.NDArray[np.uint8] | None = None
    # Other arrays shipped in the same file (the candidate table, the lexicon).
    extras: dict[str, npt.NDArray[Any]] = field(default_factory=dict)

    def _indexes(self) -> tuple[KeyIndex, KeyIndex]:
        if self._bigrams is None or self._trigrams is None:
            self._bigrams = KeyIndex(self.tables.bigram_keys)
            self._trigrams = KeyIndex(self.tables.trigram_keys)
        return self._bigrams, self._trigrams

    def logprob(self, a: IdArray, b: IdArray, c: IdArray) -> Floats:
        """Natural log p(c | a b) for arrays of token ids (of one shape)."""
        t = self.tables
        bigrams, trigrams = self._indexes()
        a64, b64, c64 = a.astype(np.uint64), b.astype(np.uint64), c.astype(np.uint64)
        row2 = bigrams.find(b64 << SHIFT | c64)
        out = np.where(row2 >= 0, t.bigram_logp[row2], t.unigram_bow[b] + t.unigram_logp[c])
        ab = a64 << SHIFT | b64
        row_ab = bigrams.find(ab)
        out += np.where(row_ab >= 0, t.bigram_bow[row_ab], 0.0)
        row3 = trigrams.find(ab << SHIFT | c64)
        found = row3 >= 0
        out[found] = t.trigram_logp[row3[found]]
        return out

    def bigram_logprob(self, b: IdArray, c: IdArray) -> Floats:
        """Natural log p(c | b) of the bigram model inside the trigram one."""
        t = self.tables
        bigrams, _ = self._indexes()
        row = bigrams.find(b.astype(np.uint64) << SHIFT | c.astype(np.uint64))
        return np.where(row >= 0, t.bigram_logp[row], t.unigram_bow[b] + t.unigram_logp[c])

    def bigram_rows(self, b: IdArray, c: IdArray) -> Ints:
        """The row of each bigram (b, c) in the tables, or -1."""
        return self._indexes()[0].find(b.astype(np.uint64) << SHIFT | c.astype(np.uint64))

    def seen(self, b: IdArray, c: IdArray) -> npt.NDArray[np.bool_]:
        """Whether each bigram (b, c) was seen in the model's text (a bit test, no search)."""
        if self._seen is None:
            size = len(self.vocabulary)
            keys = self.tables.bigram_keys
            flat = (keys >> SHIFT).astype(np.int64) * size + (keys & MASK).astype(np.int64)
            bits = np.zeros(size * size, dtype=bool)
            bits[flat] = True
            self._seen = np.packbits(bits, bitorder="little")
        size = len(self.vocabulary)
        # int32 arithmetic is faster and holds any index of a vocabulary under 46,341.
        index: npt.NDArray[np.signedinteger[Any]] = (
            b.astype(np.int32) * np.int32(size) + c if size * size < 2**31 else b.astype(np.int64) * size + c
        )
        found: npt.NDArray[np.bool_] = (self._seen[index >> 3] >> (index & 7).astype(np.uint8)) & 1 != 0
        return found

    def window(
        self,
        a: IdArray,
        b: IdArray,
        c: IdArray,
        r1: IdArray,
        r2: IdArray,
        ab: Ints | None = None,
        rr: Ints | None = None,
    ) -> Floats:
        """log p(c | a b) + log p(r1 | b c) + log p(r2 | c r1) (the last only when r1 is no
        sentence bound): every term token c takes part in, with the lookups they share made once.
        `ab` and `rr` are the rows of the bigrams (a, b) and (r1, r2) when known already."""
        t = self.tables
        bigrams, trigrams = self._indexes()
        a64, b64, c64, r164, r264 = (v.astype(np.uint64) for v in (a, b, c, r1, r2))
        ab = bigrams.find(a64 << SHIFT | b64) if ab is None else ab
        rr = bigrams.find(r164 << SHIFT | r264) if rr is None else rr
        bc, cr = bigrams.find(b64 << SHIFT | c64), bigrams.find(c64 << SHIFT | r164)
        # log p(c | a b)
        first = np.where(bc >= 0, t.bigram_logp[bc], t.unigram_bow[b] + t.unigram_logp[c])
        first += np.where(ab >= 0, t.bigram_bow[ab], 0.0)
        _trigram(trigrams, t.trigram_logp, first, (ab >= 0) & (bc >= 0), (a64 << SHIFT | b64) << SHIFT | c64)
        # log p(r1 | b c)
        second = np.where(cr >= 0, t.bigram_logp[cr], t.unigram_bow[c] + t.unigram_logp[r1])
        second += np.where(bc >= 0, t.bigram_bow[bc], 0.0)
        _trigram(trigrams, t.trigram_logp, second, (bc >= 0) & (cr >= 0), (b64 << SHIFT | c64) << SHIFT | r164)
        # log p(r2 | c r1)
        third = np.where(rr >= 0, t.bigram_logp[rr], t.unigram_bow[r1] + t.unigram_logp[r2])
        third += np.where(cr >= 0, t.bigram_bow[cr], 0.0)
        _trigram(trigrams, t.trigram_logp, third, (cr >= 0) & (rr >= 0), (c64 << SHIFT | r164) << SHIFT | r264)
        return first + second + np.where(r1 != BOUNDARY, third, 0.0)

    def change_gain(self, text: str, start: int, end: int, replacement: str, context: int = 4) -> float:
        """log p(text with text[start:end] replaced) − log p(text as written), over the
        replaced part and `context` characters either side (nats; what the change is worth)."""
        left = text[max(0, start - context) : start]
        right = text[end : end + context]
        return self._span_score(left, replacement, right) - self._span_score(left, text[start:end], right)

    def _span_score(self, left: str, middle: str, right: str) -> float:
        """log p(middle + right | left), lines as sentences (the text's own bounds count)."""
        ids, offsets = self.vocabulary.encode(left + middle + right)
        first = int(np.searchsorted(offsets, len(left))) if left else 1
        padded = np.concatenate([[BOUNDARY], ids]).astype(np.int32)
        terms = self.logprob(padded[:-2], padded[1:-1], padded[2:])
        # Terms for tokens from the first of `middle` on (index i of ids is term i - 1).
        return float(terms[max(first - 1, 0) :].sum())

    def sentence_terms(self, ids: IdArray) -> Floats:
        """log p(token_i | the two before it) for i ≥ 2 (index i − 2 in the result)."""
        return self.logprob(ids[:-2], ids[1:-1], ids[2:])

    def unigram(self, ids: IdArray) -> Floats:
        return self.tables.unigram_logp[ids]

    # --- storage -----------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """One compressed file: sorted keys as differences, log probabilities as float16."""
        t = self.tables
        arrays = {
            "vocabulary": np.frombuffer("".join(self.vocabulary.chars).encode("utf-32-le"), dtype=np.uint32),
            "unigram_logp": t.unigram_logp.astype(np.float32),
            "unigram_bow": t.unigram_bow.astype(np.float32),
            "bigram_keys": _deltas(t.bigram_keys),
            "bigram_logp": t.bigram_logp.astype(np.float16),
            "bigram_bow": t.bigram_bow.astype(np.float16),
            "trigram_keys": _deltas(t.trigram_keys),
            "trigram_logp": t.trigram_logp.astype(np.float16),
            "bigram_slots": self._indexes()[0].slots().astype(np.int32),
            "trigram_slots": self._indexes()[1].slots().astype(np.int32),
            "meta": np.frombuffer(json.dumps(self.meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            **{f"extra_{name}": array for name, array in self.extras.items()},
        }
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
        path.write_bytes(buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> CharLM:
        """The model of a file written by `save`: from its unpacked copy in the cache when
        there is one (kuaibao.core.proof.unpacked), else unpacked now and the copy written."""
        target = unpacked.cache_path(path, "model", (Path(__file__), Path(lmbuild.__file__)))
        found = unpacked.read_arrays(target) if target is not None else None
        if found is not None:
            try:
                return cls._from_unpacked(*found)
            except (KeyError, ValueError):
                pass
        model = cls._load_packed(path)
        if target is not None:
            unpacked.write_arrays(target, model._unpacked(), {"meta": model.meta})
        return model

    def _unpacked(self) -> dict[str, npt.NDArray[Any]]:
        """The finished arrays, indexes and bigram bits included (what `_from_unpacked` reads)."""
        t = self.tables
        bigrams, trigrams = self._indexes()
        self.seen(np.zeros(1, dtype=np.int32), np.zeros(1, dtype=np.int32))  # builds the bits
        if self._seen is None:
            raise ValueError("the bigram bits were not built")
        return {
            "vocabulary": np.frombuffer("".join(self.vocabulary.chars).encode("utf-32-le"), dtype=np.uint32),
            **{name: getattr(t, name) for name in TABLES},
            "bigram_index_keys": bigrams.keys,
            "bigram_index_rows": bigrams.rows.astype(np.int32),
            "trigram_index_keys": trigrams.keys,
            "trigram_index_rows": trigrams.rows.astype(np.int32),
            "seen": self._seen,
            **{f"extra_{name}": array for name, array in self.extras.items()},
        }

    @classmethod
    def _from_unpacked(cls, arrays: Mapping[str, npt.NDArray[Any]], meta: Mapping[str, Any]) -> CharLM:
        chars = arrays["vocabulary"].tobytes().decode("utf-32-le")
        tables = Tables(**{name: arrays[name] for name in TABLES})
        bigrams = KeyIndex.from_table(arrays["bigram_index_keys"], arrays["bigram_index_rows"])
        trigrams = KeyIndex.from_table(arrays["trigram_index_keys"], arrays["trigram_index_rows"])
        extras = {name[6:]: array for name, array in arrays.items() if name.startswith("extra_")}
        return cls(Vocabulary(list(chars)), tables, dict(meta["meta"]), bigrams, trigrams, arrays["seen"], extras)

    @classmethod
    def _load_packed(cls, path: Path) -> CharLM:
        with np.load(path, allow_pickle=False) as data:
            chars = data["vocabulary"].astype(np.uint32).tobytes().decode("utf-32-le")
            tables = Tables(
                unigram_logp=data["unigram_logp"].astype(np.float64),
                unigram_bow=data["unigram_bow"].astype(np.float64),
                bigram_keys=np.cumsum(data["bigram_keys"].astype(np.uint64), dtype=np.uint64),
                bigram_logp=data["bigram_logp"].astype(np.float32),
                bigram_bow=data["bigram_bow"].astype(np.float32),
                trigram_keys=np.cumsum(data["trigram_keys"].astype(np.uint64), dtype=np.uint64),
                trigram_logp=data["trigram_logp"].astype(np.float32),
            )
            meta = json.loads(data["meta"].tobytes().decode("utf-8"))
            extras = {name[6:]: data[name] for name in data.files if name.startswith("extra_")}
            saved = "bigram_slots" in data.files
            bigrams = KeyIndex(tables.bigram_keys, data["bigram_slots"].astype(np.int64) if saved else None)
            trigrams = KeyIndex(tables.trigram_keys, data["trigram_slots"].astype(np.int64) if saved else None)
        return cls(Vocabulary(list(chars)), tables, meta, bigrams, trigrams, None, extras)


def _trigram(index: KeyIndex, logp: npt.NDArray[np.floating[Any]], out: Floats, possible: Any, keys: Keys) -> None:
    """Overwrite `out` with the trigram's log probability where the trigram was kept (it can
    be only where both its bigrams were seen)."""
    where = np.flatnonzero(possible)
    rows = index.find(keys[where])
    found = rows >= 0
    out[where[found]] = logp[rows[found]]


def _deltas(keys: Keys) -> npt.NDArray[np.unsignedinteger[Any]]:
    """Sorted keys as their differences, in the narrowest unsigned type that holds them."""
    steps = np.diff(keys, prepend=np.uint64(0))
    for kind in (np.uint16, np.uint32):
        if steps.size == 0 or int(steps.max()) <= np.iinfo(kind).max:
            return steps.astype(kind)
    return steps


def _find(keys: Keys, values: npt.NDArray[np.floating[Any]], queries: Keys) -> tuple[Floats, npt.NDArray[np.bool_]]:
    if keys.size == 0:
        return np.zeros(queries.shape), np.zeros(queries.shape, dtype=bool)
    at = np.searchsorted(keys, queries)
    np.minimum(at, keys.size - 1, out=at)
    found = keys[at] == queries
    return values[at].astype(np.float64), found


_lock = threading.Lock()
_shared: CharLM | None = None


def shared_model() -> CharLM | None:
    """The shipped model, loaded on first use (None when the data file is missing)."""
    global _shared
    path = MODEL_PATH
    if _shared is None and path.is_file():
        with _lock:
            if _shared is None:
                _shared = CharLM.load(path)
    return _shared


def split_key(key: int, order: int) -> tuple[int, ...]:
    """The token ids packed in a key (for explanations and tests)."""
    out = []
    for _ in range(order):
        out.append(int(np.uint64(key) & MASK))
        key = int(np.uint64(key) >> SHIFT)
    return tuple(reversed(out))


def counts_as_mapping(keys: Keys, counts: npt.NDArray[np.int64]) -> Mapping[int, int]:
    return dict(zip(keys.tolist(), counts.tolist(), strict=True))
