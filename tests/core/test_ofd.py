"""The OFD definitions the writer and the reader share: delta arrays and numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuaibao.core.ofd import compress_deltas, expand_deltas, number, page_path, qname

lengths = st.integers(-100_000, 100_000).map(lambda n: n / 1000)


@given(st.lists(st.sampled_from([5.644, 2.8, 0.0, 12.5]) | lengths, max_size=40))
def test_deltas_expand_to_what_was_compressed(values: list[float]) -> None:
    assert expand_deltas(compress_deltas(values)) == [float(number(v)) for v in values]


def test_runs_of_equal_advances_are_abbreviated() -> None:
    assert compress_deltas([5.644] * 27 + [2.8, 2.8]) == "g 27 5.644 2.8 2.8"
    assert expand_deltas("g 3 5.6 1 g 2 0") == [5.6, 5.6, 5.6, 1.0, 0.0, 0.0]


@pytest.mark.parametrize("bad", ["g", "g 3", "g 0 1", "1 x"])
def test_malformed_deltas_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        expand_deltas(bad)


def test_numbers_and_names() -> None:
    assert [number(v) for v in (1.0, 0.1234, -0.0001, 210)] == ["1", "0.123", "0", "210"]
    assert page_path(3) == "Doc_0/Pages/Page_3/Content.xml"
    assert qname("Page") == "{http://www.ofdspec.org/2016}Page"
