"""Django settings, driven by environment variables (docs/STYLE.md: one settings module, loud on
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
    raise ImproperlyConfigured(f"{name}={value!r} 无效：应为 1/0、true/false、yes/no 或 on/off")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} 无效：应为整数") from None


def _data_dir() -> Path:
    folder = Path(os.environ.get("KUAIBAO_DATA_DIR") or Path.home() / ".local" / "share" / "kuaibao").resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"KUAIBAO_DATA_DIR={str(folder)!r} 无法创建（{exc.strerror}）：请指向本服务账号可写的目录"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ImproperlyConfigured(f"KUAIBAO_DATA_DIR={str(folder)!r} 不可写：请指向本服务账号可写的目录")
    return folder


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = _data_dir()
SOURCES_DIR = DATA_DIR / "sources"

DEBUG = env_bool("KUAIBAO_DEBUG", False)
SECRET_KEY = os.environ.get("KUAIBAO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("KUAIBAO_PRODUCTION", False):
        raise ImproperlyConfigured("生产环境（KUAIBAO_PRODUCTION）必须设置 KUAIBAO_SECRET_KEY（50 位以上的随机字符串）")
    SECRET_KEY = "kuaibao-development-key-not-for-production"  # noqa: S105 - refused in production above
# Public, in this file: kuaibao.startup refuses to serve with it beyond this machine outside DEBUG.
DEVELOPMENT_SECRET_KEY = "kuaibao-development-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = [h for h in os.environ.get("KUAIBAO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # Serves Swagger UI for /api/docs from its own static files instead of a CDN (the CSP).
    "ninja",
    "kuaibao.web",
    "kuaibao.archive",
    "kuaibao.newsroom",
    "kuaibao.stats",
    "kuaibao.jobs",
    "kuaibao.api",
    "kuaibao.sso",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: it chooses the database this request reads from (kuaibao.replicas).
    "kuaibao.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kuaibao.middleware.PrivatePages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kuaibao.middleware.DatabaseUnavailableMiddleware",
    "kuaibao.newsroom.notify.middleware.StartDispatcher",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
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
                "kuaibao.sso.views.login_choices",
                "kuaibao.web.context.navigation",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        try:
            config = dict(dj_database_url.parse(url, conn_max_age=env_int("KUAIBAO_DB_CONN_MAX_AGE", 60)))
        except ValueError:  # an unknown scheme, or no scheme at all
            raise ImproperlyConfigured(_DATABASE_URL_HELP.format(_redacted(url))) from None
        if config.get("ENGINE") == "django.db.backends.sqlite3":  # sqlite:///path, as Django users write
            return {"default": _sqlite(str(config["NAME"]))}
        if config.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured(_DATABASE_URL_HELP.format(_redacted(url)))
        if not config.get("NAME") or not config.get("HOST"):
            raise ImproperlyConfigured(
                f"DATABASE_URL={_redacted(url)!r} 缺少主机或数据库名：应为 postgres://用户:密码@主机:5432/库名"
            )
        databases = {"default": config}
        replica = os.environ.get("KUAIBAO_REPLICA_URL")
        if replica:
            # A streaming replica of the primary (kuaibao.replicas): read-only requests read from
            # it. Tests create no database there: it replays the primary's, test database included.
            mirror = dict(dj_database_url.parse(replica, conn_max_age=env_int("KUAIBAO_DB_CONN_MAX_AGE", 60)))
            if mirror.get("ENGINE") != "django.db.backends.postgresql":
                raise ImproperlyConfigured("KUAIBAO_REPLICA_URL: expected postgres://… (a replica of DATABASE_URL)")
            databases["replica"] = mirror | {"TEST": {"MIRROR": "default"}}
        return databases
    return {"default": _sqlite(os.environ.get("KUAIBAO_SQLITE_PATH") or str(DATA_DIR / "kuaibao.sqlite3"))}


_DATABASE_URL_HELP = (
    "DATABASE_URL={!r} 无效：应为 postgres://用户:密码@主机:5432/库名 或 sqlite:///文件路径；"
    "不设则用数据目录中的 SQLite"
)


def _redacted(url: str) -> str:
    """The URL without its password, for a message that may reach a log."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "…"
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def _sqlite(name: str) -> dict[str, object]:
    # A web process keeps its SQLite connection (CONN_MAX_AGE) and with it a page cache of
    # KUAIBAO_SQLITE_CACHE_MB (the search bitmaps read most stay in memory between requests);
    # opening the file anew for every request would start each one with an empty cache.
    cache_kib = env_int("KUAIBAO_SQLITE_CACHE_MB", 128) * 1024
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "CONN_MAX_AGE": env_int("KUAIBAO_DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                f"PRAGMA cache_size=-{cache_kib};"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = _databases()
if "replica" in DATABASES:
    DATABASE_ROUTERS = ["kuaibao.replicas.ReplicaRouter"]
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

# What one imported file may make a reader do (kuaibao.core.parse.limits reads these; checked
# here so that a bad value stops the start with one line): its size, the uncompressed size of
# one XML part of a DOCX, the characters of text it yields and of one PDF page.
for _name, _default in [
    ("KUAIBAO_MAX_FILE_MB", 40),
    ("KUAIBAO_MAX_XML_MB", 16),
    ("KUAIBAO_MAX_TEXT_CHARS", 200_000),
    ("KUAIBAO_MAX_PAGE_CHARS", 10_000),
]:
    if env_int(_name, _default) < 1:
        raise ImproperlyConfigured(f"{_name} 无效：应为正整数")

# Uploads are bounded: a bulletin is a few pages. A file part past KUAIBAO_MAX_FILE_MB is
# dropped as it arrives, before Django would spool it to disk (kuaibao.uploads).
FILE_UPLOAD_HANDLERS = [
    "kuaibao.uploads.SizeLimitedUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An archive uploaded as a folder holds many files (kuaibao.jobs.uploads.MAX_FILES), each with
# its relative path as a field.
DATA_UPLOAD_MAX_NUMBER_FILES = 2000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

SEARCH_PAGE_SIZE = 20

# The archive is internal by default; a county that publishes its bulletin sets this.
ARCHIVE_PUBLIC = env_bool("KUAIBAO_ARCHIVE_PUBLIC", False)
# Anonymous readers of a public archive get whole pages from the cache (kuaibao.archive.pagecache).
ARCHIVE_PAGE_CACHE = env_bool("KUAIBAO_PAGE_CACHE", True)
# Decoded search bitmaps each process keeps between queries (SQLite; kuaibao.archive.bitmapcache).
SEARCH_CACHE_MB = env_int("KUAIBAO_SEARCH_CACHE_MB", 256)

# Django's cache: archive counts and public pages. KUAIBAO_CACHE_URL=redis://host:6379/1 shares
# one cache among all web processes; without it each process keeps its own in memory.
CACHE_URL = os.environ.get("KUAIBAO_CACHE_URL", "")
if CACHE_URL and CACHE_URL.split("://", 1)[0] not in ("redis", "rediss", "unix"):
    raise ImproperlyConfigured(f"KUAIBAO_CACHE_URL={CACHE_URL!r}: expected redis://…")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "kuaibao"}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    )
}
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/newsroom/"  # everyone lands on the 工作台 of their roles
LOGOUT_REDIRECT_URL = "/login/"
# Django's own error pages are English: these answer in Chinese (kuaibao.web.views).
CSRF_FAILURE_VIEW = "kuaibao.web.views.csrf_failure"

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

