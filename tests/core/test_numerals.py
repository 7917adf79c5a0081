from __future__ import annotations

import pytest

from kuaibao.core.numerals import to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43", 43), ("４３", 43), ("四十三", 43), ("十二", 12), ("十", 10), ("一百零五", 105),
        ("二〇二三", 2023), ("二零二三", 2023), ("二十二", 22), ("九", 9), ("两百", 200),
    ],
)  # fmt: skip
def test_reads_arabic_full_width_and_chinese_numerals(text: str, value: int) -> None:
    assert to_int(text) == value


@pytest.mark.parametrize("text", ["", "期", "四十x", "12a"])
def test_rejects_what_is_not_a_number(text: str) -> None:
    assert to_int(text) is None
