"""The calendar's side list "Approved, not scheduled" (issue 14): the newest 50 with a
count of the rest, for those who may schedule; dragging one onto a day or an hour
schedules it in one step; a repeated hour asks which; and the calendar's search box."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onshore.posts import editing, workflow
from onshore.posts.models import Post, PostEvent, State
from onshore.workspaces.models import Market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Tuesday 20 October 2026, 10:00 in New York (EDT).
NOW = datetime(2026, 10, 20, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def us(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace,
        country="US",
        language="en-US",
        timezone="America/New_York",
        posting_slots=[{"days": ["tue"], "time": "10:15"}, {"days": ["tue"], "time": "08:45"}],
    )


def approved(team: Any, market: Market, text: str, **extra: Any) -> Post:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=market, **extra)
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def client_for(team: Any, persona: str = "manager") -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def calendar(team: Any, query: str = "", persona: str = "manager") -> str:
    page = client_for(team, persona).get(f"/w/{team.workspace.slug}/calendar/?{query}")
    assert page.status_code == 200
    return html.unescape(page.content.decode())


def side_list(page: str) -> str:
    match = re.search(r'<aside class="card side-list" id="side-list".*?</aside>', page, re.S)
    assert match, "no side list"
    return match.group(0)


def move(team: Any, post: Post, **fields: str) -> Any:
    return client_for(team).post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/move/", fields, HTTP_ACCEPT="application/json"
    )


def test_the_side_list_shows_approved_posts_not_yet_scheduled(team: Any, us: Market) -> None:
    waiting = approved(team, us, "Cider pressing weekend")
    later = approved(team, us, "Apple picking opens")
    done = approved(team, us, "Already planned")
    client_for(team).post(
        f"/w/{team.workspace.slug}/posts/{done.pk}/schedule/",
        {"date": "2026-10-27", "time": "09:00"},
    )
    editing.create_post(team.members["contributor"], editing.PostChanges(text="Draft", market=us))
    listed = side_list(calendar(team, "date=2026-10-01"))
    assert "Approved, not scheduled" in listed
    # Newest approval first; scheduled posts and drafts are not waiting.
    assert listed.index("Apple picking") < listed.index("Cider pressing")
    assert "Already planned" not in listed and "Draft" not in listed
    # The keyboard way: each has a link to its one-step schedule.
    for post in (waiting, later):
        assert f'/posts/{post.pk}/#schedule" class="schedule-link">Schedule…</a>' in listed
    assert 'id="side-list"' in calendar(team, "date=2026-10-01&view=week")
    assert 'id="side-list"' not in calendar(team, "date=2026-10-01&view=list")


def test_at_most_fifty_newest_with_a_count_of_the_rest(team: Any, us: Market) -> None:
    Post.objects.bulk_create(
        Post(
            workspace=team.workspace,
            market=us,
            author=team.users["contributor"],
            text=f"Approved number {n:02d}",
            state=State.APPROVED,
            approved_at=NOW - timedelta(minutes=n),
        )
        for n in range(1, 56)
    )
    listed = side_list(calendar(team, "date=2026-10-01"))
    assert listed.count('class="waiting"') == 50
    assert "Approved number 01" in listed and "Approved number 50" in listed
    assert "Approved number 51" not in listed
    assert "and 5 more: narrow with the filters or search." in listed
    assert '<span class="badge">55</span>' in listed


def test_only_those_who_may_schedule_get_the_side_list(team: Any, us: Market) -> None:
    approved(team, us, "Cider pressing weekend")
    for persona in ("contributor", "reviewer", "viewer"):
        assert 'id="side-list"' not in calendar(team, "date=2026-10-01", persona)
    assert 'id="side-list"' in calendar(team, "date=2026-10-01", "owner")


def test_side_list_query_count_does_not_grow_with_posts(team: Any, us: Market) -> None:
    url = f"/w/{team.workspace.slug}/calendar/?date=2026-10-01"
    client = client_for(team)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    approved(team, us, "One waiting")
    few = queries()
    for n in range(60):
        approved(team, us if n % 2 else team.gb, f"Waiting {n}")
    assert queries() == few


def test_a_drop_on_a_day_takes_the_markets_first_slot_and_schedules(team: Any, us: Market) -> None:
    post = approved(team, us, "Cider pressing weekend")
    answer = move(team, post, date="2026-10-27")  # a Tuesday: slots 08:45 and 10:15
    assert answer.status_code == 200, answer.content
    assert answer.json()["scheduled"] is True
    assert answer.json()["when"] == (
        "Tue 27 October 2026, 08:45 New York · Tue 27 October, 18:15 your time"
    )
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 10, 27, 12, 45, tzinfo=UTC)
    assert PostEvent.objects.filter(post=post, action="schedule").exists()


def test_a_drop_on_a_day_without_slots_takes_0900_or_the_posts_own_time(
    team: Any, us: Market
) -> None:
    plain = approved(team, us, "No time yet")
    assert move(team, plain, date="2026-10-28").status_code == 200  # a Wednesday: no slot
    plain.refresh_from_db()
    assert plain.scheduled_time == time(9, 0) and plain.state == State.SCHEDULED
    timed = approved(team, us, "Has its own time")
    editing.set_schedule(timed, team.members["manager"], date(2026, 11, 20), time(14, 45), None)
    assert move(team, timed, date="2026-10-27").status_code == 200
    timed.refresh_from_db()
    assert (timed.scheduled_date, timed.scheduled_time) == (date(2026, 10, 27), time(14, 45))
    assert timed.state == State.SCHEDULED


def test_a_drop_on_the_repeated_hour_asks_which_then_schedules(team: Any, us: Market) -> None:
    post = approved(team, us, "Clocks go back")
    asked = move(team, post, date="2026-11-01", hour="1")  # week view: the 01:00 row
    assert asked.status_code == 422
    assert "01:00 on Sun 1 November 2026 in New York happens twice" in asked.json()["error"]
    choices = asked.json()["choices"]
    assert [c["label"] for c in choices] == [
        "The first: 01:00 EDT (UTC-04:00) · Sun 1 November, 10:30 your time",
        "The second: 01:00 EST (UTC-05:00) · Sun 1 November, 11:30 your time",
    ]
    second = {key: choices[1][key] for key in ("date", "time", "fold")}
    answer = move(team, post, **second)
    assert answer.status_code == 200
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def test_a_drop_into_the_spring_gap_offers_the_nearest_times(team: Any, us: Market) -> None:
    post = approved(team, us, "Clocks go forward")
    asked = move(team, post, date="2027-03-14", hour="2")
    assert asked.status_code == 422 and "does not exist" in asked.json()["error"]
    assert [(c["time"], c["fold"]) for c in asked.json()["choices"]] == [
        ("01:59", ""),
        ("03:00", ""),
    ]
    assert move(team, post, date="2027-03-14", time="03:00").status_code == 200
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2027, 3, 14, 7, 0, tzinfo=UTC)


def test_bad_drop_fields_are_named(team: Any, us: Market) -> None:
    post = approved(team, us, "Cider")
    assert move(team, post, date="2026-10-27", time="9am").json()["error"].startswith("time:")
    assert move(team, post, date="2026-10-27", fold="2").json()["error"].startswith("fold:")
    assert move(team, post, date="2026-10-27", hour="24").json()["error"].startswith("hour:")


def test_search_narrows_calendar_and_side_list_and_survives_paging(team: Any, us: Market) -> None:
    approved(team, us, "Cider pressing weekend")
    approved(team, us, "Apple picking opens", tags=["orchard"])
    planned = approved(team, us, "Cider tasting night")
    client_for(team).post(
        f"/w/{team.workspace.slug}/posts/{planned.pk}/schedule/",
        {"date": "2026-11-05", "time": "18:00"},
    )
    other = approved(team, us, "Harvest supper")
    client_for(team).post(
        f"/w/{team.workspace.slug}/posts/{other.pk}/schedule/",
        {"date": "2026-11-06", "time": "18:00"},
    )
    page = calendar(team, "date=2026-11-01&q=cider")
    assert 'value="cider"' in page
    assert "Cider tasting" in page and "Harvest supper" not in page
    listed = side_list(page)
    assert "Cider pressing" in listed and "Apple picking" not in listed
    # A tag matches too.
    assert "Apple picking" in side_list(calendar(team, "date=2026-11-01&q=orchard"))
    for rel in ("prev", "next"):
        link = re.search(rf'<a href="([^"]*)" rel="{rel}">', page)
        assert link and "q=cider" in link.group(1)


def test_a_drop_on_the_week_in_my_zone_reads_the_hour_in_my_zone(team: Any, us: Market) -> None:
    post = approved(team, us, "Evening in Kolkata")
    # The manager's week shown in Kolkata time: the 20:00 row on Tue 27 October.
    answer = move(team, post, date="2026-10-27", hour="20", zone="mine")
    assert answer.status_code == 200
    assert answer.json()["when"] == (
        "Tue 27 October 2026, 10:30 New York · Tue 27 October, 20:00 your time"
    )
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2026, 10, 27, 14, 30, tzinfo=UTC)


def test_a_drop_on_the_month_in_my_zone_moves_by_my_days_keeping_my_clock(
    team: Any, us: Market
) -> None:
    # Tue 27 October 22:30 in New York is Wed 28 October 08:00 for the Kolkata manager,
    # whose month view (in their zone) shows it on the 28th. Dropped on Thu 29 there,
    # it must be Thu 29 at 08:00 Kolkata, not Thu 29 at 22:30 New York (a day later).
    post = approved(team, us, "Breakfast in Kolkata")
    editing.set_schedule(post, team.members["manager"], date(2026, 10, 27), time(22, 30), None)
    answer = move(team, post, date="2026-10-29", zone="mine")
    assert answer.status_code == 200
    assert answer.json()["when"] == (
        "Wed 28 October 2026, 22:30 New York · Thu 29 October, 08:00 your time"
    )
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2026, 10, 29, 2, 30, tzinfo=UTC)
