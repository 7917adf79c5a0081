"""The engine: rule families together, disabled rules, implied findings, several issues."""

from __future__ import annotations

import datetime as dt

from kuaibao.core.proof import ProofConfig, Proofreader, ProofSource
from kuaibao.core.proof.engine import _tidy
from kuaibao.core.proof.finding import TextIndex
from tests.core.proof.helpers import found


def test_findings_come_sorted_by_place() -> None:
    offsets = [f.offset for f in Proofreader().check("完成整改，，约200余人,积极极探索。")]
    assert offsets == sorted(offsets) and len(offsets) == 4


def test_disabled_rules_and_families_are_skipped() -> None:
    reader = Proofreader(ProofConfig(disabled=frozenset({"punct", "number.odd_approx"})))
    assert found("完成整改，，开展13余场,积极极探索。", reader) == [("repeat.char", "积极极", "积极")]


def test_a_finding_implied_by_a_wider_one_is_dropped() -> None:
    index = TextIndex("（政务服务和大数数据管理局）")
    wide = index.finding("unit.attribution", 1, 13, "", "政务服务和大数据管理局")
    narrow = index.finding("repeat.char", 6, 10, "", "大数据")
    other = index.finding("punct.x", 6, 10, "", "别的")
    assert _tidy([narrow, wide, other]) == [wide, other]


def test_plain_text_gets_date_rules_when_given_the_issue_date() -> None:
    assert found("截至10月底，完成投资。", issue_date=dt.date(2023, 8, 29))[0][0] == "number.future_date"


def test_check_sources_compares_each_issue_with_the_others() -> None:
    def issue(number: int, day: int, distribution: str) -> ProofSource:
        text = (
            f"延津政务快报\n\n第 {number} 期\n\n延津县人民政府办公室\n\n2023 年 9 月 {day} 日\n\n"
            f"县商务局推动消费 拉动消费10.6万元。（商务局）\n\n本期发：{distribution}\n"
        )
        return ProofSource.from_text(f"{number}.txt", text)

    sources = [issue(1, 1, "甲，乙，丙。"), issue(2, 8, "甲，乙，丙。"), issue(3, 15, "甲，丙。")]
    results = Proofreader().check_sources(sources)
    assert [len(r) for r in results] == [0, 0, 1]
    assert results[2][0].rule == "boilerplate.distribution" and results[2][0].file == "3.txt"


def test_text_that_is_not_a_bulletin_gets_no_structure_rules() -> None:
    assert found("（大数数据管理局）") == [("repeat.char", "大数数据", "大数据")]
