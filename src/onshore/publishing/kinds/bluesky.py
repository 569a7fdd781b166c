"""Bluesky: a handle and an app password on a PDS (the public service by default); a
deterministic record key per delivery, so a retry collides instead of posting twice."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
from django.core.exceptions import ValidationError
from django.utils import timezone

from onshore.networks import Published, PublishError, bluesky
from onshore.publishing.kinds._base import (
    Config,
    ConnectField,
    Connection,
    Destination,
    Kind,
    Secrets,
    renew_credential,
)
from onshore.publishing.outbound import ClientFactory

if TYPE_CHECKING:
    from onshore.media.outgoing import OutgoingFile
    from onshore.posts.models import Media
    from onshore.publishing.models import Delivery

NAME = "bluesky"
DESTINATION = Destination(
    "pds_url", "The Bluesky server address", bluesky.service_base, "bsky.social"
)
HANDLE = ConnectField(
    "handle", "Handle", "handle", max_length=253, page_max_length=253,
    api_help="e.g. roastery.bsky.social", placeholder="roastery.bsky.social", required=True,
)  # fmt: skip
APP_PASSWORD = ConnectField(
    "app_password", "App password", "password", max_length=100, page_max_length=100,
    api_help="an app password", required=True, secret=True,
    help="Settings → Privacy and security → App passwords.",
)  # fmt: skip
PDS = ConnectField(
    "pds_url", "PDS (optional)", "pds", max_length=2000, page_max_length=300,
    api_help="default the public service", placeholder="https://bsky.social",
)  # fmt: skip

# The local PDS onshore is tested against (@atproto/dev-env without an app view) has no
# video service (app.bsky.video.*), so video is refused clearly instead of guessed at;
# the checker says so before publishing (marketfit: media.video_unsupported).
VIDEO_NOT_SUPPORTED = (
    "Video is not supported on Bluesky yet: remove the video from the post or publish "
    "it to the other networks only."
)

# One per worker process: Bluesky limits log-ins, so sessions are reused and refreshed.
SESSIONS = bluesky.Sessions()


def connect(values: Mapping[str, str], client_factory: ClientFactory) -> Connection:
    """Log in once with the app password to check it."""
    pds = DESTINATION.allowed(values.get("pds_url", ""))
    handle = values.get("handle", "").strip().lstrip("@")
    login = bluesky.Login(pds, handle, values.get("app_password", "").strip())
    if not login.handle or not login.app_password:
        raise ValidationError({"handle": "give the account's handle and an app password"})
    with client_factory() as client:
        try:
            bluesky.create_session(login, client, timezone.now())
        except PublishError as exc:
            field = "app_password" if exc.needs_reconnect else "pds_url"
            raise ValidationError({field: str(exc)}) from None
    config = {"pds_url": pds, "handle": login.handle}
    secrets = {"app_password": login.app_password}
    return Connection(config, secrets, default_name=f"@{login.handle}")


def record_key(delivery: Delivery) -> str:
    # From the delivery's key and creation time: the same on every attempt, so a retry
    # writes to the same record (and collides) instead of creating a second post.
    return bluesky.record_key(str(delivery.key), delivery.created_at)


def send(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published:
    post = delivery.post
    login = bluesky.Login(config["pds_url"], config["handle"], secrets["app_password"])
    from onshore.publishing import media_uploads  # reads the models, which read the kinds

    files = media_uploads.files_of(delivery)
    embed = _images_embed(delivery, files, login, client, now) if files else None
    return bluesky.publish(
        login.pds_url,
        login.handle,
        login.app_password,
        record_key(delivery),
        post.text_for(NAME),
        langs=bluesky.bluesky_langs(post.market.language),
        client=client,
        now=now,
        sessions=SESSIONS,
        embed=embed,
    )


def _images_embed(
    delivery: Delivery, files: list[Media], login: bluesky.Login, client: httpx.Client,
    now: datetime,
) -> dict[str, Any]:  # fmt: skip
    """The post's images as uploaded blobs, each uploaded once while the PDS keeps it
    (recorded before the record is written; see publishing/media_uploads.py)."""
    from onshore.publishing import media_uploads

    if any(item.asset is not None and item.asset.kind == "video" for item in files):
        raise PublishError(VIDEO_NOT_SUPPORTED, permanent=True)
    if len(files) > bluesky.MAX_IMAGES:
        raise PublishError(
            f"Bluesky takes at most {bluesky.MAX_IMAGES} images per post; this post has "
            f"{len(files)}.",
            permanent=True,
        )

    def upload(file: OutgoingFile) -> media_uploads.Uploaded:
        blob = bluesky.upload_blob(
            login, file.data, file.mime, client=client, now=now, sessions=SESSIONS
        )
        shape = {"width": file.width, "height": file.height}
        return media_uploads.Uploaded(bluesky.blob_cid(blob), {"blob": blob, **shape}, True)

    uploads = media_uploads.upload_all(
        delivery, files, NAME, reuse_within=media_uploads.BLUESKY_REUSE, now=now, upload=upload
    )
    return bluesky.images_embed(
        [
            bluesky.EmbedImage(
                blob=upload.remote["blob"],
                alt=item.published_alt_text,
                width=int(upload.remote.get("width") or 1),
                height=int(upload.remote.get("height") or 1),
            )
            for upload, item in zip(uploads, files, strict=True)
        ]
    )


def find(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published | None:
    return bluesky.find_published(
        config["pds_url"],
        config["handle"],
        record_key(delivery),
        delivery.post.text_for(NAME),
        client=client,
        now=now,
    )


def where(config: Mapping[str, Any]) -> str:
    return f"@{config.get('handle', '')} on {config.get('pds_url', '')}"


KIND = Kind(
    name=NAME,
    label="Bluesky",
    named="Bluesky",
    connect_title="Connect Bluesky",
    id_prefix="b",
    fields=(HANDLE, APP_PASSWORD, PDS),
    destination=DESTINATION,
    public_config=("pds_url", "handle"),
    connect=connect,
    send=send,
    find=find,
    where=where,
    reconnect=renew_credential(
        APP_PASSWORD,
        "New app password",
        "Make a new app password on Bluesky (Settings → Privacy and security → App "
        "passwords); onshore signs in with it, then sends the waiting posts.",
        (HANDLE, APP_PASSWORD, PDS),
        connect,
    ),
    icon="cloud",
    blurb="A Bluesky account, by an app password.",
)
