"""Mastodon: an instance's address and an access token; the instance sets its own length
limit, read at connect, applied by the checker and again before sending."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
from django.core.exceptions import ValidationError
from django.utils import timezone

from onshore import marketfit
from onshore.networks import Published, PublishError, mastodon
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

# The wait between polls of a file the instance is still processing (tests patch it).
SLEEP: Callable[[float], None] = time.sleep

NAME = "mastodon"
DESTINATION = Destination(
    "instance_url", "The Mastodon instance address", mastodon.instance_base, "mastodon.social"
)
INSTANCE = ConnectField(
    "instance_url", "Instance", "instance", max_length=2000, page_max_length=300,
    api_help="e.g. https://mastodon.social", placeholder="mastodon.social", required=True,
    blank="give the instance's address",
)  # fmt: skip
ACCESS_TOKEN = ConnectField(
    "access_token", "Access token", "token", max_length=500, page_max_length=500,
    api_help="from its settings", required=True, secret=True,
    help="Preferences → Development → New application, with write:statuses and read:accounts.",
)  # fmt: skip


def connect(values: Mapping[str, str], client_factory: ClientFactory) -> Connection:
    """Verify the token and read the instance's limits (``max_characters`` in the config
    is the limit the checker applies to this market's Mastodon text)."""
    token = values.get("access_token", "").strip()
    if not token:
        raise ValidationError({"access_token": "paste the access token from the instance"})
    base = DESTINATION.allowed(values.get("instance_url", ""))
    with client_factory() as client:
        try:
            account = mastodon.verify_credentials(base, token, client, now=timezone.now())
            limits = mastodon.instance_limits(base, client, now=timezone.now())
        except (PublishError, ValueError) as exc:
            field = "access_token" if getattr(exc, "needs_reconnect", False) else "instance_url"
            raise ValidationError({field: str(exc)}) from None
    config = {
        "instance_url": base,
        "account_id": account.id,
        "acct": account.acct,
        "max_characters": limits.max_characters,
        "characters_reserved_per_url": limits.characters_reserved_per_url,
        # The instance's own media limits replace the table's Mastodon defaults in the
        # checker for this channel's market (posts/checks.declared_media_limits).
        "media_limits": marketfit.MediaLimits.from_instance(limits.configuration).to_config(),
    }
    return Connection(config, {"access_token": token}, default_name=f"@{account.acct}")


def refuse_over_instance_limit(text: str, config: Mapping[str, Any]) -> None:
    """Refuse before sending what the instance would refuse (its own limit, read at connect)."""
    from onshore import marketfit  # the checker's data loads on first use, not at start-up

    limit = int(config.get("max_characters") or mastodon.DEFAULT_MAX_CHARACTERS)
    used, limit = marketfit.count_length(text, NAME, limit=limit)
    if used > limit:
        raise PublishError(
            f"The post is {used} characters as this instance counts them; its limit is {limit}.",
            permanent=True,
        )


def send(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published:
    post = delivery.post
    text = post.text_for(NAME)
    refuse_over_instance_limit(text, config)
    from onshore.publishing import media_uploads  # reads the models, which read the kinds

    files = media_uploads.files_of(delivery)
    media_ids = _media_ids(delivery, files, config, secrets, client, now) if files else []
    return mastodon.publish(
        config["instance_url"],
        secrets["access_token"],
        str(delivery.key),  # the Idempotency-Key: the same on every attempt
        text,
        language=post.market.language,
        client=client,
        now=now,
        media_ids=media_ids,
    )


def _media_ids(
    delivery: Delivery,
    files: list[Media],
    config: Config,
    secrets: Secrets,
    client: httpx.Client,
    now: datetime,
) -> list[str]:
    """The processed uploads of the post's files, each uploaded once across attempts
    (recorded before the status is sent; see publishing/media_uploads.py)."""
    from onshore.publishing import media_uploads

    base, token = config["instance_url"], secrets["access_token"]

    def upload(file: OutgoingFile) -> media_uploads.Uploaded:
        attachment = mastodon.upload_media(
            base, token, data=file.data, mime=file.mime, name=file.name,
            description=file.alt_text, client=client, now=now,
        )  # fmt: skip
        return media_uploads.Uploaded(attachment.id, {"id": attachment.id}, attachment.ready)

    limits = media_uploads.channel_limits(config)
    for _ in range(2):  # an upload the instance no longer has is made once more
        uploads = media_uploads.upload_all(
            delivery, files, NAME, reuse_within=media_uploads.MASTODON_REUSE, now=now,
            upload=upload, limits=limits,
        )  # fmt: skip
        waiting = [u for u in uploads if not u.ready]
        try:
            for pending in waiting:
                mastodon.wait_until_processed(
                    base, token, pending.remote_id, client=client, now=now,
                    sleep=lambda seconds: SLEEP(seconds),
                )  # fmt: skip
                media_uploads.mark_ready(pending)
        except PublishError as exc:
            if exc.status_code != 404:
                raise
            media_uploads.forget(pending)
            continue
        return [u.remote_id for u in uploads]
    raise PublishError("Mastodon lost the uploaded files; onshore tries again.", permanent=False)


def find(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published | None:
    return mastodon.find_published(
        config["instance_url"],
        secrets["access_token"],
        delivery.post.text_for(NAME),
        not_before=delivery.first_attempt_at or now,
        client=client,
        account_id=config.get("account_id"),
    )


def where(config: Mapping[str, Any]) -> str:
    limit = config.get("max_characters")
    return f"{config.get('instance_url', '')}" + (f" ({limit} characters)" if limit else "")


KIND = Kind(
    name=NAME,
    label="Mastodon",
    named="Mastodon",
    connect_title="Connect Mastodon",
    id_prefix="m",
    fields=(INSTANCE, ACCESS_TOKEN),
    name_field=ConnectField("name", "Name (optional)", "name", max_length=100, page_max_length=100),
    destination=DESTINATION,
    public_config=("instance_url", "acct", "max_characters", "characters_reserved_per_url"),
    connect=connect,
    send=send,
    find=find,
    where=where,
    reconnect=renew_credential(
        ACCESS_TOKEN,
        "New access token",
        "Paste a new access token from the instance (Preferences → Development); onshore "
        "verifies it, then sends the waiting posts.",
        (INSTANCE, ACCESS_TOKEN),
        connect,
    ),
    icon="chat-bubble-left-right",
    blurb="An account on any Mastodon server, by an access token.",
)
