"""约稿 answers (on time, late, missing) and 领导批示 with the unit's feedback."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.newsroom import queries
from kuaibao.newsroom.actions import editions, instructions, requests, submissions
from kuaibao.newsroom.actions.base import ActionError, Forbidden
from kuaibao.newsroom.models import Notification, Request
from tests.newsroom.conftest import People, ready_edition

pytestmark = pytest.mark.django_db


def test_commission_answers_are_on_time_late_or_missing(people: People) -> None:
    dongtun, commerce = Unit.objects.get(name="东屯镇"), Unit.objects.get(name="县商务局")
    deadline = timezone.now() + dt.timedelta(hours=1)
    request = requests.publish_request(
        people.act("editor"),
        kind=Request.Kind.COMMISSION,
        title="秋粮收购进展",
        deadline=deadline,
        units=[dongtun, commerce],
    )
    assert Notification.objects.filter(user=people.reporter, text__contains="秋粮收购进展").exists()
    assert request in queries.open_requests_for(people.reporter)
    answer = submissions.create_submission(
        people.act("reporter"), title="东屯镇秋粮收购", body="收购秋粮3万吨。", request=request
    )
    submissions.submit(people.act("reporter"), answer)
    later = deadline + dt.timedelta(hours=2)
    states = {a.unit.name: a.state for a in queries.answers(request, now=later)}
    assert states == {"东屯镇": "on_time", "县商务局": "missing"}
    late = submissions.create_submission(people.act("reporter_b"), title="商务局秋粮", body="正文。", request=request)
    submissions.submit(people.act("reporter_b"), late)
    late.submitted_at = later
    late.save()
    states = {a.unit.name: a.state for a in queries.answers(request, now=later)}
    assert states == {"东屯镇": "on_time", "县商务局": "late"}


def test_commission_needs_units_and_deadline_and_only_editors_publish(people: People) -> None:
    with pytest.raises(ActionError, match="截止时间"):
        requests.publish_request(people.act("editor"), kind=Request.Kind.COMMISSION, title="主题")
    with pytest.raises(Forbidden):
        requests.publish_request(people.act("reporter"), kind=Request.Kind.GUIDANCE, title="主题")


def test_a_unit_not_asked_cannot_answer_a_commission(people: People) -> None:
    request = requests.publish_request(
        people.act("editor"),
        kind=Request.Kind.COMMISSION,
        title="只约东屯镇",
        deadline=timezone.now() + dt.timedelta(days=1),
        units=[Unit.objects.get(name="东屯镇")],
    )
    assert request not in queries.open_requests_for(people.reporter_b)
    with pytest.raises(Forbidden):
        submissions.create_submission(people.act("reporter_b"), title="标题", body="正文。", request=request)


def test_leader_instruction_and_unit_feedback(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    edition = ready_edition(people, bulletin, count=1)
    editions.send_to_review(people.act("editor"), edition)
    editions.approve(people.act("reviewer"), edition)
    editions.sign(people.act("signer"), edition)
    assert edition.issue is not None and edition.issue.current is not None
    item = edition.issue.current.items.get()
    with pytest.raises(Forbidden):
        instructions.record_instruction(people.act("editor"), item, text="好")
    instruction = instructions.record_instruction(
        people.act("leader"), item, text="经验做法值得推广。", leader_title="县长"
    )
    assert Notification.objects.filter(user=people.reporter, text__contains="领导批示").exists()
    assert list(queries.missing_feedback(people.editor)) == [instruction]
    with pytest.raises(Forbidden):
        instructions.answer_instruction(people.act("reporter_b"), instruction, feedback="不是我们的")
    instructions.answer_instruction(people.act("reporter"), instruction, feedback="已在全镇推广。")
    assert list(queries.missing_feedback(people.editor)) == []
    with pytest.raises(ActionError, match="已经反馈"):
        instructions.answer_instruction(people.act("reporter"), instruction, feedback="再次")


def test_the_commission_notice_is_a_document_in_official_style(people: People, bulletin) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.test import Client
    from docx import Document

    deadline = dt.datetime(2024, 3, 20, 17, 0, tzinfo=timezone.get_current_timezone())
    units = [Unit.objects.get(name="东屯镇")]
    row = requests.publish_request(
        people.act("editor"), kind=Request.Kind.COMMISSION, title="秋收秋种", description="进展和成效。",
        deadline=deadline, units=units,
    )  # fmt: skip
    client = Client()
    client.force_login(people.editor)
    response = client.get(f"/newsroom/requests/{row.pk}/notice.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于报送“秋收秋种”政务信息的约稿通知" and doc.paragraphs[0].style.name == "公文标题"
    assert texts[2] == "东屯镇：" and doc.paragraphs[2].style.name == "公文主送"
    assert "请于2024年3月20日17时前通过政务信息报送系统报送，逾期按约稿未完成计。" in texts
    assert texts[-2] == bulletin.publisher and doc.paragraphs[-1].style.name == "公文落款"
    assert client.get("/newsroom/requests/").content.decode().count("下载约稿通知") == 1
