"""Talking to one Mastodon instance: URLs, auth headers, and the error mapping.

Error shapes follow docs.joinmastodon.org (methods/statuses, api/rate-limits):
failures carry ``{"error": "..."}``; 401 means the token is invalid or revoked;
422 is a validation failure ("Validation failed: Text can't be blank"); 429 comes
with ``X-RateLimit-Reset`` as an ISO 8601 timestamp.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._http import (
    build_request,
    is_transient_status,
    retry_after_seconds,
    seconds_until,
    send,
)


def instance_base(instance_url: str) -> str:
    """``https://example.social`` from what a person typed ("example.social/")."""
    url = instance_url.strip().rstrip("/")
    return url if "://" in url else f"https://{url}"


def build(
    client: httpx.Client,
    method: str,
    instance_url: str,
    path: str,
    *,
    token: str | None = None,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str | int] | None = None,
    data: Mapping[str, str] | None = None,
) -> httpx.Request:
    all_headers = {"accept": "application/json", **(headers or {})}
    if token is not None:
        all_headers["authorization"] = f"Bearer {token}"
    url = instance_base(instance_url) + path
    return build_request(client, method, url, headers=all_headers, params=params, data=data)


def call(client: httpx.Client, request: httpx.Request, *, what: str, now: datetime | None) -> Any:
    """Send ``request`` and return the decoded JSON body of a 2xx answer."""
    response = send(client, request, what=what)
    if not response.is_success:
        raise status_error(response, now)
    try:
        return response.json()
    except ValueError as error:
        raise _unreadable_success(request, response) from error


def _unreadable_success(request: httpx.Request, response: httpx.Response) -> Exception:
    # A 2xx to a POST means the status was probably created even though we cannot
    # read it: the caller must read back, exactly as after a timeout.
    message = f"Mastodon answered {response.status_code} but not with JSON."
    return (
        UnknownOutcome(message)
        if request.method == "POST"
        else PublishError(message, permanent=False)
    )


def status_error(response: httpx.Response, now: datetime | None) -> PublishError:
    """Map a non-2xx Mastodon answer onto PublishError.

    401/403: the token was revoked or lacks a scope, so the channel needs
    reconnecting. 429 and 5xx: transient, waiting as long as the server asked.
    Every other 4xx (422 validation, 404 wrong instance URL): permanent.
    """
    code = response.status_code
    message = error_text(response)
    if code in (401, 403):
        return PublishError(message, permanent=True, needs_reconnect=True, status_code=code)
    if is_transient_status(code):
        wait = _wait_seconds(response, now)
        return PublishError(message, permanent=False, retry_after=wait, status_code=code)
    return PublishError(message, permanent=True, status_code=code)


def error_text(response: httpx.Response) -> str:
    """Mastodon's own words (``error``, plus ``error_description`` from OAuth)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        description = body.get("error_description")
        return f"{body['error']}: {description}" if isinstance(description, str) else body["error"]
    # An HTML error page from a proxy says nothing useful to a user; the code does.
    return f"Mastodon answered {response.status_code} {response.reason_phrase}."


def _wait_seconds(response: httpx.Response, now: datetime | None) -> float | None:
    if now is None:
        value = response.headers.get("retry-after", "").strip()
        return float(value) if value.isdigit() else None
    # Retry-After is the explicit answer. The rate-limit reset only matters when the
    # limit is what refused us (429): Mastodon sends it on every answer, and on a 503 it
    # is just the end of the current window, often minutes away.
    explicit = retry_after_seconds(response, now)
    if explicit is not None or response.status_code != 429:
        return explicit
    return seconds_until(_parse_reset(response.headers.get("x-ratelimit-reset")), now)


def _parse_reset(value: str | None) -> datetime | None:
    # Documented as a timestamp; real servers send ISO 8601 ("2020-09-08T13:25:00.019685Z").
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
