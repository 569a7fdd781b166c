"""Configuration from ONSHORE_* variables, and the security defaults of every response."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from onshore.config import ConfigError, email_settings, env_bool, env_int, env_str, secret_key


def settings_in_subprocess(
    env: dict[str, str], expression: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """Import the settings afresh with ``env`` and print ``expression``."""
    code = f"import onshore.settings as s; print({expression})"
    inherited = {k: v for k, v in os.environ.items() if k != "ONSHORE_DATABASE_URL"}
    full_env = {**inherited, "ONSHORE_DATA_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, capture_output=True, text=True
    )


def test_bad_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSHORE_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="ONSHORE_DEBUG: expected true or false"):
        env_bool("ONSHORE_DEBUG", False)


def test_bad_number_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSHORE_WEB_WORKERS", "many")
    with pytest.raises(ConfigError, match="ONSHORE_WEB_WORKERS: expected a whole number"):
        env_int("ONSHORE_WEB_WORKERS", 2)
    monkeypatch.setenv("ONSHORE_WEB_WORKERS", "0")
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("ONSHORE_WEB_WORKERS", 2, minimum=1)


def test_a_number_over_its_maximum_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSHORE_WEBHOOK_MEDIA_URL_SECONDS", "9999999")
    with pytest.raises(ConfigError, match="ONSHORE_WEBHOOK_MEDIA_URL_SECONDS: must be at most"):
        env_int("ONSHORE_WEBHOOK_MEDIA_URL_SECONDS", 86_400, minimum=60, maximum=604_800)
    monkeypatch.setenv("ONSHORE_WEBHOOK_MEDIA_URL_SECONDS", "3600")
    assert env_int("ONSHORE_WEBHOOK_MEDIA_URL_SECONDS", 86_400, minimum=60, maximum=604_800) == 3600


def test_secrets_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("ONSHORE_SECRET_KEY_FILE", str(secret))
    assert env_str("ONSHORE_SECRET_KEY") == "from-a-file"
    monkeypatch.setenv("ONSHORE_SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="ONSHORE_SECRET_KEY_FILE: cannot read"):
        env_str("ONSHORE_SECRET_KEY")


def test_secret_key_is_generated_once_with_owner_only_permissions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ONSHORE_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert secret_key(tmp_path) == first


def test_email_url_forms() -> None:
    assert email_settings("")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = email_settings("smtp://mailer%40example.com:p%40ss@mail.example.com:2525")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_USER"]) == (
        "mail.example.com",
        2525,
        "mailer@example.com",
    )
    assert (smtp["EMAIL_HOST_PASSWORD"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_USE_SSL"]) == (
        "p@ss",
        True,
        False,
    )
    smtps = email_settings("smtps://u:p@mail.example.com")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )
    with pytest.raises(ConfigError, match="ONSHORE_EMAIL_URL"):
        email_settings("pigeon://coop")


def test_database_url_switches_to_postgresql_and_refuses_others(tmp_path: Path) -> None:
    pg = settings_in_subprocess(
        {"ONSHORE_DATABASE_URL": "postgres://u:p@db.internal:5433/onshore"},
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['PORT']",
        tmp_path,
    )
    assert pg.stdout.strip() == "django.db.backends.postgresql 5433"
    bad = settings_in_subprocess({"ONSHORE_DATABASE_URL": "mysql://x"}, "1", tmp_path)
    assert bad.returncode != 0 and "ONSHORE_DATABASE_URL: expected postgres://" in bad.stderr


def test_https_turns_on_secure_cookies_and_hsts(tmp_path: Path) -> None:
    plain = settings_in_subprocess({}, "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE", tmp_path)
    assert plain.stdout.strip() == "False False"
    https = settings_in_subprocess(
        {"ONSHORE_SITE_URL": "https://social.example.com"},
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0",
        tmp_path,
    )
    assert https.stdout.strip() == "True True True"


def test_allowed_hosts_default_to_loopback_and_come_from_env(tmp_path: Path) -> None:
    default = settings_in_subprocess({}, "s.ALLOWED_HOSTS", tmp_path)
    assert default.stdout.strip() == "['127.0.0.1', 'localhost', '[::1]']"
    custom = settings_in_subprocess(
        {"ONSHORE_ALLOWED_HOSTS": "social.example.com, .example.org"}, "s.ALLOWED_HOSTS", tmp_path
    )
    assert custom.stdout.strip() == "['social.example.com', '.example.org']"


@pytest.mark.django_db
def test_unknown_host_header_is_refused() -> None:
    assert Client(HTTP_HOST="evil.example").get("/login/").status_code == 400


@pytest.mark.django_db
def test_security_headers_and_cookie_flags() -> None:
    client = Client()
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    csrf_cookie = response.cookies["csrftoken"]
    assert csrf_cookie["samesite"] == "Lax"
    from onshore.accounts.models import User

    User.objects.create_user("a@example.com", "long-enough-password-1", name="A")
    client.post("/login/", {"username": "a@example.com", "password": "long-enough-password-1"})
    session = client.cookies["sessionid"]
    assert session["httponly"] is True and session["samesite"] == "Lax"


@pytest.mark.django_db
def test_forms_refuse_posts_without_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/signup/", {"name": "x"}).status_code == 403


def test_sqlite_database_runs_in_wal_mode(tmp_path: Path) -> None:
    env = {**os.environ, "ONSHORE_DATA_DIR": str(tmp_path)}
    env.pop("ONSHORE_DATABASE_URL", None)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='onshore.settings';"
        "django.setup();"
        "from django.db import connection; c=connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "wal", result.stderr
    assert (tmp_path / "onshore.sqlite3").exists()


def test_debug_is_off_unless_asked_for(tmp_path: Path) -> None:
    # With DEBUG on, an error page would show a traceback and settings to anyone.
    assert settings_in_subprocess({}, "s.DEBUG", tmp_path).stdout.strip() == "False"


def test_media_settings_are_read_at_start_and_bad_ones_stop_it(tmp_path: Path) -> None:
    s3 = settings_in_subprocess(
        {
            "ONSHORE_MEDIA_URL": "s3://media?endpoint=https://s3.example.com&region=eu-west-1",
            "ONSHORE_MEDIA_MAX_PIXELS": "24000000",
        },
        "s.STORAGES['media']['BACKEND'], s.MEDIA_MAX_PIXELS",
        tmp_path,
    )
    assert s3.stdout.strip() == "storages.backends.s3.S3Storage 24000000", s3.stderr
    for variable, value, named in (
        ("ONSHORE_MEDIA_URL", "gs://bucket", "ONSHORE_MEDIA_URL: expected s3://"),
        ("ONSHORE_MEDIA_MAX_PIXELS", "lots", "ONSHORE_MEDIA_MAX_PIXELS: expected a whole"),
        ("ONSHORE_MEDIA_MAX_IMAGE_BYTES", "0", "ONSHORE_MEDIA_MAX_IMAGE_BYTES: must be at least 1"),
    ):
        bad = settings_in_subprocess({variable: value}, "1", tmp_path)
        assert bad.returncode != 0 and named in bad.stderr, bad.stderr[-300:]
