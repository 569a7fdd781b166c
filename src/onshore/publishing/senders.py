"""From a Delivery to a network call: which text, which key, which credentials.

``send`` and ``find`` are what the worker passes to the outbox (``publish_claimed``); tests
pass the same functions with an HTTP client pointed at local servers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from django.conf import settings

from onshore.networks import (
    OutboundPolicy,
    Published,
    PublishError,
    bluesky,
    check_destination,
    mastodon,
    outbound_client,
    webhook,
)
from onshore.publishing import crypto
from onshore.publishing.models import Delivery

ClientFactory = Callable[[], httpx.Client]


class SharedClient:
    """One HTTP client per worker, made on first use: building a client loads the CA
    certificates (tens of milliseconds), and reusing it keeps connections pooled."""

    def __init__(self, factory: ClientFactory) -> None:
        self.factory = factory
        self.client: httpx.Client | None = None

    def get(self) -> httpx.Client:
        if self.client is None:
            self.client = self.factory()
        return self.client


def outbound_policy() -> OutboundPolicy:
    """Where onshore may call, from the settings (ONSHORE_OUTBOUND_ALLOW_LOOPBACK and
    ONSHORE_OUTBOUND_ALLOW_PRIVATE)."""
    return OutboundPolicy(
        allow_loopback=settings.OUTBOUND_ALLOW_LOOPBACK,
        allow_private=settings.OUTBOUND_ALLOW_PRIVATE,
    )


def default_client(timeout: float | None = None) -> httpx.Client:
    """The client every network call uses: through the destination policy, so nothing
    calls out without it (see ``networks._outbound``)."""
    return outbound_client(
        outbound_policy(), timeout=timeout or float(settings.NETWORK_TIMEOUT_SECONDS)
    )


# Each kind's address: the config field a person fills in, how messages name it, and
# the full URL it means ("mastodon.social" is https://mastodon.social).
DESTINATIONS: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "webhook": ("url", "The webhook URL", str.strip),
    "mastodon": ("instance_url", "The Mastodon instance address", mastodon.instance_base),
    "bluesky": ("pds_url", "The Bluesky server address", bluesky.service_base),
}


def destination_url(kind: str, config: dict[str, Any]) -> str:
    field, _, full_url = DESTINATIONS[kind]
    return full_url(str(config.get(field) or ""))


def check_channel_destination(kind: str, config: dict[str, Any]) -> None:
    """Refuse a stored address the policy does not allow, before anything is sent (the
    client's transport checks again, on the address it connects to)."""
    if kind in DESTINATIONS:
        what = DESTINATIONS[kind][1]
        check_destination(destination_url(kind, config), outbound_policy(), what=what)


def webhook_payload(delivery: Delivery) -> dict[str, Any]:
    post = delivery.post
    return {
        "type": "post.published",
        "post": {
            "id": post.pk,
            "text": post.text_for("webhook"),
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


def _refuse_over_instance_limit(text: str, config: dict[str, Any]) -> None:
    """Refuse before sending what the instance would refuse (its own limit, read at connect)."""
    from onshore import marketfit

    limit = int(config.get("max_characters") or mastodon.DEFAULT_MAX_CHARACTERS)
    used, limit = marketfit.count_length(text, "mastodon", limit=limit)
    if used > limit:
        raise PublishError(
            f"The post is {used} characters as this instance counts them; its limit is {limit}.",
            permanent=True,
        )


def _secrets(delivery: Delivery) -> dict[str, Any]:
    try:
        return crypto.decrypt(delivery.channel.secret_encrypted)
    except crypto.CredentialsUnreadable as exc:
        raise PublishError(str(exc), permanent=True, needs_reconnect=True) from None


def make_sender(
    client_factory: ClientFactory = default_client,
) -> Callable[[Delivery, datetime], Published]:
    shared = SharedClient(client_factory)

    def send(delivery: Delivery, now: datetime) -> Published:
        channel, post = delivery.channel, delivery.post
        config, secrets = channel.config, _secrets(delivery)
        check_channel_destination(channel.kind, config)
        client = shared.get()
        if channel.kind == "webhook":
            return webhook.publish(
                config["url"],
                secrets["secret"],
                delivery.webhook_id,
                webhook_payload(delivery),
                client=client,
                now=now,
            )
        if channel.kind == "mastodon":
            _refuse_over_instance_limit(post.text_for("mastodon"), config)
            return mastodon.publish(
                config["instance_url"],
                secrets["access_token"],
                str(delivery.key),
                post.text_for("mastodon"),
                language=post.market.language,
                client=client,
                now=now,
            )
        if channel.kind == "bluesky":
            return _bluesky_send(delivery, config, secrets, client, now)
        raise PublishError(f"unknown channel kind {channel.kind!r}", permanent=True)

    return send


def make_finder(
    client_factory: ClientFactory = default_client,
) -> Callable[[Delivery, datetime], Published | None]:
    """Read back after an unknown outcome; None means "not there: sending is safe"."""

    shared = SharedClient(client_factory)

    def find(delivery: Delivery, now: datetime) -> Published | None:
        channel, post = delivery.channel, delivery.post
        config, secrets = channel.config, _secrets(delivery)
        if channel.kind in ("mastodon", "bluesky"):
            check_channel_destination(channel.kind, config)
        client = shared.get()
        if channel.kind == "mastodon":
            return mastodon.find_published(
                config["instance_url"],
                secrets["access_token"],
                post.text_for("mastodon"),
                not_before=delivery.first_attempt_at or now,
                client=client,
                account_id=config.get("account_id"),
            )
        if channel.kind == "bluesky":
            return _bluesky_find(delivery, config, secrets, client, now)
        # A webhook cannot be read back; resending with the same webhook-id is the
        # Standard Webhooks way: receivers drop an id they have seen.
        return None

    return find


# One per worker process: Bluesky limits log-ins, so sessions are reused and refreshed.
BLUESKY_SESSIONS = bluesky.Sessions()


def bluesky_record_key(delivery: Delivery) -> str:
    # From the delivery's key and creation time: the same on every attempt, so a retry
    # writes to the same record (and collides) instead of creating a second post.
    return bluesky.record_key(str(delivery.key), delivery.created_at)


def _bluesky_send(
    delivery: Delivery,
    config: dict[str, Any],
    secrets: dict[str, Any],
    client: httpx.Client,
    now: datetime,
) -> Published:
    post = delivery.post
    return bluesky.publish(
        config["pds_url"],
        config["handle"],
        secrets["app_password"],
        bluesky_record_key(delivery),
        post.text_for("bluesky"),
        langs=bluesky.bluesky_langs(post.market.language),
        client=client,
        now=now,
        sessions=BLUESKY_SESSIONS,
    )


def _bluesky_find(
    delivery: Delivery,
    config: dict[str, Any],
    secrets: dict[str, Any],
    client: httpx.Client,
    now: datetime,
) -> Published | None:
    return bluesky.find_published(
        config["pds_url"],
        config["handle"],
        bluesky_record_key(delivery),
        delivery.post.text_for("bluesky"),
        client=client,
        now=now,
    )
