"""The one seam where network I/O happens, and the HTTP facts every network shares.

Every request goes through ``send`` so that transport failures are classified the
same way everywhere. The classification turns on one question: could the server
have received the request? If it could not (no connection), retrying is safe; if it
could (the answer never came), only a read-back can say whether the post exists.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome

logger = logging.getLogger("onshore.networks")

# The longest wait a network may ask for: a rate limit that resets later than this is
# not a rate limit, and an absurd value must not push a delivery into year 9999.
MAX_WAIT_SECONDS = 24 * 3600.0
# Ten ASCII digits is over 300 years: anything longer is garbage, not a wait.
_ASCII_SECONDS = re.compile(r"[0-9]{1,10}")
_MAX_DATE_CHARS = 64
_LOGGED_BODY_CHARS = 500

# Raised before a single byte of the request left this machine: retrying is safe.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)

# Raised once the request may have reached the server: the outcome is unknown.
# WriteError/WriteTimeout are included because the server may already have read
# enough of the body to act on it; assuming "not sent" there is how duplicates happen.
_MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)


def build_request(client: httpx.Client, method: str, url: str, **options: Any) -> httpx.Request:
    """``client.build_request``, with a malformed URL reported as a permanent error."""
    try:
        return client.build_request(method, url, **options)
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise PublishError(
            f"The address {url!r} is not usable: {error}.", permanent=True
        ) from error


def send(client: httpx.Client, request: httpx.Request, *, what: str) -> httpx.Response:
    """Send ``request`` without following redirects; map transport failures.

    ``what`` names the action for the messages ("publishing to Mastodon").
    Redirects are never followed: a redirect could point a checked public URL at an
    internal address, and for POSTs a redirect would silently drop the body.
    """
    try:
        return client.send(request, follow_redirects=False)
    except _NOT_SENT as error:
        raise PublishError(
            f"Could not connect while {what}: {error or type(error).__name__}.",
            permanent=False,
        ) from error
    except _MAYBE_SENT as error:
        raise UnknownOutcome(
            f"No answer while {what} ({type(error).__name__}); the request may have been received."
        ) from error
    except httpx.UnsupportedProtocol as error:
        raise PublishError(f"The address is not usable: {error}.", permanent=True) from error
    except httpx.TransportError as error:
        # Anything else at the transport level: assume the worst (it may have arrived).
        raise UnknownOutcome(f"Transport failure while {what}: {error!r}.") from error


def retry_after_seconds(response: httpx.Response, now: datetime) -> float | None:
    """Seconds from ``now`` that the Retry-After header asks for (RFC 9110 §10.2.3).

    The header is either a number of seconds (ASCII digits only: ``"²".isdigit()`` is
    True in Python, and ``float("²")`` raises) or an HTTP-date; anything else is
    ignored rather than trusted, a date in the past means "now" (0 seconds), and no
    wait is longer than ``MAX_WAIT_SECONDS``.
    """
    value = response.headers.get("retry-after")
    seconds = parse_seconds(value)
    if seconds is not None:
        return seconds
    return seconds_until(parse_http_date(value), now)


def parse_seconds(value: str | None) -> float | None:
    """A header's whole number of seconds as a wait, capped; else None."""
    seconds = parse_ascii_int(value)
    return None if seconds is None else min(float(seconds), MAX_WAIT_SECONDS)


def parse_ascii_int(value: str | None) -> int | None:
    """A header's whole number: ASCII digits only, at most ten of them; else None."""
    if value is None or not _ASCII_SECONDS.fullmatch(value.strip()):
        return None
    return int(value.strip())


def seconds_until(moment: datetime | None, now: datetime) -> float | None:
    """Seconds from ``now`` to ``moment``, never negative nor over ``MAX_WAIT_SECONDS``;
    None when unknown."""
    if moment is None:
        return None
    return min(max(0.0, (moment - now).total_seconds()), MAX_WAIT_SECONDS)


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT") as an aware datetime, else None."""
    if value is None or len(value) > _MAX_DATE_CHARS or not value.isascii():
        return None
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # HTTP dates are always GMT; the parser returns a naive datetime for "-0000".
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def answered(service: str, response: httpx.Response, what: str) -> str:
    """What went wrong, in our words: the service, the status and the step.

    Never the server's own text (its body, its reason phrase): the server may be an
    internal one a user pointed onshore at, and its answer must not be read back
    through our messages. The detail goes to the server log instead.
    """
    log_answer(service, response, what)
    return f"{service} answered {status_words(response.status_code)} while {what}."


def status_words(code: int) -> str:
    """ "422 Unprocessable Content": the code and the standard phrase, never the server's."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def log_answer(service: str, response: httpx.Response, what: str) -> None:
    """The server's answer, bounded, for the operator's log (never the user's page)."""
    try:
        body = response.text[:_LOGGED_BODY_CHARS]
    except (httpx.HTTPError, UnicodeError, PublishError):
        body = "(unreadable)"
    logger.warning("%s answered %s while %s: %r", service, response.status_code, what, body)


def is_transient_status(status_code: int) -> bool:
    """429 and 5xx: the server may well accept the same request later."""
    return status_code == 429 or status_code >= 500
