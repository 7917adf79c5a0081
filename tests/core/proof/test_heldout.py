"""Bulletins written for these tests, not used while building the rules: one with a slip of
almost every kind (第 27 期), one out of sequence with a drifted distribution (第 28 期), and
two clean ones full of constructs that look like slips (第 25、26 期)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.core.proof import Finding, Proofreader, load_path

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["heldout_25", "heldout_26", "heldout_27", "heldout_28"]

EXPECTED: dict[str, list[tuple[str, str, str | None]]] = {
    "heldout_25": [],
    "heldout_26": [],
    "heldout_27": [
        ("repeat.char", "积极极", "积极"),
        ("number.future_date", "截至10月底", None),
        ("punct.unpaired", "“", None),
        ("wording.confusion", "截止", "截至"),
        ("number.approx_conflict", "约200余", "200余"),
        ("number.odd_approx", "1983 余", "1983"),
        ("number.fullwidth", "２０", "20"),
        ("unit.attribution", "市场监督管管理局", "市场监督管理局"),
        ("punct.halfwidth", ",", "，"),
        ("punct.range", "5-8", "5～8"),
    ],
    "heldout_28": [
        ("issue.sequence", "第 28 期", None),
        ("boilerplate.distribution", "县人大常委会正付主任", "县人大常委会正副主任"),
    ],
}


@pytest.fixture(scope="module")
def findings() -> dict[str, list[Finding]]:
    sources = [load_path(FIXTURES / f"{name}.md") for name in NAMES]
    results = Proofreader().check_sources(sources)
    return dict(zip(NAMES, results, strict=True))


@pytest.mark.parametrize("name", NAMES)
def test_heldout_bulletin_gets_exactly_its_slips(name: str, findings: dict[str, list[Finding]]) -> None:
    assert [(f.rule, f.text, f.suggestion) for f in findings[name]] == EXPECTED[name]


def test_sequence_finding_names_the_issue_it_contradicts(findings: dict[str, list[Finding]]) -> None:
    (sequence,) = [f for f in findings["heldout_28"] if f.rule == "issue.sequence"]
    assert "heldout_26" in sequence.message and "2023年8月22日" in sequence.message
