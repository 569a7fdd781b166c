"""Webhook URLs go through the one outbound destination policy (``networks._outbound``).

Kept as the webhook's own entry point, with its keyword arguments, so that callers and
receivers' tests read as before; the rules themselves live in one place.
"""

from __future__ import annotations

import socket

from onshore.networks._outbound import (
    DestinationRefused,
    OutboundPolicy,
    Resolver,
)
from onshore.networks._outbound import (
    check_destination as check_outbound,
)

__all__ = ["DestinationRefused", "check_destination"]


def check_destination(
    url: str,
    *,
    allow_loopback: bool,
    allow_private: bool,
    resolver: Resolver = socket.getaddrinfo,
) -> tuple[str, ...]:
    """Return the addresses ``url`` resolves to, or raise ``DestinationRefused``."""
    policy = OutboundPolicy(
        allow_loopback=allow_loopback, allow_private=allow_private, resolver=resolver
    )
    return check_outbound(url, policy, what="The webhook URL")
