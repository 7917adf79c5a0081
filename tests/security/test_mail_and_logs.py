"""CR/LF in a title never reaches a mail header; a mail that fails is logged and retried, never
a failed submission; with DEBUG off every server error reaches stderr with its traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kuaibao.newsroom.actions import submissions
from kuaibao.newsroom.models import Submission
from kuaibao.newsroom.notify.models import Delivery
from tests.newsroom.conftest import People

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_TITLE = "东屯镇项目建设\r\nBcc: victim@evil.example\r\n\r\n狠抓落实"

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Mails go out after commit; the test's transaction never commits, so run them here."""
    return django_capture_on_commit_callbacks


def _draft(people: People, title: str) -> Submission:
    return submissions.create_submission(
        people.act("reporter"), title=title, body="定期召开重点工作推进会。", suggested_section="项目建设"
    )


def test_crlf_in_a_title_never_reaches_a_mail_header(people: People, client: Client, on_commit: Any) -> None:
    people.editor.email = "editor@yanjin.gov.cn"
    people.editor.save()
    draft = _draft(people, HOSTILE_TITLE)
    assert "\r" not in draft.title and "\n" not in draft.title  # a title is one line
    client.force_login(people.reporter)
    with on_commit(execute=True):
        response = client.post(f"/newsroom/submissions/{draft.pk}/submit/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Submission.Status.SUBMITTED
    [message] = [m for m in mail.outbox if "editor@yanjin.gov.cn" in m.to]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == [] and "victim@evil.example" not in str(message.message()["Bcc"] or "")


class BrokenMail:
    """A mail backend whose server is down."""

    def __init__(self, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("SMTP server down")


def test_a_failed_mail_is_logged_and_retried_not_a_failed_submission(
    people: People, client: Client, settings: Any, caplog: pytest.LogCaptureFixture, on_commit: Any
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    people.editor.email = "editor@yanjin.gov.cn"
    people.editor.save()
    draft = _draft(people, "东屯镇狠抓项目建设")
    client.force_login(people.reporter)
    with caplog.at_level("INFO", logger="kuaibao.notify"), on_commit(execute=True):
        response = client.post(f"/newsroom/submissions/{draft.pk}/submit/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Submission.Status.SUBMITTED
    delivery = Delivery.objects.get(channel=Delivery.Channel.MAIL, address="editor@yanjin.gov.cn")
    assert delivery.status == Delivery.Status.PENDING and delivery.next_attempt_at is not None
    assert delivery.last_error.startswith("邮件发送失败")
    assert any("SMTP server down" in record.getMessage() for record in caplog.records)


BOOM = """
import django, os, sys, types
os.environ["DJANGO_SETTINGS_MODULE"] = "kuaibao.settings"
urls = types.ModuleType("boom_urls")
def boom(request):
    raise RuntimeError("boom-issue-14")
from django.urls import path
urls.urlpatterns = [path("boom/", boom)]
sys.modules["boom_urls"] = urls
django.setup()
from django.conf import settings
settings.ROOT_URLCONF = "boom_urls"
from django.test import Client
response = Client(raise_request_exception=False).get("/boom/", HTTP_HOST="localhost")
print("status", response.status_code)
"""


def test_every_server_error_reaches_stderr_with_debug_off(tmp_path: Path) -> None:
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), "KUAIBAO_DEBUG": "0"}
    done = subprocess.run([sys.executable, "-c", BOOM], env=env, capture_output=True, text=True, cwd=ROOT, check=False)
    assert "status 500" in done.stdout, done.stderr
    assert "ERROR django.request" in done.stderr and "RuntimeError: boom-issue-14" in done.stderr
