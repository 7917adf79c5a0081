"""Score extracted figures against a hand-made gold set: precision, recall and F1 per field.

Gold figures carry their text, not offsets; each is located at the next occurrence of its text in
its item's title or body, in document order, and paired with the extracted figure whose span
overlaps it most. A pair counts for a field set (say value + unit + metric) when every field in
the set is equal; an extracted figure with no gold partner is a false positive for every set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kuaibao.core.model import Bulletin

FIELD_SETS: dict[str, tuple[str, ...]] = {
    "span": (),
    "value": ("value",),
    "unit": ("unit",),
    "metric": ("metric",),
    "approx": ("approx",),
    "change": ("change",),
    "time": ("time",),
    "value+unit+metric": ("value", "unit", "metric"),
    "all": ("value", "unit", "metric", "approx", "change", "time"),
}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Evaluation:
    """Counts per field set, and readable lines for every miss, extra and wrong field."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELD_SETS, 0))
    predicted: int = 0
    gold: int = 0
    problems: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return Score(self.counts[name], self.predicted, self.gold)

    def add(self, other: Evaluation) -> None:
        for name in FIELD_SETS:
            self.counts[name] += other.counts[name]
        self.predicted += other.predicted
        self.gold += other.gold
        self.problems.extend(other.problems)


def evaluate(
    predicted: Iterable[Mapping[str, Any]],
    gold: Iterable[Mapping[str, Any]],
    texts: Mapping[tuple[int, str], str],
) -> Evaluation:
    """Compare figures of one bulletin; `texts` maps (item, field) to the title or body text."""
    result = Evaluation()
    by_place: dict[tuple[int, str], tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]] = {}
    for figure in predicted:
        by_place.setdefault((figure["item"], figure["field"]), ([], []))[0].append(figure)
    for figure in gold:
        by_place.setdefault((figure["item"], figure["field"]), ([], []))[1].append(figure)
    for place, (preds, golds) in sorted(by_place.items()):
        _evaluate_place(place, preds, golds, texts.get(place, ""), result)
    return result


def _evaluate_place(
    place: tuple[int, str],
    preds: list[Mapping[str, Any]],
    golds: list[Mapping[str, Any]],
    text: str,
    result: Evaluation,
) -> None:
    result.predicted += len(preds)
    result.gold += len(golds)
    spans = _locate(golds, text)
    unpaired = list(range(len(preds)))
    for gold, (g_start, g_end) in zip(golds, spans, strict=True):
        best, best_overlap = None, 0
        for index in unpaired:
            pred = preds[index]
            overlap = min(g_end, pred["end"]) - max(g_start, pred["start"])
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is None:
            result.problems.append(f"item {place[0]} {place[1]}: missed {gold['text']!r}")
            continue
        unpaired.remove(best)
        _count_pair(place, preds[best], gold, result)
    for index in unpaired:
        result.problems.append(f"item {place[0]} {place[1]}: extra {preds[index]['text']!r}")


def _count_pair(place: tuple[int, str], pred: Mapping[str, Any], gold: Mapping[str, Any], result: Evaluation) -> None:
    equal = {name: _same(name, pred, gold) for name in ("value", "unit", "metric", "approx", "change", "time")}
    for set_name, names in FIELD_SETS.items():
        if all(equal[n] for n in names):
            result.counts[set_name] += 1
    for name, ok in equal.items():
        if not ok:
            want, got = _shown(name, gold), _shown(name, pred)
            result.problems.append(f"item {place[0]} {place[1]} {gold['text']!r}: {name} {got!r} != {want!r}")


def _same(name: str, pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if name == "value":
        return _decimal(pred["value"]) == _decimal(gold["value"]) and _decimal(pred.get("value_max")) == _decimal(
            gold.get("value_max")
        )
    if name == "metric":
        return _squash(pred.get("metric")) == _squash(gold.get("metric"))
    if name == "change":
        return (pred.get("change"), pred.get("basis")) == (gold.get("change"), gold.get("basis"))
    if name == "time":
        return _time(pred.get("time")) == _time(gold.get("time"))
    return bool(pred.get(name) == gold.get(name))


def _shown(name: str, figure: Mapping[str, Any]) -> object:
    if name == "change":
        return (figure.get("change"), figure.get("basis"))
    if name == "value":
        return (figure.get("value"), figure.get("value_max"))
    return figure.get(name)


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _squash(text: object) -> str | None:
    return None if text is None else _SPACE.sub("", str(text))


def _time(time: Mapping[str, Any] | None) -> tuple[str | None, str | None, str | None] | None:
    if time is None:
        return None
    return (_squash(time.get("text")), time.get("from"), time.get("to"))


def _locate(golds: list[Mapping[str, Any]], text: str) -> list[tuple[int, int]]:
    """Each gold text at its next occurrence after the previous gold figure's start."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for gold in golds:
        needle = gold["text"]
        at = text.find(needle, cursor)
        if at == -1:
            at = text.find(needle)
        if at == -1:
            spans.append((-1, -1))
            continue
        spans.append((at, at + len(needle)))
        cursor = at + 1
    return spans


def item_texts(bulletin: Bulletin) -> dict[tuple[int, str], str]:
    """(item, "title" | "body") → text, the places gold figures are located in."""
    texts: dict[tuple[int, str], str] = {}
    for index, item in enumerate(bulletin.items):
        texts[(index, "title")] = item.title
        texts[(index, "body")] = item.body
    return texts
