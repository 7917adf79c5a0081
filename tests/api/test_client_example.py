"""docs/examples/oa_client.py, run as an OA developer would: against a real server (the live
server), with a unit's system token, a Word file, polling, and its own webhook receiver."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

import pytest

from kuaibao.api import actions
from kuaibao.archive.models import Unit
from kuaibao.newsroom.actions import notifications, submissions
from kuaibao.newsroom.models import Submission
from tests.newsroom.conftest import People
from tests.support.docx import item_docx
from tests.support.platform import free_port

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "oa_client.py"


def load_example() -> Any:
    spec = importlib.util.spec_from_file_location("oa_client", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_client_submits_polls_and_hears_the_webhook(
    live_server: Any, people: People, tmp_path: Path
) -> None:
    example = load_example()
    dongtun = Unit.objects.get(name="东屯镇")
    _, token = actions.issue_system_token(people.act("admin"), name="东屯镇 OA", unit=dongtun)
    heard: list[dict[str, Any]] = []
    got = threading.Event()
    port = free_port()
    hook = notifications.register_webhook(
        people.act("admin"), name="东屯镇 OA", url=f"http://127.0.0.1:{port}/kuaibao", unit=dongtun
    )
    server = example.webhook_server(port, hook.secret, lambda event: (heard.append(event), got.set()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = example.Kuaibao(live_server.url, token)
        word = tmp_path / "秋粮收购.docx"
        word.write_bytes(item_docx("东屯镇秋粮收购进度过半", "全镇收购秋粮1.2万吨。"))
        item = client.submit_docx(word)
        assert (item["status"], item["title"]) == ("submitted", "东屯镇秋粮收购进度过半")
        assert got.wait(20) and heard[-1]["event"] == "submission.submitted"

        got.clear()
        submissions.return_submission(people.act("editor"), Submission.objects.get(pk=item["id"]), comment="请补充数字")
        assert got.wait(20) and heard[-1]["event"] == "submission.returned"
        assert heard[-1]["subject"]["id"] == item["id"] and heard[-1]["subject"]["comment"] == "请补充数字"
        handled = client.wait_until_handled(item["id"], every=0.1, limit=5)
        assert handled["status"] == "returned" and client.comments(item["id"])[0]["comment"] == "请补充数字"

        with pytest.raises(example.KuaibaoError) as refused:
            client.status(10**9)
        assert refused.value.status == 404 and refused.value.code == "not_found"
    finally:
        server.shutdown()
        server.server_close()
    # A forged call is refused by the example's receiver.
    assert not example.verify(hook.secret, {"X-Kuaibao-Timestamp": "1", "X-Kuaibao-Signature": "sha256=0"}, b"{}")
