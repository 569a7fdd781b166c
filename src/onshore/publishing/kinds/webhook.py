"""Webhooks: a URL that receives every post, signed the Standard Webhooks way with a
secret onshore makes (shown once); the stable webhook-id lets a receiver drop a repeat.

The payload (JSON; the signature covers the whole body)::

    {"type": "post.published",
     "post": {"id", "text", "link", "tags", "market", "language",
              "scheduled_at", "scheduled_local",
              "media": [{"kind": "image" | "video",
                         "url": signed absolute link to the file, no login needed,
                         "url_expires_at": ISO 8601 UTC; after it the link answers 404,
                         "mime", "bytes", "width", "height",
                         "duration": seconds (video) or null,
                         "alt_text",
                         "sha256": of exactly the bytes the link serves}, …]}}

``media`` lists the post's files in the post's order (empty for a text-only post).
The links work for ``ONSHORE_WEBHOOK_MEDIA_URL_SECONDS`` (a day by default) from the
attempt that sent them; a retry sends fresh links under the same webhook-id. Webhooks
get the stored file as uploaded (metadata stripped, nothing resized: a receiver has no
network's limits). A media placeholder (a description without a file) cannot be
delivered: the delivery fails at once, saying which item, rather than sending a post
without its picture.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from onshore.media import storage
from onshore.networks import Published, PublishError, webhook
from onshore.publishing.kinds._base import (
    Config,
    ConnectField,
    Connection,
    Destination,
    Kind,
    Reconnection,
    Secrets,
    SigningSecret,
)
from onshore.publishing.outbound import ClientFactory

if TYPE_CHECKING:
    from onshore.posts.models import Media, Post
    from onshore.publishing.models import Delivery

NAME = "webhook"
# No example server: a webhook's whole URL (path and query) is where it delivers.
DESTINATION = Destination("url", "The webhook URL", str.strip)
URL = ConnectField(
    "url", "URL", "url", max_length=2000, page_max_length=1000, api_help="where to POST",
    placeholder="https://cms.example.com/hooks/onshore", required=True,
    blank="give the URL to deliver to",
)  # fmt: skip


def connect(values: Mapping[str, str], client_factory: ClientFactory) -> Connection:
    """Nothing to verify but the address; a new signing secret, returned to show once."""
    url = DESTINATION.allowed(values.get("url", ""))
    secret = webhook.generate_secret()
    return Connection({"url": url}, {"secret": secret}, shown_once=secret)


ROTATE = ConnectField(
    "rotate_secret", "New signing secret (the receiver must then verify with it)", "rotate",
    max_length=5, page_max_length=5, api_help="true to replace the signing secret",
    checkbox=True,
)  # fmt: skip
RECONNECT_URL = ConnectField(
    "url", "URL", "url", max_length=2000, page_max_length=1000,
    api_help="the URL to deliver to (blank: check the current one again)", required=True,
)  # fmt: skip


def reconnect(
    config: Config, secrets: Secrets | None, given: Mapping[str, str], factory: ClientFactory
) -> Connection:
    """Check the URL again (the one given, or the stored one) through the destination
    policy; keep the signing secret unless a new one is asked for (shown once)."""
    url = DESTINATION.allowed(given.get("url", "").strip() or str(config.get("url", "")))
    if _ticked(given.get("rotate_secret", "")):
        secret = webhook.generate_secret()
        return Connection({"url": url}, {"secret": secret}, shown_once=secret)
    if not secrets or not secrets.get("secret"):
        raise ValidationError(
            {
                "rotate_secret": "the stored signing secret cannot be read (the credentials "
                "key changed): tick “New signing secret” to make one."
            }
        )
    return Connection({"url": url}, {"secret": secrets["secret"]})


def _ticked(value: str) -> bool:
    """A tick box as the page sends it ("on") or the API ("true")."""
    return value.strip().lower() in {"on", "true", "1", "yes"}


def payload(delivery: Delivery, now: datetime | None = None) -> dict[str, Any]:
    """The body sent for ``delivery`` (see the module's docstring); ``now`` starts the
    media links' lifetime. PublishError (permanent) for a media placeholder."""
    post = delivery.post
    return {
        "type": "post.published",
        "post": {
            "id": post.pk,
            "text": post.text_for(NAME),
            "link": post.link,
            "tags": post.tags,
            "market": post.market.country,
            "language": post.market.language,
            "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
            "scheduled_local": (
                f"{post.scheduled_date} {post.scheduled_time:%H:%M} {post.scheduled_zone}"
                if post.scheduled_time
                else None
            ),
            "media": media_payload(post, now or timezone.now()),
        },
    }


def media_payload(post: Post, now: datetime) -> list[dict[str, Any]]:
    """Each of the post's files with a signed link that expires, in the post's order."""
    seconds = settings.WEBHOOK_MEDIA_URL_SECONDS
    # The token stores whole seconds; the time given is the one the link stops at.
    expires_at = datetime.fromtimestamp(int(now.timestamp()) + seconds, UTC)
    items = post.media.select_related("asset").order_by("id")
    return [_media_item(number, m, now, seconds, expires_at) for number, m in enumerate(items, 1)]


def _media_item(
    number: int, media: Media, now: datetime, seconds: int, expires_at: datetime
) -> dict[str, Any]:
    asset = media.asset
    if asset is None:
        raise PublishError(
            f"Media {number} (“{media.description}”) is a placeholder without a file: "
            "attach the file to the post, then publish it again.",
            permanent=True,
        )
    return {
        "kind": asset.kind,
        "url": storage.signed_url(asset, "file", seconds, now=now.timestamp()),
        "url_expires_at": expires_at.isoformat(),
        "mime": asset.mime,
        "bytes": asset.size,
        "width": asset.width,
        "height": asset.height,
        "duration": asset.duration,
        "alt_text": media.published_alt_text,
        "sha256": asset.sha256,
    }


def send(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published:
    return webhook.publish(
        config["url"],
        secrets["secret"],
        delivery.webhook_id,
        payload(delivery, now),
        client=client,
        now=now,
    )


def where(config: Mapping[str, Any]) -> str:
    return str(config.get("url", ""))


KIND = Kind(
    name=NAME,
    label="Webhook",
    named="webhook",
    connect_title="Connect a webhook",
    id_prefix="w",
    fields=(URL,),
    name_field=ConnectField(
        "name", "Name", "name", max_length=100, page_max_length=100, required=True
    ),
    destination=DESTINATION,
    public_config=("url",),
    connect=connect,
    send=send,
    # A webhook cannot be read back; resending with the same webhook-id is the Standard
    # Webhooks way: receivers drop an id they have seen.
    find=None,
    where=where,
    reconnect=Reconnection(
        (RECONNECT_URL, ROTATE),
        reconnect,
        "Check the URL again or give a new one; tick the box to make a new signing secret "
        "(shown once). The waiting posts are then sent, each with its webhook-id.",
    ),
    every_network=True,
    icon="code-bracket",
    blurb="Your own site or CMS receives every post, signed.",
    signing_secret=SigningSecret("secret", "Signing secret", ROTATE.name),
)
