"""Channel credentials encrypted at rest (Fernet), with key rotation.

Keys come from ``ONSHORE_CREDENTIALS_KEYS`` (comma-separated Fernet keys, newest first;
``_FILE`` accepted) or, by default, a key generated once into the data directory (0600).
Encryption always uses the first key; decryption tries each, so adding a new key in front
and running ``onshore rotate-credentials`` moves every secret to it.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from onshore.config import ConfigError, env_str


class CredentialsUnreadable(Exception):
    """No configured key opens these credentials (a key was removed too early)."""


def _keys() -> list[bytes]:
    configured = env_str("ONSHORE_CREDENTIALS_KEYS")
    if configured:
        keys = [key.strip().encode() for key in configured.split(",") if key.strip()]
    else:
        keys = [_generated_key(Path(settings.DATA_DIR))]
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            raise ConfigError(
                "ONSHORE_CREDENTIALS_KEYS: each key must be a Fernet key; make one with "
                "python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            ) from None
    return keys


def _generated_key(directory: Path) -> bytes:
    path = directory / "credentials_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process wrote it first
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
    return path.read_bytes().strip()


def _fernet() -> MultiFernet:
    # Keyed on the configuration so a changed ONSHORE_CREDENTIALS_KEYS takes effect.
    return _fernet_for(env_str("ONSHORE_CREDENTIALS_KEYS"), str(settings.DATA_DIR))


@functools.lru_cache(maxsize=8)
def _fernet_for(configured: str, data_dir: str) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(secrets: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(secrets).encode()).decode()


def decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        return dict(json.loads(_fernet().decrypt(token.encode())))
    except InvalidToken:
        raise CredentialsUnreadable(
            "No configured key opens these credentials: reconnect the channel."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt with the newest key."""
    return _fernet().rotate(token.encode()).decode()
