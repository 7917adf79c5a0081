"""Substitution detection: characters that a confusable one would make much likelier.

For every Chinese character of the text, each candidate from its confusion set (same sound,
near sound, similar shape; kuaibao.core.proof.confusion) is put in its place and scored in
three stages, all but the last vectorised over the whole text:

1. the two bigrams around the place (log p(c | b) + log p(r | c)) must not get worse;
2. the character trigram model scores the three trigrams that change: the *gain* is
   log p(text with the candidate) − log p(text as written), in nats;
3. for the best few candidates of a place, word evidence from the segmenter's lexicon
   (贷款 is a word, 代款 none: the cheapest segmentation's cost falls), and what the place
   looks like (inside a dictionary word, after a surname, before 村 or 河) are added, and
   a linear model weighs all of it (`Weights`, fitted by cross-validation: bench/proof_fit.py).

A suspect whose score clears the threshold is a finding; its explanation says which
candidate, by which relation, the gain in each kind of evidence and how sure the model is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof.charlm import CharLM
from kuaibao.core.proof.confusion import CandidateTable, Relation
from kuaibao.core.proof.lexicon import Lexicon
from kuaibao.core.proof.tokens import BOUNDARY, RESERVED, UNKNOWN, IdArray, is_han
from kuaibao.core.proof.vocabulary import SURNAMES
from kuaibao.core.proof.wordtable import FLOOR, WordTable

Ints = npt.NDArray[np.int64]
PAD = 4  # tokens of padding either side: the language model and the word table look 3 away
Floats = npt.NDArray[np.float64]

# The last character of a place or body of water: the one before it is often a rare name
# character (星溪村, 小潢河), which the model alone would "correct".
PLACE_ENDINGS = frozenset("省市县区州乡镇村屯寨庄街路巷道河江湖海山岭峰沟湾塆桥坝园寺庙")

FEATURES = (
    "gain",  # language model gain (nats)
    "words",  # cover (log p of the likeliest 2-4 character word containing the place) gained
    "tone",  # relation: same syllable, other tone
    "near",  # relation: fuzzy syllable
    "shape",  # relation: similar shape
    "frequency",  # log p(candidate) − log p(written), unigrams
    "unknown",  # the written character is not in the model's vocabulary
    "in_word",  # the written character is inside a dictionary word of 2-4 characters
    "makes_word",  # the candidate is
    "name",  # a common surname one or two characters before
    "place",  # a place ending right after
    "lexical",  # segmentation cost as written − with the candidate (nats), for the finalists
)
# What the gate assumes for the lexical gain it has not computed yet: high enough that a
# place it turns away would hardly ever have made it (the 95th percentile of finalists).
LEXICAL_HOPE = 12.0


@dataclass(frozen=True, slots=True)
class Weights:
    """The linear decision: score = bias + Σ coefficient × feature; a finding when the score
    is at least `threshold`. Fitted by bench/proof_fit.py (five folds of the development set by
    line number; the threshold chosen on four folds for precision, scored on the fifth)."""

    coefficients: Mapping[str, float] = field(
        default_factory=lambda: {
            "gain": 0.228,
            "words": 0.086,
            "tone": -0.542,
            "near": -0.553,
            "shape": -0.822,
            "frequency": -0.124,
            "unknown": 0.594,
            "in_word": 0.454,
            "makes_word": -0.771,
            "name": -0.515,
            "place": -0.551,
            "lexical": 0.141,
        }
    )
    bias: float = -2.792
    threshold: float = 0.65
    min_bigram_gain: float = 0.0  # stage 1: the bigrams around the place may not get worse
    min_gain: float = 2.0  # stage 2: the least trigram gain worth weighing

    def score(self, features: Sequence[float]) -> float:
        terms = zip(FEATURES, features, strict=True)
        return self.bias + sum(self.coefficients.get(name, 0.0) * value for name, value in terms)


@dataclass(frozen=True, slots=True)
class Suspect:
    """A candidate at one place with its evidence and score (log-odds that it is a slip)."""

    offset: int
    written: str
    candidate: str
    relation: Relation
    features: tuple[float, ...]
    score: float

    @property
    def gain(self) -> float:
        return self.features[0]

    @property
    def words(self) -> float:
        return self.features[1]

    @property
    def confidence(self) -> float:
        """The model's probability that this is a slip (the logistic of the score)."""
        return 1.0 / (1.0 + math.exp(-self.score))


