"""Settings of Bina Kinerja, read from environment variables (see README, "Konfigurasi").

SQLite is the embedded default; set DATABASE_URL for PostgreSQL. With DEBUG off, SECRET_KEY
is required and the HTTPS settings are on, so that `manage.py check --deploy` is clean.
"""

import json
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from binakinerja.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "ninja",  # django-ninja's templates and its vendored Swagger UI files (no CDN)
    "django_otp",  # two-factor login (accounts/two_factor.py): TOTP and recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "binakinerja.core",
    "binakinerja.accounts",
    "binakinerja.organizations",
    "binakinerja.people",
    "binakinerja.performance",
    "binakinerja.satisfaction",
    "binakinerja.competencies",
    "binakinerja.trainings",
    "binakinerja.mentoring",
    "binakinerja.programs",
    "binakinerja.budgets",
    "binakinerja.monitoring",
    "binakinerja.api",
    "binakinerja.pdp",
    "binakinerja.signatures",
    "binakinerja.siasn",
    "binakinerja.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "binakinerja.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "binakinerja.core.middleware.DefaultLanguageMiddleware",  # Indonesian unless chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed the second step
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "binakinerja.core.middleware.SessionAbsoluteTimeoutMiddleware",
    "binakinerja.accounts.middleware.TwoFactorRequiredMiddleware",  # TWO_FACTOR_REQUIRED_ROLES
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "binakinerja.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "binakinerja" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "binakinerja.accounts.context_processors.roles",
                "binakinerja.core.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "binakinerja.wsgi.application"

try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        )
    }
except ValueError as error:
    # The URL itself is not echoed: it may hold the database password.
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a valid database URL ({error}); expected e.g. "
        "postgres://user:password@host:5432/name or sqlite:////path/to/db.sqlite3"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes an import.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DATABASE_JIT", False
):
    # PostgreSQL's JIT compiles plans costed as large; for this application's short report
    # queries the compiling costs more than it saves (the mentoring effectiveness report: 1.6 s
    # with JIT, 0.5 s without). Set DATABASE_JIT=true to keep the server's setting.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", False
):
    # PostgreSQL, opt-in: bind parameters on the server, so psycopg prepares repeated statements
    # once per connection. Off by default: PgBouncer in transaction mode breaks prepared
    # statements, and bench/survey_load.py showed no gain beyond its run-to-run noise.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True

