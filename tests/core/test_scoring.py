"""Scoring worked by hand: each example writes out the arithmetic docs/DOMAIN.md's practice implies."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kuaibao.core.scoring import (
    Adoption,
    Instruction,
    InstructionRule,
    MonthlyCount,
    Penalty,
    QuotaRule,
    Records,
    RuleSet,
    RuleSetError,
    item_points,
    score,
    split,
)

D = Decimal

# A county office's rules, inside docs/DOMAIN.md's ranges: county bulletin 1–10 points, city 3–20,
# province 10–30, State Council office 30–50; a city leader's 批示 +5, a province leader's ×2;
# −10 for a missed 约稿 or missing 批示 feedback, −20 for 迟报/漏报/瞒报; a township must
# submit 8 items a month for its base score of 20.
COUNTY = RuleSet(
    outlets={
        "县": {"全文": D(10), "摘要": D(5), "综合": D(1)},
        "市": {"全文": D(20), "摘要": D(10), "综合": D(3)},
        "省": {"全文": D(30), "综合": D(10)},
        "国务院办公厅": {"全文": D(50), "综合": D(30)},
    },
    instructions={"市领导": InstructionRule(bonus=D(5)), "省领导": InstructionRule(multiplier=D(2))},
    penalties={"约稿逾期": D(10), "批示未反馈": D(10), "迟报": D(20), "漏报": D(20), "瞒报": D(20)},
    quotas={"乡镇": QuotaRule(minimum=8, base=D(20))},
)
CATEGORIES = {"东屯镇": "乡镇", "胙城乡": "乡镇", "商务局": "县直", "财政局": "县直"}


def test_a_month_of_a_county_office() -> None:
    records = Records(
        adoptions=(
            Adoption("A1", ("东屯镇",), "县", "2023-09"),  # 全文 by default: 10
            Adoption("A2", ("东屯镇", "财政局"), "市", "2023-09"),  # 20, split equally: 10 + 10
            Adoption("A3", ("商务局",), "省", "2023-09"),  # 30
            Adoption("A4", ("商务局",), "县", "2023-09", form="摘要"),  # 5
        ),
        instructions=(
            Instruction("A3", "省领导"),  # 30 × 2 = 60
            Instruction("A4", "市领导"),  # 5 + 5 = 10
        ),
        penalties=(
            Penalty("东屯镇", "2023-09", "约稿逾期", "9 月 15 日约稿"),  # −10
            Penalty("商务局", "2023-09", "批示未反馈", "A3"),  # −10
        ),
        counts=(
            MonthlyCount("东屯镇", "2023-09", submitted=9, adopted=2),  # 9 ≥ 8: +20
            MonthlyCount("胙城乡", "2023-09", submitted=5),  # 5 < 8: base forfeited, 0
            MonthlyCount("商务局", "2023-09", submitted=3, adopted=2),  # 县直 has no quota
        ),
        categories=CATEGORIES,
    )
    board = score(records, COUNTY)
    # 商务局: 60 + 10 − 10 = 60; 东屯镇: 10 + 10 − 10 + 20 = 30; 财政局: 10; 胙城乡: 0.
    assert [(s.unit, s.total, s.rank) for s in board.units] == [
        ("商务局", D(60), 1),
        ("东屯镇", D(30), 2),
        ("财政局", D(10), 3),
        ("胙城乡", D(0), 4),
    ]
    dongtun = board.of("东屯镇")
    assert (dongtun.adoption, dongtun.penalty, dongtun.quota, dongtun.adopted_items) == (D(20), D(-10), D(20), 2)
    assert board.of("商务局").adopted_items == 2


def test_every_point_has_a_line_saying_why() -> None:
    records = Records(
        adoptions=(Adoption("A2", ("东屯镇", "财政局"), "市", "2023-09"),),
        penalties=(Penalty("东屯镇", "2023-09", "约稿逾期", "9 月 15 日约稿"),),
        counts=(MonthlyCount("胙城乡", "2023-09", submitted=5),),
        categories={"胙城乡": "乡镇"},
    )
    lines = [(line.unit, line.points, line.reason) for line in score(records, COUNTY).lines]
    assert lines == [
        ("东屯镇", D(10), "信息“A2”：市全文采用，2 个单位联合报送"),
        ("财政局", D(10), "信息“A2”：市全文采用，2 个单位联合报送"),
        ("东屯镇", D(-10), "约稿逾期（9 月 15 日约稿）"),
        ("胙城乡", D(0), "2023-09 报送 5 条，未达定额 8 条，基础分不得"),
    ]


def test_joint_item_split_equally_gives_the_leftover_cent_to_the_lead_unit() -> None:
    # 10 / 3 = 3.333…: each gets 3.33, the lead 10 − 2 × 3.33 = 3.34.
    assert split(D(10), ("东屯镇", "财政局", "商务局"), None) == {"东屯镇": D("3.34"), "财政局": D("3.33"), "商务局": D("3.33")}


def test_joint_item_with_a_lead_share() -> None:
    # 30 points, lead 50%: the lead 15, the other two (30 × 0.5) / 2 = 7.5 each.
    rules = RuleSet(outlets=COUNTY.outlets, lead_share=D("0.5"))
    board = score(Records(adoptions=(Adoption("A", ("东屯镇", "财政局", "商务局"), "省", "2023-09"),)), rules)
    assert [(s.unit, s.total) for s in board.units] == [("东屯镇", D(15)), ("商务局", D("7.5")), ("财政局", D("7.5"))]
    assert [s.rank for s in board.units] == [1, 2, 2]  # a tie shares its rank


def test_two_instructions_on_one_item_sum_or_best() -> None:
    adoption = Adoption("A", ("商务局",), "市", "2023-09")  # 20
    both = (Instruction("A", "省领导"), Instruction("A", "市领导"))
    # sum: the multiplier and the bonus both apply: 20 × 2 + 5 = 45.
    assert item_points([adoption], both, COUNTY) == D(45)
    # max: the best single one: ×2 gives 40, +5 gives 25, so 40.
    best = RuleSet(outlets=COUNTY.outlets, instructions=COUNTY.instructions, instruction_combine="max")
    assert item_points([adoption], both, best) == D(40)


def test_multipliers_do_not_compound() -> None:
    rules = RuleSet(
        outlets=COUNTY.outlets,
        instructions={"市领导": InstructionRule(multiplier=D(2)), "省领导": InstructionRule(multiplier=D(3))},
    )
    # 县全文 10 with ×2 and ×3: the larger multiplier, 10 × 3 = 30 (not 10 × 6 = 60).
    adoption = Adoption("A", ("东屯镇",), "县", "2023-09")
    assert item_points([adoption], [Instruction("A", "市领导"), Instruction("A", "省领导")], rules) == D(30)


def test_one_item_adopted_at_several_levels() -> None:
    adoptions = [Adoption("A", ("东屯镇",), "县", "2023-09"), Adoption("A", ("东屯镇",), "省", "2023-10")]
    # sum: 10 + 30 = 40; max: 30.
    assert item_points(adoptions, [], COUNTY) == D(40)
    assert item_points(adoptions, [], RuleSet(outlets=COUNTY.outlets, adoption_combine="max")) == D(30)
    board = score(Records(adoptions=tuple(adoptions)), COUNTY)
    assert board.of("东屯镇").adopted_items == 1 and board.lines[0].month == "2023-09"


def test_reporting_failures_cost_twenty_each() -> None:
    records = Records(
        penalties=(Penalty("胙城乡", "2023-09", "漏报", "9 月 3 日火情"), Penalty("胙城乡", "2023-09", "迟报")),
    )
    # −20 − 20 = −40.
    assert score(records, COUNTY).of("胙城乡").total == D(-40)


def test_quota_per_missing_item_and_months_without_counts() -> None:
    rules = RuleSet(outlets=COUNTY.outlets, quotas={"乡镇": QuotaRule(minimum=8, base=D(20), per_missing=D(2))})
    records = Records(
        counts=(MonthlyCount("胙城乡", "2023-08", submitted=8), MonthlyCount("胙城乡", "2023-09", submitted=5)),
        categories={"胙城乡": "乡镇"},
        months=("2023-08", "2023-09", "2023-10"),
    )
    # August: 8 ≥ 8, +20. September: 3 short, −3 × 2 = −6. October: no count, so 0 submitted,
    # 8 short, −8 × 2 = −16. Total 20 − 6 − 16 = −2.
    assert score(records, rules).of("胙城乡").quota == D(-2)


def test_quota_on_adopted_items() -> None:
    rules = RuleSet(outlets=COUNTY.outlets, quotas={"乡镇": QuotaRule(minimum=2, base=D(5), counts="adopted")})
    records = Records(counts=(MonthlyCount("东屯镇", "2023-09", submitted=9, adopted=1),), categories={"东屯镇": "乡镇"})
    # 1 adopted < 2: the base 5 is forfeited, nothing deducted.
    assert score(records, rules).of("东屯镇").quota == D(0)


def test_rule_set_reads_back_from_json() -> None:
    text = json.dumps(COUNTY.as_dict(), ensure_ascii=False)
    assert RuleSet.from_dict(json.loads(text)) == COUNTY


def test_rule_set_from_hand_written_json_with_numbers() -> None:
    rules = RuleSet.from_dict(
        {
            "outlets": {"县": {"全文": 8, "摘要": 2.5}},
            "instructions": {"县领导": {"bonus": 2}},
            "lead_share": 0.6,
            "penalties": {"约稿逾期": 10},
            "quotas": {"乡镇": {"minimum": 8, "base": 20}},
        }
    )
    assert rules.outlets["县"]["摘要"] == D("2.5") and rules.lead_share == D("0.6")
    assert rules.quotas["乡镇"] == QuotaRule(8, D(20))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "评分规则格式有误"),
        ({"outlets": {}}, "至少要有一个采用级别"),
        ({"outlets": {"县": {"全文": -1}}}, "不能为负"),
        ({"outlets": {"县": {"全文": "十"}}}, "评分规则格式有误"),
        ({"outlets": {"县": {"全文": 1}}, "lead_share": 2}, "比例"),
        ({"outlets": {"县": {"全文": 1}}, "instructions": {"市领导": {"multiplier": 0.5}}}, "倍数"),
        ({"outlets": {"县": {"全文": 1}}, "penalties": {"漏报": -20}}, "正数"),
        ({"outlets": {"县": {"全文": 1}}, "adoption_combine": "avg"}, "合并方式"),
    ],
)
def test_bad_rule_sets_are_refused_in_one_chinese_line(data: dict[str, object], message: str) -> None:
    with pytest.raises(RuleSetError, match=message) as caught:
        RuleSet.from_dict(data)
    assert "\n" not in caught.value.reason


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (Records(adoptions=(Adoption("A", ("东屯镇",), "乡", "2023-09"),)), "未配置的采用级别：乡"),
        (Records(adoptions=(Adoption("A", ("东屯镇",), "省", "2023-09", form="摘要"),)), "没有“摘要”的分值"),
        (Records(instructions=(Instruction("A", "省领导"),)), "没有采用记录"),
        (Records(penalties=(Penalty("东屯镇", "2023-09", "错报"),)), "未配置的扣分项：错报"),
        (Records(adoptions=(Adoption("A", (), "县", "2023-09"),)), "没有报送单位"),
        (
            Records(adoptions=(Adoption("A", ("东屯镇",), "县", "2023-09"), Adoption("A", ("财政局",), "市", "2023-09"))),
            "不一致",
        ),
    ],
)
def test_records_the_rules_cannot_score_are_refused(records: Records, message: str) -> None:
    with pytest.raises(RuleSetError, match=message):
        score(records, COUNTY)


def test_no_records_no_units() -> None:
    assert score(Records(), COUNTY).units == ()
