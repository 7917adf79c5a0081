"""The common currency of the importers: paragraph-like blocks before structure is known.

Each format reader (plain text and Markdown, DOCX, PDF, HTML) turns its source into a list of
`Block`s and a list of warnings; `structure.build_bulletin` turns blocks into a `Bulletin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kuaibao.core.model import ImportWarning, Span


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a source document.

    `spans` hold the text with its emphasis; a hard line break inside the paragraph (a title on
    a line of its own, an attribution on the next line) is a "\\n" inside the text.
    """

    spans: tuple[Span, ...]
    line: int | None = None
    page: int | None = None
    heading: int = 0
    rule: bool = False
    page_break_before: bool = False

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @classmethod
    def plain(cls, text: str, **kwargs: object) -> Block:
        return cls((Span(text),), **kwargs)  # type: ignore[arg-type]


@dataclass(slots=True)
class Reading:
    """What a format reader produced: blocks, the warnings it raised, the encoding it used."""

    blocks: list[Block]
    warnings: list[ImportWarning] = field(default_factory=list)
    encoding: str | None = None
    format: str = "text"


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of equal emphasis and drop empty ones."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].bold == span.bold:
            out[-1] = Span(out[-1].text + span.text, span.bold)
        else:
            out.append(span)
    return tuple(out)
