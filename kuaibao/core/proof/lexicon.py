"""The lexicon: word costs for segmenting Chinese, from jieba's dictionary plus our own words.

Only jieba's dictionary file is read (jieba itself is never imported: its import pulls in
pkg_resources and builds a cache). It is loaded once, lazily, on first use; `warm_up` loads it
ahead of time. A document adds its own words (unit names, leaders) as a cheap overlay.

A segmentation minimises the summed cost −log P(word) over the text, as jieba does; a single
character that is not a function word pays an extra `ORPHAN_PENALTY`, since well-formed prose
rarely leaves one stranded between words.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof import unpacked
from kuaibao.core.proof import vocabulary as vocab

ORPHAN_PENALTY = 3.0
# A character the lexicon does not know costs as much as a word seen once, plus this.
UNKNOWN_PENALTY = 4.0
# Words longer than this are not looked up in the base dictionary while segmenting.
MAX_BASE_WORD = 8
# Segmentations and derived lexicons kept per lexicon: an editor re-checks the same text
# with the same unit names on every pause in typing.
CACHE_SIZE = 20_000
DERIVED_SIZE = 16


@dataclass(frozen=True, slots=True)
class _Base:
    costs: dict[str, float]
    tags: dict[str, str]
    log_total: float
    source: str


class Lexicon:
    """Word costs and segmentation; `with_words` gives a copy that knows some extra words."""

    def __init__(self, base: _Base, extra: Mapping[str, float] | None = None) -> None:
        self._base = base
        self._extra = dict(extra or {})
        self._max_len = max([MAX_BASE_WORD, *map(len, self._extra)])
        self._segments: dict[str, tuple[float, list[str]]] = {}
        self._derived: dict[frozenset[str], Lexicon] = {}

    @property
    def source(self) -> str:
        """Where the words came from: "jieba" or "builtin" (jieba's dictionary not installed)."""
        return self._base.source

    def with_words(self, words: Iterable[str]) -> Lexicon:
        """This lexicon and the given words (as common words); the same words give the same
        lexicon back, with its cache of segmentations."""
        key = frozenset(word for word in words if len(word) >= 2)
        found = self._derived.get(key)
        if found is None:
            if len(self._derived) >= DERIVED_SIZE:
                self._derived.clear()
            found = self._derived[key] = self._extended(key)
        return found

    def _extended(self, words: Iterable[str]) -> Lexicon:
        cost = self._base.log_total - math.log(vocab.GOV_WORD_FREQ)
        extra = dict(self._extra)
        for word in words:
            if len(word) >= 2 and word not in extra:
                extra[word] = min(cost, self.cost(word) or cost)
        return Lexicon(self._base, extra)

    def cost(self, word: str) -> float | None:
        """−log P(word), or None when the word is unknown (single characters always have a cost).

        A single character that is not a function word carries `ORPHAN_PENALTY` already."""
        found = self._extra.get(word)
        if found is None:
            found = self._base.costs.get(word)
        if found is None and len(word) == 1:
            return self._base.log_total + ORPHAN_PENALTY + UNKNOWN_PENALTY
        return found

    def is_word(self, word: str) -> bool:
        return len(word) >= 2 and (word in self._extra or word in self._base.costs)

    def tag(self, word: str) -> str:
        """jieba's part-of-speech tag of a dictionary word ("" when unknown or not kept)."""
        return self._base.tags.get(word, "")

    def segment(self, text: str) -> tuple[float, list[str]]:
        """The cheapest segmentation of a short text and its cost."""
        found = self._segments.get(text)
        if found is None:
            if len(self._segments) >= CACHE_SIZE:
                self._segments.clear()
            found = self._segments[text] = self._segment(text)
        return found[0], list(found[1])

    def _segment(self, text: str) -> tuple[float, list[str]]:
        size = len(text)
        best = [0.0] + [math.inf] * size
        back = [0] * (size + 1)
        for end in range(1, size + 1):
            for start in range(max(0, end - self._max_len), end):
                cost = self.cost(text[start:end])
                if cost is not None and best[start] + cost < best[end]:
                    best[end] = best[start] + cost
                    back[end] = start
        words: list[str] = []
        end = size
        while end > 0:
            words.append(text[back[end] : end])
            end = back[end]
        words.reverse()
        return best[size], words


_lock = threading.Lock()
_base: _Base | None = None


def base_lexicon() -> Lexicon:
    """The shared lexicon, loaded on first use (about 0.5 s and 40 MB with jieba's dictionary)."""
    global _base
    if _base is None:
        with _lock:
            if _base is None:
                _base = _load(jieba_dictionary())
    return Lexicon(_base)


def load_lexicon(dictionary: Path | None) -> Lexicon:
    """A lexicon from a jieba-format dictionary file (word freq tag a line), or from our own
    vocabulary alone when `dictionary` is None: for measuring what the dictionary brings."""
    return Lexicon(_load(dictionary))


def warm_up() -> None:
    """Load the lexicon now, so that the first proofreading call is as fast as the rest."""
    base_lexicon()


def jieba_dictionary() -> Path | None:
    """jieba's dict.txt where jieba is installed, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def dictionary_arrays(path: Path) -> dict[str, npt.NDArray[Any]]:
    """A jieba-format dictionary as arrays (words and tags joined by line breaks, frequencies):
    what the shipped model keeps so that start-up need not parse the text file."""
    words, freqs, tags = [], [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = _fields(line)
            if len(word) <= MAX_BASE_WORD:
                words.append(word)
                freqs.append(freq)
                tags.append(tag)
    return {
        "lexicon_words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        "lexicon_freqs": np.array(freqs, dtype=np.int64),
        "lexicon_tags": np.frombuffer("\n".join(tags).encode("utf-8"), dtype=np.uint8),
    }


def _read(path: Path | None) -> tuple[list[str], list[int], list[str]]:
    """Words, frequencies and tags: from the shipped model's copy of jieba's dictionary when
    it is the dictionary asked for, else from the file."""
    if path is not None and path == jieba_dictionary():
        from kuaibao.core.proof.charlm import shared_model

        model = shared_model()
        if model is not None and "lexicon_words" in model.extras:
            extras = model.extras
            words = extras["lexicon_words"].tobytes().decode("utf-8").split("\n")
            tags = extras["lexicon_tags"].tobytes().decode("utf-8").split("\n")
            return words, extras["lexicon_freqs"].tolist(), tags
    if path is None:
        return [], [], []
    data = dictionary_arrays(path)
    return (
        data["lexicon_words"].tobytes().decode("utf-8").split("\n"),
        data["lexicon_freqs"].tolist(),
        data["lexicon_tags"].tobytes().decode("utf-8").split("\n"),
    )


def _load(path: Path | None) -> _Base:
    """The lexicon of a dictionary; the shipped copy of jieba's is kept unpacked in the cache
    (kuaibao.core.proof.unpacked) after its first load."""
    if path is None or path != jieba_dictionary():
        return _build(path)
    from kuaibao.core.proof import charlm

    target = unpacked.cache_path(charlm.MODEL_PATH, "lexicon", (Path(__file__), Path(vocab.__file__)))
    found = unpacked.read_arrays(target) if target is not None else None
    if found is not None:
        arrays, meta = found
        try:
            words = arrays["words"].tobytes().decode("utf-8").split("\n")
            tag_words = arrays["tag_words"].tobytes().decode("utf-8").split("\n")
            tag_values = arrays["tag_values"].tobytes().decode("utf-8").split("\n")
            costs = dict(zip(words, arrays["costs"].tolist(), strict=True))
            tags = dict(zip(tag_words, tag_values, strict=True))
            return _Base(costs, tags, float(meta["log_total"]), str(meta["source"]))
        except (KeyError, ValueError, UnicodeDecodeError):
            pass
    base = _build(path)
    if target is not None and base.costs and base.tags:
        blob = {
            "words": "\n".join(base.costs),
            "tag_words": "\n".join(base.tags),
            "tag_values": "\n".join(base.tags.values()),
        }
        unpacked.write_arrays(
            target,
            {
                **{name: np.frombuffer(text.encode("utf-8"), dtype=np.uint8) for name, text in blob.items()},
                "costs": np.array(list(base.costs.values()), dtype=np.float64),
            },
            {"log_total": base.log_total, "source": base.source},
        )
    return base


def _build(path: Path | None) -> _Base:
    words, counts, tag_list = _read(path)
    freqs: dict[str, int] = dict(zip(words, counts, strict=True))
    tags: dict[str, str] = {word: tag for word, tag in zip(words, tag_list, strict=True) if len(word) <= 2}
    total = sum(counts) or 60_000_000
    for word in vocab.GOV_WORDS + vocab.REDUPLICATIONS:
        freqs[word] = max(freqs.get(word, 0), vocab.GOV_WORD_FREQ)
    for word in [w for w in tags if len(w) == 2 and w[0] == w[1]]:
        if word in freqs and not _kept_reduplication(word, freqs[word], tags.get(word, "")):
            del freqs[word]
    log_total = math.log(total)
    kept = [word for word, freq in freqs.items() if freq > 0]
    values = log_total - np.log(np.array([freqs[word] for word in kept], dtype=np.float64))
    costs = dict(zip(kept, values.tolist(), strict=True))
    for char in [word for word in kept if len(word) == 1]:
        if tags.get(char, "x") not in vocab.FUNCTION_TAGS:
            costs[char] += ORPHAN_PENALTY
    return _Base(costs, tags, log_total, "jieba" if path is not None else "builtin")


def _fields(line: str) -> tuple[str, int, str]:
    parts = line.split()
    word = parts[0]
    freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    tag = parts[2] if len(parts) > 2 else ""
    return word, freq, tag


def _kept_reduplication(word: str, freq: int, tag: str) -> bool:
    if word in vocab.REDUPLICATIONS:
        return True
    if word in vocab.NOT_REDUPLICATIONS:
        return False
    return tag in vocab.REDUPLICATION_TAGS and freq >= vocab.REDUPLICATION_MIN_FREQ
