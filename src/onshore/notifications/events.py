"""One function per event kind: what posts and publishing call (posts/notify_port.py).

Each builds the sentence people read, finds who hears of it (``audience``) and records
their notifications in the caller's transaction. Bulk actions call the same functions
once per post.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now

from onshore.notifications import mail
from onshore.notifications.audience import (
    Event,
    author,
    author_and_managers,
    members_of,
    record,
    reviewers,
)
from onshore.notifications.models import Kind, Notification
from onshore.posts.editing import mentioned_members
from onshore.posts.models import Post
from onshore.posts.notify_port import Doer
from onshore.workspaces.models import Membership

EXCERPT = 60  # characters of the post's text in a notification's sentence
BULK_EXCERPTS = 3  # posts named in the notification about many


def excerpt(post: Post) -> str:
    """The post's opening words on one line, in quotes: “Spring tea is here…”."""
    text = " ".join(post.text.split())
    return f"“{text[:EXCERPT].rstrip()}…”" if len(text) > EXCERPT else f"“{text}”"


def _event(post: Post, kind: str, summary: str, detail: str, by: Doer | None) -> Event:
    return Event(
        workspace_id=post.workspace_id,
        post_id=post.pk,
        kind=kind,
        summary=summary,
        detail=detail,
        by_user_id=by.user_id if by else None,
        at=now(),
    )


def post_submitted(post: Post, by: Doer) -> list[Notification]:
    summary = f"{by.name} submitted {excerpt(post)} for review"
    return record(_event(post, Kind.SUBMITTED, summary, "", by), reviewers(post.workspace_id))


def posts_submitted(posts: list[Post], by: Doer) -> list[Notification]:
    if len(posts) == 1:
        return post_submitted(posts[0], by)
    first = posts[0]
    openings = [excerpt(post) for post in posts[:BULK_EXCERPTS]]
    more = len(posts) - len(openings)
    event = Event(
        workspace_id=first.workspace_id,
        post_id=None,
        kind=Kind.SUBMITTED,
        summary=f"{by.name} submitted {len(posts):,} posts for review",
        detail=", ".join(openings) + (f" and {more:,} more" if more else ""),
        by_user_id=by.user_id,
        at=now(),
        link=reverse("review_queue", args=[first.workspace.slug]),
    )
    return record(event, reviewers(first.workspace_id))


def changes_requested(post: Post, by: Doer, note: str) -> list[Notification]:
    summary = f"{by.name} requested changes to {excerpt(post)}"
    told = record(
        _event(post, Kind.CHANGES_REQUESTED, summary, note, by),
        author(post.workspace_id, post.author_id),
    )
    return told + _mentions_in_note(post, by, note, skip=post.author_id)


def post_approved(post: Post, by: Doer, note: str) -> list[Notification]:
    summary = f"{by.name} approved {excerpt(post)}"
    told = record(
        _event(post, Kind.APPROVED, summary, note, by), author(post.workspace_id, post.author_id)
    )
    return told + _mentions_in_note(post, by, note, skip=post.author_id)


def _mentions_in_note(post: Post, by: Doer, note: str, skip: int | None) -> list[Notification]:
    """Members @mentioned in a review note, but not the author, who is told already."""
    named = [m for m in mentioned_members(post.workspace_id, note) if m.user_id != skip]
    return mentioned(post, by, named, note) if named else []


def mentioned(post: Post, by: Doer, members: list[Membership], text: str) -> list[Notification]:
    if not members:
        return []
    summary = f"{by.name} mentioned you on {excerpt(post)}"
    # Fetched again with their choices and workspace (mentioned_members loads users only).
    again = members_of(post.workspace_id, Q(pk__in=[m.pk for m in members]))
    return record(_event(post, Kind.MENTIONED, summary, text, by), again)


def post_published(post: Post, where: str) -> list[Notification]:
    summary = f"{excerpt(post)} was published on {where}"
    return record(
        _event(post, Kind.PUBLISHED, summary, "", None),
        author_and_managers(post.workspace_id, post.author_id),
    )


def post_failed(post: Post, where: str, message: str) -> list[Notification]:
    summary = f"{excerpt(post)} could not be published on {where}"
    return record(
        _event(post, Kind.FAILED, summary, f"The network said: {message}", None),
        author_and_managers(post.workspace_id, post.author_id),
    )


def send_due_emails(now: datetime, worker: str) -> int:
    return mail.send_due_emails(now, worker)
