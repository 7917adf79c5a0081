"""Find the figures of a text: grammar matches, outside quotations, titles and dates, each with
its metric, change and time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from kuaibao.core.figures.grammar import Quantity, fold, scan
from kuaibao.core.figures.metric import CLAUSE_MARKS, context_before, is_money_metric, noun_phrase_after
from kuaibao.core.figures.model import Figure, ItemFigure, TimeRef
from kuaibao.core.figures.timeref import TimeSpan, find_times
from kuaibao.core.model import Bulletin, Item

# Slogans and titles (“一户一策”, 《…2023 年…方案》) hold numbers that are not quantities.
_QUOTED = re.compile(r"“[^“”。\n]{0,60}”|《[^《》\n]{0,60}》|「[^「」\n]{0,60}」|‘[^‘’\n]{0,30}’")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile("[" + re.escape("".join(sorted(CLAUSE_MARKS))) + "]")
_MASK = "□"
_NO_NOUN_AFTER = frozenset({"", "%", "百分点", "‰", "倍"})
_SHARES = frozenset({"%", "百分点", "‰"})


@dataclass(slots=True)
class _Found:
    quantity: Quantity
    figure: Figure
    consumed: int  # end of the figure and of the noun phrase it counts, if any


def extract_figures(text: str, issue: dt.date | None = None, *, reporters: tuple[str, ...] = ()) -> list[Figure]:
    """Every figure in `text`, in order. `issue` resolves relative times (截至目前, 1-4 月);
    `reporters` are the item's units, which as subjects are not part of a metric."""
    folded = fold(text)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(folded)]
    times = [t for t in find_times(folded, issue) if not _inside(t, quoted)]
    masked = _mask(folded, quoted + [(t.start, t.end) for t in times])
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(folded)]
    clause_starts = [0] + [m.end() for m in _CLAUSE_END.finditer(folded)]
    found: list[_Found] = []
    for quantity in scan(masked):
        found.append(_figure(text, folded, masked, quantity, found, times, (sentence_starts, clause_starts), reporters))
    return [f.figure for f in found]


def item_figures(item: Item, index: int, issue: dt.date | None = None) -> list[ItemFigure]:
    """The figures of one item, title first; the item's units are its reporters."""
    reporters = tuple(unit for unit in item.units if unit)
    out = [ItemFigure(index, "title", f) for f in extract_figures(item.title, issue, reporters=reporters)]
    out += [ItemFigure(index, "body", f) for f in extract_figures(item.body, issue, reporters=reporters)]
    return out


def bulletin_figures(bulletin: Bulletin) -> list[ItemFigure]:
    """Every figure of every item, times resolved against the issue date."""
    out: list[ItemFigure] = []
    for index, item in enumerate(bulletin.items):
        out.extend(item_figures(item, index, bulletin.date))
    return out


def _figure(
    text: str,
    folded: str,
    masked: str,
    quantity: Quantity,
    found: list[_Found],
    times: list[TimeSpan],
    starts: tuple[list[int], list[int]],
    reporters: tuple[str, ...],
) -> _Found:
    start, end = quantity.start, quantity.end
    sentence_starts, clause_starts = starts
    sentence = sentence_starts[bisect.bisect_right(sentence_starts, start) - 1]
    floor = max(clause_starts[bisect.bisect_right(clause_starts, start) - 1], sentence)
    if found and found[-1].quantity.start >= sentence:
        floor = max(floor, found[-1].consumed)
    for span in reversed(times):
        if span.end <= start:
            floor = max(floor, span.end)
            break
    floor = min(floor, start)
    context = context_before(text[floor:start], reporters)
    metric, consumed = context.metric, end
    noun = "" if quantity.unit in _NO_NOUN_AFTER else noun_phrase_after(masked, end)
    if noun:
        metric, consumed = noun, end + len(noun)
    if metric is None:
        metric = _inherited(found, sentence)
    unit = quantity.unit or ("元" if is_money_metric(metric) else "")
    figure = Figure(
        text=text[start:end],
        start=start,
        end=end,
        value=quantity.value,
        unit=unit,
        value_max=quantity.value_max,
        metric=metric,
        approx=quantity.approx,
        change=context.change,
        basis=context.basis,
        time=_time_for(start, times, sentence_starts, folded),
    )
    return _Found(quantity, figure, consumed)


def _inherited(found: list[_Found], sentence: int) -> str | None:
    """增长 3.5% after 收入完成 33400 万元: the metric of the last figure that is not a share."""
    for earlier in reversed(found):
        if earlier.quantity.start < sentence:
            break
        if earlier.figure.unit not in _SHARES and earlier.figure.metric:
            return earlier.figure.metric
    return None


def _time_for(position: int, times: list[TimeSpan], sentence_starts: list[int], folded: str) -> TimeRef | None:
    """The last time expression before `position` in its sentence; 其中 continues the one before."""
    index = bisect.bisect_right(sentence_starts, position) - 1
    while index >= 0:
        sentence = sentence_starts[index]
        before = [t for t in times if sentence <= t.start and t.end <= position]
        if before:
            return before[-1].ref
        if not folded.startswith("其中", sentence):
            return None
        index -= 1
        position = sentence
    return None


def _inside(span: TimeSpan, quoted: list[tuple[int, int]]) -> bool:
    return any(start < span.start < end for start, end in quoted)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = _MASK * (end - start)
    return "".join(chars)
