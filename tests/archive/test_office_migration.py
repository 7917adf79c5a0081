"""The upgrade to offices on a populated database: an installation from before offices (the
archive at 0010, the newsroom at 0009, the statistics at 0005) with units, aliases, a bulletin
and its issue, accounts, submissions, a request, audit rows, a 批示, rule sets and a recorded
adoption is migrated forward; it becomes one office named after its bulletin's publisher, every
row belongs to it, and nothing is lost or changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("archive", "0011_single_person_office"), ("newsroom", "0009_submission_files"), ("stats", "0005_chinese_names")]


def populate(apps: Any) -> dict[str, int]:
    get = apps.get_model
    user = get("auth", "User").objects.create(username="editor")
    leader = get("auth", "User").objects.create(username="leader")
    shangwu = get("archive", "Unit").objects.create(name="县商务局", kind="department")
    dongtun = get("archive", "Unit").objects.create(name="东屯镇", kind="township")
    get("archive", "UnitAlias").objects.create(unit=shangwu, alias="商务局")
    bulletin = get("archive", "Bulletin").objects.create(
        title="延津政务快报", slug="yanjin", publisher="延津县人民政府办公室"
    )
    issue = get("archive", "Issue").objects.create(bulletin=bulletin, year=2023, number=41, date=dt.date(2023, 9, 8))
    revision = get("archive", "Revision").objects.create(
        issue=issue, number=1, masthead_title="延津政务快报", date=issue.date, content_hash="x"
    )
    item = get("archive", "Item").objects.create(
        revision=revision, position=1, title="东屯镇项目建设", body="正文", bulletin=bulletin, date=issue.date
    )
    get("archive", "ItemUnit").objects.create(item=item, unit=dongtun, position=0)
    get("newsroom", "Profile").objects.create(user=user, display_name="编辑")
    get("newsroom", "Profile").objects.create(user=leader, display_name="县长")
    reporter = get("auth", "User").objects.create(username="dongtun")
    get("newsroom", "Profile").objects.create(user=reporter, unit=dongtun, display_name="信息员")
    submission = get("newsroom", "Submission").objects.create(
        unit=dongtun, author=reporter, title="东屯镇项目建设", body="正文", status="adopted"
    )
    get("newsroom", "Request").objects.create(kind="guidance", title="三季度报送要点", created_by=user)
    get("newsroom", "AuditEntry").objects.create(actor=user, action="edition.create", summary="新建")
    get("newsroom", "Instruction").objects.create(item=item, leader=leader, text="请推广。")
    rules = get("stats", "ScoringRules")
    rules.objects.filter(active=True).update(active=False)
    rules.objects.create(name="县考核办法", rules={"outlets": {"市": {"全文": 5}}}, county_level="市", active=True)
    adoption = get("stats", "ExternalAdoption").objects.create(
        item=item, title=item.title, level="省", date=dt.date(2023, 9, 20), recorded_by=user
    )
    get("stats", "ExternalAdoptionUnit").objects.create(adoption=adoption, unit=dongtun, position=0)
    return {"submission": submission.pk, "item": item.pk, "rules": rules.objects.count()}


@pytest.mark.django_db(transaction=True)
def test_a_single_office_installation_becomes_one_office_with_nothing_lost() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    before = populate(executor.loader.project_state(BEFORE).apps)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from kuaibao.archive.models import Bulletin, Office, Unit, UnitAlias
    from kuaibao.newsroom.models import AuditEntry, Instruction, Profile, Request, Submission
    from kuaibao.stats.models import ExternalAdoption, ScoringRules

    office = Office.objects.get()
    assert office.name == "延津县人民政府办公室"
    assert office.parent is None
    # The active rules scored the office's own bulletin at 市: that is its level now.
    assert office.level == "市"
    for model in (Unit, UnitAlias, Bulletin, Profile, Request, ScoringRules, ExternalAdoption):
        assert set(model.objects.values_list("office_id", flat=True)) == {office.pk}, model
    assert set(AuditEntry.objects.values_list("office_id", flat=True)) == {office.pk}
    assert list(Instruction.objects.values_list("level", flat=True)) == ["市"]
    assert sorted(Unit.objects.values_list("name", flat=True)) == ["东屯镇", "县商务局"]
    assert UnitAlias.objects.get().unit.name == "县商务局"
    submission = Submission.objects.get(pk=before["submission"])
    assert (submission.unit.name, submission.status, submission.forwarded_from) == ("东屯镇", "adopted", None)
    assert ScoringRules.objects.count() == before["rules"]
    assert ScoringRules.objects.get(active=True).name == "县考核办法"
    assert ExternalAdoption.objects.get().item_id == before["item"]
    # A second office can now be added beside it, with its own 县商务局.
    other = Office.objects.create(name="封丘县人民政府办公室")
    Unit.objects.create(office=other, name="县商务局")
    assert Unit.objects.filter(name="县商务局").count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_empty_installation_migrates_without_inventing_rows() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    apps.get_model("stats", "ScoringRules").objects.all().delete()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from kuaibao.archive.models import Office, Unit

    assert not Office.objects.exists()
    # The first row made without an office makes the installation's one office.
    unit = Unit.objects.create(name="东屯镇")
    assert unit.office.name == "本级办公室"
