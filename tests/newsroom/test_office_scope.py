"""The permission matrix across offices: every URL of tests/newsroom/test_permissions.py, aimed at
the rows of county B (封丘县), visited by every role of county A (延津县): each is refused (403 or
404) or, for a page that lists, shows nothing of B's. The city office above both reads their
published issues but none of their drafts, inboxes or editions. What decides all of it is the
scope layer (kuaibao/newsroom/scope.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from kuaibao.api.actions import issue_personal_token, issue_system_token
from kuaibao.archive.models import Bulletin, Office, Unit
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom import scope
from kuaibao.newsroom.actions import editions, instructions, notifications, requests, submissions
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Forbidden
from kuaibao.newsroom.models import Delivery, Request, Submission
from kuaibao.newsroom.roles import Role
from kuaibao.stats import statistics
from kuaibao.stats.models import ScoringRules
from kuaibao.stats.periods import Period
from tests.newsroom.conftest import PASSWORD, People, submitted, write
from tests.newsroom.test_permissions import client_for, matrix
from tests.newsroom.test_permissions import world as world

pytestmark = pytest.mark.django_db

MARK = "封丘独有"  # in every title of county B, so that a leak shows in any page
ROLES_A = ["reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]
# Keys of a world that are not one of B's rows (the year and number of an issue are B's only
# together with its bulletin's slug, which is). The proofreading lists (领导排序表, 规范提法) are
# still the installation's: B's world reuses A's.
GENERIC = {"year", "number", "leader", "phrase"}


def people_of(office: Office, prefix: str, units: tuple[str, str]) -> People:
    from django.contrib.auth.models import User

    for name in units:
        resolve_unit(name, office)

    def make(name: str, role: Role, unit: str | None = None) -> User:
        return create_account(f"{prefix}-{name}", PASSWORD, role, unit=unit, display_name=name, office=office)

    outsider = User.objects.create_user(f"{prefix}-outsider", password=PASSWORD)
    return People(
        reporter=make("reporter", Role.REPORTER, units[0]),
        reporter_b=make("reporter_b", Role.REPORTER, units[1]),
        editor=make("editor", Role.EDITOR),
        reviewer=make("reviewer", Role.REVIEWER),
        signer=make("signer", Role.SIGNER),
        leader=make("leader", Role.READER),
        admin=make("admin", Role.ADMINISTRATOR),
        outsider=outsider,
    )


@pytest.fixture
def offices(world: dict[str, Any]) -> dict[str, Office]:
    """County A is the installation's first office (its rows are `world`'s); a city office is
    put above it, and county B beside it."""
    a = Office.objects.get(pk=Bulletin.objects.get(pk=world["bulletin"]).office_id)
    city = Office.objects.create(name="新乡市人民政府办公室", short_name="新乡市", level=Office.Level.CITY)
    a.parent, a.name, a.short_name = city, "延津县人民政府办公室", "延津县"
    a.save()
    b = Office.objects.create(name="封丘县人民政府办公室", short_name="封丘县", parent=city)
    return {"a": a, "b": b, "city": city}


@pytest.fixture
def world_b(offices: dict[str, Office], world: dict[str, Any]) -> tuple[People, dict[str, Any]]:
    b = offices["b"]
    people = people_of(b, "fq", ("封丘县黄陵镇", "封丘县商务局"))
    bulletin = Bulletin.objects.create(office=b, title="封丘政务信息", slug="fengqiu", publisher=b.name)
    draft = write(people, title=f"{MARK}的草稿")
    pending = submitted(people, title=f"{MARK}已报送的稿件")
    editing = editions.create_edition(people.act("editor"), bulletin)
    placement = editions.add_submission(
        people.act("editor"), editing, submitted(people, "reporter_b", f"{MARK}商务局稿件")
    )
    published = editions.create_edition(people.act("editor"), bulletin)
    chosen = editions.add_submission(people.act("editor"), published, submitted(people, title=f"{MARK}刊发信息"))
    editions.set_ready(people.act("editor"), chosen, ready=True)
    editions.send_to_review(people.act("editor"), published)
    editions.approve(people.act("reviewer"), published)
    editions.sign(people.act("signer"), published)
    assert published.issue is not None and published.issue.current is not None
    item = published.issue.current.items.get()
    instruction = instructions.record_instruction(people.act("leader"), item, text="请推广。")
    unit = Unit.objects.get(office=b, name="封丘县黄陵镇")
    commission = requests.publish_request(
        people.act("editor"),
        kind=Request.Kind.COMMISSION,
        title=f"{MARK}约稿",
        deadline=timezone.now() + dt.timedelta(days=3),
        units=[unit],
    )
    rules = ScoringRules.objects.create(
        office=b, name="封丘县考核办法", rules={"outlets": {"县": {"全文": 2}}}, county_instruction_level=""
    )
    # B's connections: a receiver (and a delivery to it), a system token, a person's token.
    hook = notifications.register_webhook(people.act("admin"), name=f"{MARK}机器人", url="http://127.0.0.1:9/hook")
    submitted(people, title=f"{MARK}给机器人的稿件")
    token, _ = issue_system_token(people.act("admin"), name=f"{MARK}系统", unit=unit)
    own, _ = issue_personal_token(people.act("reporter"), name=f"{MARK}脚本", scopes=None, days=30)
    ids = {
        "webhook": hook.pk,
        "delivery": Delivery.objects.filter(webhook=hook).first().pk,  # type: ignore[union-attr]
        "token": token.pk,
        "own_token": own.pk,
        "draft": draft.pk,
        "pending": pending.pk,
        "editing": editing.pk,
        "placement": placement.pk,
        "issue": published.issue.pk,
        "item": item.pk,
        "instruction": instruction.pk,
        "request": commission.pk,
        "slug": bulletin.slug,
        "year": published.issue.year,
        "number": published.issue.number,
        "unit": unit.pk,
        "section": item.section_id,
        "person": people.reporter_b.pk,
        "bulletin": bulletin.pk,
        "rules": rules.pk,
    } | {key: world[key] for key in GENERIC - {"year", "number"}}
    return people, ids


def test_county_a_cannot_reach_county_b(
    people: People, world: dict[str, Any], world_b: tuple[People, dict[str, Any]]
) -> None:
    _, w = world_b
    # A row names one of B's rows when it differs from the same row filled with A's.
    names_b = {
        (m, url_b) for (m, url_b, _), (_, url_a, _) in zip(matrix(w), matrix(world), strict=True) if url_a != url_b
    }
    failures = []
    checked = 0
    for role in ROLES_A:
        client = client_for(role, people)
        for method, url, _allowed in matrix(w):
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
            body = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
            if (method, url) in names_b:
                checked += 1
                if response.status_code not in (403, 404):
                    failures.append(f"{role:>10} {method} {url} → {response.status_code}")
            elif MARK in body:
                failures.append(f"{role:>10} {method} {url} shows county B's rows")
    assert failures == []
    assert checked > 60 * len(ROLES_A) // 2  # most of the matrix names one of B's rows


def test_the_city_reads_the_counties_published_issues_but_not_their_newsrooms(
    people: People, world_b: tuple[People, dict[str, Any]], offices: dict[str, Office]
) -> None:
    _, w = world_b
    city = people_of(offices["city"], "xx", ("新乡市商务局", "新乡市发展改革委"))
    editor = Client()
    editor.force_login(city.editor)
    assert editor.get(f"/b/fengqiu/{w['year']}/{w['number']}/").status_code == 200
    assert editor.get(f"/items/{w['item']}/").status_code == 200
    for url in (
        f"/newsroom/submissions/{w['pending']}/",
        f"/newsroom/editions/{w['editing']}/",
        f"/newsroom/requests/{w['request']}/notice.docx",
    ):
        assert editor.get(url).status_code == 404, url
    inbox = editor.get("/newsroom/inbox/").content.decode()
    assert MARK not in inbox
    # A county reads the city's issues (its chain) but never a sibling county's.
    county_a = Client()
    county_a.force_login(people.editor)
    assert county_a.get(f"/b/fengqiu/{w['year']}/{w['number']}/").status_code == 404


def test_actions_refuse_another_offices_rows(
    people: People, world: dict[str, Any], world_b: tuple[People, dict[str, Any]]
) -> None:
    """The actions check the scope too, whatever calls them (a view, the API, the CLI)."""
    _, w = world_b
    pending = Submission.objects.get(pk=w["pending"])
    with pytest.raises(Forbidden):
        submissions.return_submission(people.act("editor"), pending, comment="改")
    with pytest.raises(Forbidden):
        submissions.reject(people.act("editor"), pending)
    own = editions.create_edition(people.act("editor"), Bulletin.objects.get(pk=world["bulletin"]))
    with pytest.raises(Forbidden):
        editions.add_submission(people.act("editor"), own, pending)
    with pytest.raises(Forbidden):
        requests.publish_request(
            people.act("editor"), kind=Request.Kind.GUIDANCE, title="要点", units=[Unit.objects.get(pk=w["unit"])]
        )
    assert Submission.objects.get(pk=w["pending"]).status == Submission.Status.SUBMITTED


def test_unit_names_are_unique_per_office_not_per_installation(offices: dict[str, Office]) -> None:
    a_unit = resolve_unit("县商务局", offices["a"])
    b_unit = resolve_unit("县商务局", offices["b"])
    assert a_unit.pk != b_unit.pk
    assert resolve_unit("商务局", offices["b"]).pk == b_unit.pk  # the alias is B's own


def test_statistics_and_notices_stay_in_their_office(
    people: People, world: dict[str, Any], world_b: tuple[People, dict[str, Any]]
) -> None:
    from kuaibao.newsroom.models import Notification

    b_people, _ = world_b
    period = Period.parse(str(timezone.localdate().year))
    office_b = scope.scope_of(b_people.editor).office
    names_b = {row.unit for row in statistics.unit_statistics(period, office=office_b)}
    names_a = {row.unit for row in statistics.unit_statistics(period, office=scope.scope_of(people.editor).office)}
    assert names_b == {"封丘县黄陵镇", "封丘县商务局"}
    assert not names_a & names_b
    # B's submissions notified B's editor only.
    assert not Notification.objects.filter(user=people.editor, text__contains=MARK).exists()
    assert Notification.objects.filter(user=b_people.editor, text__contains=MARK).exists()
