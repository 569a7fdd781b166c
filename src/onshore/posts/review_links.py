"""Client approval without an account: what a review link lets its holder do.

A manager makes a link (``ReviewLink.issue``) for one post or a batch; whoever holds it
sees those posts as they will be published and approves or requests changes on the ones
in review. Decisions go through ``workflow.perform`` as a ``LinkReviewer``, so the
transition table decides what is allowed, and the history names the person the link was
made for. The pages are rate limited by the link and by the client's address.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.core.mail import send_mail
from django.db.models import F

from onshore.accounts.models import User
from onshore.posts import workflow
from onshore.posts.models import Post, PostEvent, ReviewLink
from onshore.posts.ratelimit import Limited, count_request, window_key

# Requests a minute to the review-link pages: from one address (any link, known or
# not, which also slows guessing), and for one link (however many people share it).
PER_ADDRESS_PER_MINUTE = 30
PER_LINK_PER_MINUTE = 60

# What the page offers; the transition table still decides each one.
LINK_ACTIONS = ("approve", "request_changes")


class NotOnThisLink(LookupError):
    """The post is not one of the link's posts (the page answers 404)."""


def limit_address(address: str, at: datetime) -> Limited | None:
    return count_request(window_key("review-address", address), PER_ADDRESS_PER_MINUTE, at)


def limit_link(link: ReviewLink, at: datetime) -> Limited | None:
    return count_request(window_key("review-link", str(link.pk)), PER_LINK_PER_MINUTE, at)


def posts_of(link: ReviewLink) -> list[Post]:
    """The link's posts, soonest scheduled first, then those with no time yet, in the
    order they were written (NULLs last on SQLite and PostgreSQL alike)."""
    return list(
        link.posts.select_related("market", "workspace")
        .prefetch_related("variants", "media__asset", "market__channels")
        .order_by(F("scheduled_at").asc(nulls_last=True), "created_at", "id")
    )


def decide(link: ReviewLink, post_id: int, action: str, note: str) -> Post:
    """Approve or request changes on one of the link's posts as the link's person.
    NotOnThisLink for another post; TransitionError when the post's state (or a missing
    comment) does not allow it."""
    post = link.posts.filter(pk=post_id).first()
    if post is None:
        raise NotOnThisLink(post_id)
    if action not in LINK_ACTIONS:
        raise workflow.TransitionError("action: choose Approve or Request changes.")
    return workflow.perform(post, workflow.LinkReviewer(link), action, note=note)


def decisions_by(link: ReviewLink) -> dict[int, list[PostEvent]]:
    """What the link's person decided, per post id, oldest first."""
    found: dict[int, list[PostEvent]] = defaultdict(list)
    for event in PostEvent.objects.filter(review_link=link).order_by("created_at", "id"):
        found[event.post_id].append(event)
    return dict(found)


def send_link(link: ReviewLink, url: str, sender: User) -> None:
    """E-mail the link to the person it was made for."""
    count = link.posts.count()
    what = "a post" if count == 1 else f"{count} posts"
    send_mail(
        subject=f"{sender.display_name} asks you to review {what} for {link.workspace.name}",
        message=(
            f"Hello {link.name},\n\n{sender.display_name} asks you to look at {what} for "
            f"{link.workspace.name} before they are published, and to approve them or say "
            f"what should change.\n\nOpen this link (no account needed); it works until "
            f"{link.expires_at:%-d %B %Y %H:%M} UTC:\n{url}\n"
        ),
        from_email=None,
        recipient_list=[link.email],
    )