# A read replica for the dashboards (issue 17): pages marked `core.replica.reads_from_replica`
# read from it; every write and every other page use the primary. Tests mirror the primary.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **DATABASES["default"],
        **dj_database_url.parse(env_str("DATABASE_REPLICA_URL"),
                                conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0)),
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }  # fmt: skip
DATABASE_ROUTERS = ["binakinerja.core.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: 5 failures for one username from one address locks it for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Two-factor login (accounts/two_factor.py): holders of these roles must enrol an authenticator
# app and pass the second step before any page but login, logout and enrolment. Role codes as
# core.scoping.UserReach.role_codes names them (a superuser counts as admin_bkpsdm there too),
# plus "superuser"; empty: nobody is forced (others may still enrol on their security page).
TWO_FACTOR_ROLE_CODES = {
    "admin_bkpsdm", "operator_opd", "pimpinan", "atasan", "asn", "mentor", "penyelenggara",
    "superuser",
}  # fmt: skip
TWO_FACTOR_REQUIRED_ROLES = env_list(
    "TWO_FACTOR_REQUIRED_ROLES", ["admin_bkpsdm", "operator_opd", "superuser"]
)
if unknown_roles := set(TWO_FACTOR_REQUIRED_ROLES) - TWO_FACTOR_ROLE_CODES:
    raise ImproperlyConfigured(
        f"TWO_FACTOR_REQUIRED_ROLES: unknown role(s) {', '.join(sorted(unknown_roles))}; "
        f"expected some of {', '.join(sorted(TWO_FACTOR_ROLE_CODES))}"
    )
OTP_TOTP_ISSUER = "Bina Kinerja"  # the name authenticator apps show beside the code
# django-otp's throttle: after n wrong codes in a row the next try waits 2^(n-1) seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions: idle timeout (sliding) and an absolute lifetime.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# Activity renews the idle expiry, at most once a minute (core.middleware: a write per minute
# of activity instead of one per request).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "binakinerja" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded and generated files live outside the web root and are served by checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_MB", 50, minimum=1) * 1024 * 1024

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Bina Kinerja <noreply@localhost>")

# Notifications also go by e-mail (in-app always).
NOTIFY_BY_EMAIL = env_bool("NOTIFY_BY_EMAIL", False)

# Performance: remind an atasan of SKPs without a check-in (dialog kinerja) for this many days.
SKP_CHECK_IN_DAYS = env_int("SKP_CHECK_IN_DAYS", 30, minimum=1)

# Trainings: the behaviour evaluation (L3) of a batch opens this many months after its end.
TRAINING_L3_MONTHS = env_int("TRAINING_L3_MONTHS", 3, minimum=1)

# Mentoring: a pair without a confirmed session for this many days is inactive (the
# coordinator sees it, both sides are reminded).
MENTORING_INACTIVE_DAYS = env_int("MENTORING_INACTIVE_DAYS", 30, minimum=1)

# Program (rollout): the ADKAR questionnaire opens to a unit's ASN this many days before its
# phase starts; the signals of a unit fire at these thresholds (whole percents; readiness on
# 0–100); an SKP not approved by this day of the year (MM-DD) is overdue.
PROGRAMS_READINESS_LEAD_DAYS = env_int("PROGRAMS_READINESS_LEAD_DAYS", 60, minimum=0)
PROGRAMS_SIGNAL_READINESS = env_int("PROGRAMS_SIGNAL_READINESS", 60, minimum=1)
PROGRAMS_SIGNAL_ATTENDANCE = env_int("PROGRAMS_SIGNAL_ATTENDANCE", 60, minimum=1)
PROGRAMS_SIGNAL_SKP_OVERDUE = env_int("PROGRAMS_SIGNAL_SKP_OVERDUE", 20, minimum=0)
PROGRAMS_SIGNAL_JP = env_int("PROGRAMS_SIGNAL_JP", 50, minimum=1)
PROGRAMS_SIGNAL_NO_DIALOG = env_int("PROGRAMS_SIGNAL_NO_DIALOG", 50, minimum=0)
PROGRAMS_SKP_DEADLINE = env_str("PROGRAMS_SKP_DEADLINE", "01-31")

# Aggregates about fewer people than this are shown as "< N" to aggregate roles (pimpinan),
# so that nobody can be singled out (SECURITY.md; core/privacy.py).
AGGREGATE_MIN_GROUP = env_int("AGGREGATE_MIN_GROUP", 5, minimum=2)

# Public satisfaction survey (SKM). The IKM weight is the exact 1/9 unless set to a printed
# weight ("0.111" or "0.11") to reproduce old reports.
SATISFACTION_IKM_WEIGHT = env_str("SATISFACTION_IKM_WEIGHT", "exact")
if SATISFACTION_IKM_WEIGHT not in ("exact", "0.111", "0.11"):
    raise ImproperlyConfigured("SATISFACTION_IKM_WEIGHT must be exact, 0.111 or 0.11")
# A device (cookie + address + browser) may submit this many responses per unit and hour; more
# are refused and counted for the operator. Beyond SOFT per hour, responses are kept but flagged.
SATISFACTION_DEVICE_SOFT_LIMIT = env_int("SATISFACTION_DEVICE_SOFT_LIMIT", 2, minimum=1)
SATISFACTION_DEVICE_HARD_LIMIT = env_int("SATISFACTION_DEVICE_HARD_LIMIT", 10, minimum=1)
# A fresh cookie makes a fresh device, so the client's network counts too (a keyed hash that
# changes daily; the address itself is never stored): beyond this many responses per unit and
# hour from one address they are kept but flagged for review, never refused, because an office,
# a school or the unit's own wifi shares one address.
SATISFACTION_ADDRESS_SOFT_LIMIT = env_int("SATISFACTION_ADDRESS_SOFT_LIMIT", 3, minimum=1)
# More than this many online responses to one unit within a minute flags the burst.
SATISFACTION_BURST_PER_MINUTE = env_int("SATISFACTION_BURST_PER_MINUTE", 30, minimum=1)
# A form token lives this long; a form sent back faster than MIN_SECONDS is flagged as a bot.
SATISFACTION_TOKEN_MAX_AGE_HOURS = env_int("SATISFACTION_TOKEN_MAX_AGE_HOURS", 6, minimum=1)
SATISFACTION_FORM_MIN_SECONDS = env_int("SATISFACTION_FORM_MIN_SECONDS", 3, minimum=0)
# Competency development plan: unit costs per development form, as JSON overriding
# binakinerja.competencies.rules.DEFAULT_PLAN_COSTS, e.g. '{"klasikal": {"cost_per_jp": 120000}}'.
try:
    COMPETENCIES_PLAN_COSTS = json.loads(env_str("COMPETENCIES_PLAN_COSTS", "{}"))
except ValueError as error:
    raise ImproperlyConfigured(f"COMPETENCIES_PLAN_COSTS is not valid JSON: {error}") from error
# Trainings: the yearly JP every ASN should reach (PP 17/2020: 20 JP); below it at the end of
# the year the TPP is at risk (Pergub Gorontalo 1/2025). The 20 JP compliance pages use it.
TRAINING_JP_TARGET = env_int("TRAINING_JP_TARGET", 20, minimum=1)
# Base address printed on QR posters (e.g. https://binakinerja.gorontaloprov.go.id); empty:
# the address the poster was requested on.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "")
# Training certificates: the second signer printed beside the head of the institution, as
# "Name|NIP|Position" (e.g. the Kepala BKPSDM; empty: none proposed), and the place of signing.
TRAININGS_CERTIFICATE_SIGNER = env_str("TRAININGS_CERTIFICATE_SIGNER", "")
TRAININGS_CERTIFICATE_PLACE = env_str("TRAININGS_CERTIFICATE_PLACE", "Gorontalo")

# Electronic signatures (binakinerja/signatures). SIGNER_BACKEND: the local PAdES signer with
# the demo certificate of `manage.py signing_demo_certificate` (SIGNING_LOCAL_DIR), or
# binakinerja.signatures.signers.BsreSigner with BSrE's esign client service at BSRE_URL
# (basic auth BSRE_USERNAME / BSRE_PASSWORD). SIGNING_TRUST_ROOTS: certificate files (PEM/DER)
# of the roots whose signatures count as ours (BSrE's root in production).
SIGNER_BACKEND = env_str("SIGNER_BACKEND", "binakinerja.signatures.signers.LocalPadesSigner")
SIGNING_LOCAL_DIR = Path(env_str("SIGNING_LOCAL_DIR", str(BASE_DIR / "var" / "signing")))
SIGNING_TRUST_ROOTS = env_list("SIGNING_TRUST_ROOTS", [])
SIGNING_UPLOAD_MAX_BYTES = env_int("SIGNING_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
BSRE_URL = env_str("BSRE_URL", "").rstrip("/")
BSRE_USERNAME = env_str("BSRE_USERNAME", "")
BSRE_PASSWORD = env_str("BSRE_PASSWORD", "")
BSRE_TIMEOUT_SECONDS = env_int("BSRE_TIMEOUT_SECONDS", 30, minimum=1)

# SIASN interchange (binakinerja/siasn): BKN's API gateway. SIASN_URL is the API base (e.g.
# https://apimws.bkn.go.id:8243/apisiasn/1.0; empty: sending is off). The gateway token comes
# from SIASN_TOKEN_URL with the consumer key/secret (client credentials), the user token from
# BKN's SSO (SIASN_SSO_URL, password grant of SIASN_CLIENT_ID with the SSO user); both are
# cached until they expire. SIASN_INSTANSI_ID: the government's id in SIASN (kursus/save).
SIASN_URL = env_str("SIASN_URL", "").rstrip("/")
SIASN_TOKEN_URL = env_str("SIASN_TOKEN_URL", "https://apimws.bkn.go.id/oauth2/token")
SIASN_SSO_URL = env_str(
    "SIASN_SSO_URL",
    "https://sso-siasn.bkn.go.id/auth/realms/public-siasn/protocol/openid-connect/token",
)
SIASN_CONSUMER_KEY = env_str("SIASN_CONSUMER_KEY")
SIASN_CONSUMER_SECRET = env_str("SIASN_CONSUMER_SECRET")
SIASN_CLIENT_ID = env_str("SIASN_CLIENT_ID", "")
SIASN_USERNAME = env_str("SIASN_USERNAME")
SIASN_PASSWORD = env_str("SIASN_PASSWORD")
SIASN_INSTANSI_ID = env_str("SIASN_INSTANSI_ID")
SIASN_TIMEOUT = env_int("SIASN_TIMEOUT", 30, minimum=1)
# At most this many records are sent per click of "send all not yet sent" (one request).
SIASN_BATCH_LIMIT = env_int("SIASN_BATCH_LIMIT", 100, minimum=1)

# The cache: per process by default; CACHE_URL=redis://host:6379/1 shares it between the
# gunicorn processes and servers (the API's per-token rate limit, the SIASN send lock and token).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), e.g. "
            "redis://127.0.0.1:6379/1"
        )
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }

