"""Named personas for the newsroom tests (healthchecks' hc/test.py habit), made through the
real account action, and helpers that play the usual steps through the real actions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from kuaibao.archive.models import Bulletin
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom.actions import editions, submissions
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor
from kuaibao.newsroom.models import Edition, Submission
from kuaibao.newsroom.roles import Role

PASSWORD = "a-long-test-password-2023"


@dataclass
class People:
    reporter: User  # 东屯镇's 信息员: writes and submits for 东屯镇 only
    reporter_b: User  # 县商务局's 信息员: must never see 东屯镇's drafts
    editor: User  # 责任编辑: edits, returns, adopts, compiles, sends to review
    reviewer: User  # 审核: approves or returns an edition
    signer: User  # 签发: signs (publishes) or returns
    leader: User  # 读者 (a county leader): reads, gives 批示
    admin: User  # 管理员: units and accounts in the admin
    outsider: User  # signed in, no role: may read the archive only

    def act(self, name: str) -> Actor:
        return Actor(getattr(self, name), "127.0.0.1", "pytest")


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path
    settings.SOURCES_DIR = tmp_path / "sources"


@pytest.fixture
def bulletin(db: None) -> Bulletin:
    return Bulletin.objects.create(
        title="延津政务快报",
        slug="yanjin",
        publisher="延津县人民政府办公室",
        default_distribution="县委常委，县人大正副主任，副县长，县直各单位负责人。",
    )


@pytest.fixture
def people(db: None) -> People:
    resolve_unit("东屯镇")
    resolve_unit("县商务局")

    def make(name: str, role: Role, unit: str | None = None) -> User:
        return create_account(name, PASSWORD, role, unit=unit, display_name=name.upper())

    outsider = User.objects.create_user("outsider", password=PASSWORD)
    return People(
        reporter=make("dongtun", Role.REPORTER, "东屯镇"),
        reporter_b=make("shangwu", Role.REPORTER, "县商务局"),
        editor=make("editor", Role.EDITOR),
        reviewer=make("reviewer", Role.REVIEWER),
        signer=make("signer", Role.SIGNER),
        leader=make("leader", Role.READER),
        admin=make("admin", Role.ADMINISTRATOR),
        outsider=outsider,
    )


def write(people: People, who: str = "reporter", title: str = "东屯镇狠抓项目建设促进经济发展") -> Submission:
    return submissions.create_submission(
        people.act(who),
        title=title,
        body="定期召开重点工作推进会，实时掌握项目建设进度。目前，总投资350万元的项目落地投产。",
        suggested_section="项目建设",
    )


def submitted(people: People, who: str = "reporter", title: str = "东屯镇狠抓项目建设促进经济发展") -> Submission:
    return submissions.submit(people.act(who), write(people, who, title))


def ready_edition(people: People, bulletin: Bulletin, count: int = 2) -> Edition:
    edition = editions.create_edition(people.act("editor"), bulletin)
    for n in range(count):
        who = "reporter" if n % 2 == 0 else "reporter_b"
        placement = editions.add_submission(people.act("editor"), edition, submitted(people, who, f"第{n + 1}条信息"))
        editions.set_ready(people.act("editor"), placement, ready=True)
    return edition
