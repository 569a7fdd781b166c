"""Publishing to social networks, without Django.

One sub-package per network (``mastodon``, ``webhook``, ``bluesky``), each exposing
``publish(...)`` and its own helpers; the outbox worker is the caller. Shared here:
the result type and the two failure types every network maps onto, so the worker
decides retry / fail / read-back from flags, never from HTTP details.

Import a network as ``from onshore.networks import mastodon``.
"""

from onshore.networks._errors import PublishError, UnknownOutcome
from onshore.networks._results import Published

__all__ = ["PublishError", "Published", "UnknownOutcome"]
