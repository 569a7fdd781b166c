"""What saving an edit will undo, asked before the editor's form is sent.

Changing what an approved or scheduled post publishes sends it back to review
(``editing.update_post``), and a scheduled one loses its place in the queue: the editor
says so in the words of ``data-confirm`` (static/onshore/page.js), naming the channels
and the time it will no longer be published at. Drafts and posts in review ask nothing.
"""

from __future__ import annotations

from onshore.localtime import describe_in_zones
from onshore.posts.models import Post, State


def save_warning(post: Post, viewer_zone: str) -> str:
    """The question to ask before saving an edit of ``post``; "" when there is none."""
    if post.state == State.APPROVED:
        return (
            "This post is approved. Saving a change sends it back to review: "
            "it must be approved again before it can be scheduled."
        )
    if post.state != State.SCHEDULED:
        return ""
    channels = _waiting_channels(post)
    on = f" on {_and_list(channels)}" if channels else ""
    at = ""
    if post.scheduled_at is not None:
        at = f" at {describe_in_zones(post.scheduled_at, post.market.timezone, viewer_zone)}"
    return (
        f"This post is scheduled. Saving a change sends it back to review and cancels its "
        f"publishing{on}{at}. It must be approved and scheduled again."
    )


def _waiting_channels(post: Post) -> list[str]:
    # "pending": the outbox's waiting deliveries, the ones update_post cancels.
    deliveries = post.deliveries.filter(state="pending").select_related("channel")
    return sorted({str(delivery.channel) for delivery in deliveries})


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
