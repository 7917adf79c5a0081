"""Highlighting maps hits in the normalised text back to the original characters: the fast
path (one character each) and the general one agree with folding character by character."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core.search import _normalized_with_map, hit_spans, normalize


def reference(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", char).casefold():
            if not piece.isspace():
                out.append(piece)
                origin.append(index)
    return "".join(out), origin


TEXT = st.text(st.sampled_from("县镇秸秆税收ＡａA9１%％。，　 \t\n㎡ß①…") | st.characters(), max_size=40)


@given(TEXT)
def test_the_map_equals_folding_character_by_character(text: str) -> None:
    assert _normalized_with_map(text) == reference(text)


@given(TEXT, st.text(st.sampled_from("秸秆税ａA1%m2ss"), min_size=1, max_size=3))
def test_spans_cover_exactly_the_normalised_hits(text: str, raw: str) -> None:
    term = normalize(raw)
    if not term:
        return
    spans = hit_spans(text, (term,))
    assert bool(spans) == (term in normalize(text))
    for start, end in spans:
        assert term in normalize(text[start:end])


def test_a_spaced_number_is_highlighted_whole() -> None:
    text = "交易额达 21.4 亿元，同比增长 5％"
    assert [text[s:e] for s, e in hit_spans(text, (normalize("21.4亿"), "5%"))] == ["21.4 亿", "5％"]
