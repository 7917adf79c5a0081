"""Adapting the language model to the office's archive: counts, storage, and their effect."""

from __future__ import annotations

from kuaibao.core.proof import ProofConfig, Proofreader
from kuaibao.core.proof.adapt import ArchiveCounts


def test_counts_are_characters_pairs_and_triples_of_each_line() -> None:
    counts = ArchiveCounts.of_text("还贷款\n贷款到期")
    assert counts.get(["贷", "贷款", "还贷款", "款到", "款\n"[:1]]).tolist() == [2, 2, 1, 1, 2]
    assert counts.get(["款贷"]).tolist() == [0]  # never across a line break


def test_counts_add_up_and_survive_storage() -> None:
    one, two = ArchiveCounts.of_text("胙城乡开展秸秆禁烧"), ArchiveCounts.of_text("胙城乡召开会议")
    both = ArchiveCounts.from_bytes((one + two).to_bytes())
    assert both.get(["胙城乡", "秸秆", "召开"]).tolist() == [2, 1, 1]


def test_the_office_usage_silences_a_false_alarm() -> None:
    text = "切实增强大家禁毒、拒毒、防毒的意识。"
    spelled = [f.text for f in Proofreader().check(text, parse=False) if f.rule.startswith("spell.")]
    assert spelled == ["拒"]  # the shipped model alone proposes 剧毒
    archive = ArchiveCounts.of_text("开展禁毒、拒毒、防毒宣传\n" * 3)
    adapted = Proofreader(ProofConfig(adaptation=archive)).check(text, parse=False)
    assert [f for f in adapted if f.rule.startswith("spell.")] == []


def test_one_occurrence_does_not_hide_a_real_slip() -> None:
    archive = ArchiveCounts.of_text("农户还代款\n")
    found = Proofreader(ProofConfig(adaptation=archive)).check("农户到银行办理还代款手续。", parse=False)
    assert ("代", "贷") in [(f.text, f.suggestion) for f in found]
