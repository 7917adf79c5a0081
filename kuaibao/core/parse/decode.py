"""Turn the bytes of a text file into text, in any encoding Chinese offices use.

Tried in order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16 without a mark (recognised by
its zero bytes), strict UTF-8, GB18030 (a superset of GBK and GB2312), Big5. Text that decodes
but is mostly control characters is binary, not a bulletin.
"""

from __future__ import annotations

import codecs
import re

from kuaibao.core.errors import UnreadableInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise UnreadableInput saying why."""
    if not data.strip():
        raise UnreadableInput("文件为空")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding), encoding, data), encoding
    if b"\x00" in data[:4096]:
        encoding = _utf16_without_bom(data)
        text = _strict(data, encoding)
        return _checked(text, encoding, data), encoding
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(text, encoding, data), encoding
    raise UnreadableInput("无法识别文本编码（不是 UTF-8、GB18030/GBK、UTF-16 或 Big5），可能是二进制文件")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"按 {encoding} 解码失败（第 {exc.start} 字节），文件可能已损坏") from None


def _utf16_without_bom(data: bytes) -> str:
    """Pick the UTF-16 byte order whose text looks like Chinese prose; else it is binary."""
    sample = data[: 8192 - 8192 % 2]
    best, best_score = "", 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")
        score = sum(1 for ch in text if _plausible(ch)) / max(1, len(text))
        if score > best_score:
            best, best_score = encoding, score
    if best_score < 0.9:
        raise UnreadableInput("文件含有空字节，既不是 UTF-16 文本也不是其他文本，可能是二进制文件")
    return best


def _plausible(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code < 0x7F
        or char in "\n\r\t\f"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2010 <= code <= 0x2027
    )


def _checked(text: str, encoding: str, data: bytes) -> str:
    """Reject text that decoded but is not text: control characters, private-use junk."""
    sample = text[:20000]
    if not sample.strip():
        raise UnreadableInput("文件为空")
    bad = len(_JUNK.findall(sample))
    if bad > max(8, len(sample) // 50):
        raise UnreadableInput(f"文件不是文本（按 {encoding} 解码后有 {bad} 个控制或无效字符），可能是二进制文件")
    return text


# Control characters other than line ends and tabs, private-use characters, lone surrogates.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff\ufffe\uffff]")