@dataclass(slots=True)
class _Batch:
    """Every (place, candidate) pair still in the running, as parallel arrays."""

    place: Ints  # index into the padded token array
    candidate: IdArray
    relation: npt.NDArray[np.uint8]

    def keep(self, mask: npt.NDArray[np.bool_]) -> _Batch:
        return _Batch(self.place[mask], self.candidate[mask], self.relation[mask])


class Detector:
    """Finds suspects in texts with one model, candidate table and lexicon; safe to share."""

    def __init__(self, model: CharLM, table: CandidateTable, words: WordTable, weights: Weights | None = None) -> None:
        self.model = model
        self.table = table
        self.words = words
        self.weights = weights or Weights()
        self._coefficients = np.array([self.weights.coefficients.get(name, 0.0) for name in FEATURES])
        vocabulary = model.vocabulary
        size = len(vocabulary)
        self._surname = np.zeros(size, dtype=bool)
        self._surname[[vocabulary.id(c) for c in SURNAMES if vocabulary.id(c) >= RESERVED]] = True
        self._place_end = np.zeros(size, dtype=bool)
        self._place_end[[vocabulary.id(c) for c in PLACE_ENDINGS if vocabulary.id(c) >= RESERVED]] = True

    def suspects(
        self,
        text: str,
        threshold: float | None = None,
        lexicon: Lexicon | None = None,
        finalists: int = 2,
        every: bool = False,
    ) -> list[Suspect]:
        """The best suspect at each place whose score clears the threshold, by place. Word
        evidence from `lexicon` (segmentation) is weighed for the best `finalists` candidates
        of the places that could still clear the threshold with it. With `every`, all those
        finalists come back (for fitting the weights: bench/proof_fit.py)."""
        weights = self.weights
        limit = weights.threshold if threshold is None else threshold
        ids, offsets = self.model.vocabulary.encode(text)
        if ids.size < 3:
            return []
        # Boundaries around the text, so that every token has PAD tokens either side.
        pad = np.full(PAD - 1, BOUNDARY, dtype=np.int32)
        padded = np.concatenate([pad, ids, pad]).astype(np.int32)
        places = np.concatenate([np.full(PAD - 1, -1), offsets, np.full(PAD - 1, -1)])
        batch = self._candidates(text, padded, places)
        if batch.place.size == 0:
            return []
        batch = self._bigram_stage(padded, batch)
        gains = self._trigram_stage(padded, batch)
        good = gains >= weights.min_gain
        return self._decide(text, padded, places, batch.keep(good), gains[good], limit, lexicon, finalists, every)

    def _candidates(self, text: str, padded: IdArray, places: Ints) -> _Batch:
        """Every candidate of every character that has a confusion set."""
        table = self.table
        j = np.flatnonzero(padded >= UNKNOWN)
        j = j[(j >= PAD) & (j < padded.size - PAD)]
        tokens = padded[j]
        known = tokens >= RESERVED
        lengths = np.where(known, table.lengths[tokens], 0)
        total = int(lengths.sum())
        rows = np.repeat(j, lengths)
        firsts = np.repeat(table.starts[tokens] - np.cumsum(lengths) + lengths, lengths)
        flat = firsts + np.arange(total)
        place, cands, rels = [rows], [table.candidates[flat]], [table.relations[flat]]
        for k in j[~known].tolist():
            found = table.by_char.get(text[places[k]])
            if found is not None:
                place.append(np.full(found[0].size, k))
                cands.append(found[0])
                rels.append(found[1])
        return _Batch(np.concatenate(place).astype(np.int64), np.concatenate(cands), np.concatenate(rels))

    def _bigram_stage(self, padded: IdArray, batch: _Batch) -> _Batch:
        """Keep candidates whose bigrams with the neighbours were seen at least as often as
        the written character's (and at least one): a bit test a pair."""
        lm, at, c = self.model, batch.place, batch.candidate
        # The written side once a position of the text, not once a candidate.
        seen_after = lm.seen(padded[:-1], padded[1:]).astype(np.int8)
        written = np.zeros(padded.size, dtype=np.int8)
        written[1:-1] = seen_after[:-1] + seen_after[1:]
        with_candidate = lm.seen(padded[at - 1], c).astype(np.int8) + lm.seen(c, padded[at + 1])
        return batch.keep(with_candidate >= np.maximum(written[at], 1))

    def _trigram_stage(self, padded: IdArray, batch: _Batch) -> Floats:
        lm, at = self.model, batch.place
        # The written side once a position with candidates, not once a candidate.
        places = np.flatnonzero(np.bincount(at, minlength=padded.size))
        before = np.full(padded.size, -1, dtype=np.int64)
        after = np.full(padded.size, -1, dtype=np.int64)
        before[places] = lm.bigram_rows(padded[places - 2], padded[places - 1])
        after[places] = lm.bigram_rows(padded[places + 1], padded[places + 2])
        written = np.zeros(padded.size)
        written[places] = lm.window(
            padded[places - 2],
            padded[places - 1],
            padded[places],
            padded[places + 1],
            padded[places + 2],
            before[places],
            after[places],
        )
        changed = lm.window(
            padded[at - 2], padded[at - 1], batch.candidate, padded[at + 1], padded[at + 2], before[at], after[at]
        )
        return changed - written[at]

    def _decide(
        self,
        text: str,
        padded: IdArray,
        places: Ints,
        batch: _Batch,
        gains: Floats,
        limit: float,
        lexicon: Lexicon | None,
        finalists: int,
        every: bool = False,
    ) -> list[Suspect]:
        """Score every pair with the linear model; the places that can still clear `limit`
        get word evidence for their best candidates; keep the best of each place that clears
        it, and of neighbouring places the stronger."""
        at, c = batch.place, batch.candidate
        unique, back = np.unique(at, return_inverse=True)
        cover_written = self.words.cover(padded, unique, padded[unique])[back]
        cover_candidate = self.words.cover(padded, at, c)
        unigram = self.model.tables.unigram_logp
        written = padded[at]
        features = np.stack(
            [
                gains,
                cover_candidate - cover_written,
                batch.relation == Relation.TONE,
                batch.relation == Relation.NEAR,
                batch.relation == Relation.SHAPE,
                unigram[c] - unigram[written],
                written == UNKNOWN,
                cover_written > FLOOR,
                cover_candidate > FLOOR,
                self._surname[padded[at - 1]] | self._surname[padded[at - 2]],
                self._place_end[padded[at + 1]],
                np.zeros(at.size),
            ],
            axis=1,
        ).astype(np.float64)
        w_lexical = self._coefficients[-1]
        hopeful = self.weights.bias + features @ self._coefficients + max(w_lexical, 0.0) * LEXICAL_HOPE
        order = np.lexsort((-hopeful, at))
        rank = np.zeros(order.size, dtype=np.int64)
        starts = np.ones(order.size, dtype=bool)
        starts[1:] = at[order][1:] != at[order][:-1]
        group_start = np.maximum.accumulate(np.where(starts, np.arange(order.size), 0))
        rank[order] = np.arange(order.size) - group_start
        chosen = np.flatnonzero((rank < finalists) & (hopeful >= limit))
        if lexicon is not None and w_lexical:
            for k in chosen.tolist():
                features[k, -1] = _lexical(text, int(places[at[k]]), self.model.vocabulary.char(int(c[k])), lexicon)
        scores = self.weights.bias + features[chosen] @ self._coefficients
        winners: dict[int, tuple[int, float]] = {}
        for n, (k, score) in enumerate(zip(chosen.tolist(), scores.tolist(), strict=True)):
            place = int(at[k]) if not every else -1 - n
            if score >= limit and (place not in winners or score > winners[place][1]):
                winners[place] = (k, score)
        vocabulary = self.model.vocabulary
        found = [
            Suspect(
                offset=int(places[at[k]]),
                written=text[int(places[at[k]])],
                candidate=vocabulary.char(int(c[k])),
                relation=Relation(int(batch.relation[k])),
                features=tuple(features[k].tolist()),
                score=float(score),
            )
            for k, score in winners.values()
        ]
        return found if every else _apart(found)


WINDOW = 4  # characters either side for the segmentation


def _lexical(text: str, offset: int, candidate: str, lexicon: Lexicon) -> float:
    """How much cheaper the segmentation of the window around the place gets with the candidate."""
    start = offset
    while start > 0 and offset - start < WINDOW and is_han(text[start - 1]):
        start -= 1
    end = offset + 1
    while end < len(text) and end - offset <= WINDOW and is_han(text[end]):
        end += 1
    written = text[start:end]
    k = offset - start
    return lexicon.segment(written)[0] - lexicon.segment(written[:k] + candidate + written[k + 1 :])[0]


def _apart(suspects: list[Suspect]) -> list[Suspect]:
    """Of suspects next to each other, the strongest (one slip explains both)."""
    kept: list[Suspect] = []
    taken: set[int] = set()
    for suspect in sorted(suspects, key=lambda s: -s.score):
        if not taken & {suspect.offset - 1, suspect.offset, suspect.offset + 1}:
            kept.append(suspect)
            taken.add(suspect.offset)
    return sorted(kept, key=lambda s: s.offset)
