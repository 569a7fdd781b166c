"""What the post pages ask of publishing: why each delivery waits, and what needs
attention before a post can be published. Declared on this floor, provided by
``onshore.publishing.waiting`` (plugged in by ``PublishingConfig.ready()``, see
onshore.ports), like ``outbox_port``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.db.models import QuerySet

from onshore.ports import Port
from onshore.posts.models import Post

# The badges of the calendar and the Posts list, in the order they win.
NEEDS_RECONNECT = "waiting: channel needs reconnecting"
RETRYING = "waiting: retrying after an error"
NO_CHANNEL = "waiting: no channel connected"


@dataclass(frozen=True)
class DeliveryLine:
    """One channel a post goes to, for the post page's Publishing card."""

    channel: str  # "Webhook: CMS"
    state: str  # the delivery's state: pending, in_flight, published, failed
    state_label: str  # "Waiting", "Published", …
    reason: str  # why it waits (or what happened), with dates in market and viewer time
    needs_reconnect: bool = False  # a link to the Channels page, for those who manage them
    remote_url: str = ""  # where it was published


class Publishing(Protocol):
    def delivery_lines(self, post: Post, viewer_zone: str, now: datetime) -> list[DeliveryLine]:
        """The post's deliveries (cancelled ones left out), each with why it waits."""

    def waiting_badges(self, posts: QuerySet[Post]) -> dict[int, str]:
        """For the scheduled or publishing posts among ``posts``, those that wait on
        something a person must fix: post id → badge (one query, whatever the count)."""

    def attention(self, post: Post, viewer_zone: str) -> list[str]:
        """What stops a post with a time from being published: no channel for its
        market, or a channel that needs reconnecting. [] when nothing does."""


publishing: Port[Publishing] = Port("Why deliveries wait", provider="onshore.publishing")
