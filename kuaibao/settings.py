"""Django settings, driven by environment variables (STYLE.md: one settings module, loud on
bad values). Without DATABASE_URL the archive lives in an SQLite file (WAL) in the data
directory, KUAIBAO_DATA_DIR (default ~/.local/share/kuaibao)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected an integer") from None


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("KUAIBAO_DATA_DIR") or Path.home() / ".local" / "share" / "kuaibao").resolve()
SOURCES_DIR = DATA_DIR / "sources"

DEBUG = env_bool("KUAIBAO_DEBUG", False)
SECRET_KEY = os.environ.get("KUAIBAO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("KUAIBAO_PRODUCTION", False):
        raise ImproperlyConfigured("KUAIBAO_SECRET_KEY must be set in production")
    SECRET_KEY = "kuaibao-development-key-not-for-production"  # noqa: S105 - refused in production above
ALLOWED_HOSTS = [h for h in os.environ.get("KUAIBAO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kuaibao.archive",
    "kuaibao.newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kuaibao.urls"
WSGI_APPLICATION = "kuaibao.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        config = dict(dj_database_url.parse(url, conn_max_age=env_int("KUAIBAO_DB_CONN_MAX_AGE", 60)))
        if config.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured(f"DATABASE_URL: only PostgreSQL is supported, not {config.get('ENGINE')}")
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("KUAIBAO_SQLITE_PATH") or str(DATA_DIR / "kuaibao.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = os.environ.get("KUAIBAO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploads are bounded: a bulletin is a few pages.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SEARCH_PAGE_SIZE = 20

# The archive is internal by default; a county that publishes its bulletin sets this.
ARCHIVE_PUBLIC = env_bool("KUAIBAO_ARCHIVE_PUBLIC", False)
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Mail for notifications: console in development, SMTP when KUAIBAO_EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("KUAIBAO_EMAIL_HOST", "")
EMAIL_PORT = env_int("KUAIBAO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("KUAIBAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KUAIBAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KUAIBAO_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("KUAIBAO_EMAIL_FROM", "kuaibao@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
