"""Boilerplate drift: defaults, other issues, and evidence beating a majority."""

from __future__ import annotations

import datetime as dt

from kuaibao.core.proof import Boilerplate, IssueRecord, ProofConfig, Proofreader
from kuaibao.core.proof.boilerplate import decide
from tests.core.proof.helpers import found

RIGHT = "县委常委，县人大正副主任，副县长，县政协正副主席。"
SLIP = "县委常委，县人大大正副主任，副县长，县政协正副主席。"


def issue(distribution: str, publisher: str = "延津县人民政府办公室") -> str:
    return (
        f"延津政务快报\n\n第 5 期\n\n{publisher}\n\n2023 年 9 月 8 日\n\n"
        f"县商务局推动消费 拉动消费10.6万元。（商务局）\n\n本期发：{distribution}\n"
    )


def record(distribution: str, number: int = 1) -> IssueRecord:
    return IssueRecord(
        f"第{number}期", "延津政务快报", number, dt.date(2023, 1, number), "延津县人民政府办公室", distribution
    )


def clean(text: str) -> bool:
    return "大大" not in text


def test_majority_wins_among_clean_wordings() -> None:
    assert decide("甲，乙。", None, ["甲，乙，丙。", "甲，乙，丙。"], clean) is not None
    assert decide("甲，乙，丙。", None, ["甲，乙，丙。", "甲，乙。"], clean) is None


def test_a_wording_with_a_slip_loses_to_a_clean_one_however_often_printed() -> None:
    verdict = decide(SLIP, None, [SLIP, SLIP, RIGHT], clean)
    assert verdict is not None and verdict.wording == RIGHT
    assert decide(RIGHT, None, [SLIP, SLIP, SLIP], clean) is None


def test_saved_default_wins_over_the_majority() -> None:
    verdict = decide("甲，乙，丙。", "甲，乙。", ["甲，乙，丙。"] * 3, clean)
    assert verdict is not None and verdict.source == "保存的默认设置"


def test_dropped_entry_is_shown_where_it_belongs() -> None:
    text = issue("县委常委，副县长，县政协正副主席。")
    others = [record(RIGHT, n) for n in (1, 2)]
    assert found(text, archive=others) == [
        ("boilerplate.distribution", "县委常委，副县长", "县委常委，县人大正副主任，副县长")
    ]


def test_extra_entry_is_deleted_with_its_separator() -> None:
    text = issue("县委常委，县人大正副主任，人武部长，副县长，县政协正副主席。")
    assert found(text, archive=[record(RIGHT, 1), record(RIGHT, 2)]) == [("boilerplate.distribution", "人武部长，", "")]


def test_changed_publisher_against_the_default() -> None:
    reader = Proofreader(ProofConfig(defaults=Boilerplate(publisher="延津县人民政府办公室")))
    assert found(issue(RIGHT, "延津县人民政府办"), reader) == [
        ("boilerplate.publisher", "延津县人民政府办", "延津县人民政府办公室")
    ]


def test_issue_with_the_slip_is_told_the_clean_wording_and_has_its_slip_found() -> None:
    text = issue(SLIP)
    results = found(text, archive=[record(SLIP, 1), record(SLIP, 2), record(RIGHT, 3)])
    assert ("boilerplate.distribution", "县人大大正副主任", "县人大正副主任") in results
    assert all(rule != "repeat.char" for rule, _, _ in results)  # implied by the drift finding


def test_nothing_to_compare_with_reports_nothing() -> None:
    assert found(issue(RIGHT)) == []


def test_slipped_issues_vote_for_the_wording_they_meant() -> None:
    # Two issues printed 县人大大 (meaning 县人大), one printed 县人大 cleanly: the drifted
    # 县政协 of this issue no longer ties with the clean variant printed once.
    drifted, right, slipped = "县委常委，县政协正副主席。", "县委常委，县人大正副主任。", "县委常委，县人大大正副主任。"

    def meant(wording: str) -> str:
        return wording.replace("人大大", "人大")

    assert decide(drifted, None, [right, slipped, slipped], clean) is None  # a tie, before
    verdict = decide(drifted, None, [right, slipped, slipped], clean, meant)
    assert verdict is not None and verdict.wording == right and "3 期" in verdict.source


def test_drift_is_found_when_the_other_issues_printed_a_slip_of_the_right_wording() -> None:
    drifted = "县委常委，县人大正副主任，副县长，县政协正副主任。"
    archive = [record(RIGHT, 1), record(SLIP, 2), record(SLIP, 3)]
    assert found(issue(drifted), archive=archive) == [("boilerplate.distribution", "县政协正副主任。", "县政协正副主席。")]
