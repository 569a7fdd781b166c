"""Talking to one Mastodon instance: URLs, auth headers, and the error mapping.

Error shapes follow docs.joinmastodon.org (methods/statuses, api/rate-limits):
failures carry ``{"error": "..."}``; 401 means the token is invalid or revoked;
422 is a validation failure ("Validation failed: Text can't be blank"); 429 comes
with ``X-RateLimit-Reset`` as an ISO 8601 timestamp.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._http import (
    answered,
    build_request,
    is_transient_status,
    log_answer,
    parse_seconds,
    retry_after_seconds,
    seconds_until,
    send,
)

# Mastodon ids are numeric strings (snowflakes); forks use other alphanumeric ids.
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)


def is_mastodon_id(value: str) -> bool:
    """Whether ``value`` can be an account or status id: they go into request paths,
    where "../" or "?" from a server would change which endpoint we call."""
    return bool(_ID.fullmatch(value))


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
    data: Mapping[str, str | list[str]] | None = None,
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
        raise status_error(response, now, what)
    try:
        return response.json()
    except ValueError as error:
        log_answer("Mastodon", response, what)
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


def status_error(
    response: httpx.Response, now: datetime | None, what: str = "calling the instance"
) -> PublishError:
    """Map a non-2xx Mastodon answer onto PublishError.

    401/403: the token was revoked or lacks a scope, so the channel needs
    reconnecting. 429 and 5xx: transient, waiting as long as the server asked.
    Every other 4xx (422 validation, 404 wrong instance URL): permanent.
    """
    code = response.status_code
    message = error_text(response, what)
    if code in (401, 403):
        return PublishError(message, permanent=True, needs_reconnect=True, status_code=code)
    if is_transient_status(code):
        wait = _wait_seconds(response, now)
        return PublishError(message, permanent=False, retry_after=wait, status_code=code)
    return PublishError(message, permanent=True, status_code=code)


def error_text(response: httpx.Response, what: str = "calling the instance") -> str:
    """What went wrong, in our words (see ``_http.answered``), with what the status
    means for Mastodon; the instance's own text goes to the server log. A validation
    failure Mastodon is known to send is recognised and said in our words too."""
    meaning = _known_validation(response) or _MEANINGS.get(response.status_code, ".")
    return f"{answered('Mastodon', response, what)[:-1]}{meaning}"


# Mastodon's own validation messages (StatusLengthValidator, Status#language, presence),
# matched whole; only what we matched (a number) is repeated, in our words.
_VALIDATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"Validation failed: Text character limit of ([0-9]{1,7}) exceeded"),
        ": the text is over the instance's limit of {0} characters.",
    ),
    (re.compile(r"Validation failed: Text can't be blank"), ": the text is empty."),
    (
        re.compile(r"Validation failed: Language is not supported"),
        ": the instance does not support the post's language.",
    ),
)


def _known_validation(response: httpx.Response) -> str | None:
    if response.status_code != 422:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, str):
        return None
    for pattern, meaning in _VALIDATIONS:
        matched = pattern.fullmatch(error)
        if matched:
            return meaning.format(*matched.groups())
    return None


_MEANINGS = {
    401: ": the access token is invalid or was revoked; reconnect the channel.",
    403: ": the access token lacks a permission onshore needs; reconnect the channel.",
    404: ": check the instance address.",
    422: ": the instance refused the content (too long, empty, or media it does not take).",
    429: ": too many requests; onshore waits and tries again.",
}


def _wait_seconds(response: httpx.Response, now: datetime | None) -> float | None:
    if now is None:
        return parse_seconds(response.headers.get("retry-after"))
    # Retry-After is the explicit answer. The rate-limit reset only matters when the
    # limit is what refused us (429): Mastodon sends it on every answer, and on a 503 it
    # is just the end of the current window, often minutes away.
    explicit = retry_after_seconds(response, now)
    if explicit is not None or response.status_code != 429:
        return explicit
    return seconds_until(_parse_reset(response.headers.get("x-ratelimit-reset")), now)


def _parse_reset(value: str | None) -> datetime | None:
    # Documented as a timestamp; real servers send ISO 8601 ("2020-09-08T13:25:00.019685Z").
    if not value or len(value) > 64 or not value.isascii():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
