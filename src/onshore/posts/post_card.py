"""Duplicate a post, move it to another market, or delete it: the post page's "This
post" card, and the bulk actions of Posts and Review (posts/bulk.py), use these.

Each goes through the same rules as an edit: who may change whose post is
``editing.require_may_change``; a move changes what will be published, so it goes
through ``editing.update_post`` (a revision; an approved or scheduled post back to
review, its waiting deliveries cancelled); deleting goes through ``editing.delete_post``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import now

from onshore.localtime import describe_in_zones
from onshore.posts import editing, market_change, workflow
from onshore.posts.models import Post, State
from onshore.workspaces.models import Market, Membership
from onshore.workspaces.roles import Capability


def duplicate_post(post: Post, member: Membership) -> Post:
    """A new draft by ``member`` in the same market with the post's texts (main and per
    network), link, tags, networks and media; not its time, comments or history."""
    if not member.can(Capability.DRAFT_POSTS):
        raise workflow.TransitionForbidden(f"Your role ({member.role}) cannot draft posts.")
    copy = editing.PostChanges(
        text=post.text,
        market=post.market,
        link=post.link,
        tags=list(post.tags),
        networks=list(post.networks),
        variants={variant.network: variant.text for variant in post.variants.all()},
        media=editing.media_items(post),
    )
    return editing.create_post(member, copy)


@dataclass(frozen=True)
class Moved:
    post: Post
    back_to_review: bool  # it was approved or scheduled
    schedule: str  # what became of its time, for people; "" when it had none


@transaction.atomic
def move_to_market(
    post: Post, member: Membership, market: Market, current: datetime | None = None
) -> Moved:
    """Put the post in another market of its workspace.

    The market decides spelling, holidays and the zone of the post's time, so a move is
    an edit of what will be published (``editing.update_post``): reviewed again if it
    was approved or scheduled, its time kept as a wall time in the new zone or cleared
    (market_change.py).
    """
    if market.workspace_id != post.workspace_id:
        raise ValidationError({"market": "choose one of this workspace's markets"})
    if market.pk == post.market_id:
        raise ValidationError({"market": f"the post is already in {market.label}; choose another"})
    was, day, clock = post.state, post.scheduled_date, post.scheduled_time
    editing.update_post(post, member, editing.PostChanges(market=market))
    schedule = ""
    if post.scheduled_at is not None:
        zone = member.timezone or post.workspace.home_timezone
        when = describe_in_zones(post.scheduled_at, market.timezone, zone)
        schedule = f"Its time is now {when}."
    elif day is not None and clock is not None:
        schedule = market_change.why_cleared(day, clock, market, current or now())
    return Moved(post, was in workflow.REVIEW_AGAIN_AFTER_EDIT, schedule)


def describe_move(moved: Moved) -> str:
    """'Moved to United States (en-US). Back to review: … Its time is now …'"""
    parts = [f"Moved to {moved.post.market.label}."]
    if moved.back_to_review:
        parts.append("Back to review: the market is part of what will be published.")
    if moved.schedule:
        parts.append(moved.schedule)
    return " ".join(parts)


def refuse_delete_reason(post: Post) -> str:
    """Why this post cannot be deleted, or "" (the card shows it instead of the button)."""
    if post.state == State.PUBLISHING:
        return "It is being published now; wait for the result."
    if post.state == State.PUBLISHED:
        return "It has been published; it stays in the history (remove it on the network)."
    return ""


def card_context(member: Membership, post: Post) -> dict[str, Any]:
    """What the "This post" card (posts/_post_card.html) shows this member."""
    may_change = member.can_change_post(post)
    return {
        "card_can_duplicate": member.can(Capability.DRAFT_POSTS),
        "card_can_change": may_change and post.is_editable,
        "card_other_markets": member.workspace.markets.exclude(pk=post.market_id),
        "card_delete_refused": refuse_delete_reason(post) if may_change else "",
        "card_pending_deliveries": (
            post.deliveries.filter(state="pending").count() if post.state == State.SCHEDULED else 0
        ),
    }
