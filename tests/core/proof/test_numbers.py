"""Numbers (GB/T 15835): contradictory and odd approximations, full-width digits, unit names."""

from __future__ import annotations

import pytest

from tests.core.proof.helpers import found


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [
        ("共出动执法人员约200余人次。", "约200余", "200余"),
        ("将近 30 多家企业参加。", "将近 30 多", "30 多"),
        ("大约50人左右。", "大约50人左右"[:-2], None),
        ("超过1万余户。", "超过1万余", "1万余"),
        ("约3个多月。", "约3个多", "3个多"),
    ],
)
def test_reports_contradictory_approximation(text: str, shown: str, fixed: str | None) -> None:
    rules = [f for f in found(text) if f[0] == "number.approx_conflict"]
    assert len(rules) == 1 and rules[0][1].startswith(shown[:3])
    if fixed is not None:
        assert rules[0] == ("number.approx_conflict", shown, fixed)


def test_approximation_with_zuoyou_keeps_yue() -> None:
    assert found("大约50左右。") == [("number.approx_conflict", "大约50左右", "大约50")]


@pytest.mark.parametrize(
    "text", ["节约 30余万元。", "附近 20多家商户。", "约43人次。", "约10.6万元。", "10余场，200余人，4万余份。"]
)
def test_single_approximation_is_fine(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "shown", "fixed"),
    [("组织宣讲活动13余场。", "13余", "13"), ("检查门店 1983 余家。", "1983 余", "1983"), ("走访5多户。", "5多", "5")],
)
def test_reports_approximation_of_an_exact_number(text: str, shown: str, fixed: str) -> None:
    assert found(text) == [("number.odd_approx", shown, fixed)]


def test_odd_approximation_message_offers_the_round_number() -> None:
    from kuaibao.core.proof import Proofreader

    (finding,) = Proofreader().check("检查门店 1983 余家。")
    assert "1980余" in finding.message


@pytest.mark.parametrize("text", ["13余万元", "第13多", "12.5万余元", "20多家", "3个多元化主体"])
def test_round_or_scaled_numbers_take_yu(text: str) -> None:
    assert found(text) == []


def test_reports_full_width_digits() -> None:
    assert found("抽检种子样品２０批次，合格率９９．５%。") == [
        ("number.fullwidth", "２０", "20"),
        ("number.fullwidth", "９９．５", "99.5"),
    ]


def test_reports_unit_name_without_its_metre() -> None:
    assert found("道路户户通需要铺设221970平方；") == [("number.unit_name", "平方", "平方米")]
    assert found("面积15300平方米，1.2万立方米。") == []
