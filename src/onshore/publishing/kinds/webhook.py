"""Webhooks: a URL that receives every post, signed the Standard Webhooks way with a
secret onshore makes (shown once); the stable webhook-id lets a receiver drop a repeat."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx
from django.core.exceptions import ValidationError

from onshore.networks import Published, webhook
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


def payload(delivery: Delivery) -> dict[str, Any]:
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
        },
    }


def send(
    delivery: Delivery, config: Config, secrets: Secrets, client: httpx.Client, now: datetime
) -> Published:
    return webhook.publish(
        config["url"],
        secrets["secret"],
        delivery.webhook_id,
        payload(delivery),
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
