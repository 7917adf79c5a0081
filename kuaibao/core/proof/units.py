"""Unit and organisation names: against the units directory and the archive (大数数据管理局,
事物局), and each item's attribution against the unit its title names.

A name is a near miss of a known one when one typing slip turns one into the other: a doubled
or dropped character inside the name, two neighbours swapped, or a character that input
methods confuse (务/物). Edits at either end are not counted, since there the name merely
touches the next word (县人民政府办).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.core.proof.context import Context, ItemPlace
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.proof.spelling import shared_detector
from kuaibao.core.proof.vocabulary import confusable

RULE_NAME = "unit.name"
RULE_ATTRIBUTION = "unit.attribution"
RULE_UNKNOWN = "unit.unknown"

COUNTY = "县"
_NAME = re.compile(r"[\u3400-\u9fff]+")
MIN_SCANNED = 4


def variants(name: str) -> set[str]:
    """A unit's spellings with and without the county prefix (商务局, 县商务局)."""
    bare = name.removeprefix(COUNTY)
    return {name, bare, COUNTY + bare} if bare else {name}


@dataclass(frozen=True, slots=True)
class KnownUnits:
    """Names taken as right: the directory's, and the archive's used more than once."""

    names: frozenset[str]
    directory: frozenset[str]

    @classmethod
    def build(
        cls, directory: Iterable[str], archived: Iterable[str], clean: Callable[[str], bool] = lambda name: True
    ) -> KnownUnits:
        """Directory names are right; an archived name is taken as right when it was used
        in more than one issue and the other rules find no slip in it (a slip copied into several
        issues, 大数数据管理局, must not become the norm)."""
        listed = {spelling for name in directory for spelling in variants(name)}
        counts = Counter(name for name in archived)
        repeated = {
            spelling for name, count in counts.items() if count >= 2 and clean(name) for spelling in variants(name)
        }
        return cls(frozenset(listed | repeated), frozenset(listed))


def near_miss(written: str, known: str) -> bool:
    """True when one typing slip inside the name turns `known` into `written`."""
    if written == known or min(len(written), len(known)) < 3:
        return False
    if len(written) == len(known) + 1:
        return _inserted(written, known)
    if len(written) + 1 == len(known):
        return _inserted(known, written) and len(known) >= 5
    if len(written) == len(known):
        diffs = [i for i, (a, b) in enumerate(zip(written, known, strict=True)) if a != b]
        if len(diffs) == 1:
            return _confusable(written[diffs[0]], known[diffs[0]])
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and 0 < diffs[0] and diffs[1] < len(known) - 1:
            i = diffs[0]
            return written[i] == known[i + 1] and written[i + 1] == known[i]
    return False


def _confusable(a: str, b: str) -> bool:
    """Input methods mix the two up: our list of pairs, or the model's confusion sets (same or
    near sound, similar shape: 管埋局 as well as 管里局)."""
    if confusable(a, b):
        return True
    detector = shared_detector()
    if detector is None:
        return False
    vocabulary = detector.model.vocabulary
    return any(candidate == b for candidate, _ in detector.table.of(a, vocabulary))


