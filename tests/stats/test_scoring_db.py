"""A month scored end to end through the database: archive imports, newsroom actions and an
external adoption become the scorer's records; the arithmetic is written out by hand from
docs/DOMAIN.md's practice (county 10, city 20, province 30; a city leader's 批示 +5, a province
leader's ×2, a county leader's +2; −10 for a missed 约稿 or missing 批示 feedback; a township
must submit 2 items a month for a base score of 20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions import instructions, requests, submissions
from kuaibao.newsroom.models import Instruction, Request, Submission
from kuaibao.stats.actions import record_external_adoption
from kuaibao.stats.periods import Period
from kuaibao.stats.statistics import ranking
from tests.newsroom.conftest import People
from tests.stats.conftest import ISSUE_41, import_issue, item_titled, local, make_rules

pytestmark = pytest.mark.django_db
D = Decimal

RULES = {
    "outlets": {"县": {"全文": 10, "摘要": 5}, "市": {"全文": 20, "摘要": 10}, "省": {"全文": 30}},
    "instructions": {"县领导": {"bonus": 2}, "市领导": {"bonus": 5}, "省领导": {"multiplier": 2}},
    "penalties": {"约稿逾期": 10, "批示未反馈": 10},
    "quotas": {"乡镇": {"minimum": 2, "base": 20}},
}
DONGTUN_ITEM = "东屯镇狠抓项目建设促进经济发展"
SHANGWU_ITEM = "县商务局依托特色产业引领电商行业促消费助振兴"
FENGZHUANG_ITEM = "丰庄镇坚持“项目为王”推动经济发展提质提速"


def submit_at(people: People, who: str, title: str, when: dt.datetime, request: Request | None = None) -> Submission:
    draft = submissions.create_submission(people.act(who), title=title, body="正文。", request=request)
    submitted = submissions.submit(people.act(who), draft)
    Submission.objects.filter(pk=submitted.pk).update(submitted_at=when)  # travel back to September
    return submitted


def september(people: People) -> None:
    """September 2023, played through the real actions."""
    make_rules(people, "测试规则", RULES, county_level="县", county_instruction_level="县领导", feedback_days=7)
    # Issue 41 of 2023-09-08: nine items, one unit each, 10 points each at county level.
    assert import_path(ISSUE_41).status == "imported"
    # Issue 42 of 2023-09-20: one item reported jointly by 东屯镇 and 县财政局.
    import_issue(
        42, dt.date(2023, 9, 20), [("东屯镇与县财政局联合推进秸秆综合利用", "正文。", ("东屯镇", "财政局"), None)]
    )
    # The city's bulletin adopts 东屯镇's item, and a city leader writes an instruction on it.
    record_external_adoption(
        people.act("editor"), level="市", date=dt.date(2023, 9, 25), item=item_titled(DONGTUN_ITEM),
        outlet="新乡政务信息", instruction_level="市领导",
    )  # fmt: skip
    # A county leader's 批示 on 县商务局's item, answered; another on 丰庄镇's, never answered.
    answered = instructions.record_instruction(people.act("leader"), item_titled(SHANGWU_ITEM), text="很好，推广。")
    instructions.answer_instruction(people.act("reporter_b"), answered, feedback="已在全县推广。")
    silent = instructions.record_instruction(people.act("leader"), item_titled(FENGZHUANG_ITEM), text="请总结经验。")
    Instruction.objects.filter(pk__in=[answered.pk, silent.pk]).update(created_at=local(2023, 9, 12))
    # A 约稿 due 2023-09-20 18:00: 东屯镇 answers on the 19th, 县商务局 on the 22nd (late).
    commission = requests.publish_request(
        people.act("editor"),
        kind=Request.Kind.COMMISSION,
        title="秋收秋种",
        deadline=local(2023, 9, 20, 18),
        units=[Unit.objects.get(name="东屯镇"), Unit.objects.get(name="县商务局")],
    )
    submit_at(people, "reporter", "东屯镇秋收进度过半", local(2023, 9, 19), commission)
    submit_at(people, "reporter_b", "县商务局秋季促消费", local(2023, 9, 22), commission)
    submit_at(people, "reporter", "东屯镇开展秸秆禁烧", local(2023, 9, 5))


def test_a_month_scored_through_the_database(people: People) -> None:
    september(people)
    result = ranking(Period.parse("2023-09"), now=local(2023, 10, 8))
    assert result.error is None
    totals = {row.stats.unit: (row.score.total, row.score.rank) for row in result.rows}
    # 东屯镇: own item 县 10 + 市 20 = 30, 市领导 批示 +5 = 35; joint item 10 split equally: 5;
    #         2 items submitted ≥ 2, township base +20. 35 + 5 + 20 = 60.
    # 县财政局: own item 10 + joint share 5 = 15.
    # 县公共资源交易中心, 县科工局, 榆林乡, 县融媒体中心, 县乡村振兴局: 10 each (榆林乡, a
    #         township, submitted nothing: its base 20 is forfeited, nothing more deducted).
    # 县商务局: 10 + 县领导 批示 2 = 12, answered; 约稿 late −10: 2.
    # 丰庄镇: 10 + 2 = 12; the 批示 of 9-12 has no feedback after 7 days: −10: 2; no base.
    # Ranks: 1, 2, five tied at 3, two tied at 8.
    assert totals == {
        "东屯镇": (D(60), 1),
        "县财政局": (D(15), 2),
        "县公共资源交易中心": (D(10), 3),
        "县科工局": (D(10), 3),
        "榆林乡": (D(10), 3),
        "县融媒体中心": (D(10), 3),
        "县乡村振兴局": (D(10), 3),
        "县商务局": (D(2), 8),
        "丰庄镇": (D(2), 8),
    }
    dongtun = next(row for row in result.rows if row.stats.unit == "东屯镇")
    assert (dongtun.score.adoption, dongtun.score.penalty, dongtun.score.quota) == (D(40), D(0), D(20))
    assert dongtun.score.adopted_items == 2
    reasons = [line.reason for line in dongtun.lines]
    assert f"信息《{DONGTUN_ITEM}》：县全文、市全文采用，市领导批示" in reasons
    shangwu = next(row for row in result.rows if row.stats.unit == "县商务局")
    assert [(line.kind, line.points, line.reason) for line in shangwu.lines if line.kind == "penalty"] == [
        ("penalty", D(-10), "约稿逾期（约稿“秋收秋种”逾期）")
    ]


def test_the_same_month_with_another_rule_set(people: People) -> None:
    september(people)
    # The office switches to: only the best adoption of an item counts, joint items give the
    # lead unit 60%, no township quota.
    make_rules(
        people,
        "另一套规则",
        {**RULES, "adoption_combine": "max", "lead_share": "0.6", "quotas": {}},
        county_level="县",
        county_instruction_level="",
    )
    result = ranking(Period.parse("2023-09"), now=local(2023, 10, 8))
    totals = {row.stats.unit: row.score.total for row in result.rows}
    # 东屯镇: own item max(10, 20) = 20, 市领导 +5 = 25; joint 10 × 0.6 = 6. 31.
    # 县财政局: 10 + 10 × 0.4 = 14. County 批示 no longer score: 县商务局 10 − 10 = 0;
    # 丰庄镇 10 − 10 = 0.
    assert (totals["东屯镇"], totals["县财政局"], totals["县商务局"], totals["丰庄镇"]) == (D(31), D(14), D(0), D(0))


def test_a_quarter_checks_every_month_begun(people: People) -> None:
    september(people)
    # Q3 seen on 2023-10-08: July, August and September. 东屯镇 submitted nothing in July and
    # August: base forfeited twice (0), September met: +20. Its adoptions are those of September.
    result = ranking(Period.parse("2023-Q3"), now=local(2023, 10, 8))
    dongtun = next(row for row in result.rows if row.stats.unit == "东屯镇")
    assert dongtun.score.quota == D(20) and dongtun.score.total == D(60)
    assert [line.points for line in dongtun.lines if line.kind == "quota"] == [D(0), D(0), D(20)]
