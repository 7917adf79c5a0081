"""Ranges: the mark between numbers (GB/T 15834) and the unit each end keeps (GB/T 15835)."""

from __future__ import annotations

import pytest

from tests.core.proof.helpers import found


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [
        ("常年种植优质麦达到4万-5万亩。", "4万-5万", "4万～5万"),
        ("储备编织袋5-8个。", "5-8", "5～8"),
        ("每组3~5人。", "3~5", "3～5"),
        ("常年种植4-5万亩。", "4-5万", "4万～5万"),
        ("1-4 月，全县收入增长。", "1-4", "1—4"),
        ("2023－2025年规划。", "2023－2025", "2023—2025"),
    ],
)
def test_reports_wrong_range_mark(text: str, shown: str, fixed: str) -> None:
    assert found(text) == [("punct.range", shown, fixed)]


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [
        ("占比15～30%。", "15～30%", "15%～30%"),
        ("投资9—16亿元。", "9—16亿", "9亿—16亿"),
        ("3至5万元。", "3至5万", "3万至5万"),
    ],
)
def test_reports_range_that_drops_a_needed_unit(text: str, shown: str, fixed: str) -> None:
    assert found(text) == [("number.range_unit", shown, fixed)]


@pytest.mark.parametrize(
    "text",
    [
        "种植面积4万～5万亩。",
        "占比15%～30%。",
        "100—150kg。",
        "2023-09-08 召开。",
        "电话0373-7211234，",
        "GB/T 15834-2011 规定。",
        "1—4月，全县收入增长。",
        "2011年2月3日—10日。",
    ],
)
def test_leaves_right_ranges_dates_and_codes_alone(text: str) -> None:
    assert found(text) == []
