"""Standard Webhooks signatures (https://www.standardwebhooks.com, spec v1.0.0).

The signed content is ``{webhook-id}.{webhook-timestamp}.{body}``, HMAC-SHA256 with
the secret's bytes, sent as ``v1,<base64>`` in ``webhook-signature``. Secrets are
shown to people as ``whsec_<base64>``. The spec's reference libraries accept the
secret with or without the prefix; so do we, so receivers can paste either.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"
# The spec asks for 24 to 64 random bytes; 32 matches HMAC-SHA256's block strength.
SECRET_BYTES = 32
DEFAULT_TOLERANCE = timedelta(minutes=5)


class InvalidSignature(ValueError):
    """A received webhook failed verification; the message says which check."""


def generate_secret(random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """A new ``whsec_`` secret. ``random_bytes`` is replaceable for reproducible tests."""
    return SECRET_PREFIX + base64.b64encode(random_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a ``whsec_<base64>`` (or bare base64) secret."""
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("The webhook secret is not valid base64 after 'whsec_'.") from error
    if not key:
        raise ValueError("The webhook secret is empty.")
    return key


def sign(message_id: str, timestamp: int, body: bytes, secret: str) -> str:
    """The ``webhook-signature`` value (``v1,<base64>``) for one delivery attempt."""
    _check_message_id(message_id)
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: datetime,
    tolerance: timedelta = DEFAULT_TOLERANCE,
) -> str:
    """Check a received webhook and return its ``webhook-id``; raise InvalidSignature.

    For receivers and tests. ``body`` must be the raw bytes received: re-serialised
    JSON does not verify. Any one matching ``v1`` signature in the space-separated
    list passes (the list exists for secret rotation); timestamps further than
    ``tolerance`` from ``now`` fail, which is what stops replays.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id, timestamp = (
        _required(lowered, "webhook-id"),
        _required(lowered, "webhook-timestamp"),
    )
    sent_at = _parse_timestamp(timestamp)
    if abs(now.timestamp() - sent_at) > tolerance.total_seconds():
        raise InvalidSignature("webhook-timestamp is outside the allowed tolerance.")
    expected = sign(message_id, sent_at, body, secret)
    offered = _required(lowered, "webhook-signature").split()
    if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
        raise InvalidSignature("No webhook-signature matches the body and secret.")
    return message_id


def _required(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if not value:
        raise InvalidSignature(f"The {name} header is missing.")
    return value


def _parse_timestamp(value: str) -> int:
    if not value.isdigit():
        raise InvalidSignature("webhook-timestamp is not an integer number of seconds.")
    return int(value)


def _check_message_id(message_id: str) -> None:
    # The spec: ids must not contain "." (it delimits the signed content), and they
    # travel in a header, so no whitespace or control characters either.
    if not message_id or "." in message_id or not message_id.isprintable() or " " in message_id:
        raise ValueError(f"Invalid webhook message id {message_id!r}: no dots or spaces allowed.")
