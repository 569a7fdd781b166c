"""Publishing to social networks, without Django.

One sub-package per network (``mastodon``, ``webhook``, ``bluesky``), each exposing
``publish(...)`` and its own helpers; the outbox worker is the caller. Shared here:
the result type, the two failure types every network maps onto (so the worker
decides retry / fail / read-back from flags, never from HTTP details), and the one
destination policy every outbound call goes through (``outbound_client``).

Import a network as ``from onshore.networks import mastodon``.
"""

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._outbound import (
    MAX_RESPONSE_BYTES,
    DestinationRefused,
    OutboundPolicy,
    OutboundTransport,
    check_destination,
    check_url,
    outbound_client,
)
from onshore.networks._results import Published, http_url_or_none

__all__ = [
    "MAX_RESPONSE_BYTES",
    "DestinationRefused",
    "OutboundPolicy",
    "OutboundTransport",
    "PublishError",
    "Published",
    "UnknownOutcome",
    "check_destination",
    "check_url",
    "http_url_or_none",
    "outbound_client",
]
