"""From a Delivery to a network call: the channel's credentials and its kind's sender.

``send`` and ``find`` are what the worker passes to the outbox (``publish_claimed``); tests
pass the same functions with an HTTP client pointed at local servers. Which text, which
key and which call is each kind's (``publishing/kinds/``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from onshore.networks import Published, PublishError
from onshore.publishing import crypto
from onshore.publishing.kinds import KINDS, Kind
from onshore.publishing.kinds import bluesky as bluesky_kind
from onshore.publishing.models import Delivery
from onshore.publishing.outbound import ClientFactory, default_client

# The Bluesky record key of a delivery, under the name callers know it by.
bluesky_record_key = bluesky_kind.record_key


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


def _secrets(delivery: Delivery) -> dict[str, Any]:
    try:
        return crypto.decrypt(delivery.channel.secret_encrypted)
    except crypto.CredentialsUnreadable as exc:
        raise PublishError(str(exc), permanent=True, needs_reconnect=True) from None


def _kind(delivery: Delivery) -> Kind:
    kind = KINDS.get(delivery.channel.kind)
    if kind is None:
        raise PublishError(f"unknown channel kind {delivery.channel.kind!r}", permanent=True)
    return kind


def make_sender(
    client_factory: ClientFactory = default_client,
) -> Callable[[Delivery, datetime], Published]:
    shared = SharedClient(client_factory)

    def send(delivery: Delivery, now: datetime) -> Published:
        config, secrets = delivery.channel.config, _secrets(delivery)
        kind = _kind(delivery)
        kind.destination.check_stored(config)
        return kind.send(delivery, config, secrets, shared.get(), now)

    return send


def make_finder(
    client_factory: ClientFactory = default_client,
) -> Callable[[Delivery, datetime], Published | None]:
    """Read back after an unknown outcome; None means "not there: sending is safe"."""

    shared = SharedClient(client_factory)

    def find(delivery: Delivery, now: datetime) -> Published | None:
        config, secrets = delivery.channel.config, _secrets(delivery)
        kind = KINDS.get(delivery.channel.kind)
        if kind is None or kind.find is None:
            return None  # nothing to read back: the resend carries the same key
        kind.destination.check_stored(config)
        return kind.find(delivery, config, secrets, shared.get(), now)

    return find
