"""In a real browser: an administrator starts a folder import and watches its progress move
(the page polls the status endpoint) until the result and the failed file appear."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from kuaibao.jobs import tasks
from kuaibao.newsroom.roles import GROUP_NAMES, Role, ensure_groups
from tests.web.conftest import CHINESE, CHROMIUM, CHROMIUM_ARGS, log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-2023"


@pytest.fixture
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        env = {**os.environ, **CHINESE}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env)
        yield browser
        browser.close()


def test_administrator_watches_a_folder_import_progress(
    live_server: Any, browser: Any, inbox: Path, monkeypatch: Any, tmp_path: Path
) -> None:
    User.objects.create_superuser("importer", password=PASSWORD)
    original = tasks._import_one

    def slowly(*args: Any) -> Any:
        time.sleep(0.4)  # long enough for the page to see the job half-way
        return original(*args)

    monkeypatch.setattr(tasks, "_import_one", slowly)
    page = new_page(browser, phone=False)
    log_in(page, live_server.url, "importer", PASSWORD)
    page.goto(live_server.url + "/jobs/import/")
    page.fill("input[name=folder]", "2023")
    page.get_by_role("button", name="开始导入").click()
    page.wait_for_url(f"{live_server.url}/jobs/*/")
    page.wait_for_function(
        "() => { const bar = document.querySelector('progress'); return bar.value > 0 && bar.value < bar.max; }",
        timeout=20_000,
    )
    assert page.locator('[data-field="status_label"]').inner_text() == "进行中"
    page.wait_for_selector("text=导入结果", timeout=30_000)
    page.screenshot(path=str(tmp_path / "job.png"), full_page=True)
    body = page.inner_text("main")
    assert "已完成" in body and "2023/broken.pdf" in body and "新导入" in body
    assert page.locator("progress").get_attribute("value") == "6"


def test_editor_uploads_a_zip_of_old_issues_and_reads_the_report_per_file(
    live_server: Any, browser: Any, tmp_path: Path, settings: Any
) -> None:
    """The import page at desktop and phone width; a ZIP (GBK names, a Word 97 file, an OFD, a
    公文) chosen in the file input, sent by the page's script, imported as a job."""
    import io
    import zipfile

    from tests.golden import CORPUS, FIXTURES

    settings.DATA_DIR = tmp_path / "data"
    ensure_groups()
    uploader = User.objects.create_user("uploader", password=PASSWORD)
    uploader.groups.add(Group.objects.get(name=GROUP_NAMES[Role.EDITOR]))  # an editor, not Django staff
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("旧快报/41.txt", (CORPUS / "000_14293bf241bcd247.txt").read_bytes())
        bundle.writestr("旧快报/42.doc", (FIXTURES / "formats" / "002_21a254231077ad00.doc").read_bytes())
        bundle.writestr("旧快报/20.ofd", (FIXTURES / "formats" / "003_afd944fb77b4566d.ofd").read_bytes())
        bundle.writestr("旧快报/通知.txt", (FIXTURES / "world" / "x01_gongwen.txt").read_bytes())
    upload = tmp_path / "旧快报.zip"
    upload.write_bytes(archive.getvalue())
    errors: list[str] = []
    for phone, name in ((False, "import-1366.png"), (True, "import-390.png")):
        page = new_page(browser, phone=phone)
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        if not phone:
            page.set_viewport_size({"width": 1366, "height": 900})
        log_in(page, live_server.url, "uploader", PASSWORD)
        page.goto(live_server.url + "/jobs/import/")
        page.screenshot(path=str(tmp_path / name), full_page=True)
    page.set_input_files("#upload-files", str(upload))
    assert "已选 1 个文件" in page.inner_text("#dropzone-picked")
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_url(f"{live_server.url}/jobs/*/")
    page.wait_for_selector("text=逐个文件的结果", timeout=120_000)
    page.screenshot(path=str(tmp_path / "upload-job-390.png"), full_page=True)
    body = page.inner_text("main")
    assert "Word 97-2003 文档（.doc）" in body and "OFD 版式文件" in body
    assert "这是公文（文号“东政办〔2021〕38号”" in body
    assert body.count("新导入") >= 3
    assert errors == []
