"""Privilege escalation and separation of duties: an administrator cannot reach Django's admin
(superuser, groups, permissions) nor change their own roles; whoever compiled an edition does
not approve it, and whoever compiled or approved it does not sign it, whatever roles they hold,
unless the bulletin is set for a one-person office (then each waived step is audited)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kuaibao.archive.models import Bulletin
from kuaibao.newsroom.actions import editions
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import ActionError, Actor
from kuaibao.newsroom.models import AuditEntry, Edition
from kuaibao.newsroom.roles import Role
from tests.newsroom.conftest import PASSWORD, People, ready_edition

pytestmark = pytest.mark.django_db


def _act(user: User) -> Actor:
    return Actor(user, "127.0.0.1", "pytest")


def test_an_administrator_never_reaches_djangos_admin(people: People, client: Client) -> None:
    people.admin.is_staff = True  # even flagged as staff by mistake
    people.admin.save()
    client.force_login(people.admin)
    change = f"/admin/auth/user/{people.admin.pk}/change/"
    assert client.get(change).status_code == 302  # to the admin's log-in: not a superuser
    client.post(change, {"username": "admin", "is_superuser": "on", "is_staff": "on", "groups": []})
    people.admin.refresh_from_db()
    assert not people.admin.is_superuser


def test_an_administrator_cannot_change_their_own_roles(people: People, client: Client) -> None:
    client.force_login(people.admin)
    form = {"display_name": "ADMIN", "roles": ["administrator", "signer"], "email": "", "active": "on"}
    response = client.post(f"/manage/people/{people.admin.pk}/", form)
    assert "不能修改自己的角色" in response.content.decode()
    assert not people.admin.groups.filter(name="签发").exists()


def test_an_administrator_cannot_touch_a_superuser(people: People, client: Client) -> None:
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(people.admin)
    form = {"display_name": "x", "roles": ["reader"], "email": "", "active": ""}
    assert client.post(f"/manage/people/{root.pk}/", form).status_code in (403, 404)  # 404: outside their office
    root.refresh_from_db()
    assert root.is_active


def _in_review(people: People, bulletin: Bulletin, compiler: User) -> Edition:
    edition = ready_edition(people, bulletin)
    return editions.send_to_review(_act(compiler), edition)


def test_one_person_cannot_review_and_sign_one_edition(people: People, bulletin: Bulletin) -> None:
    both = create_account("both", PASSWORD, Role.REVIEWER)
    both.groups.add(*people.signer.groups.all())
    edition = _in_review(people, bulletin, people.editor)
    editions.approve(_act(both), edition)
    with pytest.raises(ActionError, match="编审分离"):
        editions.sign(_act(both), edition)
    editions.sign(people.act("signer"), edition)  # another person signs


def test_a_superuser_cannot_compile_approve_and_sign_alone(people: People, bulletin: Bulletin) -> None:
    root = User.objects.create_superuser("root", password=PASSWORD)
    edition = _in_review(people, bulletin, root)
    with pytest.raises(ActionError, match="编审分离"):
        editions.approve(_act(root), edition)
    editions.approve(people.act("reviewer"), edition)
    with pytest.raises(ActionError, match="编审分离"):
        editions.sign(_act(root), edition)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.AWAITING_SIGNATURE


def test_a_one_person_office_may_do_all_three_and_each_step_is_audited(
    people: People, bulletin: Bulletin, client: Client
) -> None:
    client.force_login(people.admin)
    form = {
        "title": bulletin.title, "publisher": bulletin.publisher, "default_distribution": "县委常委。",
        "font_profile": bulletin.font_profile, "classification": "",
    }  # fmt: skip
    client.post(f"/manage/bulletins/{bulletin.pk}/", {**form, "single_person_office": "on"})
    bulletin.refresh_from_db()
    assert bulletin.single_person_office
    assert AuditEntry.objects.filter(action="bulletin.duties", actor=people.admin).exists()
    alone = create_account("alone", PASSWORD, Role.EDITOR)  # editor and signer: allowed now
    alone.groups.add(*people.reviewer.groups.all(), *people.signer.groups.all())
    edition = _in_review(people, bulletin, alone)
    editions.approve(_act(alone), edition)
    editions.sign(_act(alone), edition)
    waived = AuditEntry.objects.filter(action="edition.duties_waived", edition=edition)
    assert waived.count() == 2 and all(entry.actor == alone for entry in waived)