# API v1 (binakinerja/api): requests per token and time (N/s, N/min, N/h, N/day), counted in
# the default cache (per process unless CACHE_URL points at Redis); a token lives at most
# API_TOKEN_MAX_DAYS.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/min")
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)
API_PAGE_SIZE_MAX = 200

# Background work: django-tasks with its database backend, run by `manage.py db_worker`.
# For a larger deployment, TASKS_BACKEND=django_tasks_rq.RQBackend runs them on Redis workers
# (`manage.py rqworker --job-class django_tasks_rq.Job`) at REDIS_URL.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
# A running job whose worker gave no sign of life for this long is failed and its upload deleted
# (core/jobs.py); it must exceed the longest single write (the save pass of an import). A queued
# job no worker took within QUEUED_TIMEOUT_HOURS is failed too; `manage.py jobs_sweep` deletes
# uploads no live job references once they are ORPHAN_GRACE_HOURS old.
JOB_HEARTBEAT_TIMEOUT_SECONDS = env_int("JOB_HEARTBEAT_TIMEOUT_SECONDS", 300, minimum=1)
JOB_QUEUED_TIMEOUT_HOURS = env_int("JOB_QUEUED_TIMEOUT_HOURS", 24, minimum=1)
JOB_ORPHAN_GRACE_HOURS = env_int("JOB_ORPHAN_GRACE_HOURS", 6, minimum=1)

