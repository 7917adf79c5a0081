"""The statistics app's writes: external adoptions and the active rule set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kuaibao.archive.actions import import_bytes
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import AuditEntry, Notification
from kuaibao.stats.actions import activate_rules, record_external_adoption, remove_external_adoption
from kuaibao.stats.models import ExternalAdoption, ScoringRules
from kuaibao.stats.rules import active_rules
from tests.newsroom.conftest import People
from tests.stats.conftest import ISSUE_41, item_titled

pytestmark = pytest.mark.django_db
DONGTUN_ITEM = "东屯镇狠抓项目建设促进经济发展"
DAY = dt.date(2023, 9, 25)


def test_editor_records_an_adoption_of_an_archive_item(corpus: list[int], people: People) -> None:
    item = item_titled(DONGTUN_ITEM)
    adoption = record_external_adoption(
        people.act("editor"), level="市", date=DAY, item=item, form="摘要", outlet="新乡政务信息"
    )
    assert (adoption.title, [u.name for u in adoption.units.all()]) == (DONGTUN_ITEM, ["东屯镇"])
    entry = AuditEntry.objects.get(action="adoption.record")
    assert entry.actor == people.editor and entry.item == item and "市级摘要采用" in entry.summary
    assert entry.ip == "127.0.0.1"
    # 东屯镇's reporter hears of it.
    assert Notification.objects.filter(user=people.reporter, text__contains="市级摘要采用").exists()


def test_an_item_outside_the_bulletin_by_title_and_units(people: People) -> None:
    units = [Unit.objects.get(name="东屯镇"), Unit.objects.get(name="县商务局")]
    adoption = record_external_adoption(
        people.act("editor"), level="省", date=DAY, title="直报省政府的信息", units=units
    )
    assert adoption.item is None
    assert [link.unit.name for link in adoption.externaladoptionunit_set.order_by("position")] == ["东屯镇", "县商务局"]


@pytest.mark.parametrize("who", ["reviewer", "signer", "admin", "reporter", "leader", "outsider"])
def test_only_editors_record_adoptions(corpus: list[int], people: People, who: str) -> None:
    with pytest.raises(Forbidden):
        record_external_adoption(people.act(who), level="市", date=DAY, item=item_titled(DONGTUN_ITEM))
    assert not ExternalAdoption.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"level": "县"}, "采用级别应为"),  # the county bulletin is counted from the archive
        ({"level": "乡"}, "采用级别应为"),
        ({"form": "摘要", "level": "省"}, "没有“摘要”"),
        ({"instruction_level": "村领导"}, "批示级别"),
        ({"date": timezone.localdate() + dt.timedelta(days=1)}, "不能晚于今天"),
    ],
)
def test_adoptions_the_rules_cannot_score_are_refused(
    corpus: list[int], people: People, changes: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"level": "市", "date": DAY, "item": item_titled(DONGTUN_ITEM), **changes}
    with pytest.raises(ActionError, match=message):
        record_external_adoption(people.act("editor"), **arguments)  # type: ignore[arg-type]


def test_the_same_adoption_twice_is_refused(corpus: list[int], people: People) -> None:
    item = item_titled(DONGTUN_ITEM)
    record_external_adoption(people.act("editor"), level="市", date=DAY, item=item)
    with pytest.raises(ActionError, match="已经记录过"):
        record_external_adoption(people.act("editor"), level="市", date=DAY, item=item)


def test_an_old_revision_or_a_missing_title_is_refused(corpus: list[int], people: People) -> None:
    old = item_titled(DONGTUN_ITEM)
    text = ISSUE_41.read_text("utf-8").replace("县人大大正副主任", "县人大正副主任")
    assert import_bytes(text.encode(), "41-fixed.txt").status == "updated"
    old.refresh_from_db()
    with pytest.raises(ActionError, match="当前版本"):
        record_external_adoption(people.act("editor"), level="市", date=DAY, item=old)
    with pytest.raises(ActionError, match="标题"):
        record_external_adoption(people.act("editor"), level="市", date=DAY, title=" ", units=[])


def test_editor_removes_an_adoption_and_the_audit_keeps_it(corpus: list[int], people: People) -> None:
    adoption = record_external_adoption(people.act("editor"), level="市", date=DAY, item=item_titled(DONGTUN_ITEM))
    with pytest.raises(Forbidden):
        remove_external_adoption(people.act("reviewer"), adoption)
    remove_external_adoption(people.act("editor"), adoption)
    assert not ExternalAdoption.objects.exists()
    assert AuditEntry.objects.get(action="adoption.remove").data["level"] == "市"


def test_one_rule_set_is_active_and_only_administrators_switch(people: People) -> None:
    default = ScoringRules.objects.get(active=True)  # made by the migration
    other = ScoringRules.objects.create(
        name="新规则", rules={"outlets": {"县": {"全文": 8}}}, county_instruction_level=""
    )
    with pytest.raises(Forbidden):
        activate_rules(people.act("editor"), other)
    activate_rules(people.act("admin"), other)
    default.refresh_from_db()
    assert not default.active and ScoringRules.objects.get(active=True) == other
    active = active_rules()
    assert active is not None and active.rules.outlets["县"]["全文"] == 8
    assert AuditEntry.objects.filter(action="rules.activate", actor=people.admin).exists()


def test_a_rule_set_that_does_not_validate_is_not_activated(people: People) -> None:
    broken = ScoringRules.objects.create(name="坏规则", rules={"outlets": {"市": {"全文": 20}}}, county_level="县")
    with pytest.raises(ActionError, match="本县快报的采用级别“县”不在采用分值的级别中"):
        activate_rules(people.act("admin"), broken)
    assert ScoringRules.objects.get(active=True) != broken
