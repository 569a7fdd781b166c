"""Where onshore may call out (from the settings), and the HTTP client every network call
uses: connecting a channel, sending and reading back all go through the one destination
policy of ``networks._outbound``."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from django.conf import settings

from onshore.networks import OutboundPolicy, outbound_client

ClientFactory = Callable[[], httpx.Client]


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
