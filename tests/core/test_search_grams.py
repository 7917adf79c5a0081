"""The grams of the SQLite bitmap index: a term found through them is exactly a substring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core import search
from kuaibao.core.search import bm25, item_grams, normalize, phrase_pairs

ALPHABET = "县镇秸秆税收惠农电商aA9%。 ，"


def found(title: str, body: str, term: str) -> bool:
    """The SQLite engine's rule, on one item: doc-level grams up to two characters, a
    positional join of `phrase_pairs` beyond (title or body)."""
    grams = item_grams(title, body)
    if len(term) <= 2:
        return term in grams.grams()
    positions = grams.positions()
    pairs = phrase_pairs(term)
    starts = set(positions.get("p" + pairs[0][1], []))
    for offset, pair in pairs[1:]:
        starts &= {p - offset for p in positions.get("p" + pair, [])}
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
    if len(term) <= 2:
        assert (term in grams.grams(title=True)) == (term in normalize(title))
    else:
        positions = grams.positions()
        pairs = phrase_pairs(term)
        starts = set(positions.get("r" + pairs[0][1], []))
        for offset, pair in pairs[1:]:
            starts &= {p - offset for p in positions.get("r" + pair, [])}
        assert bool(starts) == (term in normalize(title))


def test_phrase_pairs_cover_the_term_with_few_pairs() -> None:
    assert phrase_pairs("秸秆还") == [(0, "秸秆"), (1, "秆还")]
    assert phrase_pairs("秸秆还田") == [(0, "秸秆"), (2, "还田")]
    assert phrase_pairs("秸秆综合利用率") == [(0, "秸秆"), (2, "综合"), (4, "利用"), (5, "用率")]


def test_pairs_never_span_title_and_body() -> None:
    grams = item_grams("秸秆", "还田")
    assert grams.positions() == {"r秸秆": [0], "p秸秆": [0], "p还田": [2]}
    assert grams.grams() == {"秸", "秆", "秸秆", "还", "田", "还田"} and grams.grams(title=True) == {"秸", "秆", "秸秆"}
    assert not found("秸秆", "还田", "秸秆还")


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
