"""Unit names against the directory and the archive, and attributions against titles."""

from __future__ import annotations

import datetime as dt

import pytest

from kuaibao.core.proof import IssueRecord, ProofConfig, Proofreader
from kuaibao.core.proof.units import near_miss, variants
from tests.core.proof.helpers import found

DIRECTORY = ("县机关事务管理局", "县商务局", "县政务服务和大数据管理局", "县人民政府", "东屯镇")
READER = Proofreader(ProofConfig(units=DIRECTORY))


def bulletin(items: str, *, issue: int = 5) -> str:
    return (
        f"延津政务快报\n\n第 {issue} 期\n\n延津县人民政府办公室\n\n2023 年 9 月 8 日\n\n{items}\n\n本期发：县委常委。\n"
    )


@pytest.mark.parametrize(
    ("written", "known", "expected"),
    [
        ("政务服务和大数数据管理局", "政务服务和大数据管理局", True),
        ("机关事物管理局", "机关事务管理局", True),
        ("县商务局局", "县商务局", True),
        ("县务商局", "县商务局", True),
        ("机关事管理局", "机关事务管理局", True),
        ("县财务局", "县商务局", False),
        ("县人民政府办", "县人民政府", False),
        ("市商务局", "县商务局", False),
        ("商务", "商务局", False),
    ],
)
def test_near_miss_is_one_typing_slip_inside_the_name(written: str, known: str, expected: bool) -> None:
    assert near_miss(written, known) is expected


def test_variants_add_and_drop_the_county_prefix() -> None:
    assert variants("商务局") == {"商务局", "县商务局"}
    assert variants("县商务局") == {"商务局", "县商务局"}


def test_attribution_that_misses_the_title_by_one_slip() -> None:
    text = bulletin("县政务服务和大数据管理局推进“好差评” 办理评件26363条。（政务服务和大数数据管理局）")
    assert found(text) == [("unit.attribution", "政务服务和大数数据管理局", "政务服务和大数据管理局")]


def test_name_in_the_text_against_the_directory() -> None:
    text = "县机关事物管理局组织开展节能宣传。"
    assert found(text, READER) == [("unit.name", "县机关事物管理局", "县机关事务管理局")]


def test_attribution_against_the_directory() -> None:
    text = bulletin("东屯镇狠抓项目建设 完成投资350万元。（东屯屯镇）")
    assert ("unit.attribution", "东屯屯镇", "东屯镇") in found(text, READER)


def test_unknown_attribution_is_a_hint_only_with_a_directory() -> None:
    text = bulletin("县信访局化解矛盾纠纷 化解15起。（信访局）")
    assert found(text, READER) == [("unit.unknown", "信访局", None)]
    assert found(text) == []


def test_attribution_naming_another_unit_than_the_title() -> None:
    text = bulletin("县商务局推动消费 拉动消费10.6万元。（东屯镇）")
    (finding,) = READER.check(text)
    assert (finding.rule, finding.text, finding.severity.value) == ("unit.attribution", "东屯镇", "warning")


def test_title_misspelt_with_a_right_attribution_blames_the_title() -> None:
    text = bulletin("县商物局推动消费 拉动消费10.6万元。（商务局）")
    assert found(text, READER) == [("unit.name", "县商物局", "县商务局")]


def test_unit_name_followed_by_a_word_that_starts_alike() -> None:
    assert found("县商务局局长带队检查。", READER) == []


def test_archive_names_used_in_two_issues_count_as_known() -> None:
    records = [
        IssueRecord(f"第{n}期", "延津政务快报", n, dt.date(2023, 1, n), units=("机关事务管理局",)) for n in (1, 2)
    ]
    assert found("机关事物管理局开展节能宣传。", archive=records) == [("unit.name", "机关事物管理局", "机关事务管理局")]
    # One issue is no evidence for the name; the statistical rule still sees the slip.
    assert [f for f in found("机关事物管理局开展节能宣传。", archive=records[:1]) if f[0].startswith("unit.")] == []


def test_a_slip_copied_into_several_issues_does_not_become_the_norm() -> None:
    records = [
        IssueRecord(f"第{n}期", "延津政务快报", n, dt.date(2023, 1, n), units=("政务服务和大数数据管理局",))
        for n in (1, 2, 3)
    ]
    assert found("县政务服务和大数据管理局开展好差评工作。", archive=records) == []


def test_a_character_slipped_inside_a_known_name_by_sound_or_shape() -> None:
    reader = Proofreader(ProofConfig(units=("县市场监督管理局",)))
    for written in ("县市场监督管里局", "县市场监督管埋局"):
        assert found(f"{written}开展专项检查。", reader) == [("unit.name", written, "县市场监督管理局")]
