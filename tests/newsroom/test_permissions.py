"""The permission matrix: every page, form target and API endpoint, visited as every role and
as an anonymous visitor, is either allowed or refused, as the table says.

Refused means 403 for a signed-in user and a redirect to the login page (401 on the API) for
an anonymous one. Allowed means any other answer; a POST that is allowed runs inside a
savepoint that is rolled back, so the table's rows don't disturb each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kuaibao.api.actions import issue_personal_token, issue_system_token
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions import editions, instructions, notifications, requests
from kuaibao.newsroom.models import Delivery, ProofLeader, ProofPhrase, Request
from kuaibao.stats.models import ScoringRules
from tests.newsroom.conftest import People, ready_edition, submitted, write

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]
SIGNED_IN = set(ROLES) - {"anonymous"}
REPORTERS = {"reporter", "reporter_b"}
OFFICE = {"editor", "reviewer", "signer"}


@pytest.fixture
def world(people: People, bulletin: Any) -> dict[str, Any]:
    """One of everything: a draft, a submitted item, editions in each state, a published
    item with an instruction, a commission."""
    draft = write(people, title="东屯镇的草稿")
    pending = submitted(people, title="东屯镇已报送的稿件")
    editing = editions.create_edition(people.act("editor"), bulletin)
    placement = editions.add_submission(people.act("editor"), editing, submitted(people, "reporter_b", "商务局稿件"))
    published = ready_edition(people, bulletin, count=1)
    editions.send_to_review(people.act("editor"), published)
    editions.approve(people.act("reviewer"), published)
    editions.sign(people.act("signer"), published)
    assert published.issue is not None and published.issue.current is not None
    item = published.issue.current.items.get()
    instruction = instructions.record_instruction(people.act("leader"), item, text="请推广。")
    commission = requests.publish_request(
        people.act("editor"),
        kind=Request.Kind.COMMISSION,
        title="约稿",
        deadline=timezone.now() + dt.timedelta(days=3),
        units=[Unit.objects.get(name="东屯镇")],
    )
    hook = notifications.register_webhook(people.act("admin"), name="平台机器人", url="http://127.0.0.1:9/hook")
    submitted(people, title="给机器人的稿件")  # a delivery to the hook
    token, _ = issue_system_token(people.act("admin"), name="东屯镇系统", unit=Unit.objects.get(name="东屯镇"))
    own, _ = issue_personal_token(people.act("reporter"), name="脚本", scopes=None, days=30)
    leader = ProofLeader.objects.create(name="王强", titles="县委书记", rank=1)
    phrase = ProofPhrase.objects.create(phrase="建国以来", suggestion="新中国成立以来", source="规范表述通知")
    return {
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
        "unit": Unit.objects.get(name="东屯镇").pk,
        "section": item.section_id,
        "person": people.reporter_b.pk,
        "bulletin": bulletin.pk,
        "rules": ScoringRules.objects.get(active=True).pk,
        "webhook": hook.pk,
        "delivery": Delivery.objects.filter(webhook=hook).first().pk,  # type: ignore[union-attr]
        "token": token.pk,
        "own_token": own.pk,
        "leader": leader.pk,
        "phrase": phrase.pk,
    }


def matrix(w: dict[str, Any]) -> list[tuple[str, str, set[str]]]:
    """(method, url, roles allowed)."""
    nr = "/newsroom"
    sub = f"{nr}/submissions"
    ed = f"{nr}/editions/{w['editing']}"
    pl = f"{ed}/items/{w['placement']}"
    rows = [
        # The archive: any signed-in user reads it.
        ("GET", "/", SIGNED_IN),
        ("GET", "/search/?q=信息", SIGNED_IN),
        ("GET", "/archive/", SIGNED_IN),
        ("GET", f"/archive/{w['year']}/", SIGNED_IN),
        ("GET", f"/archive/{w['year']}/{timezone.localdate().month}/", SIGNED_IN),
        ("GET", f"/b/{w['slug']}/{w['year']}/{w['number']}/", SIGNED_IN),
        ("GET", f"/b/{w['slug']}/{w['year']}/{w['number']}/download.txt", SIGNED_IN),
        ("GET", f"/items/{w['item']}/", SIGNED_IN),
        ("GET", "/units/", SIGNED_IN),
        ("GET", f"/units/{w['unit']}/", SIGNED_IN),
        ("GET", "/sections/", SIGNED_IN),
        ("GET", f"/sections/{w['section']}/", SIGNED_IN) if w["section"] else ("GET", "/sections/", SIGNED_IN),
        # The newsroom.
        ("GET", f"{nr}/", SIGNED_IN),  # the 工作台
        ("GET", f"{nr}/notifications/", SIGNED_IN),
        ("POST", f"{nr}/notifications/read/", SIGNED_IN),
        ("GET", f"{nr}/requests/", REPORTERS | {"editor"}),
        ("POST", f"{nr}/requests/", {"editor"}),
        ("GET", f"{nr}/requests/{w['request']}/notice.docx", {"editor"}),
        ("GET", f"{nr}/instructions/", REPORTERS | {"editor", "leader"}),
        ("POST", f"{nr}/items/{w['item']}/instruct/", {"leader"}),
        ("POST", f"{nr}/instructions/{w['instruction']}/answer/", {"reporter"}),
        ("GET", f"{sub}/", REPORTERS),
        ("GET", f"{sub}/new/", REPORTERS),
        ("POST", f"{sub}/new/", REPORTERS),
        ("POST", f"{sub}/upload/", REPORTERS),
        # A draft is its unit's alone: not even the editors see it.
        ("GET", f"{sub}/{w['draft']}/", {"reporter"}),
        ("POST", f"{sub}/{w['draft']}/save/", {"reporter"}),
        ("POST", f"{sub}/{w['draft']}/submit/", {"reporter"}),
        ("POST", f"{sub}/{w['draft']}/proof/", {"reporter"}),
        ("POST", f"{sub}/{w['draft']}/proof/accept/", {"reporter"}),
        ("POST", f"{sub}/{w['draft']}/proof/dismiss/", {"reporter"}),
        ("GET", f"{sub}/{w['draft']}/diff/?a=1&b=1", {"reporter"}),
        # A submitted item: its unit and the office.
        ("GET", f"{sub}/{w['pending']}/", {"reporter"} | OFFICE),
        ("GET", f"{sub}/{w['pending']}/diff/?a=1&b=1", {"reporter"} | OFFICE),
        ("POST", f"{sub}/{w['pending']}/save/", {"reporter", "editor"}),
        ("POST", f"{sub}/{w['pending']}/withdraw/", {"reporter"}),
        ("POST", f"{sub}/{w['pending']}/return/", {"editor"}),
        ("POST", f"{sub}/{w['pending']}/reject/", {"editor"}),
        ("POST", f"{sub}/{w['pending']}/forward/", {"editor"}),
        ("POST", f"{sub}/{w['pending']}/revert/", {"reporter", "editor"}),
        ("POST", f"{sub}/{w['pending']}/adopt/", {"editor"}),
        ("POST", f"{sub}/{w['pending']}/proof/", {"editor"}),
        ("GET", f"{nr}/inbox/", {"editor"}),
        ("GET", f"{nr}/editions/", OFFICE),
        ("POST", f"{nr}/editions/", {"editor"}),
        ("GET", f"{ed}/", OFFICE),
        ("GET", f"{ed}/preview/", OFFICE),
        ("POST", f"{ed}/arrange/", {"editor"}),
        ("POST", f"{ed}/details/", {"editor"}),
        ("POST", f"{ed}/send/", {"editor"}),
        ("POST", f"{ed}/approve/", {"reviewer"}),
        ("POST", f"{ed}/return/", {"reviewer", "signer"}),
        ("POST", f"{ed}/sign/", {"signer"}),
        ("POST", f"{pl}/move/up/", {"editor"}),
        ("POST", f"{pl}/section/", {"editor"}),
        ("POST", f"{pl}/ready/", {"editor"}),
        ("POST", f"{pl}/remove/", {"editor"}),
        ("POST", f"{nr}/issues/{w['issue']}/correct/", {"editor"}),
        # The API.
        ("GET", "/api/issues", SIGNED_IN),
        ("GET", f"/api/issues/{w['issue']}", SIGNED_IN),
        ("GET", f"/api/items/{w['item']}", SIGNED_IN),
        ("GET", "/api/units", SIGNED_IN),
        ("GET", "/api/search?q=信息", SIGNED_IN),
        ("GET", f"/api/issues/{w['issue']}/export.txt", SIGNED_IN),
        ("GET", "/api/openapi.json", SIGNED_IN),
        ("GET", "/api/docs", SIGNED_IN),
        # Django's admin: superusers only (no persona is one); administrators use the pages below.
        ("GET", "/admin/", set()),
        ("GET", "/admin/archive/unit/", set()),
        ("GET", "/admin/auth/user/", set()),
        ("GET", "/admin/newsroom/auditentry/", set()),
        # Everyone changes their own password; the 工作台.
        ("GET", "/account/password/", SIGNED_IN),
        ("POST", "/account/password/", SIGNED_IN),
        ("GET", "/account/tokens/", SIGNED_IN),
        ("POST", "/account/tokens/", SIGNED_IN),
        ("POST", f"/account/tokens/{w['own_token']}/revoke/", SIGNED_IN),  # another's token: 404
        # The office's administration: administrators only.
        ("GET", "/manage/people/", {"admin"}),
        ("GET", "/manage/people/new/", {"admin"}),
        ("POST", "/manage/people/new/", {"admin"}),
        ("GET", "/manage/people/import/", {"admin"}),
        ("POST", "/manage/people/import/", {"admin"}),
        ("GET", "/manage/people/template.xlsx", {"admin"}),
        ("GET", f"/manage/people/{w['person']}/", {"admin"}),
        ("POST", f"/manage/people/{w['person']}/", {"admin"}),
        ("POST", f"/manage/people/{w['person']}/password/", {"admin"}),
        ("GET", "/manage/units/", {"admin"}),
        ("GET", "/manage/units/new/", {"admin"}),
        ("POST", "/manage/units/new/", {"admin"}),
        ("GET", f"/manage/units/{w['unit']}/", {"admin"}),
        ("POST", f"/manage/units/{w['unit']}/", {"admin"}),
        ("POST", f"/manage/units/{w['unit']}/merge/", {"admin"}),
        ("GET", "/manage/bulletins/", {"admin"}),
        ("GET", f"/manage/bulletins/{w['bulletin']}/", {"admin"}),
        ("POST", f"/manage/bulletins/{w['bulletin']}/", {"admin"}),
        ("GET", "/manage/rules/", {"admin"}),
        ("GET", "/manage/rules/new/", {"admin"}),
        ("POST", "/manage/rules/new/", {"admin"}),
        ("GET", f"/manage/rules/{w['rules']}/", {"admin"}),
        ("POST", f"/manage/rules/{w['rules']}/", {"admin"}),
        ("POST", f"/manage/rules/{w['rules']}/activate/", {"admin"}),
        ("GET", "/manage/proofing/", {"admin"}),
        ("GET", "/manage/proofing/leaders/new/", {"admin"}),
        ("POST", "/manage/proofing/leaders/new/", {"admin"}),
        ("GET", f"/manage/proofing/leaders/{w['leader']}/", {"admin"}),
        ("POST", f"/manage/proofing/leaders/{w['leader']}/", {"admin"}),
        ("POST", f"/manage/proofing/leaders/{w['leader']}/remove/", {"admin"}),
        ("GET", "/manage/proofing/phrases/new/", {"admin"}),
        ("POST", "/manage/proofing/phrases/new/", {"admin"}),
        ("GET", f"/manage/proofing/phrases/{w['phrase']}/", {"admin"}),
        ("POST", f"/manage/proofing/phrases/{w['phrase']}/", {"admin"}),
        ("POST", f"/manage/proofing/phrases/{w['phrase']}/remove/", {"admin"}),
        ("GET", "/manage/tokens/", {"admin"}),
        ("GET", "/manage/tokens/new/", {"admin"}),
        ("POST", "/manage/tokens/new/", {"admin"}),
        ("POST", f"/manage/tokens/{w['token']}/revoke/", {"admin"}),
        ("GET", "/manage/webhooks/", {"admin"}),
        ("GET", "/manage/webhooks/new/", {"admin"}),
        ("POST", "/manage/webhooks/new/", {"admin"}),
        ("GET", f"/manage/webhooks/{w['webhook']}/", {"admin"}),
        ("POST", f"/manage/webhooks/{w['webhook']}/", {"admin"}),
        ("POST", f"/manage/webhooks/{w['webhook']}/remove/", {"admin"}),
        ("GET", "/manage/deliveries/", {"admin"}),
        ("GET", f"/manage/deliveries/{w['delivery']}/", {"admin"}),
        ("POST", f"/manage/deliveries/{w['delivery']}/replay/", {"admin"}),
    ]
    return rows


def refused(response: Any, role: str, url: str) -> bool:
    if role == "anonymous":
        if url.startswith("/api/") and not url.startswith(("/api/docs", "/api/openapi")):
            return bool(response.status_code == 401)
        return response.status_code == 302 and "login" in response["Location"]
    if url.startswith("/admin/"):
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    return bool(response.status_code == 403)


def client_for(role: str, people: People) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def test_every_url_as_every_role(people: People, world: dict[str, Any]) -> None:
    failures = []
    for role in ROLES:
        client = client_for(role, people)
        for method, url, allowed in matrix(world):
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
            if (role in allowed) == refused(response, role, url):
                failures.append(f"{role:>10} {method} {url} → {response.status_code}")
    assert failures == []


def named_routes() -> set[str]:
    """Every page and the archive's API; the newsroom's API operations are tried with every
    role's token by tests/api/test_schema.py and tests/api/test_scopes.py."""
    from kuaibao.archive.api import router as archive_router

    archive_api = {
        operation.view_func.__name__
        for view in archive_router.path_operations.values()
        for operation in view.operations
    }
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace in ("archive", "newsroom", "api", "web"):
                if namespace != "api" or entry.name in archive_api or entry.name == "api-root":
                    names.add(f"{namespace}:{entry.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_the_matrix_covers_every_route(world: dict[str, Any]) -> None:
    """A new page or endpoint must be added to the matrix above."""
    resolver = get_resolver()
    covered = set()
    for _, url, _ in matrix(world):
        match = resolver.resolve(url.split("?")[0])
        covered.add(f"{match.namespace}:{match.url_name}")
    # api-root is django-ninja's own 404 for /api/ itself.
    missing = named_routes() - covered - {"api:api-root"}
    assert missing == set()
