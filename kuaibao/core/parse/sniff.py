"""Tell what a file is from its content, never from its name.

Offices' archives hold Word 97 and WPS files, encrypted Office files, spreadsheets, OFD, scanned
PDFs, photos and ZIPs of all of these. `identify` names the kind in the words an editor uses
("Word 97-2003 文档", "OFD 版式文件") and, for a kind no reader takes, says in one line what to do.

- OLE compound files (D0 CF 11 E0): the streams inside tell Word 97 (WordDocument, with the
  FIB's encryption flag), WPS (Kingsoft's application name in the summary), Excel (Workbook),
  PowerPoint, Outlook mail, and encrypted OOXML (EncryptionInfo + EncryptedPackage) apart;
- ZIP: the member names tell DOCX (word/document.xml), OFD (OFD.xml), XLSX, PPTX, ODF text
  and plain archives apart;
- PDF, RTF, images (PNG, JPEG, TIFF, BMP, GIF, WebP), other archives (gzip, 7z, RAR), HTML, and
  text as the fallback.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass

import olefile

__all__ = ["FileKind", "identify"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WPS_APP = re.compile(rb"wps|kingsoft|\xbd\xf0\xc9\xbd", re.IGNORECASE)  # 金山 in GBK
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "png", "PNG 图片"),
    (b"\xff\xd8\xff", "jpeg", "JPEG 图片"),
    (b"II*\x00", "tiff", "TIFF 图片"),
    (b"MM\x00*", "tiff", "TIFF 图片"),
    (b"BM", "bmp", "BMP 图片"),
    (b"GIF87a", "gif", "GIF 图片"),
    (b"GIF89a", "gif", "GIF 图片"),
)
_ARCHIVES = (
    (b"\x1f\x8b", "gzip 压缩文件"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
)
_USE = "快报请用 Word、WPS、PDF、OFD、网页或文本文件导入"
_ENCRYPTED = "这是设有打开密码的 Office 文档（.docx/.xlsx 加密后的形式），请先解除密码再导入"
_UNKNOWN_OLE = "这是无法识别的 Office 复合文档（不是 Word、WPS、Excel 或 PowerPoint 文件）"
_DAMAGED_OLE = "Office 文件（OLE 复合文档）已损坏，无法读取其目录；请用 Word 或 WPS 打开后另存为 .docx"


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file is: a short name for the program (`format`), the editor's word for it
    (`label`), and for a kind no reader takes, `refusal`: one line saying what to do."""

    format: str
    label: str
    refusal: str | None = None

    @property
    def readable(self) -> bool:
        return self.refusal is None


def identify(data: bytes) -> FileKind:
    """The kind of a file's content; never raises."""
    if data.startswith(OLE_MAGIC):
        return _ole(data)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip(data)
    if b"%PDF-" in data[:1024]:  # some producers put a few bytes before the header
        return FileKind("pdf", "PDF 文件")
    if data.startswith(b"{\\rtf"):
        return FileKind("rtf", "RTF 文档")
    for magic, name, label in _IMAGES:
        if data.startswith(magic):
            return FileKind(name, label)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return FileKind("webp", "WebP 图片")
    for magic, label in _ARCHIVES:
        if data.startswith(magic):
            return FileKind("archive", label, f"这是{label}，请解压后逐个导入其中的快报文件")
    from kuaibao.core.parse.html import looks_like_html

    if looks_like_html(data):
        return FileKind("html", "网页")
    return FileKind("text", "文本文件")


# --- OLE compound files -----------------------------------------------------------------------


def _ole(data: bytes) -> FileKind:
    damaged = FileKind("ole", "Office 复合文档", _DAMAGED_OLE)
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises many kinds of errors on a damaged directory
        return damaged
    try:
        return _ole_kind(ole)
    except Exception:  # a directory that opens but cannot be walked
        return damaged
    finally:
        ole.close()


def _ole_kind(ole: olefile.OleFileIO) -> FileKind:
    streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    if "encryptioninfo" in streams and "encryptedpackage" in streams:
        return FileKind("encrypted-ooxml", "加密的 Office 文档", _ENCRYPTED)
    if "worddocument" in streams:
        return _word97(ole)
    if "workbook" in streams or "book" in streams:
        return FileKind("xls", "Excel 97-2003 表格（.xls）", f"这是 Excel 表格（.xls），不是快报；{_USE}")
    if "powerpoint document" in streams:
        return FileKind("ppt", "PowerPoint 97-2003 演示文稿（.ppt）", "这是 PowerPoint 演示文稿（.ppt），不是快报")
    if any(name.startswith("__substg1.0_") for name in streams):
        return FileKind("msg", "Outlook 邮件（.msg）", "这是 Outlook 邮件（.msg），请把其中的快报附件另存后导入")
    if "matost" in streams or "contents" in streams:
        return FileKind("works", "Microsoft Works 文档")
    return FileKind("ole", "未知的 OLE 复合文档", _UNKNOWN_OLE)


def _word97(ole: olefile.OleFileIO) -> FileKind:
    stream = ole.openstream("WordDocument")
    fib = stream.read(0x20)
    wps = _written_by_wps(ole)
    label = "WPS 文字文档（.wps）" if wps else "Word 97-2003 文档（.doc）"
    if len(fib) >= 0x0C:
        ident, nfib = struct.unpack_from("<HH", fib, 0)
        (flags,) = struct.unpack_from("<H", fib, 0x0A)
        if flags & 0x0100:  # fEncrypted
            return FileKind("doc-encrypted", label, f"这是设有打开密码的{label}，请先解除密码再导入")
        if ident == 0xA5EC and nfib < 0x00C1 and not wps:
            return FileKind("doc", "Word 6.0/95 文档（.doc）")
    return FileKind("wps" if wps else "doc", label)


def _written_by_wps(ole: olefile.OleFileIO) -> bool:
    """Kingsoft WPS writes its name as the creating application in the summary."""
    try:
        if not ole.exists("\x05SummaryInformation"):
            return False
        app = ole.getproperties("\x05SummaryInformation").get(0x12)
    except Exception:  # a damaged property set says nothing about the writer
        return False
    if isinstance(app, str):
        app = app.encode("utf-8", "ignore")
    return isinstance(app, bytes) and bool(_WPS_APP.search(app))


# --- ZIP packages ------------------------------------------------------------------------------


def _zip(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return FileKind("docx", "Word 文档或压缩包")  # the DOCX reader says what is broken
    lower = {name.lower().lstrip("/") for name in names}
    if "word/document.xml" in lower or any(n.startswith("word/") for n in lower):
        return FileKind("docx", "Word 文档（.docx）")
    if "ofd.xml" in lower:
        return FileKind("ofd", "OFD 版式文件")
    if "xl/workbook.xml" in lower:
        return FileKind("xlsx", "Excel 表格（.xlsx）", f"这是 Excel 表格（.xlsx），不是快报；{_USE}")
    if "ppt/presentation.xml" in lower:
        return FileKind("pptx", "PowerPoint 演示文稿（.pptx）", "这是 PowerPoint 演示文稿（.pptx），不是快报")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return FileKind("odt", "OpenDocument 文本（.odt）")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return FileKind("odf", "OpenDocument 文件", "这是 OpenDocument 表格或演示文稿，不是快报")
    if "[content_types].xml" in lower:
        return FileKind("ooxml", "Office 文档", "这是 Office 文档，但不是 Word、Excel 或 PowerPoint 文件，无法导入")
    return FileKind(
        "zip", "ZIP 压缩包", "这是 ZIP 压缩包，请解压后导入其中的文件（网页“导入”页面可以直接上传 ZIP 压缩包）"
    )
