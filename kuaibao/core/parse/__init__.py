"""Import a bulletin from any archive format: plain text, Markdown, DOCX, PDF (with a text
layer or scanned), HTML, Word 97 and WPS, RTF and ODT (through LibreOffice), OFD, and images.

`parse_bytes` tells the format from the content (not the file name, see `sniff`), reads it into
blocks with the matching reader, and recognises the bulletin's structure. Bad input raises
`UnreadableInput` with a one-line reason; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse.blocks import Reading
from kuaibao.core.parse.decode import decode
from kuaibao.core.parse.limits import check_text
from kuaibao.core.parse.plain import read_text
from kuaibao.core.parse.sniff import FileKind, identify
from kuaibao.core.parse.structure import build_bulletin

__all__ = [
    "MAX_BYTES",
    "FileKind",
    "UnreadableInput",
    "identify",
    "parse_bytes",
    "parse_path",
    "read_blocks",
    "read_file",
    "sniff",
]

# Bulletins are a few pages; anything larger is refused before it is read into memory.
MAX_BYTES = int(os.environ.get("KUAIBAO_MAX_FILE_MB", "40")) * 1024 * 1024

# Formats read by converting them in LibreOffice, and images read by text recognition.
OFFICE_FORMATS = frozenset({"doc", "wps", "rtf", "odt", "works"})
IMAGE_FORMATS = frozenset({"png", "jpeg", "tiff", "bmp", "gif", "webp"})
# Readings whose text came from recognition.
SCAN_FORMATS = frozenset({"pdf-scan", "ofd-scan", "image"})


def sniff(data: bytes) -> str:
    """The format of a file from its content: pdf, docx, ofd, doc, wps, png, html, text, …
    (see `sniff.identify` for every kind)."""
    return identify(data).format


def read_blocks(data: bytes) -> Reading:
    """Read a file's content into blocks with the reader its format needs."""
    kind = identify(data)
    if kind.refusal is not None:
        raise UnreadableInput(kind.refusal)
    reading: Reading
    if kind.format == "pdf":
        from kuaibao.core.parse.pdf import read_pdf

        reading = read_pdf(data)
    elif kind.format == "docx":
        from kuaibao.core.parse.docx import read_docx

        reading = read_docx(data)
    elif kind.format == "html":
        from kuaibao.core.parse.html import read_html

        reading = read_html(data)
    elif kind.format == "ofd":
        from kuaibao.core.parse.ofd import read_ofd

        reading = read_ofd(data)
    elif kind.format in IMAGE_FORMATS:
        from kuaibao.core.parse.ocr import read_image

        reading = read_image(data)
    elif kind.format in OFFICE_FORMATS:
        from kuaibao.core.parse.office import read_office

        reading = read_office(data, kind.format)
    elif kind.format != "text":
        raise UnreadableInput(f"这是{kind.label}，无法导入")
    else:
        text, encoding = decode(data)
        check_text(len(text))
        reading = read_text(text, encoding=encoding)
    check_text(sum(len(block.text) for block in reading.blocks))
    return reading


def parse_bytes(data: bytes, name: str = "<bytes>", *, names: Iterable[str] = ()) -> Bulletin:
    """Parse one bulletin from a file's content; `name` is kept in its provenance. `names`: the
    office's units and places, put back in recognised text where the recogniser cannot write
    one of their characters (胙城乡)."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件过大（{len(data) / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）")
    reading = read_blocks(data)
    if names and reading.format in SCAN_FORMATS:
        from kuaibao.core.parse.ocr import restore_names

        restore_names(reading, names)
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


def parse_path(path: str | Path, *, names: Iterable[str] = ()) -> Bulletin:
    """Parse one bulletin file (`names` as for `parse_bytes`)."""
    return parse_bytes(read_file(path), Path(path).name, names=names)
