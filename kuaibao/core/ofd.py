"""What the OFD writer and reader share: GB/T 33190-2016's namespace, package layout and types.

An OFD is a ZIP package. ``OFD.xml`` (the entry) names each document's root with DocRoot;
kuaibao writes one document, ``Doc_0/Document.xml``, whose pages are ``Doc_0/Pages/Page_N/
Content.xml`` and whose resources are ``Doc_0/PublicRes.xml`` (fonts, colour spaces) and
``Doc_0/DocumentRes.xml`` (embedded font files under ``Doc_0/Res/``). Lengths are millimetres,
y grows downwards, and a text's position is its baseline. ST_Array values are numbers separated
by spaces, where DeltaX and DeltaY may abbreviate a run of equal values as ``g N value``.
"""

from __future__ import annotations

import re

__all__ = [
    "DOCUMENT_RES",
    "DOC_ROOT",
    "ENTRY",
    "MM",
    "NAMESPACE",
    "PUBLIC_RES",
    "VERSION",
    "compress_deltas",
    "expand_deltas",
    "number",
    "page_path",
    "qname",
]

NAMESPACE = "http://www.ofdspec.org/2016"
VERSION = "1.0"  # OFD.xml's Version (fixed by the 2016 schema)
ENTRY = "OFD.xml"
DOC_ROOT = "Doc_0/Document.xml"
PUBLIC_RES = "Doc_0/PublicRes.xml"
DOCUMENT_RES = "Doc_0/DocumentRes.xml"
MM = 72 / 25.4  # points per millimetre

_TOKENS = re.compile(r"[\s,]+")


def qname(tag: str) -> str:
    """An element name in the OFD namespace, as lxml spells it: {namespace}tag."""
    return f"{{{NAMESPACE}}}{tag}"


def page_path(index: int) -> str:
    """The content part of page `index` (from 0), relative to the package root."""
    return f"Doc_0/Pages/Page_{index}/Content.xml"


def number(value: float) -> str:
    """A length in millimetres as OFD files write it: at most three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def compress_deltas(values: list[float]) -> str:
    """DeltaX/DeltaY text: runs of three or more equal values as ``g N value``."""
    out: list[str] = []
    index = 0
    while index < len(values):
        text = number(values[index])
        run = index + 1
        while run < len(values) and number(values[run]) == text:
            run += 1
        count = run - index
        if count >= 3:
            out.append(f"g {count} {text}")
        else:
            out.extend([text] * count)
        index = run
    return " ".join(out)


def expand_deltas(text: str) -> list[float]:
    """The values of a DeltaX/DeltaY array, ``g N value`` runs expanded.

    Raises ValueError for anything that is not such an array."""
    tokens = [token for token in _TOKENS.split(text.strip()) if token]
    values: list[float] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "g":
            if index + 2 >= len(tokens):
                raise ValueError(f"DeltaX/DeltaY 中的 g 缺少次数或数值：“{text}”")
            count = int(tokens[index + 1])
            if count < 1:
                raise ValueError(f"DeltaX/DeltaY 中 g 的次数必须为正：“{text}”")
            values.extend([float(tokens[index + 2])] * count)
            index += 3
        else:
            values.append(float(tokens[index]))
            index += 1
    return values
