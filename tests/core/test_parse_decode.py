from __future__ import annotations

import pytest

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse.decode import decode

TEXT = "延津政务快报\n第 41 期\n县商务局依托特色产业引领电商行业促消费助振兴。"


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
        ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32"),
    ],
)  # fmt: skip
def test_every_office_encoding(encoding: str, label: str) -> None:
    assert decode(TEXT.encode(encoding)) == (TEXT, label)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "为空"),
        (b"   \n\t ", "为空"),
        (bytes(range(256)) * 20, "二进制"),
        (b"\x00\x01\x02\x03" * 500, "二进制"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "二进制"),
    ],
)
def test_refuses_what_is_not_text(data: bytes, fragment: str) -> None:
    with pytest.raises(UnreadableInput, match=fragment):
        decode(data)
