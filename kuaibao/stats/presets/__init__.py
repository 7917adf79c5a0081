"""Scoring rules of real, published 考核办法, as configuration an office can start from: each file
holds the rule set (the JSON `kuaibao.core.scoring.RuleSet` reads), where the 办法 was published,
and the clauses it encodes. tests/stats/test_published_rules.py reproduces examples worked from
each 办法's own clauses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def names() -> list[str]:
    return sorted(path.stem for path in HERE.glob("*.json"))


def load(name: str) -> dict[str, Any]:
    """One preset: name, source, url, office_level, notes and rules."""
    if name not in names():
        raise KeyError(name)
    data: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return data