# UU PDP retention (Pasal 42–44): days each category is kept before `manage.py pdp_retention`
# (daily) deletes it and logs the counts. JSON in PDP_RETENTION overrides single categories,
# e.g. '{"audit_entries": 3650}'. Categories: binakinerja/pdp/retention.py.
PDP_RETENTION_DEFAULTS = {
    "import_jobs": 90,  # finished ASN-list imports: the row, its error report, any stored file
    "sessions": 7,  # expired login sessions
    "login_records": 180,  # django-axes attempts and logs (user name, IP address)
    "audit_entries": 1825,  # the audit trail, five years
    "notifications": 365,
    "survey_device_hashes": 2,  # the survey's rate-limit hashes and form nonces (needed 1 h)
    "survey_blocked_counts": 90,  # refused survey submissions counted per device and hour
}
try:
    PDP_RETENTION = {
        **PDP_RETENTION_DEFAULTS, **json.loads(env_str("PDP_RETENTION", "{}"))
    }  # fmt: skip
except ValueError as error:
    raise ImproperlyConfigured(f"PDP_RETENTION is not valid JSON: {error}") from error
if set(PDP_RETENTION) - set(PDP_RETENTION_DEFAULTS) or not all(
    isinstance(days, int) and not isinstance(days, bool) and days >= 1
    for days in PDP_RETENTION.values()
):
    raise ImproperlyConfigured(
        "PDP_RETENTION takes whole numbers of days (at least 1) for the categories "
        + ", ".join(PDP_RETENTION_DEFAULTS)
    )

# Security headers; HTTPS settings follow DEBUG unless set explicitly.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from our own static files. No
# inline <script>, on*= handler or style= attribute anywhere (a test scans the templates), no
# eval (htmx runs with allowEval off). One exception: the public survey form keeps its few lines
# of CSS in the page, so that a phone on a slow line loads it in one request; that <style> block
# carries the response's nonce (the nonce appears in the header only on pages that use it).
# data: images for the favicon placeholder.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {
            "()": "binakinerja.core.logging.UTCFormatter",
            "format": "%(asctime)sZ %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "loggers": {
        "binakinerja": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}
