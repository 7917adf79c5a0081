"""Three real, published scoring 办法 expressed as configuration (kuaibao/stats/presets/*.json),
each scoring examples worked by hand from its own clauses. None of the three prints a worked
example of its own; the examples below apply each clause as written, and the comment beside
each figure gives the clause and the arithmetic.

- 湖州市人民政府办公室, 全市政务信息工作考核评比办法, 湖政办函〔2018〕9号
  http://m.fl1002.com/rule/81149.html
- 连云港市人民政府办公室, 连云港市政务信息工作考核办法 (三、评分标准)
  http://www.fsou.net/html/text/lar/169838/16983821_1.html
- 广元市人民政府办公室, 2008年度政务信息计分办法
  http://www.fsou.net.cn/html/text/lar/169903/16990368_1.html
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuaibao.core.scoring import Adoption, Instruction, Penalty, Records, RuleSet, score
from kuaibao.stats import presets
from kuaibao.stats.rules import check, summary


def rules(name: str) -> RuleSet:
    return RuleSet.from_dict(presets.load(name)["rules"])


def points(name: str, adoptions: list[Adoption], instructions: list[Instruction] = ()) -> Decimal:  # type: ignore[assignment]
    board = score(Records(adoptions=tuple(adoptions), instructions=tuple(instructions)), rules(name))
    return board.of("县A").total


def a(level: str, form: str | None = None, item: str = "x", units: tuple[str, ...] = ("县A",)) -> Adoption:
    return Adoption(item, units, level, "2024-05", form)


@pytest.mark.parametrize("name", ["huzhou_2018", "lianyungang", "guangyuan_2008"])
def test_each_preset_is_valid_configuration_with_its_source(name: str) -> None:
    preset = presets.load(name)
    assert preset["url"].startswith("http") and preset["source"] and preset["notes"]
    check(preset["rules"], preset["office_level"], "")
    assert RuleSet.from_dict(preset["rules"]).as_dict() == rules(name).as_dict()
    assert summary(rules(name))  # it reads back in words for the ranking page


def test_huzhou_2018() -> None:
    # 二(一)1: 每日要情 3; a city leader's 批示 +10; 4: two 批示 at the same level count once —
    # the records carry one per level (kuaibao.stats.statistics dedupes them): 3 + 10 = 13.
    assert points("huzhou_2018", [a("市", "每日要情")], [Instruction("x", "市领导")]) == 13
    # 二(一)2: 专报信息 10, its 批示 +20 (not +10): 30.
    assert points("huzhou_2018", [a("市", "专报信息")], [Instruction("x", "市领导")]) == 30
    # 二(一)3: 特刊 20.
    assert points("huzhou_2018", [a("市", "特刊")]) == 20
    # 二(二): reported up to the province as 专报 10; adopted in 省《每日要情》10 and also in
    # 《专报信息》(再加 30); a provincial leader's 批示 再加 50: 10 + 10 + 30 + 50 = 100.
    adoptions = [a("报省", "专报"), a("省", "每日要情"), a("省", "专报信息")]
    assert points("huzhou_2018", adoptions, [Instruction("x", "省领导")]) == 100


def test_lianyungang() -> None:
    # (一) 《昨日情况》3, 市领导批示 另加 5: 8; 简讯 1; 《政务建议》20 with its 批示 另加 10: 30.
    assert points("lianyungang", [a("市", "昨日情况")], [Instruction("x", "市领导")]) == 8
    assert points("lianyungang", [a("市", "简讯")]) == 1
    assert points("lianyungang", [a("市", "政务建议")], [Instruction("x", "市领导")]) == 30
    # (二) 选用报省 2 + 省《专报信息》20 + 省领导批示 50 = 72.
    assert points("lianyungang", [a("报省"), a("省", "专报信息")], [Instruction("x", "省领导")]) == 72
    # (三)(四) all the way up, 累加计分: 昨日情况 3 + 报省 2 + 省《信息简报》10 + 选报国办 10 +
    # 国办采用 50 + 国务院领导批示 100 = 175.
    chain = [a("市", "昨日情况"), a("报省"), a("省", "信息简报"), a("报国务院办公厅"), a("国务院办公厅")]
    assert points("lianyungang", chain, [Instruction("x", "国务院领导")]) == 175


def test_guangyuan_2008() -> None:
    # (一) 《政务晨讯》2, (五) 市政府领导批示 5: 7.
    assert points("guangyuan_2008", [a("市", "政务晨讯")], [Instruction("x", "市领导")]) == 7
    # (四)(五) 国务院办公厅 10 + 国务院领导批示 20 = 30; 《川政晨讯》重要 5 + 省领导 10 = 15.
    assert points("guangyuan_2008", [a("国务院办公厅")], [Instruction("x", "国务院领导")]) == 30
    assert points("guangyuan_2008", [a("省", "川政晨讯重要")], [Instruction("x", "省领导")]) == 15
    # (六) a 约稿 not reported or late: 倒扣 10. With one 政府工作通报 item (5): 5 − 10 = −5.
    board = score(
        Records(adoptions=(a("市", "政府工作通报"),), penalties=(Penalty("县A", "2024-05", "约稿逾期"),)),
        rules("guangyuan_2008"),
    )
    assert board.of("县A").total == -5


def test_a_joint_item_splits_its_points_under_a_published_rule() -> None:
    # 连云港 《政务建议》20 + 市领导批示 10, reported jointly by two counties: 15 each.
    board = score(
        Records(
            adoptions=(a("市", "政务建议", units=("县A", "县B")),),
            instructions=(Instruction("x", "市领导"),),
        ),
        rules("lianyungang"),
    )
    assert (board.of("县A").total, board.of("县B").total) == (15, 15)
