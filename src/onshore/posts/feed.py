"""A workspace's scheduled and published posts as an iCalendar (RFC 5545) feed.

Each post is one VEVENT whose DTSTART is the post's instant in its market's zone (a TZID
parameter with a matching VTIMEZONE), so calendar apps show 09:30 London as 09:30 London
in every season. The one exception is the second occurrence of a repeated wall time
(01:30 on the night the clocks go back), which RFC 5545 cannot express with a TZID: it is
written in UTC. UIDs are derived from the post's id, so an event keeps its identity
when the post is rescheduled or edited.

Every value goes through the icalendar library as a typed property (text as ``vText``,
which escapes line breaks, commas and semicolons, and folds long lines), so a name or
text holding line breaks cannot end a line and start one of its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse

from onshore import places
from onshore.links import absolute_url
from onshore.posts.models import Post, State
from onshore.workspaces.models import Workspace

FEED_STATES = (State.SCHEDULED, State.PUBLISHING, State.PUBLISHED)
PAST_WINDOW = timedelta(days=400)  # published posts older than this drop out of the feed
MAX_EVENTS = 5_000
ZONE_RULE_YEARS = 30  # VTIMEZONE rules cover this many years ahead; later posts are in UTC
EVENT_LENGTH = timedelta(minutes=15)  # a post is an instant; calendars draw a short block
SUMMARY_WORDS = 8


def feed_posts(workspace: Workspace, now: datetime) -> list[Post]:
    return list(
        workspace.posts.filter(
            state__in=FEED_STATES,
            scheduled_at__isnull=False,
            scheduled_at__gte=now - PAST_WINDOW,
        )
        .select_related("market")
        .order_by("scheduled_at", "id")[:MAX_EVENTS]
    )


def summary_of(text: str) -> str:
    """The first words of the text, on one line, with an ellipsis when cut."""
    words = text.split()
    summary = " ".join(words[:SUMMARY_WORDS])
    if len(summary) > 80:
        summary = summary[:79].rstrip()
        return summary + "…"
    return summary + ("…" if len(words) > SUMMARY_WORDS else "")


def uid_of(post: Post) -> str:
    return f"post-{post.pk}.workspace-{post.workspace_id}@onshore"


def event_for(post: Post, stamp: datetime) -> icalendar.Event:
    zone = post.scheduled_zone or post.market.timezone
    assert post.scheduled_at is not None  # feed_posts selects scheduled posts only
    start = post.scheduled_at.astimezone(ZoneInfo(zone))
    if start.fold or start.year > zone_rules_until(stamp):
        # RFC 5545 3.3.5: a repeated local time with a TZID means its *first* occurrence,
        # so the second one can only be written in UTC. So is a post beyond the years the
        # VTIMEZONE rules cover (a post in 9999 would need 8,000 years of them).
        start = post.scheduled_at.astimezone(UTC)
    event = icalendar.Event()
    event.add("uid", uid_of(post))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", EVENT_LENGTH)
    event.add("summary", feed_text(summary_of(post.text)))
    event.add("description", feed_text(description_of(post)))
    event.add("last-modified", post.updated_at)
    event.add("status", "CONFIRMED" if post.state == State.PUBLISHED else "TENTATIVE")
    event.add("categories", [post.market.country, State(post.state).label])
    event.add("url", absolute_url(_post_path(post)))
    return event


def feed_text(value: str) -> icalendar.vText:
    """A TEXT value (RFC 5545 3.3.11), which knows one line break, escaped as ``\\n``.

    CR LF and a bare CR become LF first: some icalendar versions leave a bare CR
    unescaped, and a calendar app reads it as the end of the line.
    """
    return icalendar.vText(value.replace("\r\n", "\n").replace("\r", "\n"))


def description_of(post: Post) -> str:
    market = post.market
    lines = [
        f"Market: {places.country_name(market.country)} ({market.country}, {market.language})",
        f"State: {State(post.state).label}",
    ]
    if post.networks:
        lines.append(f"Networks: {', '.join(post.networks)}")
    if post.scheduled_date and post.scheduled_time:
        lines.append(
            f"Market time: {post.scheduled_date:%Y-%m-%d} {post.scheduled_time:%H:%M} "
            f"{post.scheduled_zone}"
        )
    return "\n".join([*lines, "", post.text])


def _post_path(post: Post) -> str:
    return reverse("post_detail", args=[post.workspace.slug, post.pk])


def calendar_for(workspace: Workspace, now: datetime) -> bytes:
    """The feed's bytes: one VEVENT per post, one VTIMEZONE per zone used."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//onshore//calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is added raw unless typed: the name must be escaped like any text.
    calendar.add("x-wr-calname", feed_text(f"{workspace.name} · onshore"))
    posts = feed_posts(workspace, now)
    for post in posts:
        post.workspace = workspace  # for the URL, without a query per post
        calendar.add_component(event_for(post, now))
    if posts:
        # VTIMEZONE rules for the years the events fall in, not the whole of tzdata.
        first, last = posts[0].scheduled_at, posts[-1].scheduled_at
        assert first is not None and last is not None
        last_year = min(last.year + 1, zone_rules_until(now))  # a year's margin for zones
        calendar.add_missing_timezones(
            first_date=first.date().replace(month=1, day=1),
            last_date=date(last_year + 1, 1, 1),
        )
    return cast(bytes, calendar.to_ical())  # icalendar's to_ical is untyped


def zone_rules_until(now: datetime) -> int:
    """The last year the feed's VTIMEZONE rules cover (below 9999, where dates end)."""
    return min(now.year + ZONE_RULE_YEARS, date.max.year - 2)
