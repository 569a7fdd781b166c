"""Django settings for onshore. Every value comes from ``ONSHORE_*`` variables (config.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

from onshore.config import (
    ConfigError,
    data_dir,
    email_settings,
    env_bool,
    env_bool_or_alias,
    env_int,
    env_list,
    env_str,
    media_storage,
    secret_key,
    site_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("ONSHORE_DEBUG", False)
ALLOWED_HOSTS = env_list("ONSHORE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ONSHORE_CSRF_TRUSTED_ORIGINS", [])
# Where links point: ONSHORE_SITE_URL, else the address `onshore up`/`serve` listens on.
SITE_URL = site_url()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Only for its static files and templates: the API docs viewer served from our origin.
    "ninja",
    "django_htmx",
    "axes",
    # Heroicons (MIT): the SVG icons of the navigation and buttons, {% heroicon_outline %}.
    "heroicons",
    "onshore.accounts",
    "onshore.workspaces",
    "onshore.media",
    "onshore.posts",
    "onshore.publishing",
    "onshore.ledger",
    "onshore.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "onshore.security.ContentSecurityPolicyMiddleware",
    "onshore.errors.ErrorAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "onshore.urls"
WSGI_APPLICATION = "onshore.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The header's bell: one lazy count, only on pages that show it.
                "onshore.notifications.bell.unread_count",
            ],
            # safe_href: the only way a stored or remote URL becomes a link.
            # avatar: initials in a circle (avatars.py); heroicon_*: the icon tags
            # (icons.py: heroicons' own, with each icon's markup made once).
            "builtins": [
                "onshore.links",
                "onshore.avatars",
                "onshore.navigation",
                "onshore.icons",
            ],
        },
    },
]

# --- Database: SQLite (WAL) in the data directory, or PostgreSQL from a URL -----------
_database_url = env_str("ONSHORE_DATABASE_URL")
DATABASES: dict[str, Mapping[str, Any]]
if _database_url:
    if not _database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ConfigError(
            "ONSHORE_DATABASE_URL: expected postgres://user:password@host:port/name "
            f"or sqlite:///path, got {_database_url.split('://')[0]}://…"
        )
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "onshore.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
                # lock at BEGIN so two writers wait on busy_timeout instead of deadlocking.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords and login throttling -------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("ONSHORE_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = env_int("ONSHORE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ONSHORE_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
# Lock the account being guessed, from the address guessing it: one attacker cannot
# lock a user out everywhere, and one shared office address is not locked as a whole.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("ONSHORE_TRUSTED_PROXY_COUNT", 0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- Mail ---------------------------------------------------------------------------
globals().update(email_settings(env_str("ONSHORE_EMAIL_URL", "console:")))
DEFAULT_FROM_EMAIL = env_str("ONSHORE_EMAIL_FROM", "onshore <onshore@localhost>")

# --- Security headers ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind HTTPS (ONSHORE_HTTPS=true, or a proxy that sets X-Forwarded-Proto): secure cookies.
HTTPS = env_bool("ONSHORE_HTTPS", SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

# --- Static files and uploads -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request if it is missing
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Uploaded images and video (onshore.media): the data dir, or S3 from one URL.
    "media": media_storage(env_str("ONSHORE_MEDIA_URL"), DATA_DIR),
}
# Limits of an upload (onshore.media.processing); each refusal names its variable.
MEDIA_MAX_IMAGE_BYTES = env_int("ONSHORE_MEDIA_MAX_IMAGE_BYTES", 20 * 1024 * 1024, minimum=1)
MEDIA_MAX_VIDEO_BYTES = env_int("ONSHORE_MEDIA_MAX_VIDEO_BYTES", 512 * 1024 * 1024, minimum=1)
# Also Pillow's MAX_IMAGE_PIXELS while an upload is opened (its own bomb check).
MEDIA_MAX_PIXELS = env_int("ONSHORE_MEDIA_MAX_PIXELS", 50_000_000, minimum=1)
MEDIA_MAX_SIDE = env_int("ONSHORE_MEDIA_MAX_SIDE", 16_384, minimum=1)
# Serve straight from the apps' static folders when nothing was collected (tests, dev).
WHITENOISE_USE_FINDERS = True

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

INVITATION_VALID_DAYS = 7

# --- Publishing ---------------------------------------------------------------------
# Every outbound call (webhooks, Mastodon, Bluesky) to an address that resolves to
# loopback or a private range is refused unless allowed (tests and single-machine
# setups allow loopback; then plain http:// is allowed to loopback only). The
# webhook-only variables of earlier versions are aliases.
OUTBOUND_ALLOW_LOOPBACK = env_bool_or_alias(
    "ONSHORE_OUTBOUND_ALLOW_LOOPBACK", "ONSHORE_WEBHOOK_ALLOW_LOOPBACK", False
)
OUTBOUND_ALLOW_PRIVATE = env_bool_or_alias(
    "ONSHORE_OUTBOUND_ALLOW_PRIVATE", "ONSHORE_WEBHOOK_ALLOW_PRIVATE", False
)
WORKER_LEASE_SECONDS = env_int("ONSHORE_WORKER_LEASE_SECONDS", 120, minimum=5)
WORKER_IDLE_SECONDS = env_int("ONSHORE_WORKER_IDLE_SECONDS", 5, minimum=1)
WORKER_MAX_ATTEMPTS = env_int("ONSHORE_WORKER_MAX_ATTEMPTS", 8, minimum=1)
# First retry waits about this long (with jitter), doubling each time, capped at an hour.
WORKER_BACKOFF_SECONDS = env_int("ONSHORE_WORKER_BACKOFF_SECONDS", 30, minimum=1)
NETWORK_TIMEOUT_SECONDS = env_int("ONSHORE_NETWORK_TIMEOUT_SECONDS", 20, minimum=1)
# How long the signed media links in a webhook's payload work: a day by default, so a
# receiver that queues the delivery can still fetch the files; at most the week a
# signed link may last (media.storage.MAX_SIGNED_SECONDS).
WEBHOOK_MEDIA_URL_SECONDS = env_int(
    "ONSHORE_WEBHOOK_MEDIA_URL_SECONDS", 86_400, minimum=60, maximum=7 * 24 * 60 * 60
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Requests' log lines leave out the secrets some URLs carry (feed, invitation).
    "filters": {"url_secrets": {"()": "onshore.url_secrets.UrlSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["url_secrets"]}},
    "root": {"handlers": ["console"], "level": env_str("ONSHORE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "httpx": {"level": "WARNING"}},
}
