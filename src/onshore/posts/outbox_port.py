"""What the review workflow asks of the publishing outbox, declared on this floor.

Scheduling a post writes its deliveries in the same transaction, unscheduling or editing
it cancels or moves them; but publishing builds on posts, so posts cannot import it.
``Outbox`` says what posts calls; ``onshore.publishing.outbox`` provides it, plugged in
by ``PublishingConfig.ready()`` (see onshore.ports).
"""

from __future__ import annotations

from typing import Protocol

from onshore.ports import Port
from onshore.posts.models import Post


class DeliveriesInFlight(Exception):
    """A post cannot be unscheduled while one of its deliveries is being sent."""


class Outbox(Protocol):
    def create_deliveries(self, post: Post) -> object:
        """One waiting delivery per channel the scheduled post goes to."""

    def cancel_deliveries(self, post: Post) -> int:
        """Cancel what has not been sent; DeliveriesInFlight while one is being sent."""

    def reschedule_deliveries(self, post: Post) -> int:
        """Move the waiting deliveries to the post's new time."""


outbox: Port[Outbox] = Port("The publishing outbox", provider="onshore.publishing")
