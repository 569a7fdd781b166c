"""What the review workflow measured for an engagement in a period.

A post counts for an engagement when the engagement's member wrote it and it was
published (its last delivery) inside both the period and the engagement's dates, on the
workspace's clock. From those posts and their history:

* revision rounds per post — the rounds counted by the workflow (each return from
  "changes requested" to review);
* comments per post, and reviews (approvals and change requests);
* median turnaround — first submit to approval;
* reply times — the post's comments and review actions in order, each marked as the
  author's or the business's; a reply is the first message from the other side after a
  message (a run of messages from one side is answered from its first). The business
  answering the author is the reviewer's response time; the author answering the
  business, the contributor's;
* market-fit share — posts sent back at least once while the checker still had
  market-fit findings open.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Max, Sum

from onshore import places
from onshore.costs import EngagementFigures
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.localtime import median_observed_wait
from onshore.posts.models import Comment, Post, PostEvent, State

REVIEW_ACTIONS = ("approve", "request_changes")
# Actions that speak for one side in the conversation about a post.
AUTHOR_ACTIONS = ("submit",)
BUSINESS_ACTIONS = REVIEW_ACTIONS

_HOUR = Decimal(3600)


@dataclass(frozen=True)
class Measured:
    """The raw counts behind an engagement's figures, kept for the page and the CSV."""

    post_ids: tuple[int, ...]
    hours_logged: Decimal
    rounds: int
    comments: int
    reviews: int
    market_fit_posts: int
    turnaround: timedelta | None
    reviewer_response: timedelta | None
    contributor_response: timedelta | None

    @property
    def posts(self) -> int:
        return len(self.post_ids)


def period_bounds(workspace: Any, start: date, end: date) -> tuple[datetime, datetime]:
    """The inclusive days [start, end] as instants on the workspace's clock."""
    zone = places.zoneinfo(workspace.home_timezone)
    return (
        datetime.combine(start, time(), tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=zone),
    )


def measure(engagement: Engagement, start: date, end: date) -> Measured:
    """Count what the workflow recorded for ``engagement`` between ``start`` and ``end``."""
    first = max(start, engagement.start)
    last = end if engagement.end is None else min(end, engagement.end)
    if last < first or engagement.member is None:
        return _nothing(engagement, first, last)
    low, high = period_bounds(engagement.workspace, first, last)
    posts = list(
        Post.objects.filter(
            workspace_id=engagement.workspace_id,
            author_id=engagement.member.user_id,
            state=State.PUBLISHED,
        )
        .annotate(published=Max("deliveries__published_at"))
        .filter(published__gte=low, published__lt=high)
        .values("id", "author_id", "rework_rounds", "first_submitted_at", "approved_at")
    )
    ids = tuple(post["id"] for post in posts)
    events, comments = _history(ids)
    to_business, to_author = _reply_pairs(posts, events, comments)
    return Measured(
        post_ids=ids,
        hours_logged=_hours_logged(engagement, first, last),
        rounds=sum(post["rework_rounds"] for post in posts),
        comments=len(comments),
        reviews=sum(1 for event in events if event["action"] in REVIEW_ACTIONS),
        market_fit_posts=len(
            {
                event["post_id"]
                for event in events
                if event["action"] == "request_changes" and event["market_fit_findings"]
            }
        ),
        turnaround=_median(
            [
                post["approved_at"] - post["first_submitted_at"]
                for post in posts
                if post["approved_at"] and post["first_submitted_at"]
            ]
        ),
        reviewer_response=median_observed_wait(to_business),
        contributor_response=median_observed_wait(to_author),
    )


Replies = tuple[timedelta | None, timedelta | None]


def observed_replies(member: Any, since: datetime) -> Replies:
    """On ``member``'s posts with activity since ``since``: the median time the business
    took to answer them, and the median time they took to answer the business."""
    return observed_replies_of([member], since)[member.user_id]


def observed_replies_of(members: list[Any], since: datetime) -> dict[int, Replies]:
    """:func:`observed_replies` for members of one workspace, by user id, in three queries
    whatever their number (Team → Hours lists every colleague)."""
    if not members:
        return {}
    found = Post.objects.filter(
        workspace_id=members[0].workspace_id,
        author_id__in=[member.user_id for member in members],
        updated_at__gte=since,
    )
    posts = list(found.values("id", "author_id"))
    events, comments = _history(found.values("id"), since)
    author_of = {post["id"]: post["author_id"] for post in posts}
    by_author: dict[int, tuple[list[Any], list[Any], list[Any]]] = {
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
        to_business, to_author = _reply_pairs(*history)
        replies[author] = (median_observed_wait(to_business), median_observed_wait(to_author))
    return replies


def _history(
    post_ids: Any, since: datetime | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
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


def _nothing(engagement: Engagement, first: date, last: date) -> Measured:
    hours = _hours_logged(engagement, first, last) if last >= first else Decimal(0)
    return Measured((), hours, 0, 0, 0, 0, None, None, None)


def _hours_logged(engagement: Engagement, first: date, last: date) -> Decimal:
    logged = TimeEntry.objects.filter(
        engagement=engagement, date__gte=first, date__lte=last
    ).aggregate(total=Sum("hours"))["total"]
    # SQLite sums decimals as floats: back to the hundredths the entries were logged in.
    return Decimal(str(logged or 0)).quantize(Decimal("0.01"))


def _reply_pairs(
    posts: list[dict[str, Any]], events: list[dict[str, Any]], comments: list[dict[str, Any]]
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


def _median(spans: list[timedelta]) -> timedelta | None:
    return statistics.median(spans) if spans else None


def hours(span: timedelta | None) -> Decimal | None:
    if span is None:
        return None
    return (Decimal(int(span.total_seconds())) / _HOUR).quantize(Decimal("0.1"))


def figures_for(
    engagement: Engagement, measured: Measured, settings: CostSettings, workspace_currency: str
) -> EngagementFigures:
    """The Django-free inputs for :func:`onshore.costs.engagement_cost`."""
    posts = measured.posts
    per_post = (lambda count: Decimal(count) / posts) if posts else (lambda count: Decimal(0))
    return EngagementFigures(
        name=engagement.name,
        sourcing=engagement.sourcing,
        pricing=engagement.pricing,  # type: ignore[arg-type]
        amount=engagement.amount,
        currency=engagement.currency,
        start=engagement.start,
        end=engagement.end,
        reviewer_hourly_value=settings.reviewer_hourly_value,
        reviewer_currency=workspace_currency,
        hours_logged=measured.hours_logged,
        posts_published=posts,
        revision_rounds_per_post=per_post(measured.rounds),
        comments_per_post=per_post(measured.comments),
        reviews=measured.reviews,
        minutes_per_review=settings.minutes_per_review,
        minutes_per_comment=settings.minutes_per_comment,
        contributor_hours_per_round=settings.contributor_hours_per_round,
        market_fit_change_share=((Decimal(measured.market_fit_posts) / posts) if posts else None),
        median_turnaround_hours=hours(measured.turnaround),
        median_reviewer_response_hours=hours(measured.reviewer_response),
        median_contributor_response_hours=hours(measured.contributor_response),
    )
