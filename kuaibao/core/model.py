"""The bulletin domain model: an issue of a 政务快报 as structured data.

Everything in the core speaks these immutable types; importers build them and renderers read
them. Nothing here knows about files, databases or Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with its inline emphasis (bold lead-ins, bold phrases)."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of an item, as a sequence of spans."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @classmethod
    def plain(cls, text: str) -> Paragraph:
        return cls((Span(text),))


@dataclass(frozen=True, slots=True)
class Item:
    """信息: one news item: a lead-in title, body paragraphs and the units credited for it."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    units: tuple[str, ...] = ()
    section: str | None = None

    @property
    def body(self) -> str:
        """The body as one string; paragraphs are joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class DistributionLine:
    """One line of the tail's distribution: 本期发 / 送 / 报 / 抄送 and its recipients."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Staff:
    """The sign-off line: 责任编辑 (editor), 审核 (reviewer), 签发 (signer), and any others."""

    editor: str | None = None
    reviewer: str | None = None
    signer: str | None = None
    others: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        named = {"责任编辑": self.editor, "审核": self.reviewer, "签发": self.signer}
        out = {label: name for label, name in named.items() if name}
        out.update(dict(self.others))
        return out


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """A repair the importer made or a doubt it has, with where in the source it arose."""

    code: str
    message: str
    line: int | None = None
    page: int | None = None

    def place(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        return "，".join(parts) or "全文"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a bulletin came from: file name, content hash, format, encoding and warnings."""

    source_name: str
    sha256: str
    format: str
    encoding: str | None = None
    warnings: tuple[ImportWarning, ...] = ()


# 密级 as GB/T 9704-2012 7.2.2 names them, lowest first.
CLASSIFICATIONS = ("秘密", "机密", "绝密")
INTERNAL_NOTICE = "内部资料　注意保存"


@dataclass(frozen=True, slots=True)
class Marks:
    """The marks a restricted 简报 carries above its masthead: 密级 and 保密期限 at the top left
    ("秘密★1年"), the serial 编号 at the top right, and the 内部资料 注意保存 notice."""

    classification: str | None = None
    secrecy_period: str | None = None
    serial: str | None = None
    internal: bool = False

    def __bool__(self) -> bool:
        return bool(self.classification or self.serial or self.internal)

    @property
    def classification_text(self) -> str | None:
        """密级 and 保密期限 as printed: 秘密★1年, or 秘密 alone (GB/T 9704: joined by ★)."""
        if not self.classification:
            return None
        return f"{self.classification}★{self.secrecy_period}" if self.secrecy_period else self.classification

    @property
    def serial_text(self) -> str | None:
        return f"编号：{self.serial}" if self.serial else None

    @property
    def left_lines(self) -> tuple[str, ...]:
        """The lines at the top left, first to last: the 密级, then the 内部资料 notice."""
        lines = [self.classification_text] if self.classification_text else []
        if self.internal:
            lines.append(INTERNAL_NOTICE)
        return tuple(lines)


@dataclass(frozen=True, slots=True)
class Bulletin:
    """期: one issue of a bulletin, from masthead (报头) to tail (报尾)."""

    title: str
    issue: int
    date: dt.date
    publisher: str
    items: tuple[Item, ...]
    distribution: tuple[DistributionLine, ...] = ()
    staff: Staff = field(default_factory=Staff)
    supplement: bool = False
    total_issue: int | None = None
    copies: int | None = None
    provenance: Provenance | None = None
    marks: Marks = field(default_factory=Marks)
    # The fonts the office's machines have (kuaibao.core.render.official.PROFILES); a layout
    # choice of the bulletin's, not part of what the issue says.
    font_profile: str = field(default="gb2312", compare=False)

    @property
    def sections(self) -> tuple[str, ...]:
        """Section names (栏目) in order of first appearance."""
        seen: dict[str, None] = {}
        for item in self.items:
            if item.section is not None:
                seen.setdefault(item.section, None)
        return tuple(seen)

    @property
    def distribution_text(self) -> str | None:
        """The recipients after 本期发, or after the first distribution label there is."""
        for line in self.distribution:
            if line.label in ("本期发", "发"):
                return line.text
        return self.distribution[0].text if self.distribution else None

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        return self.provenance.warnings if self.provenance else ()
