"""The proofreading engine: runs every rule family over a text and returns sorted findings.

One `Proofreader` holds the configuration and compiled lists and can be reused for every
check (every pause in typing): a call costs a few milliseconds for an issue of several
thousand characters once the lexicon is loaded (`warm_up`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from kuaibao.core.model import Bulletin
from kuaibao.core.proof import (
    boilerplate,
    dates,
    lists,
    numbers,
    punctuation,
    ranges,
    repeats,
    sequence,
    spelling,
    units,
    wording,
)
from kuaibao.core.proof.config import IssueRecord, ProofConfig
from kuaibao.core.proof.context import Context, Layout, locate
from kuaibao.core.proof.finding import Finding, TextIndex
from kuaibao.core.proof.lexicon import Lexicon, base_lexicon
from kuaibao.core.proof.sources import ProofSource

Rule = Callable[[Context], Iterable[Finding]]

# Rules that look at wording alone; they also decide whether a boilerplate wording is clean.
TEXT_RULES: tuple[Rule, ...] = (
    repeats.check,
    punctuation.check,
    ranges.check,
    numbers.check,
    wording.check,
    lists.check,
    spelling.check,
)
# Rules that need the bulletin's structure, its date, the directory or the archive.
STRUCTURE_RULES: tuple[Rule, ...] = (dates.check, units.check, boilerplate.check, sequence.check)


class Proofreader:
    """Proofread texts with one configuration; safe to share between threads."""

    def __init__(self, config: ProofConfig | None = None, lexicon: Lexicon | None = None) -> None:
        self.config = config or ProofConfig()
        self._given_lexicon = lexicon
        self._lexicon: Lexicon | None = None
        self._clean = lru_cache(maxsize=256)(self._is_clean)
        self._meant = lru_cache(maxsize=256)(self._corrected)

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            base = self._given_lexicon or base_lexicon()
            self._lexicon = base.with_words(self._config_words())
        return self._lexicon

    def _config_words(self) -> list[str]:
        config = self.config
        words = [*config.words, *(leader.name for leader in config.leaders)]
        words += [spelling for name in config.units for spelling in units.variants(name)]
        return words

    def check(
        self,
        text: str,
        *,
        name: str = "",
        bulletin: Bulletin | None = None,
        parse: bool = True,
        issue_date: dt.date | None = None,
        archive: Sequence[IssueRecord] = (),
    ) -> list[Finding]:
        """Findings for `text`, sorted by place.

        A whole bulletin is recognised in the text (or given as `bulletin`, parsed from it);
        then its structure, date and the `archive` (other issues) are checked as well. Other
        text (an item being edited) gets the wording rules, and the date rules when
        `issue_date` is given.
        """
        if bulletin is None and parse:
            bulletin = _parse(text)
        layout = locate(text, bulletin) if bulletin is not None else Layout()
        own_units = [u for item in bulletin.items for u in item.units] if bulletin else []
        lexicon = self.lexicon.with_words(
            spelling
            for unit in (*own_units, *(u for r in archive for u in r.units))
            for spelling in units.variants(unit)
        )
        ctx = Context(
            index=TextIndex(text, name),
            lexicon=lexicon,
            config=self.config,
            bulletin=bulletin,
            layout=layout,
            issue_date=issue_date or (bulletin.date if bulletin else None),
            archive=tuple(archive),
            clean=self._clean,
            meant=self._meant,
        )
        findings = [f for rule in (*TEXT_RULES, *STRUCTURE_RULES) for f in rule(ctx) if self.config.enabled(f.rule)]
        return _tidy(findings)

    def check_sources(self, sources: Sequence[ProofSource], archive: Sequence[IssueRecord] = ()) -> list[list[Finding]]:
        """Proofread several issues, each compared with the others and with the archive;
        one list of findings per source, in order."""
        records = [IssueRecord.from_bulletin(s.bulletin, s.name) if s.bulletin else None for s in sources]
        out: list[list[Finding]] = []
        for index, source in enumerate(sources):
            others = [r for i, r in enumerate(records) if r is not None and i != index]
            out.append(
                self.check(
                    source.text,
                    name=source.name,
                    bulletin=source.bulletin,
                    parse=False,
                    archive=[*others, *archive],
                )
            )
        return out

    def _corrected(self, wording: str) -> str:
        """A short text (a boilerplate variant) with the wording rules' suggestions applied."""
        ctx = Context(index=TextIndex(wording), lexicon=self.lexicon, config=self.config)
        out, cursor = [], 0
        for finding in _tidy([f for rule in TEXT_RULES for f in rule(ctx)]):
            if finding.suggestion is None or finding.offset < cursor:
                continue
            out += [wording[cursor : finding.offset], finding.suggestion]
            cursor = finding.end
        return "".join([*out, wording[cursor:]])

    def _is_clean(self, wording: str) -> bool:
        """True when no wording rule finds anything in a short text (a boilerplate variant)."""
        ctx = Context(index=TextIndex(wording), lexicon=self.lexicon, config=self.config)
        return not any(True for rule in TEXT_RULES for _ in rule(ctx))


def _document_words(bulletin: Bulletin | None, archive: Sequence[IssueRecord]) -> list[str]:
    """Names a document brings to the lexicon: its units, those of the archive, its staff."""
    names = [unit for record in archive for unit in record.units]
    words: list[str] = []
    if bulletin is not None:
        names += [unit for item in bulletin.items for unit in item.units]
        words += [name.replace(" ", "") for name in bulletin.staff.as_dict().values()]
    return words + [spelling for name in names for spelling in units.variants(name)]


def _parse(text: str) -> Bulletin | None:
    return ProofSource.from_text("", text).bulletin


def _tidy(findings: list[Finding]) -> list[Finding]:
    """Sort, drop exact duplicates, drop a finding that one covering it already implies
    (大数数据 inside the attribution 政务服务和大数数据管理局 with the same correction), and a
    statistical guess inside a name that the directory or the lists explain (县场监督管理局)."""
    named = [(f.offset, f.end) for f in findings if f.rule.startswith(("unit.", "list."))]
    findings = [
        f for f in findings if not (f.rule.startswith("spell.") and any(a <= f.offset and f.end <= b for a, b in named))
    ]
    unique = sorted(
        {(f.offset, f.end, f.rule, f.suggestion): f for f in findings}.values(),
        key=lambda f: (f.offset, -len(f.text), f.severity.rank, f.rule),
    )
    kept: list[Finding] = []
    open_wide: list[Finding] = []  # earlier findings that may still cover later ones
    for finding in unique:
        open_wide = [g for g in open_wide if g.end > finding.offset]
        if not any(_implies(g, finding) for g in open_wide):
            kept.append(finding)
        open_wide.append(finding)
    return kept


def _implies(wide: Finding, narrow: Finding) -> bool:
    if wide.suggestion is None or narrow.suggestion is None or wide.rule == narrow.rule:
        return False
    if not (wide.offset <= narrow.offset and narrow.end <= wide.end) or wide.text == narrow.text:
        return False
    inner = narrow.offset - wide.offset
    applied = wide.text[:inner] + narrow.suggestion + wide.text[inner + len(narrow.text) :]
    return applied == wide.suggestion
