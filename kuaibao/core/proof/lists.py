"""The office's lists: banned or sensitive formulations, and leaders' names with their exact
titles (a title before a leader's name must be one of theirs; a name after a leader's title
that misses theirs by one character is a misspelling)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kuaibao.core.proof.config import BannedPhrase, Leader
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.proof.vocabulary import TITLES

RULE_BANNED = "list.banned"
RULE_TITLE = "list.leader_title"
RULE_NAME = "list.leader_name"


@lru_cache(maxsize=64)
def _banned_pattern(banned: tuple[BannedPhrase, ...]) -> re.Pattern[str] | None:
    phrases = sorted({entry.phrase for entry in banned}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile("|".join(re.escape(phrase) for phrase in phrases))


@lru_cache(maxsize=64)
def _title_pattern(leaders: tuple[Leader, ...]) -> re.Pattern[str]:
    titles = {*TITLES, *(title for leader in leaders for title in leader.titles)}
    return re.compile("(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + ")$")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _banned(ctx)
    yield from _leaders(ctx)


def _banned(ctx: Context) -> Iterator[Finding]:
    pattern = _banned_pattern(ctx.config.banned)
    if pattern is None:
        return
    entries = {entry.phrase: entry for entry in ctx.config.banned}
    for match in pattern.finditer(ctx.text):
        entry = entries[match.group(0)]
        message = entry.message or f"“{entry.phrase}”在禁用或慎用表述清单中"
        yield ctx.finding(RULE_BANNED, match.start(), match.end(), message, entry.suggestion, entry.severity)


def _leaders(ctx: Context) -> Iterator[Finding]:
    leaders = ctx.config.leaders
    if not leaders:
        return
    text = ctx.text
    titles = _title_pattern(leaders)
    for leader in leaders:
        for match in re.finditer(re.escape(leader.name), text):
            title = titles.search(text, max(0, match.start() - 16), match.start())
            if title is None or title.group(0) in leader.titles:
                continue
            if any(own.endswith(title.group(0)) and text.endswith(own, 0, match.start()) for own in leader.titles):
                continue
            yield ctx.finding(
                RULE_TITLE,
                title.start(),
                match.end(),
                f"{leader.name}的职务应为“{'、'.join(leader.titles)}”，此处写作“{title.group(0)}”",
                leader.titles[0] + leader.name,
            )
        yield from _misspelt(ctx, leader, {other.name for other in leaders})


def _misspelt(ctx: Context, leader: Leader, names: set[str]) -> Iterator[Finding]:
    """A name right after one of the leader's titles that differs from theirs in one character."""
    text = ctx.text
    size = len(leader.name)
    for title in leader.titles:
        for match in re.finditer(re.escape(title), text):
            written = text[match.end() : match.end() + size]
            if len(written) != size or written in names:
                continue
            differing = sum(a != b for a, b in zip(written, leader.name, strict=True))
            if differing == 1 and size >= 2 and written[0] == leader.name[0]:
                yield ctx.finding(
                    RULE_NAME,
                    match.end(),
                    match.end() + size,
                    f"{title}的姓名应为“{leader.name}”，此处写作“{written}”",
                    leader.name,
                    Severity.warning,
                )
