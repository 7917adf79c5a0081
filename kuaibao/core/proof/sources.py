"""Files as proofreading sees them: the text findings point into, and the bulletin in it.

Plain text and Markdown are proofread as decoded, so lines and columns are those of the file.
DOCX and PDF are proofread as their extracted paragraphs, one per line: a finding's line is
the paragraph's number in the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kuaibao.core.errors import UnreadableInput
from kuaibao.core.model import Bulletin
from kuaibao.core.parse import MAX_BYTES, read_blocks, read_file, sniff
from kuaibao.core.parse.decode import decode
from kuaibao.core.parse.plain import read_text
from kuaibao.core.parse.structure import build_bulletin


@dataclass(frozen=True, slots=True)
class ProofSource:
    """A named text to proofread, with its bulletin when it is one."""

    name: str
    text: str
    bulletin: Bulletin | None
    format: str = "text"

    @classmethod
    def from_text(cls, name: str, text: str) -> ProofSource:
        """A text already decoded (an editor's buffer), with the bulletin recognised in it."""
        try:
            bulletin: Bulletin | None = build_bulletin(read_text(text), source_name=name, sha256="")
        except UnreadableInput:
            bulletin = None
        return cls(name=name, text=text, bulletin=bulletin)


def load_bytes(data: bytes, name: str = "<bytes>") -> ProofSource:
    """Read a file's content; raise UnreadableInput when it has no text at all."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件过大（{len(data) / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）")
    kind = sniff(data)
    if kind == "text":
        text, encoding = decode(data)
        reading = read_text(text, encoding=encoding)
    else:
        reading = read_blocks(data)
        text = "\n".join(block.text for block in reading.blocks)
    try:
        bulletin: Bulletin | None = build_bulletin(reading, source_name=name, sha256="")
    except UnreadableInput:
        bulletin = None
    if not text.strip():
        raise UnreadableInput("文件中没有文字")
    return ProofSource(name=name, text=text, bulletin=bulletin, format=kind)


def load_path(path: str | Path) -> ProofSource:
    """Read one file for proofreading, with the importer's one-line reasons for failure."""
    return load_bytes(read_file(path), str(path))
