"""Images on a Bluesky post: upload each as a blob, then embed them in the record.

``com.atproto.repo.uploadBlob`` takes the raw bytes with their Content-Type and answers
``{"blob": {"$type": "blob", "ref": {"$link": CID}, "mimeType", "size"}}`` (docs.bsky.app;
atproto.com/specs/data-model, blob type). The record then carries
``app.bsky.embed.images``: at most 4 images, each ``{"image": blob, "alt": text,
"aspectRatio": {"width", "height"}}`` (lexicons/app/bsky/embed/images.json: ``alt`` is
required, "can be an empty string"; aspectRatio from app.bsky.embed.defs, both >= 1).
Limits on the blob (size, type) are enforced when the record referencing it is
written, not at upload (atproto.com/guides/blob-lifecycle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._http import build_request, send
from onshore.networks.bluesky._session import Login, Session, Sessions, with_session
from onshore.networks.bluesky._xrpc import failure, service_base, success_json

IMAGES_EMBED = "app.bsky.embed.images"
MAX_IMAGES = 4


@dataclass(frozen=True)
class EmbedImage:
    blob: dict[str, Any]  # as uploadBlob answered it
    alt: str
    width: int
    height: int


def upload_blob(
    login: Login,
    data: bytes,
    mime: str,
    *,
    client: httpx.Client,
    now: datetime,
    sessions: Sessions | None = None,
) -> dict[str, Any]:
    """Upload one file; return its blob object, ready to embed. A lost answer is a
    transient failure, not an unknown outcome: no post exists yet, and the same bytes
    uploaded again have the same CID."""
    what = "uploading a file to Bluesky"

    def upload(session: Session) -> httpx.Response:
        request = build_request(
            client,
            "POST",
            f"{service_base(login.pds_url)}/xrpc/com.atproto.repo.uploadBlob",
            headers={
                "accept": "application/json",
                "authorization": f"Bearer {session.access_jwt}",
                "content-type": mime,
            },
            content=data,
        )
        try:
            return send(client, request, what=what)
        except UnknownOutcome as error:
            raise PublishError(error.message, permanent=False) from error

    _, response = with_session(login, sessions, client, now, upload)
    if not response.is_success:
        raise failure(response, now, what)
    return _blob(success_json(response, what=what))


def blob_cid(blob: dict[str, Any]) -> str:
    ref = blob.get("ref")
    link = ref.get("$link") if isinstance(ref, dict) else None
    return link if isinstance(link, str) else ""


def images_embed(images: Sequence[EmbedImage]) -> dict[str, Any]:
    """The ``app.bsky.embed.images`` of a post, in order."""
    if not images:
        raise ValueError("an images embed needs at least one image")
    if len(images) > MAX_IMAGES:
        raise PublishError(
            f"Bluesky takes at most {MAX_IMAGES} images per post; this post has {len(images)}.",
            permanent=True,
        )
    return {
        "$type": IMAGES_EMBED,
        "images": [
            {
                "image": image.blob,
                "alt": image.alt,
                "aspectRatio": {"width": max(image.width, 1), "height": max(image.height, 1)},
            }
            for image in images
        ],
    }


def _blob(body: dict[str, Any]) -> dict[str, Any]:
    blob = body.get("blob")
    described = (
        isinstance(blob, dict)
        and bool(blob_cid(blob))
        and isinstance(blob.get("size"), int)
        and isinstance(blob.get("mimeType"), str)
    )
    if not described:
        raise PublishError(
            "The Bluesky server did not describe the uploaded file.", permanent=False
        )
    assert isinstance(blob, dict)
    # Only the fields of the blob type: whatever else a server adds stays out of the record.
    return {
        "$type": "blob",
        "ref": {"$link": blob_cid(blob)},
        "mimeType": blob["mimeType"],
        "size": blob["size"],
    }
