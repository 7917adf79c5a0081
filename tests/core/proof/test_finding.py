"""Findings: where they point, their JSON shape, and a fingerprint that survives edits elsewhere."""

from __future__ import annotations

import pytest

from kuaibao.core.proof import Proofreader
from kuaibao.core.proof.finding import Severity, TextIndex


def test_place_is_one_based_line_and_column_in_characters() -> None:
    index = TextIndex("第一行\n第二行有错\n", "a.txt")
    finding = index.finding("x.rule", 7, 9, "说明", "改", Severity.warning)
    assert (finding.line, finding.column, finding.text, finding.file) == (2, 4, "有错", "a.txt")


def test_empty_or_outside_span_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        TextIndex("abc").finding("x", 2, 2, "")
    with pytest.raises(ValueError):
        TextIndex("abc").finding("x", 2, 4, "")


def test_json_shape_has_the_documented_keys() -> None:
    finding = TextIndex("县人大大正副主任").finding("repeat.char", 0, 4, "说明", "县人大")
    assert list(finding.as_dict()) == [
        "file", "line", "column", "offset", "text", "rule", "severity", "message", "suggestion", "fingerprint",
    ]  # fmt: skip


def test_fingerprint_survives_edits_elsewhere_and_tells_places_apart() -> None:
    reader = Proofreader()
    first = reader.check("开展排查,建立台账。")
    edited = reader.check("本月以来，全镇开展排查,建立台账。另有补充。")
    other = reader.check("走访企业,收集问题。")
    assert first[0].fingerprint == edited[0].fingerprint
    assert first[0].fingerprint != other[0].fingerprint
