"""`kuaibao serve` (the README's way to run the application): it answers on this machine with the
development key, and refuses that public key on an address others can reach."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

KUAIBAO = str(Path(sys.executable).with_name("kuaibao"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUAIBAO_SECRET", "KUAIBAO_DEBUG", "DJANGO_"))}
    return {**env, "KUAIBAO_DATA_DIR": str(tmp_path)}


def test_serve_answers_on_this_machine_with_the_development_key(tmp_path: Path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [KUAIBAO, "serve", "--port", str(port)], env=environment(tmp_path), stdout=log, stderr=subprocess.STDOUT
    )
    try:
        status = None
        for _ in range(120):
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=5).status
                break
            except urllib.error.HTTPError as exc:
                status = exc.code
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.5)
        assert status is not None and status < 500
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_refuses_the_development_key_on_an_open_address(tmp_path: Path) -> None:
    done = subprocess.run(
        [KUAIBAO, "serve", "--host", "0.0.0.0", "--port", str(free_port())],  # noqa: S104 - refused
        env=environment(tmp_path), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "KUAIBAO_SECRET_KEY" in done.stderr
