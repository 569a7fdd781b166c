"""The agenda (issue 15, point 4): which days it shows, the "Nothing scheduled" lines
for quiet runs, today, the List view's day headings in the chosen zone, and a query
count that a busy month does not raise."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onshore.posts import calendar, editing
from onshore.posts.calendar import CalendarDay
from onshore.posts.models import Post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("planning_clock")]


def scheduled(team: Any, day: date, clock: time, text: str = "Winter roast") -> Post:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text=text, market=team.gb)
    )
    assert editing.set_schedule(post, team.members["manager"], day, clock, None).kind == "ok"
    return post


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def days_of(
    first: date, count: int, busy: set[int], outside: frozenset[int] = frozenset()
) -> list[Any]:
    days = [
        CalendarDay(date(first.year, first.month, first.day + n), n not in outside)
        for n in range(count)
    ]
    for n in busy:
        days[n].entries.append(object())  # type: ignore[arg-type]
    return days


def test_quiet_runs_become_one_line_on_their_first_day() -> None:
    days = days_of(date(2026, 12, 1), 10, busy={2, 7})
    calendar.mark_agenda(days, today=date(2026, 12, 5))
    shown = [d.day.day for d in days if d.in_agenda]
    assert shown == [3, 5, 8]  # two days with posts, and today
    gaps = [(d.day.day, d.gap_label) for d in days if d.gap_label]
    assert gaps == [
        (1, "Nothing scheduled Tue 1 – Wed 2 Dec"),
        (4, "Nothing scheduled on Fri 4 Dec"),
        (6, "Nothing scheduled Sun 6 – Mon 7 Dec"),
        (9, "Nothing scheduled Wed 9 – Thu 10 Dec"),
    ]


def test_a_run_across_months_names_both_and_days_outside_the_range_end_a_run() -> None:
    assert (
        calendar.nothing_scheduled(date(2026, 11, 30), date(2026, 12, 2))
        == "Nothing scheduled Mon 30 Nov – Wed 2 Dec"
    )
    days = days_of(date(2026, 12, 1), 6, busy=set(), outside=frozenset({4, 5}))
    calendar.mark_agenda(days, today=date(2027, 1, 1))
    assert [d.gap_label for d in days if d.gap_label] == ["Nothing scheduled Tue 1 – Fri 4 Dec"]


def test_the_list_heads_each_day_in_the_zone_shown(team: Any) -> None:
    # 03:30 London on Monday 15 March 2027 is Sunday 14 March, 23:30 in New York (EDT
    # from the 14th); the manager's zone is set to New York.
    team.members["manager"].timezone = "America/New_York"
    team.members["manager"].save()
    scheduled(team, date(2027, 3, 15), time(3, 30), "Monday early")
    url = f"/w/{team.workspace.slug}/calendar/?view=list&date=2027-03-10&days=10"
    market = html.unescape(manager(team).get(url).content.decode())
    mine = html.unescape(manager(team).get(url + "&zone=mine").content.decode())
    heading = re.compile(r'<section class="list-day[^"]*" data-date="([0-9-]+)"><h3>([^<]*)<')
    assert heading.findall(market) == [("2027-03-15", "Mon 15 Mar")]
    assert heading.findall(mine) == [("2027-03-14", "Sun 14 Mar")]
    assert "Nothing scheduled Wed 10 – Sat 13 Mar" in mine
    assert "Nothing scheduled Mon 15 – Fri 19 Mar" in mine
    assert '<span class="muted market-time">03:30 market</span>' in mine
    assert "market-time" not in market  # one time when both clocks agree


def test_today_is_in_the_agenda_even_when_nothing_is_on(team: Any) -> None:
    # 23:30 UTC on 9 December is already the 10th in Kolkata, the manager's zone.
    with time_machine.travel(datetime(2026, 12, 9, 23, 30, tzinfo=UTC), tick=False):
        page = manager(team).get(f"/w/{team.workspace.slug}/calendar/?view=list&date=2026-12-08")
    text = html.unescape(page.content.decode())
    assert '<section class="list-day today" data-date="2026-12-10"><h3>Thu 10 Dec' in text
    assert "Nothing scheduled today." in text


@pytest.mark.parametrize("view", ["month", "list"])
def test_a_busy_month_asks_no_more_queries(team: Any, view: str) -> None:
    url = f"/w/{team.workspace.slug}/calendar/?view={view}&date=2026-12-01"
    client = manager(team)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    scheduled(team, date(2026, 12, 1), time(9, 0))
    few = queries()
    for day in range(2, 29):
        for hour in (8, 12, 17):
            scheduled(team, date(2026, 12, day), time(hour, day % 60))
    assert queries() == few