# Logging: every server error (django.request's 500s with their traceback), every failed mail or
# webhook (kuaibao.notify) and every job goes to stderr, where gunicorn and systemd's journal
# keep it; Django's default sends errors only to ADMINS by mail when DEBUG is off, which here
# meant nothing at all. KUAIBAO_LOG_LEVEL: DEBUG, INFO (default), WARNING or ERROR.
LOG_LEVEL = (os.environ.get("KUAIBAO_LOG_LEVEL") or "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR"):
    raise ImproperlyConfigured(f"KUAIBAO_LOG_LEVEL={LOG_LEVEL!r}: expected DEBUG, INFO, WARNING or ERROR")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's handlers (console only with DEBUG, mail_admins without): to the root.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
    },
}

# --- Security -------------------------------------------------------------------------------
# KUAIBAO_PRODUCTION=1 turns on everything `manage.py check --deploy` asks for; behind a
# TLS-terminating proxy set KUAIBAO_PROXY_SSL_HEADER=1 so that Django trusts X-Forwarded-Proto.
PRODUCTION = env_bool("KUAIBAO_PRODUCTION", False)
if PRODUCTION and (DEBUG or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("kuaibao-development")):
    raise ImproperlyConfigured(
        "生产环境（KUAIBAO_PRODUCTION）需要 KUAIBAO_DEBUG 不设，KUAIBAO_SECRET_KEY 为 50 位以上的随机字符串"
    )
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("KUAIBAO_SESSION_HOURS", 10) * 3600
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("KUAIBAO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("KUAIBAO_HSTS_SECONDS", 31_536_000) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION and env_bool("KUAIBAO_HSTS_PRELOAD", True)
if env_bool("KUAIBAO_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KUAIBAO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Content Security Policy (django-csp): only our own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login rate limiting and lockout (django-axes): 5 failures for a user from an address lock
# that pair out for 15 minutes; a successful login resets the count.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("KUAIBAO_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("KUAIBAO_LOCKOUT_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "archive/locked_out.html"
AXES_VERBOSE = False
# Reverse proxies in front of the application (the TLS proxy: 1). Axes and the audit trail take
# the client's address from X-Forwarded-For that many hops back (kuaibao.proxies); with 0 the
# header is ignored. Set it only when every request passes through those proxies.
TRUSTED_PROXY_COUNT = env_int("KUAIBAO_TRUSTED_PROXIES", 0)
if not 0 <= TRUSTED_PROXY_COUNT <= 5:
    raise ImproperlyConfigured(f"KUAIBAO_TRUSTED_PROXIES={TRUSTED_PROXY_COUNT} 无效：应为 0（无代理）到 5 的代理层数")
AXES_CLIENT_IP_CALLABLE = "kuaibao.proxies.client_ip"

# --- Background jobs (kuaibao.jobs, on dramatiq) ---------------------------------------------
# Without KUAIBAO_BROKER_URL jobs run embedded: in a worker thread of the web process that starts
# them, no extra service. With redis://… or amqp://… (RabbitMQ) they go through that broker and
# `kuaibao worker` processes run them.
JOBS_BROKER_URL = os.environ.get("KUAIBAO_BROKER_URL", "")
if JOBS_BROKER_URL and JOBS_BROKER_URL.split("://", 1)[0] not in ("redis", "rediss", "amqp", "amqps"):
    raise ImproperlyConfigured(f"KUAIBAO_BROKER_URL={JOBS_BROKER_URL!r}: expected redis://… or amqp://…")
JOBS_QUEUE = os.environ.get("KUAIBAO_JOBS_QUEUE", "kuaibao-jobs")
JOBS_THREADS = env_int("KUAIBAO_JOBS_THREADS", 1)
if JOBS_THREADS < 1:
    raise ImproperlyConfigured("KUAIBAO_JOBS_THREADS must be at least 1")
# A running job that has not reported for this long is taken as interrupted (its worker died).
JOBS_STALE_SECONDS = env_int("KUAIBAO_JOBS_STALE_SECONDS", 600)
# Folder imports started from the web read only below this folder.
IMPORT_ROOT = Path(os.environ.get("KUAIBAO_IMPORT_ROOT") or DATA_DIR / "inbox").resolve()

# --- Notifications and integration (kuaibao.newsroom.notify, kuaibao.api, kuaibao.sso) ----------
# The address people reach the site at, for links in mails and webhook payloads.
SITE_URL = os.environ.get("KUAIBAO_SITE_URL", "").rstrip("/")
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"KUAIBAO_SITE_URL={SITE_URL!r}: expected http://… or https://…")
# "background": a thread in each web process sends mails and webhooks after commit and retries
# failures; "inline": sent right after commit by the process that committed (tests, scripts).
NOTIFY_DELIVERY = os.environ.get("KUAIBAO_NOTIFY_DELIVERY") or "background"
if NOTIFY_DELIVERY not in ("background", "inline"):
    raise ImproperlyConfigured(f"KUAIBAO_NOTIFY_DELIVERY={NOTIFY_DELIVERY!r}: expected background or inline")


def _delays(name: str, default: str) -> list[float]:
    value = os.environ.get(name) or default
    try:
        delays = [float(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected seconds separated by commas") from None
    if any(delay < 0 for delay in delays):
        raise ImproperlyConfigured(f"{name}={value!r}: delays cannot be negative")
    return delays


# Seconds before the 2nd, 3rd, … attempt of a failed mail or webhook; after the last, given up.
NOTIFY_RETRY_DELAYS = _delays("KUAIBAO_NOTIFY_RETRY_DELAYS", "60,300,1800,7200,21600,43200")
WEBHOOK_TIMEOUT = (5, 10)
# A commission (约稿) unit that has not answered is reminded this many hours before the deadline.
REQUEST_REMINDER_HOURS = env_int("KUAIBAO_REQUEST_REMINDER_HOURS", 24)
# API tokens: the longest validity, and the calls a minute a signed-in person's API use may make
# (each token has its own limit). Counted in Django's cache: per process unless KUAIBAO_CACHE_URL.
API_TOKEN_MAX_DAYS = env_int("KUAIBAO_API_TOKEN_MAX_DAYS", 366)
API_RATE_PER_MINUTE = env_int("KUAIBAO_API_RATE_PER_MINUTE", 300)

# --- Single sign-on (OpenID Connect; kuaibao.sso on mozilla-django-oidc) ----------------------
# Set the client and the platform's endpoints to show "使用{KUAIBAO_OIDC_NAME}登录" on the login
# page; local accounts keep working. Register {site}/sso/callback/ as the redirect URI and
# {site}/ as the post-logout URI at the platform.
OIDC_RP_CLIENT_ID = os.environ.get("KUAIBAO_OIDC_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_NAME = os.environ.get("KUAIBAO_OIDC_NAME", "政务平台")
OIDC_RP_CLIENT_SECRET = os.environ.get("KUAIBAO_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("KUAIBAO_OIDC_AUTHORIZATION_URL", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("KUAIBAO_OIDC_TOKEN_URL", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("KUAIBAO_OIDC_USERINFO_URL", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("KUAIBAO_OIDC_JWKS_URL", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("KUAIBAO_OIDC_LOGOUT_URL", "")
OIDC_RP_SIGN_ALGO = os.environ.get("KUAIBAO_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("KUAIBAO_OIDC_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_OP_LOGOUT_URL_METHOD = "kuaibao.sso.views.provider_logout_url"
LOGIN_REDIRECT_URL_FAILURE = "/login/?sso=failed"
# Claims that name the person's unit and role; only these roles are taken from the platform (others
# are given by an administrator); a person whose unit is known gets the default role.
OIDC_UNIT_CLAIM = os.environ.get("KUAIBAO_OIDC_UNIT_CLAIM", "department")
# The claim naming the office (机关, by its name or short name): needed when the installation has
# several offices; with one, a person without it joins that one.
OIDC_OFFICE_CLAIM = os.environ.get("KUAIBAO_OIDC_OFFICE_CLAIM", "organization")
OIDC_ROLE_CLAIM = os.environ.get("KUAIBAO_OIDC_ROLE_CLAIM", "kuaibao_role")
OIDC_TRUSTED_ROLES = [r for r in os.environ.get("KUAIBAO_OIDC_TRUSTED_ROLES", "reporter,reader").split(",") if r]
OIDC_DEFAULT_ROLE = os.environ.get("KUAIBAO_OIDC_DEFAULT_ROLE", "reporter")
if OIDC_ENABLED:
    missing = [
        name
        for name, value in [
            ("KUAIBAO_OIDC_AUTHORIZATION_URL", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("KUAIBAO_OIDC_TOKEN_URL", OIDC_OP_TOKEN_ENDPOINT),
            ("KUAIBAO_OIDC_USERINFO_URL", OIDC_OP_USER_ENDPOINT),
            ("KUAIBAO_OIDC_JWKS_URL", OIDC_OP_JWKS_ENDPOINT),
        ]
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(f"single sign-on needs {', '.join(missing)} with KUAIBAO_OIDC_CLIENT_ID")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "kuaibao.sso.backend.PlatformBackend"]
    # The log-out form is sent on to the platform's end_session endpoint (CSP form-action).
    from urllib.parse import urlsplit

    _platform = {urlsplit(url) for url in (OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_LOGOUT_ENDPOINT)}
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [
        "'self'",
        *sorted({f"{p.scheme}://{p.netloc}" for p in _platform if p.netloc}),
    ]
