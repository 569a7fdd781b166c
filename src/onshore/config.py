"""Read onshore's configuration from ``ONSHORE_*`` environment variables.

Every setting comes from the environment (documented in the README's configuration
table). Bad values fail loudly at start-up with the variable's name, never later.
A secret may instead be read from a file named by ``<NAME>_FILE``.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from onshore.datafiles import create_private_dir


class ConfigError(ValueError):
    """A configuration variable holds a value onshore cannot use."""


def env_str(name: str, default: str = "") -> str:
    """The variable's value, or the content of the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_name!r}: {exc.strerror}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}: expected true or false, got {raw!r}")


def env_bool_or_alias(name: str, alias: str, default: bool) -> bool:
    """A switch that an older variable also turns on: true when either is true.

    Both are read (and a bad value in either fails loudly), so an old deployment's
    ``alias`` keeps working and a new one can use ``name`` alone.
    """
    return env_bool(name, default) or env_bool(alias, default)


def env_int(name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name}: must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}: must be at most {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the SQLite database, uploads and the generated secret key live (0700)."""
    path = Path(os.environ.get("ONSHORE_DATA_DIR") or "var").resolve()
    warning = create_private_dir(path)
    if warning:
        # Read once at start-up, before logging is configured: straight to stderr.
        print(warning, file=sys.stderr)
    return path


def secret_key(directory: Path) -> str:
    """``ONSHORE_SECRET_KEY`` if set, else a key generated once into the data dir (0600)."""
    configured = env_str("ONSHORE_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text(encoding="utf-8").strip()


def email_settings(url: str) -> dict[str, object]:
    """Django e-mail settings from ``ONSHORE_EMAIL_URL``.

    ``console:`` (the default) prints mail to the terminal; ``smtp://user:pass@host:587``
    sends with STARTTLS, ``smtps://…`` with implicit TLS; ``?starttls=0`` turns STARTTLS off.
    """
    if url in {"", "console:", "console://"}:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url in {"memory:", "locmem:"}:
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ConfigError(
            "ONSHORE_EMAIL_URL: expected console:, smtp://user:password@host:port "
            f"or smtps://…, got {url!r}"
        )
    options = parse_qs(parts.query)
    implicit_tls = parts.scheme == "smtps"
    starttls = not implicit_tls and options.get("starttls", ["1"])[0] not in {"0", "false"}
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if implicit_tls else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": implicit_tls,
        "EMAIL_USE_TLS": starttls,
        "EMAIL_TIMEOUT": 20,
    }


# --- the site's address: where links to onshore point (invitations, e-mails, feeds) ---
# ``ONSHORE_SITE_URL`` when it is set; otherwise the address ``onshore up`` or
# ``onshore serve`` listens on, which the command puts in ``LISTEN_URL_VARIABLE``
# before Django's settings load (and its worker inherits). Without either, the
# default ``http://127.0.0.1:8000``. Links built from a fixed 8000 while the server
# listens on 8100 (``make run PORT=8100``) lead nowhere, so the command also warns at
# start-up when a site URL that names this machine disagrees with the listening
# address.
#
# Internal: set by `onshore up`/`serve` for the settings of their own process and of
# the worker they start. Lower case, because it is no setting for people (that is
# ONSHORE_SITE_URL) and so stays out of the README's table of ONSHORE_* variables.
LISTEN_URL_VARIABLE = "onshore_listen_url"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::", "[::]"})
# Links must name a host a browser can open: "listen on every address" is not one.
WILDCARD_LINK_HOST = "127.0.0.1"


def configured_site_url() -> str:
    """ONSHORE_SITE_URL (or the file ONSHORE_SITE_URL_FILE names) as given; "" if unset."""
    return env_str("ONSHORE_SITE_URL", "").strip()


def site_url() -> str:
    """The site's base URL without a trailing slash (settings.SITE_URL)."""
    configured = configured_site_url()
    if configured:
        parts = urlsplit(configured)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ConfigError(
                f"ONSHORE_SITE_URL: expected http://host[:port] or https://host, got {configured!r}"
            )
        return configured.rstrip("/")
    return os.environ.get(LISTEN_URL_VARIABLE, "").rstrip("/") or DEFAULT_SITE_URL


def listen_url(host: str, port: int) -> str:
    """The URL of ``host:port`` for links: brackets for IPv6, and 127.0.0.1 for a
    server listening on every address (the one name sure to reach it from here)."""
    if host in WILDCARD_HOSTS:
        host = WILDCARD_LINK_HOST
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def address_warning(site: str, host: str, port: int) -> str | None:
    """Why links built from ``site`` will not reach a server on ``host:port``, or None.

    Only when the site URL names this machine (a loopback name or the listening host):
    a public name is usually a proxy in front, which may forward to any port, and
    onshore serves plain HTTP, so an https site URL always means such a proxy.
    """
    parts = urlsplit(site)
    site_host = (parts.hostname or "").lower()
    if parts.scheme != "http" or not site_host:
        return None
    listening = host.strip("[]").lower()
    if not (_is_loopback(site_host) or site_host == listening):
        return None
    site_port = parts.port or 80
    if site_port != port:
        where = f"port {site_port}, but onshore listens on port {port}"
    elif _is_loopback(site_host) and not (listening in WILDCARD_HOSTS or _is_loopback(listening)):
        where = f"{site_host}, but onshore listens only on {listening}"
    else:
        return None
    return (
        f"ONSHORE_SITE_URL is {site}: links in invitations, e-mails and calendar feeds "
        f"will point to {where}. Set ONSHORE_SITE_URL={listen_url(host, port)} "
        "(or the address people open), or unset it to use the listening address."
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def media_storage(url: str, directory: Path) -> dict[str, object]:
    """Django's STORAGES entry for media files, from ``ONSHORE_MEDIA_URL``.

    Empty: the data directory's ``media/`` folder. ``s3://bucket[/prefix]?endpoint=
    http://host:9000&region=eu-west-1`` (endpoint and region optional): an
    S3-compatible store through django-storages, with the key from
    ``ONSHORE_MEDIA_KEY_ID``/``ONSHORE_MEDIA_SECRET`` (``_FILE`` accepted) or else the
    standard AWS variables and files boto3 reads. Files are private: links are signed.
    """
    if not url:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(directory / "media"), "base_url": None},
        }
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ConfigError(
            "ONSHORE_MEDIA_URL: expected s3://bucket?endpoint=https://host&region=name "
            f"(or unset for the data directory), got {url.split('://')[0]}://…"
        )
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options(parts)}


def _s3_options(parts: SplitResult) -> dict[str, object]:
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"endpoint", "region", "addressing"}
    if unknown:
        raise ConfigError(
            f"ONSHORE_MEDIA_URL: unknown option {sorted(unknown)[0]!r}; "
            "it takes endpoint, region and addressing (path or virtual)"
        )
    endpoint = query.get("endpoint", "")
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ConfigError(f"ONSHORE_MEDIA_URL: endpoint must be http(s)://…, got {endpoint!r}")
    options: dict[str, object] = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        "default_acl": None,  # private objects; onshore serves them to members only
        "querystring_auth": True,
        "file_overwrite": True,  # names are content hashes: same name, same bytes
        # Path-style by default: what MinIO, moto and most self-hosted stores expect.
        "addressing_style": query.get("addressing", "path"),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if query.get("region"):
        options["region_name"] = query["region"]
    key_id, secret = env_str("ONSHORE_MEDIA_KEY_ID"), env_str("ONSHORE_MEDIA_SECRET")
    if bool(key_id) != bool(secret):
        raise ConfigError("ONSHORE_MEDIA_KEY_ID and ONSHORE_MEDIA_SECRET: set both or neither")
    if key_id:
        options.update(access_key=key_id, secret_key=secret)
    return options
