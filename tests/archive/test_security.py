"""Security settings: the deploy check is clean in production, logins lock out after repeated
failures, and every page carries the security headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_check_is_clean_in_production(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kuaibao.settings",
        "KUAIBAO_DATA_DIR": str(tmp_path),
        "KUAIBAO_PRODUCTION": "1",
        "KUAIBAO_SECRET_KEY": secrets.token_urlsafe(64),
        "KUAIBAO_ALLOWED_HOSTS": "kuaibao.example.gov.cn",
    }
    env.pop("KUAIBAO_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests in this process only
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_a_weak_secret_key(tmp_path: Path) -> None:
    env = {**os.environ, "KUAIBAO_DATA_DIR": str(tmp_path), "KUAIBAO_PRODUCTION": "1", "KUAIBAO_SECRET_KEY": "short"}
    done = subprocess.run(
        [sys.executable, "-c", "import kuaibao.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "KUAIBAO_SECRET_KEY" in done.stderr


@pytest.mark.django_db
def test_repeated_failures_lock_the_login_out() -> None:
    User.objects.create_user("editor", password="the-right-password-2023")
    client = Client()
    for _ in range(5):
        response = client.post("/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code in (200, 429)
    locked = client.post("/login/", {"username": "editor", "password": "the-right-password-2023"})
    assert locked.status_code == 429
    assert "登录已暂停" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_pages_carry_security_headers() -> None:
    response = Client().get("/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
