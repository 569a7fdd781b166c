"""The HTTP client every network call uses: connecting a channel, sending and reading
back all go through the one destination policy of ``networks._outbound``, with the
settings read by ``onshore.outbound_settings``."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from django.conf import settings

from onshore.networks import outbound_client
from onshore.outbound_settings import outbound_policy

ClientFactory = Callable[[], httpx.Client]


def default_client(timeout: float | None = None) -> httpx.Client:
    """The client every network call uses: through the destination policy, so nothing
    calls out without it (see ``networks._outbound``)."""
    return outbound_client(
        outbound_policy(), timeout=timeout or float(settings.NETWORK_TIMEOUT_SECONDS)
    )
