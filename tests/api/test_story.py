"""The whole story through the API alone, as an OA system, the office's people and their tools
would play it: a 约稿, a unit's system submitting a Word file, a return and a revision, an issue
compiled, returned once by review, approved and signed, a leader's 批示 answered by the unit's
system, the statistics and exports, and a webhook receiver that hears every step."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import importlib
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kuaibao.archive.models import Unit
from kuaibao.newsroom.models import AuditEntry
from tests.api.conftest import Tokens
from tests.support.docx import item_docx
from tests.support.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db(transaction=True)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json() if response.content else None


def grant_statistics() -> None:
    """The statistics migration grants the office's roles `stats.view_statistics`; a database
    flushed by an earlier transactional test has lost the grant (ensure_groups knows only the
    newsroom's permissions), so grant it again as that migration does."""
    from django.apps import apps

    importlib.import_module("kuaibao.stats.migrations.0002_default_rules_and_permissions").grant(apps, None)


def test_the_whole_story_through_the_api(tokens: Tokens, bulletin: Any) -> None:
    grant_statistics()
    admin, editor, reviewer, signer = (tokens.api(n) for n in ("admin", "editor", "reviewer", "signer"))
    system, shangwu, leader = tokens.api("system"), tokens.api("reporter_b"), tokens.api("leader")
    dongtun, commerce = Unit.objects.get(name="东屯镇"), Unit.objects.get(name="县商务局")

    with WebhookReceiver() as receiver:
        hook = ok(admin.post("/api/webhooks", {"name": "县政府 OA", "url": receiver.url}), 201)

        # The editor asks both units for an item on the autumn harvest by a deadline.
        deadline = (timezone.localtime() + dt.timedelta(days=3)).isoformat()
        request = ok(
            editor.post(
                "/api/requests",
                {
                    "kind": "commission",
                    "title": "秋粮收购进展",
                    "deadline": deadline,
                    "units": [dongtun.pk, commerce.pk],
                },
            ),
            201,
        )
        assert [a["state"] for a in request["answers"]] == ["pending", "pending"]

        # 东屯镇's OA system sees the request and answers it with a Word file, submitted at once.
        assert [r["title"] for r in ok(system.get("/api/requests"))["items"]] == ["秋粮收购进展"]
        word = item_docx(
            "东屯镇秋粮收购进度过半", "截至目前，全镇收购秋粮1.2万吨，完成计划的52%。", "下一步，将加快烘干设施建设。"
        )
        upload = SimpleUploadedFile("秋粮收购.docx", word, content_type=DOCX)
        item = ok(
            system.post(
                "/api/submissions/docx", {"request": str(request["id"]), "submit": "true"}, files={"file": upload}
            ),
            201,
        )
        assert (item["title"], item["status"], item["unit"]["name"]) == (
            "东屯镇秋粮收购进度过半",
            "submitted",
            "东屯镇",
        )
        assert "1.2万吨" in item["body"] and item["files"][0]["name"] == "秋粮收购.docx"
        kept = system.get(item["files"][0]["url"].replace("http://testserver", ""))
        assert kept.status_code == 200 and kept.content == word

        # A second item sent by mistake is withdrawn before anyone handles it.
        wrong = ok(system.post("/api/submissions", {"title": "误报的信息", "body": "重复内容。", "submit": True}), 201)
        assert ok(system.post(f"/api/submissions/{wrong['id']}/withdraw"))["status"] == "draft"

        # 县商务局's reporter writes through the API too.
        trade = ok(
            shangwu.post(
                "/api/submissions",
                {
                    "title": "县商务局促进消费回暖",
                    "body": "开展以旧换新活动。",
                    "request": request["id"],
                    "submit": True,
                },
            ),
            201,
        )

        # The editor's inbox holds both; the 商务局 item goes back with a comment.
        inbox = ok(editor.get("/api/inbox"))
        assert {s["title"] for s in inbox["items"]} == {"东屯镇秋粮收购进度过半", "县商务局促进消费回暖"}
        ok(editor.post(f"/api/submissions/{trade['id']}/return", {"comment": "请补充具体数字"}))

        # The unit reads the comment, revises from its version and submits again.
        assert ok(shangwu.get(f"/api/submissions/{trade['id']}"))["status"] == "returned"
        (comment,) = ok(shangwu.get(f"/api/submissions/{trade['id']}/comments"))
        assert (comment["kind"], comment["comment"], comment["by"]) == ("return", "请补充具体数字", "EDITOR")
        stale = trade["version"]
        revised = ok(
            shangwu.patch(
                f"/api/submissions/{trade['id']}",
                {
                    "title": "县商务局促进消费回暖",
                    "body": "开展以旧换新活动，拉动消费10.6万元。",
                    "expected_version": stale,
                },
            )
        )
        conflict = shangwu.patch(
            f"/api/submissions/{trade['id']}", {"title": "旧版本", "body": "旧内容", "expected_version": stale}
        )
        assert conflict.status_code == 409 and conflict.json()["code"] == "version_conflict"
        assert conflict.json()["current"]["version"] == revised["version"]
        ok(shangwu.post(f"/api/submissions/{trade['id']}/submit"))

        # The editor compiles the next issue from both, puts 商务局 first, finishes both, sends it.
        edition = ok(editor.post("/api/editions", {"bulletin": "yanjin"}), 201)
        for submission, section in ((item, "农业农村"), (trade, "经济运行")):
            ok(
                editor.post(
                    f"/api/submissions/{submission['id']}/adopt", {"edition": edition["id"], "section": section}
                )
            )
        placements = ok(editor.get(f"/api/editions/{edition['id']}"))["placements"]
        order = [placements[1]["id"], placements[0]["id"]]
        arranged = ok(editor.put(f"/api/editions/{edition['id']}/order", {"order": order}))
        assert [p["title"] for p in arranged["placements"]] == ["县商务局促进消费回暖", "东屯镇秋粮收购进度过半"]
        for placement in order:
            ok(editor.patch(f"/api/editions/{edition['id']}/placements/{placement}", {"ready": True}))
        assert ok(editor.post(f"/api/editions/{edition['id']}/send"))["status"] == "in_review"

        # A reporter's token cannot sign, nor can the system touch another unit's item.
        assert shangwu.post(f"/api/editions/{edition['id']}/sign").status_code == 403
        assert system.get(f"/api/submissions/{trade['id']}").status_code == 404

        # Review returns it once, then approves; the signer signs.
        ok(reviewer.post(f"/api/editions/{edition['id']}/return", {"comment": "标题再精炼"}))
        ok(editor.post(f"/api/editions/{edition['id']}/send"))
        assert ok(reviewer.post(f"/api/editions/{edition['id']}/approve"))["status"] == "awaiting_signature"
        signed = ok(signer.post(f"/api/editions/{edition['id']}/sign"))
        assert signed["status"] == "signed" and signed["signer"] == "SIGNER" and signed["issue"]

        # The archive has the issue; it exports as a real DOCX.
        issue = ok(
            system.client.get(f"/api/issues/{signed['issue']}", headers={"Authorization": f"Bearer {tokens.editor}"})
        )
        assert [i["title"] for i in issue["items"]] == ["县商务局促进消费回暖", "东屯镇秋粮收购进度过半"]
        assert issue["staff"] == {"责任编辑": "EDITOR", "审核": "REVIEWER", "签发": "SIGNER"}
        exported = editor.get(f"/api/issues/{signed['issue']}/export.docx")
        assert exported.status_code == 200 and exported["Content-Type"] == DOCX
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(exported.content)).namelist()

        # The unit's system sees its item adopted; a leader writes a 批示 and the system answers it.
        assert ok(system.get(f"/api/submissions/{item['id']}"))["status"] == "adopted"
        published = next(i for i in issue["items"] if i["units"] == ["东屯镇"])
        instruction = ok(
            leader.post(
                f"/api/items/{published['id']}/instructions", {"text": "经验做法值得推广。", "leader_title": "县长"}
            ),
            201,
        )
        waiting = ok(system.get("/api/instructions", unanswered="true"))["items"]
        assert [w["id"] for w in waiting] == [instruction["id"]]
        answered = ok(system.post(f"/api/instructions/{instruction['id']}/feedback", {"feedback": "已在全镇推广。"}))
        assert answered["feedback_by"] == "东屯镇 OA 系统"

        # The figures: each unit answered the commission on time and had one item adopted.
        period = timezone.localdate().strftime("%Y-%m")
        units = {row["unit"]: row for row in ok(editor.get("/api/stats/units", period=period))["units"]}
        assert (units["东屯镇"]["adopted"], units["东屯镇"]["on_time"]) == (1, 1)
        assert (units["县商务局"]["adopted"], units["县商务局"]["instructions"]) == (1, 0)
        assert [a["state"] for a in ok(editor.get(f"/api/requests/{request['id']}"))["answers"]] == [
            "on_time",
            "on_time",
        ]

        # Every step reached the receiver, signed with the receiver's secret.
        heard = receiver.wait_for(14)
    events = [call.headers["X-Kuaibao-Event"] for call in heard]
    for kind in ["request.published", "submission.submitted", "submission.withdrawn", "submission.returned",
                 "submission.adopted", "edition.review", "edition.returned", "edition.signature", "edition.signed",
                 "instruction.recorded", "instruction.answered"]:  # fmt: skip
        assert kind in events, kind
    for call in heard:
        mac = hmac.new(
            hook["secret"].encode(), call.headers["X-Kuaibao-Timestamp"].encode() + b"." + call.body, hashlib.sha256
        )
        assert call.headers["X-Kuaibao-Signature"] == "sha256=" + mac.hexdigest()

    # The system's actions are audited like a person's, naming the token they came with.
    rows = AuditEntry.objects.filter(actor__profile__display_name="东屯镇 OA 系统")
    assert {
        "submission.create",
        "submission.attach",
        "submission.submit",
        "submission.withdraw",
        "instruction.answer",
    } <= set(rows.values_list("action", flat=True))
    assert all("API 令牌“东屯镇 OA 系统”" in row.user_agent for row in rows)
