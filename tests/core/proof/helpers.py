"""Proofread a snippet and get (rule, text, suggestion) triples, for short assertions."""

from __future__ import annotations

from typing import Any

from kuaibao.core.proof import Proofreader

Found = list[tuple[str, str, str | None]]

_DEFAULT = Proofreader()


def found(text: str, reader: Proofreader | None = None, **kwargs: Any) -> Found:
    findings = (reader or _DEFAULT).check(text, **kwargs)
    return [(f.rule, f.text, f.suggestion) for f in findings]
