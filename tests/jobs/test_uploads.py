"""Uploading an archive from the browser: a folder or ZIPs of old issues become a job whose
result reports every file (the kind of document, imported or not, why, its warnings); uploading
the same files again adds nothing; hostile names and ZIPs are contained."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kuaibao.jobs import tasks, uploads
from kuaibao.jobs.models import Job
from tests.golden import CORPUS, FIXTURES
from tests.jobs.conftest import People

pytestmark = pytest.mark.django_db
FORMATS = FIXTURES / "formats"


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch: Any) -> None:
    monkeypatch.setattr("kuaibao.jobs.queue.send", lambda job_id: None)


def editor(people: People) -> Client:
    client = Client()
    client.force_login(people.editor)
    return client


def upload(client: Client, files: dict[str, bytes], **extra: Any) -> Any:
    names = list(files)
    return client.post(
        "/jobs/import/upload/",
        {"files": [SimpleUploadedFile(Path(n).name, d) for n, d in files.items()], "paths": names},
        **extra,
    )


def run(job: Job) -> Job:
    tasks.run_job(job.pk)
    job.refresh_from_db()
    return job


def folder_files() -> dict[str, bytes]:
    return {
        "旧快报/2023/41.txt": (CORPUS / "000_14293bf241bcd247.txt").read_bytes(),
        "旧快报/2023/42.doc": (FORMATS / "002_21a254231077ad00.doc").read_bytes(),
        "旧快报/2024/20.ofd": (FORMATS / "003_afd944fb77b4566d.ofd").read_bytes(),
        "旧快报/2024/通知.txt": (FIXTURES / "world" / "x01_gongwen.txt").read_bytes(),
        "旧快报/.DS_Store": b"\0\0\0\1Bud1",
    }


def test_folder_upload_imports_every_file_with_a_report(people: People) -> None:
    response = upload(editor(people), folder_files())
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == Job.Kind.IMPORT_UPLOAD and job.params["label"] == "旧快报"
    job = run(job)
    assert job.status == Job.Status.DONE, job.message
    report = {line["file"]: line for line in job.result["report"]}
    assert set(report) == {"旧快报/2023/41.txt", "旧快报/2023/42.doc", "旧快报/2024/20.ofd", "旧快报/2024/通知.txt"}
    assert report["旧快报/2023/42.doc"]["kind"] == "Word 97-2003 文档（.doc）"
    assert report["旧快报/2024/20.ofd"]["kind"] == "OFD 版式文件"
    assert [report[n]["status"] for n in sorted(report)] == ["imported", "imported", "imported", "failed"]
    assert report["旧快报/2024/通知.txt"]["reason"].startswith("这是公文（文号“东政办〔2021〕38号”")
    assert report["旧快报/2024/20.ofd"]["warnings"] >= 1  # the seal, kept as provenance
    assert job.result["skipped"] == 1  # .DS_Store
    assert not uploads.folder_of(job.params["upload"]).exists()  # the archive keeps the originals
    page = editor(people).get(f"/jobs/{job.pk}/").content.decode()
    assert "逐个文件的结果" in page and "旧快报/2023/42.doc" in page and "Word 97-2003 文档（.doc）" in page


def test_uploading_the_same_files_again_adds_nothing(people: People) -> None:
    upload(editor(people), folder_files())
    run(Job.objects.get())
    upload(editor(people), folder_files())
    again = run(Job.objects.order_by("-pk").first())  # type: ignore[arg-type]
    assert again.result["counts"] == {"imported": 0, "updated": 0, "unchanged": 3, "failed": 1}


class _GbkInfo(zipfile.ZipInfo):
    """A member name as Chinese Windows writes it: GBK bytes, without the UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _zip(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = _GbkInfo(name) if gbk else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def test_zip_with_gbk_names_nested_zip_and_hostile_members(people: People) -> None:
    inner = _zip({"2019/快报第3期.txt": (CORPUS / "003_afd944fb77b4566d.txt").read_bytes()})
    outer = _zip(
        {
            "延津快报/第41期.txt": (CORPUS / "000_14293bf241bcd247.txt").read_bytes(),
            "../../逃出去.txt": b"x",
            "__MACOSX/._第41期.txt": b"junk",
            "延津快报/更早.zip": inner,
        },
        gbk=True,
    )
    upload(editor(people), {"延津快报.zip": outer})
    job = run(Job.objects.get())
    files = sorted(line["file"] for line in job.result["report"])
    assert files == sorted(["延津快报/延津快报/第41期.txt", "延津快报/延津快报/更早/2019/快报第3期.txt", "延津快报/逃出去.txt"])
    assert job.result["counts"]["imported"] == 2
    assert not (uploads.uploads_root().parent / "逃出去.txt").exists()


def test_zip_bomb_is_refused_and_reported(people: People) -> None:
    bomb = _zip({"big.txt": b"0" * (20 * 1024 * 1024)})
    upload(editor(people), {"bomb.zip": bomb})
    job = run(Job.objects.get())
    assert any("压缩比异常" in note["reason"] for note in job.result["notes"]), job.result


def test_the_drop_zone_gets_json_with_the_job_page(people: People) -> None:
    response = upload(editor(people), folder_files(), HTTP_ACCEPT="application/json")
    assert response.json() == {"url": f"/jobs/{Job.objects.get().pk}/", "job": Job.objects.get().pk}


def test_an_empty_upload_is_refused_with_a_message(people: People) -> None:
    response = editor(people).post("/jobs/import/upload/", {})
    assert response.status_code == 400 and "请选择要上传的文件" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", ["reporter", "reviewer", "signer", "leader", "outsider"])
def test_only_editors_and_administrators_may_upload(people: People, role: str) -> None:
    client = Client()
    client.force_login(getattr(people, role))
    response = upload(client, {"a.txt": b"x"})
    assert response.status_code == 403 and not Job.objects.exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd", "etc/passwd"), ("/abs/快报.doc", "abs/快报.doc"), ("a\\..\\b.txt", "a/b.txt"), ("..", None)],
)
def test_names_are_reduced_to_safe_parts(name: str, safe: str | None) -> None:
    assert uploads.safe_name(name) == safe
