"""A small office with a bit of everything, made through the real actions, for the browser tests
that walk the interface as each role: the three real issues of the corpus in the archive, a
draft, a returned and a submitted item, a commission, an edition in each state, a leader's
instruction, and one person per role."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass

from django.utils import timezone

from kuaibao.api.actions import issue_system_token
from kuaibao.archive.actions import import_path
from kuaibao.archive.models import Bulletin, Item, Unit
from kuaibao.archive.units import resolve_unit
from kuaibao.newsroom.actions import editions, instructions, notifications, requests, submissions
from kuaibao.newsroom.actions.accounts import create_account
from kuaibao.newsroom.actions.base import Actor
from kuaibao.newsroom.models import Request, Submission
from kuaibao.newsroom.roles import Role
from kuaibao.web import actions as web_actions
from tests.golden import CORPUS

PASSWORD = "a-long-test-password-2023"
# Who logs in as what, and their names on the pages.
PEOPLE = {
    "reporter": ("dongtun", Role.REPORTER, "东屯镇", "王晓东"),
    "reporter_b": ("shangwu", Role.REPORTER, "县商务局", "刘商"),
    "editor": ("bianji", Role.EDITOR, None, "李勉"),
    "reviewer": ("shenhe", Role.REVIEWER, None, "原超俊"),
    "signer": ("qianfa", Role.SIGNER, None, "麻彦伟"),
    "leader": ("xianzhang", Role.READER, None, "张县长"),
    "admin": ("guanli", Role.ADMINISTRATOR, None, "赵管理"),
}


@dataclass
class Office:
    users: dict[str, object]
    latin_words: set[str]  # Latin words that the office's own text contains (not the interface's)


def act(office: Office, who: str) -> Actor:
    return Actor(office.users[who], "127.0.0.1", "pytest")  # type: ignore[arg-type]


def statistics_setup() -> None:
    """What the statistics migration gives a database (the office's permission to see
    statistics, a first rule set), again after a transactional test flushed it."""
    from django.apps import apps

    migration = importlib.import_module("kuaibao.stats.migrations.0002_default_rules_and_permissions")
    migration.grant(apps, None)
    migration.default_rules(apps, None)


def build_office() -> Office:
    for path in sorted(CORPUS.glob("*.txt")):
        assert import_path(path).status == "imported"
    Bulletin.objects.update(slug="yanjin")
    resolve_unit("东屯镇")
    resolve_unit("县商务局")
    users = {}
    for key, (username, role, unit, name) in PEOPLE.items():
        users[key] = create_account(username, PASSWORD, role, unit=unit, display_name=name)
    statistics_setup()
    office = Office(users, set())
    # A receiver that never answers (port 9) and a unit's system token: the connection pages.
    notifications.register_webhook(act(office, "admin"), name="政务平台机器人", url="http://127.0.0.1:9/hook")
    issue_system_token(act(office, "admin"), name="东屯镇办公系统", unit=Unit.objects.get(name="东屯镇"))
    body = "组织农机合作社开展秸秆还田作业，落实网格化管理。截至目前，全镇还田面积2万余亩，带动增收105万元。"
    submissions.create_submission(act(office, "reporter"), title="东屯镇秸秆还田草稿", body=body)
    returned = submissions.submit(
        act(office, "reporter"),
        submissions.create_submission(act(office, "reporter"), title="东屯镇推进人居环境整治", body=body),
    )
    submissions.return_submission(act(office, "editor"), returned, comment="请补充具体数字")
    submissions.update_draft(
        act(office, "reporter"), returned, title=returned.title, body=body + "已完成改厕300户。", expected_version=1
    )
    pending = submissions.submit(
        act(office, "reporter_b"),
        submissions.create_submission(
            act(office, "reporter_b"), title="县商务局促进消费回暖", body="开展以旧换新活动。"
        ),
    )
    submissions.edit(
        act(office, "editor"),
        pending,
        title=pending.title,
        body="开展家电以旧换新活动，拉动消费10.6万元。",
        expected_version=1,
    )
    # The office's proofreading lists (审校词表 in the administration).
    web_actions.save_leader(act(office, "admin"), None, name="张县长", titles="县委副书记、县长", rank=1, active=True, note="")
    web_actions.save_phrase(
        act(office, "admin"), None, kind="norm", phrase="脱贫攻坚战", suggestion="巩固拓展脱贫攻坚成果",
        source="县委办通知〔2023〕5号", note="", severity="warning", active=True,
    )  # fmt: skip
    requests.publish_request(
        act(office, "editor"),
        kind=Request.Kind.COMMISSION,
        title="秋收秋种进展",
        description="请报送秋收秋种的做法和数据。",
        deadline=timezone.now() + dt.timedelta(days=5),
        units=[Unit.objects.get(name="东屯镇")],
    )
    bulletin = Bulletin.objects.get()
    labels = {"in_review": "待审核", "awaiting_signature": "待签发", "editing": "编辑中"}
    for status in ("in_review", "awaiting_signature", "editing"):
        edition = editions.create_edition(act(office, "editor"), bulletin)
        item = submissions.submit(
            act(office, "reporter"),
            submissions.create_submission(
                act(office, "reporter"), title=f"东屯镇{labels[status]}的工作信息", body=body
            ),
        )
        placement = editions.add_submission(act(office, "editor"), edition, item, section="项目建设")
        editions.set_ready(act(office, "editor"), placement, ready=True)
        if status != "editing":
            editions.send_to_review(act(office, "editor"), edition, reason="测试数据")
        if status == "awaiting_signature":
            editions.approve(act(office, "reviewer"), edition)
    item = Item.objects.filter(is_current=True, itemunit__unit__name="东屯镇").first()
    assert item is not None
    instructions.record_instruction(act(office, "leader"), item, text="经验做法很好，请继续推进。", leader_title="县长")
    texts = [f"{i.title} {i.body}" for i in Item.objects.all()] + [
        f"{s.title} {s.body}" for s in Submission.objects.all()
    ]
    texts += list(Unit.objects.values_list("name", flat=True))
    office.latin_words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]{2,}", text)}
    return office
