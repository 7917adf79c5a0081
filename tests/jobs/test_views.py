"""Job pages: every URL as every persona, and what the pages show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kuaibao.jobs import actions
from kuaibao.jobs.models import Job
from tests.jobs.conftest import People

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "reporter_b", "editor", "reviewer", "signer", "leader", "admin", "outsider"]
OFFICE_JOBS = {"editor", "admin"}  # they start jobs, so they see them


def client_for(role: str, people: People) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


@pytest.fixture
def job(people: People) -> Job:
    return Job.objects.create(
        kind=Job.Kind.IMPORT_FOLDER,
        status=Job.Status.DONE,
        params={"folder": "2023"},
        done=6,
        total=6,
        message="“2023”共 6 个文件：新导入 3，已更新 0，未变化 1，失败 2",
        result={
            "counts": {"imported": 3, "updated": 0, "unchanged": 1, "failed": 2},
            "failures": [{"file": "2023/broken.pdf", "reason": "不是有效的 PDF"}],
            "skipped": 0,
        },
        created_by=people.editor,
    )


def matrix(job: Job) -> list[tuple[str, str, set[str]]]:
    return [
        ("GET", "/jobs/", OFFICE_JOBS),
        ("GET", "/jobs/import/", OFFICE_JOBS),
        ("POST", "/jobs/import/", OFFICE_JOBS),
        ("POST", "/jobs/import/upload/", OFFICE_JOBS),
        ("GET", f"/jobs/{job.pk}/", OFFICE_JOBS),
        ("GET", f"/jobs/{job.pk}/status/", OFFICE_JOBS),
        ("POST", f"/jobs/{job.pk}/cancel/", OFFICE_JOBS),
    ]


def refused(response: Any, role: str) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/login/" in response["Location"]
    return bool(response.status_code == 403)


def test_every_jobs_url_as_every_persona(people: People, job: Job, inbox: Path) -> None:
    failures = []
    for role in ROLES:
        client = client_for(role, people)
        for method, url, allowed in matrix(job):
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {"folder": "2023"})
                transaction.set_rollback(True)
            if (role in allowed) == refused(response, role) or response.status_code >= 500:
                failures.append(f"{role:>10} {method} {url} → {response.status_code}")
    assert failures == []


def test_the_matrix_covers_every_jobs_route(job: Job) -> None:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace == "jobs":
                names.add(entry.name)

    walk(get_resolver().url_patterns, "")
    covered = {get_resolver().resolve(url).url_name for _, url, _ in matrix(job)}
    assert names == covered


def test_job_page_shows_progress_counts_and_failures(people: People, job: Job) -> None:
    page = client_for("editor", people).get(f"/jobs/{job.pk}/").content.decode()
    assert "导入文件夹 #" in page and "2023" in page
    assert 'data-status-url="/jobs/' in page and 'data-finished="1"' in page
    assert '<progress data-field="progress" max="6" value="6">' in page
    assert "2023/broken.pdf" in page and "不是有效的 PDF" in page
    assert "/static/jobs/progress.js" in page


def test_status_endpoint_answers_json_for_polling(people: People, job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=2, message="2023/a.txt：新导入")
    response = client_for("admin", people).get(f"/jobs/{job.pk}/status/")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data == {
        "id": job.pk,
        "status": "running",
        "status_label": "进行中",
        "finished": False,
        "done": 2,
        "total": 6,
        "percent": 33,
        "message": "2023/a.txt：新导入",
        "counts": {"imported": 3, "updated": 0, "unchanged": 1, "failed": 2},
        "failures": 1,
        "interrupted": False,
    }


def test_list_shows_jobs_and_the_import_link(people: People, job: Job) -> None:
    page = client_for("editor", people).get("/jobs/").content.decode()
    assert f'href="/jobs/{job.pk}/"' in page and "已完成" in page and 'href="/jobs/import/"' in page


def test_import_form_suggests_folders_and_starts_a_job(people: People, inbox: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr("kuaibao.jobs.queue.send", lambda job_id: None)
    client = client_for("editor", people)
    page = client.get("/jobs/import/").content.decode()
    assert '<option value="2023">' in page and str(inbox) in page
    response = client.post("/jobs/import/", {"folder": "2023"})
    started = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{started.pk}/"
    assert started.params == {"folder": "2023"} and started.created_by == people.editor


@pytest.mark.parametrize("folder", ["../..", "/etc", "不存在"])
def test_import_form_refuses_bad_paths_with_a_message(people: People, inbox: Path, folder: str) -> None:
    response = client_for("admin", people).post("/jobs/import/", {"folder": folder})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Job.objects.exists()


def test_viewing_a_queued_job_keeps_an_embedded_worker_alive(people: People, monkeypatch: Any) -> None:
    started: list[bool] = []
    monkeypatch.setattr("kuaibao.jobs.queue.start_embedded_worker", lambda: started.append(True))
    queued = Job.objects.create(kind=Job.Kind.IMPORT_FOLDER, params={"folder": "2023"}, created_by=people.admin)
    client_for("admin", people).get(f"/jobs/{queued.pk}/status/")
    assert started == [True]
    assert actions.may_view_jobs(people.admin)


def test_the_job_page_cancels_a_running_job(people: People) -> None:
    running = Job.objects.create(kind=Job.Kind.STATISTICS, status=Job.Status.RUNNING, done=1, total=4,
                                 created_by=people.editor)  # fmt: skip
    editor = client_for("editor", people)
    page = editor.get(f"/jobs/{running.pk}/").content.decode()
    assert "取消任务" in page and f'action="/jobs/{running.pk}/cancel/"' in page
    assert editor.get(f"/jobs/{running.pk}/cancel/").status_code == 405
    response = editor.post(f"/jobs/{running.pk}/cancel/")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{running.pk}/"
    page = editor.get(f"/jobs/{running.pk}/").content.decode()
    assert "已取消" in page and "任务已取消" in page and "取消任务" not in page
    status = json.loads(editor.get(f"/jobs/{running.pk}/status/").content)
    assert (status["status"], status["finished"]) == ("cancelled", True)
    again = editor.post(f"/jobs/{running.pk}/cancel/", follow=True).content.decode()
    assert "任务已结束（已取消），不能取消" in again
