"""Import a bulletin from any archive format: plain text, Markdown, DOCX, PDF, HTML.

`parse_bytes` sniffs the format from the content (not the file name), reads it into blocks with
the matching reader, and recognises the bulletin's structure. Bad input raises
`UnreadableInput` with a one-line reason; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse.blocks import Reading
from kuaibao.core.parse.decode import decode
from kuaibao.core.parse.html import looks_like_html
from kuaibao.core.parse.plain import read_text
from kuaibao.core.parse.structure import build_bulletin

__all__ = ["MAX_BYTES", "UnreadableInput", "parse_bytes", "parse_path", "read_blocks", "read_file", "sniff"]

# Bulletins are a few pages; anything larger is refused before it is read into memory.
MAX_BYTES = int(os.environ.get("KUAIBAO_MAX_FILE_MB", "40")) * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes: pdf, docx, ole, html, or text."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if looks_like_html(data):
        return "html"
    return "text"


def read_blocks(data: bytes) -> Reading:
    """Read a file's content into blocks with the reader its format needs."""
    kind = sniff(data)
    if kind == "pdf":
        from kuaibao.core.parse.pdf import read_pdf

        pdf_reading: Reading = read_pdf(data)
        return pdf_reading
    if kind == "docx":
        from kuaibao.core.parse.docx import read_docx

        docx_reading: Reading = read_docx(data)
        return docx_reading
    if kind == "html":
        from kuaibao.core.parse.html import read_html

        html_reading: Reading = read_html(data)
        return html_reading
    if kind == "ole":
        raise UnreadableInput("这是加密的 Office 文件或旧版 Word（.doc）文件，请先解密或另存为 .docx")
    text, encoding = decode(data)
    return read_text(text, encoding=encoding)


def parse_bytes(data: bytes, name: str = "<bytes>") -> Bulletin:
    """Parse one bulletin from a file's content; `name` is kept in its provenance."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件过大（{len(data) / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）")
    reading = read_blocks(data)
    sha256 = hashlib.sha256(data).hexdigest()
    return build_bulletin(reading, source_name=name, sha256=sha256)


def read_file(path: str | Path) -> bytes:
    """A file's bytes for import; the size is checked before it is read; errors as one line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableInput(f"文件过大（{size / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）")
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableInput("这是一个文件夹，不是文件") from None
    except FileNotFoundError:
        raise UnreadableInput("文件不存在") from None
    except PermissionError:
        raise UnreadableInput("没有读取权限") from None
    except OSError as exc:
        raise UnreadableInput(f"无法读取文件：{exc.strerror or exc}") from None


def parse_path(path: str | Path) -> Bulletin:
    """Parse one bulletin file."""
    return parse_bytes(read_file(path), Path(path).name)
