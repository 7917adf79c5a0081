"""Start-up checks shared by manage.py, the kuaibao command and the WSGI entry point: a bad
setting stops the start with one line that names the variable and the fix (exit status 2),
never a traceback."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from django.core.exceptions import ImproperlyConfigured

BAD_CONFIGURATION = 2
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def fail(message: str) -> NoReturn:
    print(f"配置错误：{message}", file=sys.stderr)
    raise SystemExit(BAD_CONFIGURATION)


def load_settings() -> None:
    """Import the settings now, so that a bad value stops here with one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading a setting imports the module
    except ImproperlyConfigured as exc:
        fail(str(exc))


def refuse_development_key(host: str = "") -> None:
    """Outside DEBUG, serving anywhere but this machine needs a secret key of its own: the
    development key is public, and with it anyone can forge sessions and password-reset links."""
    from django.conf import settings

    if settings.DEBUG or host in LOOPBACK:
        return
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        fail(
            "KUAIBAO_SECRET_KEY 未设置，不能用公开的开发密钥对外服务；请设为 50 位以上的随机字符串"
            '（python -c "import secrets; print(secrets.token_urlsafe(64))"）'
        )
