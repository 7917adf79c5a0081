"""Content sniffing: every kind of file an office archive holds is told apart by its content,
and a kind no reader takes gets one line saying what it is and what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.parse import identify, parse_bytes, sniff

KINDS = Path(__file__).parent.parent / "fixtures" / "kinds"
FORMATS = Path(__file__).parent.parent / "fixtures" / "formats"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["报送单位", "采用条数"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((KINDS / "word97.doc").read_bytes(), "doc"),
        ((KINDS / "word97-password.doc").read_bytes(), "doc-encrypted"),
        ((KINDS / "password.docx").read_bytes(), "encrypted-ooxml"),
        ((KINDS / "document.rtf").read_bytes(), "rtf"),
        ((KINDS / "document.odt").read_bytes(), "odt"),
        ((FORMATS / "000_14293bf241bcd247.docx").read_bytes(), "docx"),
        ((FORMATS / "000_14293bf241bcd247.pdf").read_bytes(), "pdf"),
        (_xlsx(), "xlsx"),
        (_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}), "ofd"),
        (_zip({"ppt/presentation.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}), "pptx"),
        (_zip({"2023/41.docx": b"PK", "2023/42.pdf": b"%PDF-"}), "zip"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpeg"),
        (b"II*\x00" + b"\0" * 20, "tiff"),
        (b"MM\x00*" + b"\0" * 20, "tiff"),
        (b"\x1f\x8b\x08\x00" + b"\0" * 20, "archive"),
        (b"Rar!\x1a\x07\x00" + b"\0" * 20, "archive"),
        ("<!DOCTYPE html><html><body><p>正文</p></body></html>".encode(), "html"),
        ("延津政务快报\n第41期".encode("gb18030"), "text"),
    ],
)
def test_identifies_kind_by_content(data: bytes, expected: str) -> None:
    assert identify(data).format == expected
    assert sniff(data) == expected


def test_extension_does_not_matter() -> None:
    data = (KINDS / "word97.doc").read_bytes()
    assert parse_bytes(data, "41期.docx").provenance.format == "doc"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ((KINDS / "word97-password.doc").read_bytes(), "设有打开密码的Word 97-2003 文档"),
        ((KINDS / "password.docx").read_bytes(), "设有打开密码的 Office 文档"),
        (_xlsx(), "Excel 表格（.xlsx），不是快报"),
        (_zip({"a.txt": b"x"}), "ZIP 压缩包，请解压后导入"),
        (b"\x1f\x8b\x08\x00" + b"\0" * 20, "gzip 压缩文件，请解压"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "Office 文件（OLE 复合文档）已损坏"),
    ],
)
def test_refused_kinds_say_what_they_are_in_one_line(data: bytes, says: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse_bytes(data)
    assert says in caught.value.reason
    assert "\n" not in caught.value.reason
