"""Starts the test OpenID Connect provider (tests/oidc_provider, django-oauth-toolkit) as its own
server process on a free port, and points kuaibao's single sign-on settings at it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "kuaibao-test-client"
CLIENT_SECRET = "kuaibao-test-secret-" + "s" * 20


@dataclass
class Person:
    username: str
    password: str
    name: str
    email: str
    department: str
    office: str = ""  # the 机关 the platform names (claim "organization"); "" gives none

    def spec(self) -> str:
        where = f"{self.office}/{self.department}" if self.office else self.department
        return ":".join([self.username, self.password, self.name, self.email, where])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Platform:
    """`with Platform(tmp, site_url, people) as platform:` — a running provider."""

    def __init__(self, folder: Path, site_url: str, people: list[Person]) -> None:
        self.folder = folder
        self.site_url = site_url.rstrip("/")
        self.people = people
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PLATFORM_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings"}
        self.env.pop("DATABASE_URL", None)
        self.process: subprocess.Popen[bytes] | None = None
        self.log: Any = None

    def __enter__(self) -> Platform:
        subprocess.run(
            [sys.executable, "-m", "tests.oidc_provider.prepare", CLIENT_ID, CLIENT_SECRET,
             f"{self.site_url}/sso/callback/", f"{self.site_url}/ {self.site_url}/login/", *(p.spec() for p in self.people)],
            cwd=ROOT, env=self.env, check=True, timeout=120,
        )  # fmt: skip
        self.log = (self.folder / "platform.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload", "--nothreading"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url + "/o/.well-known/openid-configuration", timeout=2):  # noqa: S310
                    return self
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.__exit__()
                    raise RuntimeError("the test OpenID Connect provider did not start") from None
                time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()

    def configure(self, settings: Any) -> None:
        """Point kuaibao's settings (pytest-django's `settings`) at this provider."""
        settings.OIDC_ENABLED = True
        settings.OIDC_NAME = "政务平台"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = self.url + "/o/authorize/"
        settings.OIDC_OP_TOKEN_ENDPOINT = self.url + "/o/token/"
        settings.OIDC_OP_USER_ENDPOINT = self.url + "/o/userinfo/"
        settings.OIDC_OP_JWKS_ENDPOINT = self.url + "/o/.well-known/jwks.json"
        settings.OIDC_OP_LOGOUT_ENDPOINT = self.url + "/o/logout/"
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "kuaibao.sso.backend.PlatformBackend"]
        policy = {
            **settings.CONTENT_SECURITY_POLICY,
            "DIRECTIVES": dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]),
        }
        policy["DIRECTIVES"]["form-action"] = ["'self'", self.url]
        settings.CONTENT_SECURITY_POLICY = policy
