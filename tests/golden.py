"""Compare a parsed bulletin with a gold file the way tests/fixtures/CORPUS.md says.

Titles, bodies, distribution and staff names are compared with all whitespace and Markdown
emphasis removed; units and sections exactly; items in document order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kuaibao.core.model import Bulletin
from kuaibao.core.render.json import to_dict

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
CORPUS_NAMES = sorted(p.name.removesuffix(".gold.json") for p in CORPUS.glob("*.gold.json"))

_SPACE = re.compile(r"\s+|\u3000")


def norm(text: str | None) -> str:
    return _SPACE.sub("", (text or "").replace("**", ""))


def load_gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.gold.json").read_text("utf-8"))
    return data


def differences(bulletin: Bulletin | dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Every way the parse differs from the gold file, as readable lines (empty: equal)."""
    got = to_dict(bulletin) if isinstance(bulletin, Bulletin) else bulletin
    out: list[str] = []
    for key in ("issue", "date"):
        if got[key] != gold[key]:
            out.append(f"{key}: {got[key]!r} != {gold[key]!r}")
    for key in ("title", "publisher", "distribution"):
        if norm(got[key]) != norm(gold[key]):
            out.append(f"{key}: {got[key]!r} != {gold[key]!r}")
    got_staff = {k: norm(v) for k, v in got["staff"].items() if k in gold["staff"]}
    if got_staff != {k: norm(v) for k, v in gold["staff"].items()}:
        out.append(f"staff: {got['staff']!r} != {gold['staff']!r}")
    if len(got["items"]) != len(gold["items"]):
        out.append(f"items: {len(got['items'])} != {len(gold['items'])}")
    for index, (item, want) in enumerate(zip(got["items"], gold["items"], strict=False)):
        for key in ("title", "body"):
            if norm(item[key]) != norm(want[key]):
                out.append(f"item {index} {key}: {item[key]!r} != {want[key]!r}")
        for key in ("units", "section"):
            if item[key] != want[key]:
                out.append(f"item {index} {key}: {item[key]!r} != {want[key]!r}")
    return out
