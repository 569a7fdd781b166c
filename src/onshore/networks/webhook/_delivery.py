"""Deliver one signed webhook and map the receiver's answer onto the shared errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError
from onshore.networks._http import (
    answered,
    build_request,
    is_transient_status,
    retry_after_seconds,
    send,
)
from onshore.networks._results import Published
from onshore.networks.webhook._signing import sign


@dataclass(frozen=True)
class WebhookEndpoint:
    """A webhook channel's configuration. The secret never appears in repr or logs."""

    url: str
    secret: str = field(repr=False)


def encode_payload(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent and signed: compact UTF-8 JSON, as the spec recommends.

    Key order is kept (not sorted), so a receiver sees the payload as built.
    """
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def publish(
    url: str,
    secret: str,
    message_id: str,
    payload: dict[str, Any],
    *,
    client: httpx.Client,
    now: datetime,
) -> Published:
    """POST ``payload`` to ``url``, signed per Standard Webhooks, and return on 2xx.

    ``message_id`` must be the same on every attempt for one delivery: it is the
    ``webhook-id`` receivers de-duplicate on, which is what makes a resend after an
    ``UnknownOutcome`` safe. The timestamp is ``now`` (per attempt, as the spec says).
    The caller is expected to have run ``check_destination`` on ``url`` first.
    Raises PublishError (see ``status_error`` for the mapping) or UnknownOutcome.
    """
    body = encode_payload(payload)
    request = build_request(
        client, "POST", url, content=body, headers=signed_headers(message_id, body, secret, now)
    )
    response = send(client, request, what="delivering the webhook")
    if not response.is_success:
        raise status_error(response, now)
    return Published(remote_id=message_id, url=None)


def signed_headers(message_id: str, body: bytes, secret: str, now: datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(message_id, timestamp, body, secret),
    }


# Answers that say the URL (or the receiver's trust in onshore) is wrong: every later
# delivery to the same URL would get the same, so the channel waits for someone to
# fix it (reconnect: check or change the URL, or rotate the secret) instead of failing
# post after post. 3xx too: the spec says to update the URL rather than follow.
RECONNECT_STATUSES = frozenset({401, 403, 404, 410})


def status_error(response: httpx.Response, now: datetime) -> PublishError:
    """Map a non-2xx answer: 429 and 5xx are worth retrying; 401, 403, 404, 410 and a
    redirect need the channel reconnected; any other 4xx is permanent for this post."""
    transient = is_transient_status(response.status_code)
    return PublishError(
        _reason(response),
        permanent=not transient,
        retry_after=retry_after_seconds(response, now) if transient else None,
        needs_reconnect=needs_reconnect(response),
        status_code=response.status_code,
    )


def needs_reconnect(response: httpx.Response) -> bool:
    return response.is_redirect or response.status_code in RECONNECT_STATUSES


def _reason(response: httpx.Response) -> str:
    # In our words only: the receiver's body and Location header go to the server
    # log, never into a message a user (who chose the URL) can read.
    reason = answered("The webhook receiver", response, "delivering the webhook")
    if response.is_redirect:
        return f"{reason[:-1]}: a redirect, which onshore does not follow; update the URL."
    if response.status_code in (401, 403):
        return f"{reason} Check that the receiver verifies with this channel's signing secret."
    if response.status_code in (404, 410):
        return f"{reason} The URL no longer takes deliveries: check it or give a new one."
    return reason
