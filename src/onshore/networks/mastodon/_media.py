"""Uploading a file for a status (docs.joinmastodon.org, methods/media).

``POST /api/v2/media`` (multipart: ``file`` and ``description``, the alt text) answers
200 with the attachment when it is processed at once (images), or 202 with ``url``
null while the instance processes it in the background (video, GIF). Then ``GET
/api/v1/media/:id`` answers 206 while it is still processing and 200 (``url`` set)
once done; a status may only name processed media ("Cannot attach files that have
not finished processing"). The same GET answers 404 for media already attached to a
status or cleaned up, which the caller takes as "upload it again".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._http import build_request, send
from onshore.networks.mastodon._api import instance_base, is_mastodon_id, status_error

# How long to wait between the polls of a file still processing: growing, bounded.
# Mastodon documents no interval; its web client polls every second or so. After the
# last one the attempt ends as a transient failure and the next attempt polls again
# (the upload is recorded, so it is not repeated).
POLL_DELAYS = (1.0, 1.0, 2.0, 2.0, 3.0, 5.0, 5.0, 5.0, 8.0, 8.0)


@dataclass(frozen=True)
class MediaAttachment:
    id: str
    ready: bool  # processed: ``url`` is set
    body: dict[str, Any]


def upload_media(
    instance_url: str,
    token: str,
    *,
    data: bytes,
    mime: str,
    name: str,
    description: str,
    client: httpx.Client,
    now: datetime,
) -> MediaAttachment:
    """Upload one file with its alt text. A lost answer is a transient failure, not an
    unknown outcome: no status exists yet, and an orphaned upload costs only storage
    the instance cleans up."""
    what = "uploading a file to Mastodon"
    request = build_request(
        client,
        "POST",
        instance_base(instance_url) + "/api/v2/media",
        headers={"accept": "application/json", "authorization": f"Bearer {token}"},
        data={"description": description} if description else {},
        files={"file": (name, data, mime)},
    )
    try:
        response = send(client, request, what=what)
    except UnknownOutcome as error:
        raise PublishError(error.message, permanent=False) from error
    if not response.is_success:
        raise status_error(response, now, what)
    return _attachment(response, what)


def wait_until_processed(
    instance_url: str,
    token: str,
    media_id: str,
    *,
    client: httpx.Client,
    now: datetime,
    sleep: Callable[[float], None],
) -> None:
    """Poll ``GET /api/v1/media/:id`` until the file is processed, a bounded number of
    times. Raises PublishError: transient when it is still processing after the last
    poll, with ``status_code`` 404 when the instance no longer has it unattached."""
    if not is_mastodon_id(media_id):
        raise PublishError("Mastodon returned an unusable media id.", permanent=False)
    path = f"/api/v1/media/{media_id}"
    what = "waiting for Mastodon to process a file"
    for delay in POLL_DELAYS:
        sleep(delay)
        request = build_request(
            client,
            "GET",
            instance_base(instance_url) + path,
            headers={"accept": "application/json", "authorization": f"Bearer {token}"},
        )
        response = send(client, request, what=what)
        if not response.is_success:
            raise status_error(response, now, what)
        if _attachment(response, what).ready:
            return
    raise PublishError(
        "Mastodon is still processing the file; onshore tries again shortly.",
        permanent=False,
        retry_after=30.0,
    )


def _attachment(response: httpx.Response, what: str) -> MediaAttachment:
    try:
        body = response.json()
    except ValueError:
        body = None
    media_id = body.get("id") if isinstance(body, dict) else None
    if not isinstance(media_id, str | int) or not is_mastodon_id(str(media_id)):
        raise PublishError(
            f"Mastodon answered {response.status_code} without a media id while {what}.",
            permanent=False,
        )
    assert isinstance(body, dict)
    # 200 with ``url`` set is processed; 202 and 206 (or a null url) are not yet.
    ready = response.status_code == 200 and bool(body.get("url"))
    return MediaAttachment(id=str(media_id), ready=ready, body=body)
