"""Settings for the Tray Operations Explorer, read from the environment with safe defaults.

`make run` is the local, single-user development server (DEBUG on); `make serve` runs the production
configuration. `python manage.py check --deploy` is clean with DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and SECURE_SSL=1.
"""

from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state (SQLite database, generated secret key) lives here; the folder is git-ignored.
VAR_DIR = Path(os.environ.get("EXPLORER_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def local_secret_key(*, create: bool) -> str:
    """The key kept beside the SQLite database for local use: generated once by a DEBUG run (`make run`), read by
    the commands typed by hand afterwards (no variables set). "" when there is none and `create` is off."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        if not create:
            return ""
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_flag("DEBUG", default=False)

# With DEBUG off and no SECRET_KEY, management commands (call, sync_catalog, import_catalog, purge_history, check)
# still run, on the local key if `make run` made one; web serving refuses to start (explorer/wsgi.py, which
# runserver and gunicorn both load): a deployment needs a key of its own.
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY", ""))
SECRET_KEY = os.environ.get("SECRET_KEY", "") or local_secret_key(create=DEBUG)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django_htmx",
    "explorer.apps.ExplorerConfig",
    "explorer.catalog",
    "explorer.connection",
    "explorer.runs",
    "explorer.mcp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (a 2,000-field operation page: 690 KB of HTML, 58 KB gzipped, in 5 ms). BREACH needs a secret
    # in the page and requests an attacker can measure: the CSRF token is masked anew in every response, Django adds
    # random bytes to each gzipped body, tokens never reach HTML, and SameSite=Lax cookies stay off the cross-site
    # subrequests such an attack makes. Static files come compressed from collectstatic (STORAGES below).
    "django.middleware.gzip.GZipMiddleware",
    "explorer.session_middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # All the schema patterns one request checks share one time budget (SCHEMA_PATTERN_BUDGET).
    "explorer.schemaforms.validation.pattern_budget_middleware",
]

ROOT_URLCONF = "explorer.urls"
WSGI_APPLICATION = "explorer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "explorer.connection.context_processors.connection",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx", "explorer.templatetags.explorer_tags"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'explorer.sqlite3'}"),
        conn_max_age=60,
    )
}
# How long a write waits for a locked database before it gives up, in seconds: a run whose history cannot be
# written is told so within this time (never a 500), instead of hanging.
DATABASE_TIMEOUT = float(os.environ.get("DATABASE_TIMEOUT", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A threaded server needs WAL, IMMEDIATE transactions and a busy timeout, or concurrent read-then-write
    # transactions (saving a draft while another run records its history) fail with "database is locked".
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("timeout", DATABASE_TIMEOUT)
    _sqlite_options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c lock_timeout={round(DATABASE_TIMEOUT * 1000)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# `make serve` collects the static files there; a command that reaches the sandbox in process (`manage.py call`, the
# MCP server) loads the middleware before anything was collected, and WhiteNoise would warn about it every time.
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)  # WhiteNoise's
# collectstatic writes a .gz beside each file; WhiteNoise serves it to browsers that accept gzip.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Content Security Policy: only our own origin; scripts and styles need the per-request nonce or a file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Error reports (the DEBUG page included) never show a token: explorer/connection/error_reports.py.
DEFAULT_EXCEPTION_REPORTER = "explorer.connection.error_reports.TokenSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "explorer.connection.error_reports.TokenSafeExceptionReporterFilter"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS-only settings for a deployment behind a TLS-terminating proxy.
if env_flag("SECURE_SSL", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # httpx logs every request URL at INFO; keep it quiet (URLs never carry tokens, but calls are noisy).
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        # The MCP SDK logs every HTTP request's start and end, and each tool error (which the agent reads anyway).
        "mcp": {"level": "WARNING"},
    },
}

# --- Tray and the built-in sandbox -------------------------------------------------------------------------------
# Which endpoint runs use by default: sandbox (built in, no account), us, eu or apac.
TRAY_ENDPOINT = os.environ.get("TRAY_ENDPOINT", "sandbox")
# For proxies and test doubles: replace the URLs of all three Tray regions (REST base without /core/v1).
TRAY_GRAPHQL_URL = os.environ.get("TRAY_GRAPHQL_URL", "")
TRAY_API_URL = os.environ.get("TRAY_API_URL", "")
# Overall deadline of one call, in seconds (Tray's own connector timeout is 45 s).
TRAY_TIMEOUT = float(os.environ.get("TRAY_TIMEOUT", "60"))
TRAY_CONNECT_TIMEOUT = 5.0
TRAY_MAX_RESPONSE_BYTES = int(os.environ.get("TRAY_MAX_RESPONSE_BYTES", str(50 * 1024 * 1024)))
# The public base URL of this app, where other programs and snippets reach the sandbox over HTTP.
EXPLORER_BASE_URL = os.environ.get("EXPLORER_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The one token the sandbox accepts. The default is a demo token, not a secret: it is shown in the README and the UI.
SANDBOX_TOKEN = os.environ.get("SANDBOX_TOKEN", "sandbox-demo-token")
# Who reaches /sandbox/ over HTTP: `public` (anyone with the demo token; the default with DEBUG on) or `private`
# (nobody: only the explorer's own in-process calls; the default with DEBUG off, so under `make serve`).
SANDBOX = os.environ.get("SANDBOX", "").strip().lower() or ("public" if DEBUG else "private")
if SANDBOX not in {"public", "private"}:
    raise ImproperlyConfigured(f"SANDBOX must be public or private, not {SANDBOX!r}.")
# X-Sandbox-Fault from programs over HTTP, and injected latency up to 30 s (otherwise 5 s, in-process calls only).
SANDBOX_FAULTS = env_flag("SANDBOX_FAULTS", default=False)
# The most one sandbox call, and all the calls of one request, may answer (bytes of output JSON).
SANDBOX_MAX_CALL_BYTES = int(os.environ.get("SANDBOX_MAX_CALL_BYTES", str(5 * 1024 * 1024)))
SANDBOX_MAX_REQUEST_BYTES = int(os.environ.get("SANDBOX_MAX_REQUEST_BYTES", str(10 * 1024 * 1024)))
# Generated at every start, never configured, logged or shown: marks the explorer's own in-process sandbox calls.
SANDBOX_IN_PROCESS_SECRET = secrets.token_urlsafe(32)
# How the form engine fills lookup (DDL) fields: through the current connection.
SCHEMAFORMS_LOOKUP = "explorer.workspace.ddl_lookup.lookup_for"
# --- Hostile input ------------------------------------------------------------------------------------------------
# How deep JSON from outside may nest (editor, links, request bodies, outputs): explorer.jsonlimits.
JSON_MAX_DEPTH = int(os.environ.get("JSON_MAX_DEPTH", "256"))
# Seconds of schema-pattern matching one request may spend in all (explorer.schemaforms.validation).
SCHEMA_PATTERN_BUDGET = float(os.environ.get("SCHEMA_PATTERN_BUDGET", "0.02"))
# Runs older than this many days are purged; so are each owner's oldest runs past these caps.
HISTORY_DAYS = int(os.environ.get("HISTORY_DAYS", "30"))
HISTORY_MAX_RUNS = int(os.environ.get("HISTORY_MAX_RUNS", "1000"))
HISTORY_MAX_BYTES = int(os.environ.get("HISTORY_MAX_BYTES", str(200 * 1024 * 1024)))
# Saved inputs per owner (a new name past the cap is refused), and share links per owner (the oldest expire).
SAVED_INPUTS_MAX = int(os.environ.get("SAVED_INPUTS_MAX", "500"))
LINKS_MAX = int(os.environ.get("LINKS_MAX", "500"))
# Share links (saved by id) expire after this many days.
LINK_DAYS = int(os.environ.get("LINK_DAYS", "90"))
# The purge (old runs, expired sessions and links, owners over their caps) runs at most this often per process,
# after a run is recorded, and on this schedule under `make serve` (gunicorn.conf.py).
PURGE_EVERY_MINUTES = float(os.environ.get("PURGE_EVERY_MINUTES", "60"))
# History belongs to the browser session: keep the session as long as the history.
SESSION_COOKIE_AGE = HISTORY_DAYS * 24 * 60 * 60

# --- The MCP server (explorer.mcp): `python manage.py mcp` on stdio, and Streamable HTTP at /mcp/ ---------------
# The HTTP transport is off (404) unless a token is set; clients send it as `Authorization: Bearer <MCP_TOKEN>`.
MCP_TOKEN = os.environ.get("MCP_TOKEN", "")
# Calls to a Tray region (TRAY_ENDPOINT us/eu/apac, with TRAY_TOKEN) need this too; the sandbox needs neither.
MCP_ALLOW_CALLS = env_flag("MCP_ALLOW_CALLS", default=False)
