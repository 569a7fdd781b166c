"""The calendar: days in the market's or the viewer's zone, holidays, filters, moving posts,
and a query count that does not grow with the number of posts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onshore.posts import editing
from onshore.posts.models import Post
from onshore.workspaces.models import Market

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]


def scheduled(
    team: Any, market: Market, day: date, clock: time, text: str = "Winter roast", **extra: Any
) -> Post:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text=text, market=market, **extra)
    )
    assert editing.set_schedule(post, team.members["manager"], day, clock, None).kind == "ok"
    return post


def client_for(team: Any, persona: str = "manager") -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def cell(page: str, day: str) -> str:
    match = re.search(rf'data-date="{day}">(.*?)</td>', page, re.S)
    assert match, f"no cell for {day}"
    return match.group(1)


@pytest.fixture
def us(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )


def test_month_shows_posts_on_their_market_day_with_holidays_and_timing_flags(
    team: Any, us: Market
) -> None:
    scheduled(team, team.gb, date(2026, 12, 25), time(10, 0), "Merry Christmas from us")
    # 22:30 on 3 Dec in New York is already 4 Dec in London and in UTC.
    scheduled(team, us, date(2026, 12, 3), time(22, 30), "Late night roast")
    page = (
        client_for(team).get(f"/w/{team.workspace.slug}/calendar/?date=2026-12-01").content.decode()
    )
    christmas = cell(page, "2026-12-25")
    assert "Christmas Day (GB)" in christmas and "Christmas Day (US)" in christmas
    assert "<time" in christmas and ">10:00</time>" in christmas
    assert "a public holiday in the United Kingdom" in christmas
    assert "Late night roast" in cell(page, "2026-12-03")
    assert ">22:30</time>" in cell(page, "2026-12-03")
    assert "when US readers are asleep" in cell(page, "2026-12-03")
    assert "Boxing Day (GB)" in cell(page, "2026-12-26")


def test_viewer_zone_toggle_moves_posts_to_the_viewers_day(team: Any, us: Market) -> None:
    scheduled(team, us, date(2026, 12, 3), time(22, 30), "Late night roast")
    # The manager works from Asia/Kolkata (see the fixture): 09:00 on 4 Dec there.
    page = (
        client_for(team)
        .get(f"/w/{team.workspace.slug}/calendar/?date=2026-12-01&zone=mine")
        .content.decode()
    )
    assert "Late night roast" not in cell(page, "2026-12-03")
    day = cell(page, "2026-12-04")
    assert ">09:00</time>" in day and "22:30 market" in day


def test_filters_by_market_state_network_tag_and_author(team: Any, us: Market) -> None:
    scheduled(
        team,
        team.gb,
        date(2026, 12, 1),
        time(9, 0),
        "GB autumn post",
        tags=["autumn"],
        networks=["x"],
    )
    scheduled(
        team,
        us,
        date(2026, 12, 1),
        time(9, 0),
        "US winter post",
        tags=["winter"],
        networks=["bluesky"],
    )
    base = f"/w/{team.workspace.slug}/calendar/?date=2026-12-01"
    client = client_for(team)

    def shown(query: str) -> set[str]:
        page = client.get(f"{base}&{query}").content.decode()
        return set(re.findall(r"(GB autumn post|US winter post)", page))

    assert shown(f"market={us.pk}") == {"US winter post"}
    assert shown("network=x") == {"GB autumn post"}
    assert shown("tag=%23Winter") == {"US winter post"}
    assert shown("state=approved") == set()
    assert shown(f"author={team.users['manager'].pk}") == {"GB autumn post", "US winter post"}
    # Issue 13: a state that is not one is refused by name, no longer ignored (all shown).
    nonsense = client.get(f"{base}&state=nonsense")
    assert nonsense.status_code == 400 and "state: " in nonsense.content.decode()
    # Issue 12: a number that is not one is refused by name, not read as "any market".
    refused = client.get(f"{base}&market=oops")
    assert refused.status_code == 400 and "market: " in refused.content.decode()


def test_week_and_list_views(team: Any) -> None:
    scheduled(team, team.gb, date(2026, 12, 2), time(9, 30), "Midweek scones")
    client = client_for(team)
    week = client.get(f"/w/{team.workspace.slug}/calendar/?view=week&date=2026-12-03")
    assert "30 Nov 2026 – 6 Dec 2026" in week.content.decode()
    assert re.search(r'data-hour="9">.*Midweek scones', week.content.decode(), re.S)
    # Its Move… control offers every hour and starts at the post's own (09:00).
    hours = re.search(r'<select name="hour">(.*?)</select>', week.content.decode(), re.S)
    assert hours and hours.group(1).count("<option") == 24
    assert '<option value="9" selected>09:00</option>' in hours.group(1)
    listing = client.get(f"/w/{team.workspace.slug}/calendar/?view=list&date=2026-12-01")
    # The agenda's day heading (issue 15): "Wed 2 Dec", its year for screen readers.
    assert '<h3>Wed 2 Dec<span class="sr-only"> 2026</span>' in listing.content.decode()
    unknown_view = client.get(f"/w/{team.workspace.slug}/calendar/?view=year&date=2026-12-01")
    assert unknown_view.status_code == 200
    # Issue 12: a day that is not one is refused by name, not silently replaced by today.
    bad = client.get(f"/w/{team.workspace.slug}/calendar/?view=year&date=not-a-date")
    assert bad.status_code == 400 and "date: give the day as YYYY-MM-DD" in bad.content.decode()


@pytest.mark.parametrize(
    ("shown", "earlier", "later"),
    [
        # Issue 14: December's grid starts on 30 November, and stepping back a day from
        # there opened October; from 31 January the grid's first day led to November.
        ("2026-12-15", "2026-11-01", "2027-01-01"),
        ("2026-12-01", "2026-11-01", "2027-01-01"),
        ("2027-01-31", "2026-12-01", "2027-02-01"),
        ("2027-03-31", "2027-02-01", "2027-04-01"),
        ("2028-02-29", "2028-01-01", "2028-03-01"),
        ("2026-11-30", "2026-10-01", "2026-12-01"),
    ],
)
def test_month_earlier_and_later_open_the_neighbouring_months(
    team: Any, shown: str, earlier: str, later: str
) -> None:
    page = client_for(team).get(f"/w/{team.workspace.slug}/calendar/?date={shown}")
    html = page.content.decode()
    previous = re.search(r'href="([^"]*)" rel="prev"', html).group(1)
    following = re.search(r'href="([^"]*)" rel="next"', html).group(1)
    assert f"date={earlier}" in previous and f"date={later}" in following


def test_paging_back_twelve_times_visits_every_month_once(team: Any) -> None:
    client, seen, shown = client_for(team), [], "2027-01-31"
    for _ in range(12):
        html = client.get(f"/w/{team.workspace.slug}/calendar/?date={shown}").content.decode()
        shown = re.search(r'date=(\d{4}-\d{2}-\d{2})[^"]*" rel="prev"', html).group(1)
        seen.append(shown[:7])
    assert seen == [f"2026-{month:02d}" for month in range(12, 0, -1)]


def test_moving_keeps_the_wall_time_across_a_dst_change(team: Any) -> None:
    # 09:30 on Friday 27 March (GMT) dragged to Monday 30 March (BST) stays 09:30 London.
    post = scheduled(team, team.gb, date(2026, 3, 27), time(9, 30))
    client = client_for(team)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/move/"
    moved = client.post(url, {"date": "2026-03-30"}, HTTP_ACCEPT="application/json")
    # Issue 14: the date too, in the market's zone and the viewer's (Kolkata).
    assert moved.json()["when"] == "Mon 30 March 2026, 09:30 London · Mon 30 March, 14:00 your time"
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2026, 3, 30, 8, 30, tzinfo=UTC)
    night = client.post(url, {"date": "2026-03-30", "hour": "3"}, HTTP_ACCEPT="application/json")
    assert any("asleep" in flag for flag in night.json()["timing"])
    gap = client.post(url, {"date": "2026-03-29", "hour": "1"}, HTTP_ACCEPT="application/json")
    assert gap.status_code == 422 and "does not exist" in gap.json()["error"]
    assert client.post(url, {"date": "someday"}, HTTP_ACCEPT="application/json").status_code == 422
    assert client_for(team, "contributor").post(url, {"date": "2026-03-31"}).status_code == 403


def test_moving_says_the_day_in_the_markets_zone_and_the_viewers(team: Any, us: Market) -> None:
    # Issue 14: "Moved to 22:00 New York" did not say which day; in Kolkata it is the next.
    post = scheduled(team, us, date(2026, 12, 2), time(22, 0))
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/move/"
    moved = client_for(team).post(url, {"date": "2026-12-03"}, HTTP_ACCEPT="application/json")
    assert moved.json()["when"] == (
        "Thu 3 December 2026, 22:00 New York · Fri 4 December, 08:30 your time"
    )


def test_month_query_count_does_not_grow_with_posts(team: Any, us: Market) -> None:
    url = f"/w/{team.workspace.slug}/calendar/?date=2026-12-01"
    client = client_for(team)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    scheduled(team, team.gb, date(2026, 12, 1), time(9, 0))
    few = queries()
    for day in range(2, 28):
        scheduled(team, us if day % 2 else team.gb, date(2026, 12, day), time(10, day % 60))
    assert queries() == few


def test_a_busy_day_shows_four_posts_and_links_to_the_rest(team: Any) -> None:
    for minute in range(6):
        scheduled(team, team.gb, date(2026, 12, 9), time(10, minute), f"Busy post {minute}")
    client = client_for(team)
    page = client.get(f"/w/{team.workspace.slug}/calendar/?date=2026-12-01").content.decode()
    day = cell(page, "2026-12-09")
    assert day.count('class="entry') == 4 and "+2 more" in day
    more = re.search(r'href="(\?view=list&(?:amp;)?date=2026-12-09[^"]*)"', day).group(1)
    listing = client.get(f"/w/{team.workspace.slug}/calendar/" + more.replace("&amp;", "&"))
    assert listing.content.decode().count("Busy post") == 6


def test_a_busy_hour_in_the_week_view_shows_three_posts_and_links_to_the_rest(
    team: Any,
) -> None:
    # 20,000 posts must not mean 1,500 cards in one week: an hour cell shows three.
    for minute in range(5):
        scheduled(team, team.gb, date(2026, 12, 9), time(10, minute), f"Busy post {minute}")
    client = client_for(team)
    base = f"/w/{team.workspace.slug}/calendar/"
    page = client.get(base + "?view=week&date=2026-12-07").content.decode()
    row = re.search(r'<th scope="row">10:00</th>(.*?)</tr>', page, re.S).group(1)
    assert row.count('class="entry') == 3 and "+2 more" in row
    more = re.search(r'class="more" href="([^"]*)"', row).group(1).replace("&amp;", "&")
    assert client.get(base + more).content.decode().count("Busy post") == 5


def test_more_opens_that_days_list_and_pages_by_day(team: Any) -> None:
    for minute in range(6):
        scheduled(team, team.gb, date(2026, 12, 9), time(10, minute), f"Busy post {minute}")
    scheduled(team, team.gb, date(2026, 12, 10), time(10, 0), "The next day")
    client = client_for(team)
    base = f"/w/{team.workspace.slug}/calendar/"
    day = cell(client.get(base + "?date=2026-12-01&state=draft").content.decode(), "2026-12-09")
    more = re.search(r'class="more" href="([^"]*)"', day).group(1).replace("&amp;", "&")
    listing = client.get(base + more).content.decode()
    assert listing.count("Busy post") == 6 and "The next day" not in listing
    assert "9 Dec 2026 – 9 Dec 2026" in listing
    # The filters carry over, and Later steps one day, still one day long.
    later = re.search(r'href="([^"]*)" rel="next"', listing).group(1).replace("&amp;", "&")
    assert "state=draft" in later
    next_day = client.get(base + later).content.decode()
    assert "The next day" in next_day and "Busy post" not in next_day


def test_calendar_range_api(team: Any, us: Market) -> None:
    scheduled(team, us, date(2026, 12, 3), time(22, 30), "Late night roast")
    client = client_for(team, "viewer")
    url = f"/api/v1/workspaces/{team.workspace.slug}/calendar"
    days = client.get(url, {"start": "2026-12-03", "days": 2}).json()
    assert [d["date"] for d in days] == ["2026-12-03", "2026-12-04"]
    (entry,) = days[0]["entries"]
    assert entry["local"].startswith("2026-12-03T22:30:00-05:00")
    assert any("asleep" in flag for flag in entry["timing"])
    mine = client.get(url, {"start": "2026-12-04", "days": 1, "zone": "Asia/Tokyo"}).json()
    assert mine[0]["entries"][0]["local"].startswith("2026-12-04T12:30:00+09:00")
    assert client.get(url, {"start": "2026-12-01", "days": 400}).status_code == 422
    assert client.get(url, {"start": "2026-12-01", "zone": "Mars/Base"}).status_code == 422
