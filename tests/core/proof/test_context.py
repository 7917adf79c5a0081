"""Locating a bulletin's parts back in its source text."""

from __future__ import annotations

from kuaibao.core.proof import ProofSource
from kuaibao.core.proof.context import Squeezed, locate
from tests.golden import CORPUS, CORPUS_NAMES


def test_squeezed_text_maps_back_to_source_offsets() -> None:
    text = "**县 商务局**\n\n21.4 亿元"
    squeezed = Squeezed(text)
    assert squeezed.text == "县商务局21.4亿元"
    start = squeezed.find("21.4亿")
    assert text[slice(*squeezed.source_span(start, start + 5))] == "21.4 亿"


def test_every_part_of_the_corpus_is_found_where_it_is_written() -> None:
    for name in CORPUS_NAMES:
        text = (CORPUS / f"{name}.txt").read_text("utf-8")
        bulletin = ProofSource.from_text(name, text).bulletin
        assert bulletin is not None
        layout = locate(text, bulletin)
        assert layout.title and Squeezed.normal(text[slice(*layout.title)]) == bulletin.title
        assert layout.publisher and text[slice(*layout.publisher)] == bulletin.publisher
        assert layout.issue and Squeezed.normal(text[slice(*layout.issue)]) == f"第{bulletin.issue}期"
        assert layout.distribution and Squeezed.normal(text[slice(*layout.distribution)]) == bulletin.distribution_text
        for place in layout.items:
            assert place.title and Squeezed.normal(text[slice(*place.title)]) == place.item.title
            assert [text[slice(*span)].strip() for span in place.units if span] == list(place.item.units)
