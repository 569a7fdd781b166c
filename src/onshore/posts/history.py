"""The conversation about each post, and how fast each side answered the other.

A post's comments and review actions in order, each marked as the author's or the
business's; a reply is the first message from the other side after a message (a run of
messages from one side is answered from its first). The ledger measures engagements
with it; the Team page (through ``workspaces.reply_history_port``) shows each
colleague's recent replies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypedDict

from django.db.models import QuerySet

from onshore.localtime import median_observed_wait
from onshore.posts.models import Comment, Post, PostEvent
from onshore.workspaces.models import Membership
from onshore.workspaces.reply_history_port import Replies

REVIEW_ACTIONS = ("approve", "request_changes")
# Actions that speak for one side in the conversation about a post.
AUTHOR_ACTIONS = ("submit",)
BUSINESS_ACTIONS = REVIEW_ACTIONS


class PostAuthor(TypedDict):
    """The part of a post row (``.values()``) a conversation needs."""

    id: int
    author_id: int


class ReviewAction(TypedDict):
    post_id: int
    action: str
    created_at: datetime
    market_fit_findings: int


class CommentAt(TypedDict):
    post_id: int
    author_id: int
    created_at: datetime


def observed_replies_of(members: Sequence[Membership], since: datetime) -> dict[int, Replies]:
    """On each member's posts with activity since ``since``: the median time the business
    took to answer them, and the median time they took to answer the business; by user
    id, for members of one workspace, in three queries whatever their number (Team →
    Hours lists every colleague)."""
    if not members:
        return {}
    found = Post.objects.filter(
        workspace_id=members[0].workspace_id,
        author_id__in=[member.user_id for member in members],
        updated_at__gte=since,
    )
    posts = list(found.values("id", "author_id"))
    events, comments = conversations(found.values("id"), since)
    author_of = {post["id"]: post["author_id"] for post in posts}
    by_author: dict[int, tuple[list[PostAuthor], list[ReviewAction], list[CommentAt]]] = {
        member.user_id: ([], [], []) for member in members
    }
    for post in posts:
        by_author[post["author_id"]][0].append(post)
    for event in events:
        by_author[author_of[event["post_id"]]][1].append(event)
    for comment in comments:
        by_author[author_of[comment["post_id"]]][2].append(comment)
    replies = {}
    for author, history in by_author.items():
        to_business, to_author = reply_pairs(*history)
        replies[author] = (median_observed_wait(to_business), median_observed_wait(to_author))
    return replies


def conversations(
    post_ids: Iterable[int] | QuerySet[Post, Any], since: datetime | None = None
) -> tuple[list[ReviewAction], list[CommentAt]]:
    """The posts' review actions (in order) and comments, from ``since`` when given."""
    events = PostEvent.objects.filter(
        post_id__in=post_ids, action__in=(*AUTHOR_ACTIONS, *BUSINESS_ACTIONS)
    )
    comments = Comment.objects.filter(post_id__in=post_ids)
    if since is not None:
        events = events.filter(created_at__gte=since)
        comments = comments.filter(created_at__gte=since)
    return (
        list(
            events.order_by("created_at", "id").values(
                "post_id", "action", "created_at", "market_fit_findings"
            )
        ),
        list(comments.values("post_id", "author_id", "created_at")),
    )


def reply_pairs(
    posts: Sequence[PostAuthor], events: Sequence[ReviewAction], comments: Sequence[CommentAt]
) -> tuple[list[tuple[datetime, datetime]], list[tuple[datetime, datetime]]]:
    """(author → business replies, business → author replies) over every post."""
    authors = {post["id"]: post["author_id"] for post in posts}
    timeline: dict[int, list[tuple[datetime, bool]]] = {post_id: [] for post_id in authors}
    for event in events:
        timeline[event["post_id"]].append((event["created_at"], event["action"] in AUTHOR_ACTIONS))
    for comment in comments:
        is_author = comment["author_id"] == authors[comment["post_id"]]
        timeline[comment["post_id"]].append((comment["created_at"], is_author))
    to_business: list[tuple[datetime, datetime]] = []
    to_author: list[tuple[datetime, datetime]] = []
    for messages in timeline.values():
        messages.sort(key=lambda message: message[0])
        waiting: tuple[datetime, bool] | None = None  # the first unanswered message
        for at, by_author in messages:
            if waiting is None:
                waiting = (at, by_author)
            elif waiting[1] != by_author:
                (to_business if waiting[1] else to_author).append((waiting[0], at))
                waiting = (at, by_author)
    return to_business, to_author
