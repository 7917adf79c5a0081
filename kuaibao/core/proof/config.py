"""What an office configures for proofreading, passed in as data.

The web app feeds these from its database (the units directory, the bulletin's saved
defaults, the office's lists); the command line reads them from a JSON file. Nothing here is
read from disk by the core itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kuaibao.core.model import Bulletin
from kuaibao.core.proof.finding import Severity

if TYPE_CHECKING:
    from kuaibao.core.proof.adapt import ArchiveCounts


@dataclass(frozen=True, slots=True)
class BannedPhrase:
    """An entry of the office's lists: a 禁用词 (a formulation not allowed: wrong, outdated or
    sensitive) or a 规范提法 (a formulation to write in one standard way; `kind` "norm"), with
    what to write and where the rule comes from (`source`: a document, a standard, a notice)."""

    phrase: str
    suggestion: str | None = None
    message: str | None = None
    severity: Severity = Severity.error
    source: str = ""
    kind: str = "banned"  # or "norm"


@dataclass(frozen=True, slots=True)
class Leader:
    """A leader's name and exact title(s) (e.g. 县委副书记、县长 gives two). The office's table
    lists leaders in their order of precedence (排名顺序): ProofConfig.leaders keeps it."""

    name: str
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A bulletin's saved defaults: masthead title, publisher (编发单位) and distribution (本期发)."""

    title: str | None = None
    publisher: str | None = None
    distribution: str | None = None


@dataclass(frozen=True, slots=True)
class IssueRecord:
    """What proofreading needs to know about another issue, given or archived."""

    name: str
    title: str
    issue: int
    date: dt.date
    publisher: str = ""
    distribution: str | None = None
    units: tuple[str, ...] = ()
    supplement: bool = False
    total_issue: int | None = None

    @classmethod
    def from_bulletin(cls, bulletin: Bulletin, name: str | None = None) -> IssueRecord:
        source = bulletin.provenance.source_name if bulletin.provenance else ""
        return cls(
            name=name if name is not None else source,
            title=bulletin.title,
            issue=bulletin.issue,
            date=bulletin.date,
            publisher=bulletin.publisher,
            distribution=bulletin.distribution_text,
            units=tuple(unit for item in bulletin.items for unit in item.units),
            supplement=bulletin.supplement,
            total_issue=bulletin.total_issue,
        )


@dataclass(frozen=True, slots=True)
class ProofConfig:
    """Everything configurable; the defaults proofread a bulletin with no office data at all."""

    banned: tuple[BannedPhrase, ...] = ()
    leaders: tuple[Leader, ...] = ()
    units: tuple[str, ...] = ()
    defaults: Boilerplate = field(default_factory=Boilerplate)
    words: tuple[str, ...] = ()
    disabled: frozenset[str] = frozenset()
    # The office archive's n-gram counts, mixed into the language model (kuaibao.core.proof.adapt).
    adaptation: ArchiveCounts | None = field(default=None, compare=False, repr=False)

    def enabled(self, rule: str) -> bool:
        """A rule is off when its id or its family (the part before the dot) is disabled."""
        return rule not in self.disabled and rule.split(".", 1)[0] not in self.disabled

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProofConfig:
        """Read the JSON shape documented in `kuaibao proof --help`; unknown keys are errors."""
        known = {"banned", "norms", "leaders", "units", "defaults", "words", "disabled"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"未知的配置项：{'、'.join(sorted(unknown))}")
        banned = tuple(_banned(entry) for entry in _list(data, "banned"))
        banned += tuple(_banned(entry, "norm") for entry in _list(data, "norms"))
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, Mapping):
            raise ValueError("defaults 应为对象")
        return cls(
            banned=banned,
            leaders=tuple(_leader(entry) for entry in _list(data, "leaders")),
            units=tuple(_strings(data, "units")),
            defaults=Boilerplate(
                title=_optional_str(defaults, "title"),
                publisher=_optional_str(defaults, "publisher"),
                distribution=_optional_str(defaults, "distribution"),
            ),
            words=tuple(_strings(data, "words")),
            disabled=frozenset(_strings(data, "disabled")),
        )


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"{key} 应为列表")
    return value


def _strings(data: Mapping[str, Any], key: str) -> Iterable[str]:
    for value in _list(data, key):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key} 中应为非空字符串：{value!r}")
        yield value.strip()


def _optional_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} 应为字符串")
    return value.strip() or None


def _banned(entry: Any, kind: str = "banned") -> BannedPhrase:
    if isinstance(entry, str):
        entry = {"phrase": entry}
    if not isinstance(entry, Mapping) or not isinstance(entry.get("phrase"), str) or not entry["phrase"].strip():
        raise ValueError(f"banned 的每一项应有 phrase：{entry!r}")
    severity = entry.get("severity", "error")
    if severity not in Severity.__members__:
        raise ValueError(f"severity 应为 error、warning 或 info：{severity!r}")
    return BannedPhrase(
        phrase=entry["phrase"].strip(),
        suggestion=_optional_str(entry, "suggestion"),
        message=_optional_str(entry, "message"),
        severity=Severity(severity),
        source=_optional_str(entry, "source") or "",
        kind=kind,
    )


def _leader(entry: Any) -> Leader:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise ValueError(f"leaders 的每一项应有 name：{entry!r}")
    titles = entry.get("titles", entry.get("title"))
    if isinstance(titles, str):
        titles = [part for part in titles.replace("，", "、").split("、")]
    if not isinstance(titles, list) or not titles or not all(isinstance(t, str) and t.strip() for t in titles):
        raise ValueError(f"leaders 的每一项应有 title 或 titles：{entry!r}")
    return Leader(name=entry["name"].strip(), titles=tuple(t.strip() for t in titles))
