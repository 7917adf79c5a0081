"""The grams of the SQLite bitmap index: a term found through them is exactly a substring."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core import search
from kuaibao.core.search import bm25, item_grams, normalize, phrase_triples

ALPHABET = "县镇秸秆税收惠农电商aA9%。 ，"


def found(title: str, body: str, term: str) -> bool:
    """The SQLite engine's rule, on one item: doc-level grams up to three characters, a
    positional join of `phrase_triples` beyond (title or body)."""
    grams = item_grams(title, body)
    if len(term) <= 3:
        return term in grams.grams()
    return joined(grams.positions(), "p", term)


def joined(positions: dict[str, list[int]], kind: str, term: str) -> bool:
    """Whether the positional grams of `kind` hold every triple of the term at its offset."""
    triples = phrase_triples(term)
    starts = set(positions.get(kind + triples[0][1], []))
    for offset, triple in triples[1:]:
        starts &= {p - offset for p in positions.get(kind + triple, [])}
    return bool(starts)


@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, max_size=30), st.text(ALPHABET, min_size=1, max_size=6))
def test_grams_find_exactly_the_substrings(title: str, body: str, raw: str) -> None:
    term = normalize(raw)
    if term:
        assert found(title, body, term) == (term in normalize(title) or term in normalize(body))


@given(st.text(ALPHABET, max_size=12), st.text(ALPHABET, min_size=1, max_size=6))
def test_title_grams_find_the_title_substrings(title: str, raw: str) -> None:
    term = normalize(raw)
    if not term:
        return
    grams = item_grams(title, "")
    if len(term) <= 3:
        assert (term in grams.grams(title=True)) == (term in normalize(title))
    else:
        assert joined(grams.positions(), "r", term) == (term in normalize(title))


@given(
    st.text(ALPHABET, min_size=1, max_size=8),
    st.text(ALPHABET, min_size=1, max_size=8),
    st.integers(1, 8),
    st.integers(1, 8),
)
def test_no_term_is_found_across_title_and_body(title: str, body: str, before: int, after: int) -> None:
    """A term made of the title's end and the body's start is in neither field: not found."""
    title, body = normalize(title), normalize(body)
    if title and body:
        term = title[-before:] + body[:after]
        assert found(title, body, term) == (term in title or term in body)


def test_phrase_triples_cover_the_term_with_few_triples() -> None:
    assert phrase_triples("秸秆还田") == [(0, "秸秆还"), (1, "秆还田")]
    assert phrase_triples("秸秆综合利") == [(0, "秸秆综"), (2, "综合利")]
    assert phrase_triples("秸秆综合利用率") == [(0, "秸秆综"), (3, "合利用"), (4, "利用率")]
    for length in range(4, 65):
        offsets = [offset for offset, _ in phrase_triples("字" * length)]
        assert offsets[0] == 0 and offsets[-1] == length - 3
        assert all(0 < b - a <= 3 for a, b in itertools.pairwise(offsets))


def test_triples_never_span_title_and_body() -> None:
    grams = item_grams("秸秆还", "田间综合")
    assert grams.positions() == {"r秸秆还": [0], "p秸秆还": [0], "p田间综": [4], "p间综合": [5]}
    assert grams.grams(title=True) == {"秸", "秆", "还", "秸秆", "秆还", "秸秆还"}
    assert grams.grams() == grams.grams(title=True) | {"田", "间", "综", "合", "田间", "间综", "综合", "田间综", "间综合"}
    # The old pair index's false hit: title 秸秆, body 还田, term 秸秆还田 (pairs at 0 and 2).
    assert not found("秸秆", "还田", "秸秆还田")
    assert not found("秸秆还", "田间综合", "秸秆还田")
    assert not found("秸秆还", "田间综合", "还田间综")


def test_text_past_the_last_position_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not item_grams("秸秆", "综合利用率达到").long
    monkeypatch.setattr(search, "MAX_POSITION", 5)
    grams = item_grams("秸秆", "综合利用率达到")
    assert grams.long and max(p for places in grams.positions().values() for p in places) <= 5


def test_bm25_prefers_title_hits_and_rarer_terms() -> None:
    frequencies = {"秸秆": 10, "县": 900}
    averages = (10.0, 100.0)
    title_hit = bm25((8, 100), (1, 0), ("秸秆",), frequencies, 1000, averages)
    body_hit = bm25((8, 100), (0, 1), ("秸秆",), frequencies, 1000, averages)
    assert title_hit > body_hit > 0
    assert bm25((8, 100), (0, 1), ("秸秆",), frequencies, 1000, averages) > bm25(
        (8, 100), (0, 1), ("县",), frequencies, 1000, averages
    )
    assert bm25((8, 100), (0, 1, 1, 0), ("秸秆", "县"), frequencies, 1000, averages) > body_hit
