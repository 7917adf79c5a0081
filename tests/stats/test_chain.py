"""逐级报送 end to end, through the real actions only: a city office (新乡市) with three county
offices under it, their units and people; an item from 东屯镇's reporter adopted into 延津's
bulletin, forwarded (edited) to the city, adopted into the city's bulletin, where two city
leaders write 批示; 封丘's item is returned by the city, revised by 封丘's editor and declined;
原阳's is adopted. Every office's statistics, ranking, 通报 and audit rows are checked against
figures worked out by hand below.

The rules are each office's own (configured through the real action):
- 延津 (county): 县 全文 1; 市 每日要情 3; 报市 0.5 (a forwarding is worth half a point);
  县领导 批示 +2, 市领导 批示 +5; several adoptions of one item add up.
- 新乡 (city), 湖州's scale (湖政办函〔2018〕9号): 市 每日要情 3, 专报信息 10; 市领导 批示 +10,
  a repeated 批示 at the same level not counted again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from kuaibao.archive.models import Bulletin, Office, Unit
from kuaibao.newsroom.actions import editions, instructions, submissions
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor, Forbidden
from kuaibao.newsroom.actions.forwarding import chain, forward
from kuaibao.newsroom.actions.offices import create_office
from kuaibao.newsroom.models import AuditEntry, Notification, Submission
from kuaibao.newsroom.roles import Role
from kuaibao.stats import statistics
from kuaibao.stats.actions import activate_rules, save_rules
from kuaibao.stats.circular import build_circular
from kuaibao.stats.periods import Period
from kuaibao.web import actions as web_actions
from tests.newsroom.conftest import PASSWORD, data_dir  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

COUNTY_RULES = {
    "outlets": {"县": {"全文": 1}, "市": {"全文": 3, "每日要情": 3}, "报市": {"全文": "0.5"}},
    "instructions": {"县领导": {"bonus": 2}, "市领导": {"bonus": 5}},
}
CITY_RULES = {
    "outlets": {"市": {"全文": 3, "每日要情": 3, "专报信息": 10}},
    "instructions": {"市领导": {"bonus": 10}},
}


def act(user: User) -> Actor:
    return Actor(user, "127.0.0.1", "pytest")


class Chain:
    """The offices, their people and what they did."""

    def __init__(self) -> None:
        self.root = User.objects.create_superuser("root", password=PASSWORD)
        self.people: dict[str, User] = {}

    def person(self, office: Office, name: str, role: Role, unit: str | None = None) -> User:
        user = create_account(name, PASSWORD, role, unit=unit, display_name=name, office=office)
        self.people[name] = user
        return user

    def __getitem__(self, name: str) -> Actor:
        return act(self.people[name])


def publish(c: Chain, prefix: str, bulletin: Bulletin, submission: Submission) -> Any:
    edition = editions.create_edition(c[f"{prefix}-editor"], bulletin)
    placement = editions.add_submission(c[f"{prefix}-editor"], edition, submission)
    editions.set_ready(c[f"{prefix}-editor"], placement, ready=True)
    editions.send_to_review(c[f"{prefix}-editor"], edition)
    editions.approve(c[f"{prefix}-reviewer"], edition)
    editions.sign(c[f"{prefix}-signer"], edition)
    assert edition.issue is not None and edition.issue.current is not None
    return edition.issue.current.items.get()


@pytest.fixture
def played() -> dict[str, Any]:
    c = Chain()
    city = create_office(act(c.root), name="新乡市人民政府办公室", short_name="新乡市", level="市")
    c.person(city, "xx-admin", Role.ADMINISTRATOR)
    counties = {
        key: create_office(c["xx-admin"], name=f"{name}人民政府办公室", short_name=name, level="县", parent=city)
        for key, name in (("yj", "延津县"), ("fq", "封丘县"), ("yy", "原阳县"))
    }
    for prefix, office in [("xx", city), *counties.items()]:
        if prefix != "xx":
            c.person(office, f"{prefix}-admin", Role.ADMINISTRATOR)
        for role in (Role.EDITOR, Role.REVIEWER, Role.SIGNER, Role.READER):
            c.person(office, f"{prefix}-{role.value}", role)
    c.person(city, "xx-reader2", Role.READER)
    # Each county's units, through the administration's action; a reporter for each.
    towns = {"yj": ("东屯镇", "县商务局"), "fq": ("黄陵镇", "县商务局"), "yy": ("师寨镇", "县商务局")}
    for prefix, names in towns.items():
        for name in names:
            web_actions.add_unit(c[f"{prefix}-admin"], name=name, kind="", aliases=[])
            c.person(counties[prefix], f"{prefix}-{name}", Role.REPORTER, name)
    # Each office's bulletin and rules.
    bulletins = {
        prefix: Bulletin.objects.create(office=office, title=f"{office.short_name}政务信息", slug=f"b-{prefix}")
        for prefix, office in [("xx", city), *counties.items()]
    }
    bulletins["xx"].info_type = "每日要情"
    bulletins["xx"].save()
    for prefix, rules, level in [("yj", COUNTY_RULES, "县"), ("xx", CITY_RULES, "市")]:
        row = save_rules(
            c[f"{prefix}-admin"], None, name=f"{prefix} 考核办法", rules=rules, county_level=level,
            county_instruction_level=f"{level}领导", feedback_days=30,
        )  # fmt: skip
        activate_rules(c[f"{prefix}-admin"], row)

    # 1. 东屯镇 reports; 延津 adopts and publishes; a county leader writes a 批示.
    dongtun = submissions.submit(
        c["yj-东屯镇"],
        submissions.create_submission(
            c["yj-东屯镇"], title="东屯镇三措并举推进项目建设", body="总投资350万元的项目落地投产。"
        ),
    )
    county_item = publish(c, "yj", bulletins["yj"], dongtun)
    instructions.record_instruction(c["yj-reader"], county_item, text="经验做法值得推广。")
    # 县商务局 has an item in the county bulletin only.
    shangwu = submissions.submit(
        c["yj-县商务局"], submissions.create_submission(c["yj-县商务局"], title="县商务局稳外贸", body="进出口增长。")
    )
    publish(c, "yj", bulletins["yj"], shangwu)
    # 2. 延津's editor forwards it, edited for the city; the city adopts and publishes it.
    up = forward(c["yj-editor"], dongtun, title="延津县东屯镇三措并举推进项目建设", note="供市政府信息")
    city_item = publish(c, "xx", bulletins["xx"], up)
    # 3. Two city leaders write 批示 on it (the same level: counted once).
    instructions.record_instruction(c["xx-reader"], city_item, text="请市发展改革委总结推广。")
    instructions.record_instruction(c["xx-reader2"], city_item, text="同意。")
    # 4. 封丘's item: forwarded, returned by the city, revised by 封丘's editor, declined.
    fq = submissions.submit(
        c["fq-黄陵镇"],
        submissions.create_submission(c["fq-黄陵镇"], title="黄陵镇发展大棚蔬菜", body="新建大棚100座。"),
    )
    fq_up = forward(c["fq-editor"], fq)
    submissions.return_submission(c["xx-editor"], fq_up, comment="请补充带动农户增收的数据")
    submissions.update_draft(
        c["fq-editor"], fq_up, title=fq_up.title, body="新建大棚100座，带动农户增收300万元。", expected_version=1
    )
    submissions.submit(c["fq-editor"], fq_up)
    submissions.reject(c["xx-editor"], fq_up, comment="本期不用")
    # 5. 原阳's item: forwarded straight from the inbox and adopted by the city.
    yy = submissions.submit(
        c["yy-师寨镇"], submissions.create_submission(c["yy-师寨镇"], title="师寨镇整治人居环境", body="清理垃圾。")
    )
    publish(c, "xx", bulletins["xx"], forward(c["yy-editor"], yy))
    return {
        "c": c,
        "city": city,
        "counties": counties,
        "dongtun": dongtun,
        "up": up,
        "county_item": county_item,
        "city_item": city_item,
        "fq_up": fq_up,
    }


def year() -> Period:
    return Period.parse(str(timezone.localdate().year))


def totals(office: Office) -> dict[str, Decimal]:
    result = statistics.ranking(year(), office=office)
    assert result.error is None, result.error
    return {row.stats.unit: row.score.total for row in result.rows}


def test_the_item_goes_up_with_its_provenance_and_its_fate_is_seen_below(played: dict[str, Any]) -> None:
    up, dongtun = played["up"], played["dongtun"]
    assert up.forwarded_from == dongtun
    assert up.origin_unit.name == "东屯镇"
    assert up.origin_item == played["county_item"]
    assert up.unit.name == "延津县人民政府办公室" and up.unit.office == played["city"]
    assert (up.title, dongtun.title) == ("延津县东屯镇三措并举推进项目建设", "东屯镇三措并举推进项目建设")
    steps = chain(Submission.objects.get(pk=dongtun.pk))
    assert [(s.office.short_name, s.submission.status) for s in steps] == [("延津县", "adopted"), ("新乡市", "adopted")]
    assert steps[1].item == played["city_item"]
    # The reporter and the county editor were told of the city's adoption.
    c = played["c"]
    assert Notification.objects.filter(user=c.people["yj-editor"], text__contains="已采用").exists()
    # 封丘's copy: returned with the city's comment, revised below, then declined.
    fq_up = Submission.objects.get(pk=played["fq_up"].pk)
    assert (fq_up.status, fq_up.comment) == ("rejected", "本期不用")
    assert "300万元" in fq_up.body
    with pytest.raises(Forbidden):  # the county's editor cannot adopt or return at the city
        submissions.return_submission(c["yj-editor"], played["up"], comment="x")


def test_every_offices_scores_include_the_credit_earned_above(played: dict[str, Any]) -> None:
    counties = played["counties"]
    # 延津, by hand: 东屯镇's item — 县 全文 1 + 报市 0.5 + 市 每日要情 3 = 4.5, then 县领导 +2 and
    # 市领导 +5 (two city 批示, one level: once) = 11.5. 县商务局: 县 全文 1.
    assert totals(counties["yj"]) == {"东屯镇": Decimal("11.5"), "县商务局": Decimal(1)}
    # 新乡, by hand: 延津县 (the county as a unit): 每日要情 3 + 市领导 +10 once = 13;
    # 原阳县: 3; 封丘县: declined, 0.
    city = totals(played["city"])
    assert city["延津县人民政府办公室"] == Decimal(13)
    assert city["原阳县人民政府办公室"] == Decimal(3)
    assert city.get("封丘县人民政府办公室", Decimal(0)) == Decimal(0)
    ranking = statistics.ranking(year(), office=played["city"])
    assert [row.stats.unit for row in ranking.rows][:2] == ["延津县人民政府办公室", "原阳县人民政府办公室"]
    # 封丘 and 原阳 have no active rules of their own: their rankings say so, in one line.
    assert statistics.ranking(year(), office=counties["fq"]).error == "尚未设定当前使用的评分规则，请管理员在后台设定"


def test_each_point_is_traceable_to_the_item_the_level_and_the_rule(played: dict[str, Any]) -> None:
    ranking = statistics.ranking(year(), office=played["counties"]["yj"])
    row = next(r for r in ranking.rows if r.stats.unit == "东屯镇")
    (line,) = row.lines
    assert line.points == Decimal("11.5")
    assert "东屯镇三措并举推进项目建设" in line.reason
    assert "县全文" in line.reason and "报市全文（延津县转报新乡市）" in line.reason
    assert f"市每日要情（{played['city_item'].revision.issue}）" in line.reason
    assert "县领导批示" in line.reason and line.reason.count("市领导批示") == 1
    circular = build_circular(ranking)
    assert circular.rules_name == "yj 考核办法"
    assert circular.publisher == "延津县人民政府办公室"
    dongtun = next(r for r in circular.rows if r.unit == "东屯镇")
    assert (dongtun.rank, dongtun.adopted, dongtun.external, dongtun.total) == (1, 1, 1, Decimal("11.5"))
    assert [entry.reason for entry in circular.lines if entry.unit == "东屯镇"] == [line.reason]


def test_audit_rows_are_written_in_each_office(played: dict[str, Any]) -> None:
    yj, city = played["counties"]["yj"], played["city"]
    county = list(AuditEntry.objects.filter(office=yj, submission=played["dongtun"]).values_list("action", flat=True))
    assert "submission.forward" in county and "edition.add" in county
    upper = list(AuditEntry.objects.filter(office=city, submission=played["up"]).values_list("action", flat=True))
    assert "submission.forwarded_in" in upper and "edition.add" in upper
    # What the city did is the city's: the county's audit has none of it.
    assert not AuditEntry.objects.filter(office=yj, actor__profile__office=city).exists()
    instruct = AuditEntry.objects.filter(office=city, action="instruction.record")
    assert instruct.count() == 2


def test_units_are_per_office(played: dict[str, Any]) -> None:
    names = Unit.objects.filter(name="县商务局").values_list("office__short_name", flat=True)
    assert sorted(names) == ["原阳县", "封丘县", "延津县"]
