"""What the review workflow measured for an engagement in a period.

A post counts for an engagement when the engagement's member wrote it and it was
published (its last delivery) inside both the period and the engagement's dates, on the
workspace's clock. From those posts and their history:

* revision rounds per post — the rounds counted by the workflow (each return from
  "changes requested" to review);
* comments per post, and reviews (approvals and change requests);
* median turnaround — first submit to approval;
* reply times — how fast each side answered the other in the conversation about a post
  (``onshore.posts.history``, which the Team page reads too). The business answering
  the author is the reviewer's response time; the author answering the business, the
  contributor's;
* market-fit share — posts sent back at least once while the checker still had
  market-fit findings open.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import cast

from django.db.models import Max, Sum

from onshore import places
from onshore.costs import EngagementFigures
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.localtime import median_observed_wait
from onshore.posts.history import REVIEW_ACTIONS, PostAuthor, conversations, reply_pairs
from onshore.posts.models import Post, State
from onshore.workspaces.models import Workspace

_HOUR = Decimal(3600)


class PublishedPost(PostAuthor):
    """A published post's row as measure() reads it (``.values()``)."""

    rework_rounds: int
    first_submitted_at: datetime | None
    approved_at: datetime | None


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


def period_bounds(workspace: Workspace, start: date, end: date) -> tuple[datetime, datetime]:
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
    # The annotation makes the plugin type the rows dict[str, Any]: say what they hold.
    posts = cast(
        list[PublishedPost],
        list(
            Post.objects.filter(
                workspace_id=engagement.workspace_id,
                author_id=engagement.member.user_id,
                state=State.PUBLISHED,
            )
            .annotate(published=Max("deliveries__published_at"))
            .filter(published__gte=low, published__lt=high)
            .values("id", "author_id", "rework_rounds", "first_submitted_at", "approved_at")
        ),
    )
    ids = tuple(post["id"] for post in posts)
    events, comments = conversations(ids)
    to_business, to_author = reply_pairs(posts, events, comments)
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


def _nothing(engagement: Engagement, first: date, last: date) -> Measured:
    hours = _hours_logged(engagement, first, last) if last >= first else Decimal(0)
    return Measured((), hours, 0, 0, 0, 0, None, None, None)


def _hours_logged(engagement: Engagement, first: date, last: date) -> Decimal:
    logged = TimeEntry.objects.filter(
        engagement=engagement, date__gte=first, date__lte=last
    ).aggregate(total=Sum("hours"))["total"]
    # SQLite sums decimals as floats: back to the hundredths the entries were logged in.
    return Decimal(str(logged or 0)).quantize(Decimal("0.01"))


def _median(spans: list[timedelta]) -> timedelta | None:
    # statistics.median is typed for numbers; timedeltas add and halve as well.
    return statistics.median(spans) if spans else None  # type: ignore[type-var]


def hours(span: timedelta | None) -> Decimal | None:
    if span is None:
        return None
    return (Decimal(int(span.total_seconds())) / _HOUR).quantize(Decimal("0.1"))


def figures_for(
    engagement: Engagement, measured: Measured, settings: CostSettings, workspace_currency: str
) -> EngagementFigures:
    """The Django-free inputs for :func:`onshore.costs.engagement_cost`."""
    posts = measured.posts

    def per_post(count: int) -> Decimal:
        return Decimal(count) / posts if posts else Decimal(0)

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
