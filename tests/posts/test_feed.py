"""The iCalendar feed: secret revocable URL, events in the market's zone, parsed back."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from onshore.posts import editing, workflow
from onshore.posts.models import CalendarFeedToken, Post, State

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]


def scheduled(team: Any, market: Any, text: str, day: date, clock: time, fold: int = 0) -> Post:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=market)
    )
    editing.set_schedule(post, team.members["owner"], day, clock, fold)
    for persona, action in (("owner", "submit"), ("reviewer", "approve"), ("owner", "schedule")):
        post = workflow.perform(post, team.members[persona], action, override_reason="test")
    return post


def feed_url(team: Any) -> str:
    response = team.client("manager").post(f"/w/{team.workspace.slug}/calendar-feed/rotate/")
    assert response.status_code == 200
    html = response.content.decode()
    return (
        html.split('id="feed-url-input" class="wide" readonly value="', 1)[1]
        .split('"', 1)[0]
        .replace("http://127.0.0.1:8000", "")
    )


def test_feed_parses_back_with_times_in_each_markets_zone(team: Any) -> None:
    us = team.workspace.markets.create(country="US", language="en-US", timezone="America/New_York")
    london = scheduled(
        team,
        team.gb,
        "Clocks go back tonight, so enjoy an extra hour of coffee",
        date(2026, 10, 25),
        time(1, 30),
        1,
    )
    ny = scheduled(team, us, "Fall menu is here", date(2026, 7, 4), time(9, 0))
    march = scheduled(team, team.gb, "Lighter mornings", date(2026, 3, 29), time(9, 30))
    draft = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Not in the feed", market=team.gb)
    )
    assert draft.state == State.DRAFT

    response = team.client("anonymous").get(feed_url(team))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"post-{p.pk}.workspace-{team.workspace.pk}@onshore" for p in (london, ny, march)
    }
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/London", "America/New_York"}

    uk = events[f"post-{london.pk}.workspace-{team.workspace.pk}@onshore"]
    # The second 01:30 of the night the clocks go back (01:30 GMT): RFC 5545 reads a
    # repeated local time with a TZID as the first one, so this one is written in UTC.
    assert "TZID" not in uk["dtstart"].params
    assert uk.decoded("dtstart") == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert str(uk["summary"]) == "Clocks go back tonight, so enjoy an extra…"
    assert "Market: United Kingdom (GB, en-GB)" in str(uk["description"])
    assert "State: Scheduled" in str(uk["description"])

    spring = events[f"post-{march.pk}.workspace-{team.workspace.pk}@onshore"]
    assert spring["dtstart"].params["TZID"] == "Europe/London"
    start = spring.decoded("dtstart")
    assert start.replace(tzinfo=None) == datetime(2026, 3, 29, 9, 30)
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 8, 30, tzinfo=UTC)  # BST

    us_event = events[f"post-{ny.pk}.workspace-{team.workspace.pk}@onshore"]
    assert us_event["dtstart"].params["TZID"] == "America/New_York"
    assert us_event.decoded("dtstart") == datetime(
        2026, 7, 4, 9, 0, tzinfo=ZoneInfo("America/New_York")
    )


def test_rotating_and_revoking_kill_the_old_url(team: Any) -> None:
    anonymous = team.client("anonymous")
    first = feed_url(team)
    assert anonymous.get(first).status_code == 200
    second = feed_url(team)
    assert anonymous.get(first).status_code == 404 and anonymous.get(second).status_code == 200
    assert CalendarFeedToken.objects.filter(revoked_at__isnull=True).count() == 1
    revoke = team.client("owner").post(f"/w/{team.workspace.slug}/calendar-feed/revoke/")
    assert revoke.status_code == 302 and anonymous.get(second).status_code == 404
    assert anonymous.get("/feed/not-a-token.ics").status_code == 404


def test_only_the_hash_is_stored_and_the_url_is_shown_once(team: Any) -> None:
    url = feed_url(team)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarFeedToken.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    page = team.client("manager").get(f"/w/{team.workspace.slug}/calendar-feed/")
    assert token not in page.content.decode() and "active since" in page.content.decode()


def test_an_empty_workspace_still_gives_a_valid_calendar(team: Any) -> None:
    calendar = icalendar.Calendar.from_ical(team.client("anonymous").get(feed_url(team)).content)
    assert calendar["version"] == "2.0" and not calendar.walk("VEVENT")


def _lines(body: bytes) -> list[bytes]:
    """The feed's lines as a lenient reader splits them: at CR, LF or CRLF."""
    return body.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")


INJECTION = "\r\nEND:VEVENT\rBEGIN:VEVENT\nUID:injected\r\nSUMMARY:Free money\rEND:VEVENT\n"
AS_TEXT = (
    "\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected\nSUMMARY:Free money\nEND:VEVENT\n"  # TEXT has LF only
)


def test_names_and_texts_with_line_breaks_cannot_add_lines_or_events(team: Any) -> None:
    team.workspace.name = f"Acme{INJECTION}Tea"
    team.workspace.save()
    post = scheduled(team, team.gb, f"Autumn{INJECTION}blend", date(2026, 10, 1), time(9, 0))

    body = team.client("anonymous").get(feed_url(team)).content
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"post-{post.pk}.workspace-{team.workspace.pk}@onshore"
    # The parser keeps an X- property as written: one TEXT value, its line breaks escaped.
    escaped = AS_TEXT.replace("\n", "\\n")
    assert str(calendar["x-wr-calname"]) == f"Acme{escaped}Tea · onshore"
    assert str(event["description"]).endswith(f"Autumn{AS_TEXT}blend")
    starts = [line for line in _lines(body) if line.startswith(b"BEGIN:")]
    assert starts.count(b"BEGIN:VEVENT") == 1 and not any(
        line.startswith(b"UID:injected") for line in _lines(body)
    )


def test_a_post_in_the_year_9999_is_in_the_feed(team: Any) -> None:
    post = scheduled(team, team.gb, "Far ahead", date(2026, 10, 1), time(9, 0))
    Post.objects.filter(pk=post.pk).update(
        scheduled_date=date(9999, 12, 31),
        scheduled_at=datetime(9999, 12, 31, 9, 0, tzinfo=UTC),
    )
    response = team.client("anonymous").get(feed_url(team))
    assert response.status_code == 200
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart").astimezone(UTC) == datetime(9999, 12, 31, 9, 0, tzinfo=UTC)