def _inserted(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one character added inside it (or doubled anywhere)."""
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    if longer[i + 1 :] != shorter[i:]:
        return False
    doubled = (i > 0 and longer[i - 1] == longer[i]) or (i + 1 < len(longer) and longer[i + 1] == longer[i])
    return doubled or 0 < i < len(longer) - 1


def check(ctx: Context) -> Iterator[Finding]:
    archived = (unit for record in ctx.archive for unit in set(record.units))  # issues, not items
    known = KnownUnits.build(ctx.config.units, archived, ctx.clean)
    flagged: set[tuple[int, int]] = set()
    for place in ctx.layout.items:
        for finding in _attribution(ctx, place, known):
            flagged.add((finding.offset, finding.end))
            yield finding
    if known.names:
        for finding in _scan(ctx, known):
            if (finding.offset, finding.end) not in flagged:
                yield finding


def _attribution(ctx: Context, place: ItemPlace, known: KnownUnits) -> Iterator[Finding]:
    title = place.item.title
    agrees = False
    for unit, span in zip(place.item.units, place.units, strict=True):
        if span is None:
            continue
        in_title = any(spelling in title for spelling in variants(unit))
        agrees = agrees or in_title
        if unit in known.names:
            continue  # a right name; a title that misspells it is found by the scan
        fixed = None if in_title else _from_title(unit, title)
        if fixed is not None:
            agrees = True
            message = f"署名单位“{unit}”与标题中的“{fixed}”不一致，疑有错字"
            yield ctx.finding(RULE_ATTRIBUTION, *span, message, fixed)
            continue
        suggestion = next((name for name in sorted(known.names) if near_miss(unit, name)), None)
        if suggestion is not None:
            yield ctx.finding(RULE_NAME, *span, f"单位名称“{unit}”疑有错字，应为“{suggestion}”", suggestion)
        elif known.directory:
            message = f"单位名称“{unit}”不在单位名录中，请核对"
            yield ctx.finding(RULE_UNKNOWN, *span, message, None, Severity.info)
    if not agrees and place.title is not None:
        yield from _other_unit(ctx, place, known)


def _other_unit(ctx: Context, place: ItemPlace, known: KnownUnits) -> Iterator[Finding]:
    """The title opens with a known unit that the attribution does not credit."""
    named = _unit_in_title(place.item.title, known)
    if named is None or any(named in variants(unit) for unit in place.item.units):
        return
    first = next((span for span in place.units if span is not None), None)
    if first is not None:
        message = f"署名单位与标题中的单位“{named}”不一致，请核对"
        yield ctx.finding(RULE_ATTRIBUTION, *first, message, None, Severity.warning)


def _from_title(unit: str, title: str) -> str | None:
    """The spelling in the title that the attribution misses by one slip, styled as the unit."""
    for spelling in sorted(variants(unit), key=len, reverse=True):
        for size in (len(spelling) - 1, len(spelling), len(spelling) + 1):
            for start in range(len(title) - size + 1):
                candidate = title[start : start + size]
                if near_miss(spelling, candidate):
                    if unit.startswith(COUNTY) or not candidate.startswith(COUNTY):
                        return candidate
                    return candidate.removeprefix(COUNTY)
    return None


def _unit_in_title(title: str, known: KnownUnits) -> str | None:
    """The known unit a title opens with (县商务局多措并举…), the longest one."""
    found = [name for name in known.names if title.startswith(name)]
    return max(found, key=len) if found else None


@dataclass(frozen=True, slots=True)
class _Scanner:
    """Where any half of a known name starts, and the halves by their first two characters."""

    pattern: re.Pattern[str]
    halves: dict[str, list[tuple[str, str, bool]]]


@lru_cache(maxsize=32)
def _scanner(names: frozenset[str]) -> _Scanner | None:
    halves: dict[str, list[tuple[str, str, bool]]] = {}
    for name in names:
        if len(name) < MIN_SCANNED:
            continue
        middle = len(name) // 2
        for half, is_prefix in ((name[:middle], True), (name[middle:], False)):
            halves.setdefault(half[:2], []).append((half, name, is_prefix))
    if not halves:
        return None
    pattern = re.compile("(?=" + "|".join(map(re.escape, sorted(halves))) + ")")
    return _Scanner(pattern, halves)


def _scan(ctx: Context, known: KnownUnits) -> Iterator[Finding]:
    """Near misses of known names anywhere in the text, found from an intact half of the name."""
    scanner = _scanner(known.names)
    if scanner is None:
        return
    text = ctx.text
    candidates: dict[tuple[int, int], str] = {}
    for match in scanner.pattern.finditer(text):
        at = match.start()
        for half, name, is_prefix in scanner.halves[text[at : at + 2]]:
            anchor = at if is_prefix else at + len(half) - len(name)
            if not text.startswith(half, at) or text.startswith(name, anchor):
                continue  # another half, or the name written right here
            for size in (len(name) - 1, len(name), len(name) + 1):
                start = at if is_prefix else at + len(half) - size
                written = text[max(0, start) : start + size]
                if start < 0 or (start, start + size) in candidates or not _NAME.fullmatch(written):
                    continue
                if written in known.names or not near_miss(written, name):
                    continue
                if name in written and _joins_neighbour(ctx, start, start + size, name):
                    continue
                candidates[(start, start + size)] = name
    for (start, end), name in candidates.items():
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in candidates):
            continue  # 机关事物管理局 inside 县机关事物管理局: report the longer name once
        written = text[start:end]
        yield ctx.finding(RULE_NAME, start, end, f"单位名称“{written}”疑有错字，应为“{name}”", name)


def _joins_neighbour(ctx: Context, start: int, end: int, name: str) -> bool:
    """True when the character written beside a correct name starts or ends a word with its
    neighbour, as in 县商务局局长 (局 | 局长), rather than repeating the name's own."""
    text = ctx.text
    if text.startswith(name, start):
        return ctx.lexicon.is_word(text[end - 1 : end + 1])
    return ctx.lexicon.is_word(text[start - 1 : start + 1]) if start > 0 else False
