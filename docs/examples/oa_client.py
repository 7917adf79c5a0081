"""An OA system's side of kuaibao: submit an item as a Word file, poll its status, and receive the
webhooks that tell when it was returned, adopted or answered. Needs only `requests`.

    export KUAIBAO_URL=https://kuaibao.example.gov.cn KUAIBAO_TOKEN=kb_…   # a system token
    python oa_client.py submit 秋粮收购.docx          # prints the new item's id and status
    python oa_client.py status 12                     # its status and the editor's comments
    KUAIBAO_WEBHOOK_SECRET=… python oa_client.py listen 8080   # receive signed webhooks

docs/api.md explains each step; tests/api/test_client_example.py runs this file against a real
server and a real webhook.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import requests


class KuaibaoError(Exception):
    """kuaibao said no: `code` for programs, `detail` (Chinese) for people, `errors` per field."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {body.get('code')}: {body.get('detail')}")
        self.status, self.code, self.detail = status, body.get("code"), body.get("detail")
        self.errors = body.get("errors", [])


class Kuaibao:
    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, self.url + path, timeout=30, **kwargs)
        if response.status_code == 429:  # too many calls: wait as told, then once more
            time.sleep(int(response.headers.get("Retry-After", "60")))
            response = self.session.request(method, self.url + path, timeout=30, **kwargs)
        if response.status_code >= 400:
            raise KuaibaoError(response.status_code, response.json())
        return response.json() if response.content else None

    def submit_docx(self, path: Path, *, request: int | None = None, submit: bool = True) -> dict[str, Any]:
        """Send a Word file as a new item of our unit (title and body are read from it)."""
        fields = {"submit": "true" if submit else "false"}
        if request is not None:
            fields["request"] = str(request)  # the 约稿 it answers
        with path.open("rb") as handle:
            files = {"file": (path.name, handle, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}
            return dict(self._call("POST", "/api/submissions/docx", data=fields, files=files))

    def status(self, submission: int) -> dict[str, Any]:
        """The item now: status (draft, submitted, returned, adopted, rejected), comment, history."""
        return dict(self._call("GET", f"/api/submissions/{submission}"))

    def comments(self, submission: int) -> list[dict[str, Any]]:
        return list(self._call("GET", f"/api/submissions/{submission}/comments"))

    def wait_until_handled(self, submission: int, *, every: float = 60, limit: float = 86_400) -> dict[str, Any]:
        """Poll until an editor has handled the item (anything but submitted)."""
        deadline = time.monotonic() + limit
        while True:
            item = self.status(submission)
            if item["status"] != "submitted" or time.monotonic() > deadline:
                return item
            time.sleep(every)


def verify(secret: str, headers: Any, body: bytes, *, max_age: int = 300) -> bool:
    """Whether a webhook really comes from kuaibao (and is not an old one sent again)."""
    timestamp = headers.get("X-Kuaibao-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > max_age:
        return False
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + mac.hexdigest(), headers.get("X-Kuaibao-Signature", ""))


def webhook_server(port: int, secret: str, handle: Callable[[dict[str, Any]], None]) -> HTTPServer:
    """A minimal receiver: verifies each call, answers 204 at once, then hands the event on."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if not verify(secret, self.headers, body):
                self.send_response(401)
                self.end_headers()
                return
            self.send_response(204)
            self.end_headers()
            handle(json.loads(body))  # e.g. relay event["text"] to the work app's group

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return HTTPServer(("0.0.0.0", port), Receiver)  # noqa: S104 - a receiver listens for kuaibao


def main(argv: list[str]) -> None:
    client = Kuaibao(os.environ["KUAIBAO_URL"], os.environ["KUAIBAO_TOKEN"])
    command, argument = argv[0], argv[1]
    if command == "submit":
        item = client.submit_docx(Path(argument))
        print(item["id"], item["status_label"], item["title"])
    elif command == "status":
        item = client.status(int(argument))
        print(item["status_label"], item["comment"])
    elif command == "listen":
        server = webhook_server(int(argument), os.environ["KUAIBAO_WEBHOOK_SECRET"], lambda e: print(e["label"], e["text"]))
        server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
