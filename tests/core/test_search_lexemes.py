"""The lexemes of the PostgreSQL tsvector index: a term is found through them exactly when it is
a substring (checked here on the literal itself; tests/archive/test_search_postgres.py checks
the same on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core import search
from kuaibao.core.search import (
    TS_TITLE,
    normalize,
    ts_any_tag,
    ts_date_range,
    ts_date_tags,
    ts_exact,
    ts_lexemes,
    ts_tags,
    ts_term,
)

# Quotes, backslashes and tsquery operators too: every lexeme is quoted.
ALPHABET = "县镇秸秆税收惠农aA9%。'\\:&|!()<>* ，"
_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'")


def parse(literal: str) -> list[str]:
    """The lexemes of a tsvector or tsquery literal, unquoted as PostgreSQL reads them."""
    assert not re.sub(r"[\s&()!|]", "", _LEXEME.sub("", literal)), literal  # nothing but lexemes
    return [re.sub(r"\\(.)", r"\1", match.group(1).replace("''", "'")) for match in _LEXEME.finditer(literal)]


def grams(text: str) -> set[str]:
    return {text[i : i + size] for size in (1, 2, 3) for i in range(len(text) - size + 1)}


def found(literal: str, term: str, *, title: bool = False) -> bool:
    """`ts_term` (an AND of lexemes) evaluated on a tsvector literal."""
    return set(parse(ts_term(term, title=title))) <= set(parse(literal))


@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=30))
def test_lexemes_are_the_grams_of_each_field_and_of_the_title(title: str, body: str) -> None:
    lexemes = parse(ts_lexemes(title, body))
    assert len(lexemes) == len(set(lexemes))
    norm_title, norm_body = normalize(title), normalize(body)
    assert {lexeme for lexeme in lexemes if TS_TITLE not in lexeme} == grams(norm_title) | grams(norm_body)
    assert {lexeme for lexeme in lexemes if lexeme.endswith(TS_TITLE)} == {g + TS_TITLE for g in grams(norm_title)}
    assert all(lexeme.strip() for lexeme in lexemes)


@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=30), st.text(ALPHABET, min_size=1, max_size=8))
def test_terms_find_every_substring_and_short_terms_nothing_else(title: str, body: str, raw: str) -> None:
    term = normalize(raw)
    if not term:
        return
    literal = ts_lexemes(title, body)
    anywhere, in_title = term in normalize(title) or term in normalize(body), term in normalize(title)
    if ts_exact(term):
        assert found(literal, term) == anywhere and found(literal, term, title=True) == in_title
    else:  # a superset, verified on the text
        assert found(literal, term) >= anywhere and found(literal, term, title=True) >= in_title


def test_terms_never_span_title_and_body() -> None:
    literal = ts_lexemes("县镇秸秆", "税收惠农")
    assert not found(literal, "秆税") and not found(literal, "秸秆税")
    assert found(literal, "秸秆") and found(literal, "秸秆", title=True) and not found(literal, "税收", title=True)


def test_tags_are_apart_from_text() -> None:
    tags = parse(ts_tags("b1 u7"))
    assert tags == [" b1", " u7"] and parse(ts_any_tag(["b1", "u7"])) == tags
    assert not set(tags) & set(parse(ts_lexemes("b1 u7", "b1u7 b1 ")))


def test_queries_quote_every_lexeme() -> None:
    assert ts_term("税") == "'税'"
    assert ts_term("税", title=True) == "'税 '"
    assert ts_term("a'\\") == "'a''\\\\'"
    assert ts_term("秸秆禁烧秸秆禁") == "('秸秆禁' & '秆禁烧' & '禁烧秸' & '烧秸秆')"
    assert ts_term("秸秆禁烧", title=True) == "('秸秆禁 ' & '秆禁烧 ')"


def days_of(tag: str) -> set[dt.date]:
    """The days a date lexeme (y2021, m202103, d20210315) stands for."""
    kind, digits = tag.strip()[0], tag.strip()[1:]
    first = dt.date(int(digits[:4]), int(digits[4:6] or 1), int(digits[6:] or 1))
    last = {"y": first.replace(month=12, day=31), "d": first}.get(kind)
    if last is None:  # a month
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}


@given(st.dates(dt.date(2019, 11, 1), dt.date(2023, 2, 28)), st.dates(dt.date(2019, 11, 1), dt.date(2023, 2, 28)))
def test_a_date_range_is_the_days_it_covers(start: dt.date, end: dt.date) -> None:
    tags = parse(ts_date_range(start, end))
    assert set().union(*map(days_of, tags)) == {start + dt.timedelta(days=n) for n in range((end - start).days + 1)}
    assert sum(len(days_of(tag)) for tag in tags) == max(0, (end - start).days + 1)  # no day twice
    assert len(tags) <= (end.year - start.year + 1) + 2 * 11 + 2 * 30


def test_an_item_has_the_tags_of_its_date() -> None:
    assert parse(ts_date_tags(dt.date(2021, 3, 5))) == [" y2021", " m202103", " d20210305"]


def test_text_with_more_grams_than_a_tsvector_holds_gets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ts_lexemes("县", "税收" * 100_000) is not None  # few distinct grams
    monkeypatch.setattr(search, "TS_MAX_BYTES", 40)
    assert ts_lexemes("县镇", "秸秆") is not None  # 9 lexemes, 39 bytes
    assert ts_lexemes("县镇", "秸秆税") is None
