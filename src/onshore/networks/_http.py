"""The one seam where network I/O happens, and the HTTP facts every network shares.

Every request goes through ``send`` so that transport failures are classified the
same way everywhere. The classification turns on one question: could the server
have received the request? If it could not (no connection), retrying is safe; if it
could (the answer never came), only a read-back can say whether the post exists.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome

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

    The header is either a number of seconds or an HTTP-date; anything unparsable is
    ignored rather than trusted, and a date in the past means "now" (0 seconds).
    """
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    return seconds_until(_parse_http_date(value), now)


def seconds_until(moment: datetime | None, now: datetime) -> float | None:
    """Seconds from ``now`` to ``moment``, never negative; None when unknown."""
    if moment is None:
        return None
    return max(0.0, (moment - now).total_seconds())


def _parse_http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    # HTTP dates are always GMT; the parser returns a naive datetime for "-0000".
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_transient_status(status_code: int) -> bool:
    """429 and 5xx: the server may well accept the same request later."""
    return status_code == 429 or status_code >= 500
