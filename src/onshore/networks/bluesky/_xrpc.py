"""XRPC over HTTP (atproto.com/specs/xrpc) and the mapping of its errors.

Every XRPC failure carries ``{"error": "Name", "message": "..."}``. The name matters
more than the status: an expired or unknown access token is a 400 (``ExpiredToken``,
``InvalidToken``), a wrong app password a 401 (``AuthenticationRequired``). Rate
limits answer 429 with ``RateLimit-Reset`` in UNIX seconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._http import (
    MAX_WAIT_SECONDS,
    answered,
    build_request,
    is_transient_status,
    log_answer,
    parse_ascii_int,
    retry_after_seconds,
    seconds_until,
    send,
)

DEFAULT_PDS_URL = "https://bsky.social"

# The account's credentials are no longer accepted: every post will fail until
# someone reconnects the channel with a new app password.
RECONNECT_ERRORS = frozenset(
    {
        "AuthenticationRequired",
        "AuthMissing",
        "InvalidToken",
        "ExpiredToken",
        "AccountTakedown",
        "AccountDeactivated",
        "AccountNotFound",
        "AuthFactorTokenRequired",
    }
)


# Error names the atproto specs and lexicons define (com.atproto.*, app.bsky.*): safe to
# repeat in a message because we know them; anything else a server says is not repeated.
KNOWN_ERRORS = RECONNECT_ERRORS | {
    "InvalidRequest",
    "InvalidSwap",
    "RateLimitExceeded",
    "RecordNotFound",
    "RepoNotFound",
    "InternalServerError",
    "MethodNotImplemented",
    "UpstreamFailure",
    "NotEnoughResources",
    "UpstreamTimeout",
    "PayloadTooLarge",
    "BlobTooLarge",
    "InvalidMimeType",
}


def service_base(pds_url: str) -> str:
    """``https://bsky.social`` from what a person typed ("bsky.social/")."""
    url = pds_url.strip().rstrip("/") or DEFAULT_PDS_URL
    return url if "://" in url else f"https://{url}"


def call(
    client: httpx.Client,
    method: str,
    pds_url: str,
    nsid: str,
    *,
    what: str,
    token: str | None = None,
    params: Mapping[str, str] | None = None,
    body: Mapping[str, Any] | None = None,
) -> httpx.Response:
    """Send one XRPC request. Reads (GET) never raise UnknownOutcome: repeating them
    is harmless, so a lost answer is just a transient failure."""
    headers = {"accept": "application/json"}
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    url = f"{service_base(pds_url)}/xrpc/{nsid}"
    request = build_request(client, method, url, headers=headers, params=params, json=body)
    try:
        return send(client, request, what=what)
    except UnknownOutcome as error:
        if method != "GET":
            raise
        raise PublishError(error.message, permanent=False) from error


def error_name(response: httpx.Response) -> str | None:
    body = _json_object(response)
    name = body.get("error") if body else None
    return name if isinstance(name, str) else None


def error_text(response: httpx.Response, what: str = "calling the Bluesky server") -> str:
    """What went wrong, in our words (see ``_http.answered``). The XRPC error name is
    added only when it is one of the names the specs define: then it is our word too."""
    name = error_name(response)
    known = f" ({name})" if name in KNOWN_ERRORS else ""
    return f"{answered('The Bluesky server', response, what)[:-1]}{known}."


def failure(
    response: httpx.Response, now: datetime, what: str = "calling the Bluesky server"
) -> PublishError:
    """Map a non-2xx XRPC answer onto PublishError (see the module docstring)."""
    code, name, message = response.status_code, error_name(response), error_text(response, what)
    if name in RECONNECT_ERRORS or code in (401, 403):
        return PublishError(message, permanent=True, needs_reconnect=True, status_code=code)
    if is_transient_status(code):
        wait = _wait_seconds(response, now)
        return PublishError(message, permanent=False, retry_after=wait, status_code=code)
    return PublishError(message, permanent=True, status_code=code)


def success_json(response: httpx.Response, *, what: str) -> dict[str, Any]:
    body = _json_object(response)
    if body is None:
        log_answer("The Bluesky server", response, what)
        raise PublishError(f"The Bluesky server sent no JSON object while {what}.", permanent=False)
    return body


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _wait_seconds(response: httpx.Response, now: datetime) -> float | None:
    explicit = retry_after_seconds(response, now)
    if explicit is not None:
        return explicit
    # UNIX seconds, ASCII digits only; capped before becoming a datetime, so a reset in
    # the year 30000 cannot overflow it.
    reset = parse_ascii_int(response.headers.get("ratelimit-reset"))
    if reset is None:
        return None
    latest = now.timestamp() + MAX_WAIT_SECONDS
    return seconds_until(datetime.fromtimestamp(min(reset, latest), tz=UTC), now)
