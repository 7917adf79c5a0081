"""The office's lists: 禁用词 (banned or sensitive formulations) and 规范提法 (standard
formulations), each entry with its source; and leaders' names with their exact titles (a title
before a leader's name must be one of theirs; a name after a leader's title that misses theirs
by one character is a misspelling) and their order of precedence (县委书记王强、县长张伟, not
the other way round, when both are named in one list)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kuaibao.core.proof.config import BannedPhrase, Leader
from kuaibao.core.proof.context import Context
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.proof.vocabulary import TITLES

RULE_BANNED = "list.banned"
RULE_NORM = "list.norm"
RULE_ORDER = "list.leader_order"
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
        if entry.kind == "norm":
            rule = RULE_NORM
            default = f"规范提法应为“{entry.suggestion}”" if entry.suggestion else f"“{entry.phrase}”不是规范提法"
        else:
            rule = RULE_BANNED
            default = f"“{entry.phrase}”在禁用或慎用表述清单中"
        message = entry.message or default
        if entry.source:
            message += f"（依据：{entry.source}）"
        yield ctx.finding(rule, match.start(), match.end(), message, entry.suggestion, entry.severity)


def _leaders(ctx: Context) -> Iterator[Finding]:
    leaders = ctx.config.leaders
    if not leaders:
        return
    yield from _order(ctx)
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


# What may stand between two leaders named in one list: separators and titles.
_LIST_GAP = re.compile(r"^[、，,和及与同以]{1,2}")
_MAX_GAP = 20


def _order(ctx: Context) -> Iterator[Finding]:
    """Leaders named in one list out of the table's order of precedence."""
    text, leaders = ctx.text, ctx.config.leaders
    rank = {leader.name: index for index, leader in enumerate(leaders)}
    pattern = re.compile("|".join(re.escape(name) for name in sorted(rank, key=len, reverse=True)))
    titles = _title_pattern(leaders)
    run: list[re.Match[str]] = []
    for match in pattern.finditer(text):
        if run and not _same_list(text, run[-1].end(), match.start(), titles):
            yield from _run_order(ctx, run, rank, titles)
            run = []
        run.append(match)
    yield from _run_order(ctx, run, rank, titles)


def _same_list(text: str, end: int, start: int, titles: re.Pattern[str]) -> bool:
    gap = text[end:start]
    if len(gap) > _MAX_GAP:
        return False
    separator = _LIST_GAP.match(gap)
    if separator is None:
        return False
    rest = gap[separator.end() :]
    title = titles.search(rest)
    return rest == "" or (title is not None and title.start() == 0 and title.end() == len(rest))


def _run_order(
    ctx: Context, run: list[re.Match[str]], rank: dict[str, int], titles: re.Pattern[str]
) -> Iterator[Finding]:
    if len(run) < 2:
        return
    names = [m.group(0) for m in run]
    ranks = [rank[name] for name in names]
    if ranks == sorted(ranks):
        return
    title = titles.search(ctx.text, max(0, run[0].start() - 16), run[0].start())
    start = title.start() if title is not None and title.end() == run[0].start() else run[0].start()
    expected = "、".join(sorted(names, key=rank.__getitem__))
    message = f"领导排名顺序应为：{expected}（按领导排序表）"
    yield ctx.finding(RULE_ORDER, start, run[-1].end(), message, None, Severity.warning)
