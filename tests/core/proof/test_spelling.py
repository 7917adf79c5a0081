"""The statistical substitution rule with the shipped model, on sentences written for these
tests (the public development set is only read by bench/proof_public.py)."""

from __future__ import annotations

import pytest

from kuaibao.core.proof import Proofreader
from kuaibao.core.proof.spelling import shared_detector

READER = Proofreader()


def spelled(text: str) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in READER.check(text, parse=False) if f.rule.startswith("spell.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农户到银行办理还代款手续，按期归还本息。", ("代", "贷")),
        ("各部门要加块推进重点项目建设。", ("块", "快")),
        ("全县上下齐心协力打羸脱贫攻坚战。", ("羸", "赢")),
        ("确保疫情防控的关健环节落实到位。", ("健", "键")),
    ],
)
def test_finds_the_slip_and_proposes_the_right_character(text: str, expected: tuple[str, str]) -> None:
    assert expected in spelled(text)


@pytest.mark.parametrize(
    "text",
    [
        "县政府召开常务会议，研究部署秋季秸秆禁烧工作。",
        "今年以来，全县累计发放消费券120万元，带动消费1.2亿元。",
        "东屯镇扎实推进人居环境整治，群众满意度持续提升。",
    ],
)
def test_leaves_clean_government_prose_alone(text: str) -> None:
    assert spelled(text) == []


def test_finding_explains_candidate_relation_evidence_and_confidence() -> None:
    (finding,) = [f for f in READER.check("农户到银行办理还代款手续。", parse=False) if f.rule.startswith("spell.")]
    assert finding.rule == "spell.sound"
    for part in ("“代”", "同音字“贷”", "还代款", "还贷款", "把握"):
        assert part in finding.message


def test_model_records_where_its_text_came_from() -> None:
    detector = shared_detector()
    assert detector is not None
    sources = {source["name"] for source in detector.model.meta["sources"]}
    assert {"LawRefBook/Laws", "liuzeyi11/GovernmentWorkReportCorpus", "jieba dict.txt"} <= sources
    assert all(source.get("licence") for source in detector.model.meta["sources"])
