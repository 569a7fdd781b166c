"""The calendar's "Move…" with JavaScript off (issue 15, point 5): the browser sends the
form itself, so the answer is a page — back where the form was with a message saying
what moved and to when, or the form again naming what was wrong — while the calendar's
script, which asks for JSON, keeps its JSON answer."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing
from onshore.posts.models import Post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("planning_clock")]


def scheduled(team: Any, day: date, clock: time, text: str = "Spring roast is here") -> Post:
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text=text, market=team.gb)
    )
    assert editing.set_schedule(post, team.members["manager"], day, clock, None).kind == "ok"
    return post


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def move_url(team: Any, post: Post) -> str:
    return f"/w/{team.workspace.slug}/posts/{post.pk}/move/"


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_form_post_goes_back_to_the_calendar_with_what_moved_and_when(team: Any) -> None:
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    back = f"/w/{team.workspace.slug}/calendar/?date=2027-03-01&zone=mine"
    client = manager(team)
    answer = client.post(move_url(team, post), {"date": "2027-03-18", "next": back})
    assert (answer.status_code, answer["Location"]) == (302, back)
    page = text_of(client.get(back))
    # The manager's zone is Kolkata: the message gives the market's time and theirs.
    assert (
        "“Spring roast is here”: Moved to Thu 18 March 2027, 09:30 London · "
        "Thu 18 March, 15:00 your time." in page
    )
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2027, 3, 18, 9, 30, tzinfo=UTC)


def test_the_script_still_gets_json(team: Any) -> None:
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    answer = manager(team).post(
        move_url(team, post), {"date": "2027-03-18"}, HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["when"].startswith("Thu 18 March 2027, 09:30 London")


def test_htmx_gets_json_too(team: Any) -> None:
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    answer = manager(team).post(
        move_url(team, post), {"date": "2027-03-18"}, HTTP_HX_REQUEST="true"
    )
    assert answer["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "next_value",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_next_must_be_a_path_on_this_site(team: Any, next_value: str) -> None:
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    answer = manager(team).post(move_url(team, post), {"date": "2027-03-18", "next": next_value})
    assert (answer.status_code, answer["Location"]) == (302, f"/w/{team.workspace.slug}/calendar/")


def test_a_bad_day_shows_the_form_again_naming_the_field(team: Any) -> None:
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    back = f"/w/{team.workspace.slug}/calendar/?view=week&date=2027-03-08"
    answer = manager(team).post(
        move_url(team, post), {"date": "someday", "hour": "14", "next": back}
    )
    assert answer.status_code == 422
    page = text_of(answer)
    assert "Not moved: date: " in page
    assert 'id="move-again"' in page and f'name="next" value="{back}"' in page
    assert '<option value="14" selected>' in page  # the hour as sent
    assert Post.objects.get(pk=post.pk).scheduled_date == date(2027, 3, 10)


def test_a_time_dst_skips_offers_the_times_either_side_as_buttons(team: Any) -> None:
    # 01:00 on Sunday 28 March 2027 does not exist in London (clocks go 01:00 → 02:00).
    post = scheduled(team, date(2027, 3, 10), time(9, 30))
    answer = manager(team).post(move_url(team, post), {"date": "2027-03-28", "hour": "1"})
    assert answer.status_code == 422
    page = text_of(answer)
    assert "does not exist" in page
    assert page.count('class="answer"') == 2  # before and after the gap
    # Each button sends the move again with that time: the first one lands.
    client = manager(team)
    first = client.post(move_url(team, post), {"date": "2027-03-28", "time": "00:59", "fold": ""})
    assert first.status_code == 302
    assert Post.objects.get(pk=post.pk).scheduled_time == time(0, 59)
