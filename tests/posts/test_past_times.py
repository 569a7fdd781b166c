"""A time that has passed is refused, naming the field and the market's clock now; on the
page, in the API, on the calendar and when scheduling a post whose time passed in review.
Imports keep past times (plans and history are imported as drafts; see test_csvplan)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Friday 4 December 2026, 15:20 in London (GMT): the London market's clock.
NOW = datetime(2026, 12, 4, 15, 20, tzinfo=UTC)
PASSED = "09:00 on Fri 4 December 2026 in London has already passed: it is now 15:20 on Fri 4 "


def approved(team: Any) -> Post:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Mince pies", market=team.gb)
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def client_of(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


@time_machine.travel(NOW, tick=False)
def test_schedule_form_refuses_a_past_time_with_the_markets_clock(team: Any) -> None:
    post = approved(team)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/"
    page = client_of(team, "manager").post(
        url, {"date": "2026-12-04", "time": "09:00"}, follow=True
    )
    assert "time: " + PASSED in page.content.decode()
    post.refresh_from_db()
    assert post.scheduled_at is None


@time_machine.travel(NOW, tick=False)
def test_api_refuses_a_past_time_on_the_time_field(team: Any) -> None:
    post = approved(team)
    answer = client_of(team, "manager").put(
        f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/schedule",
        json.dumps({"date": "2026-12-04", "time": "09:00"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    problem = answer.json()["detail"][0]
    assert problem["loc"][-1] == "time" and PASSED in problem["msg"]
    post.refresh_from_db()
    assert post.scheduled_at is None


@time_machine.travel(NOW, tick=False)
def test_a_later_time_today_is_accepted(team: Any) -> None:
    post = approved(team)
    result = editing.set_schedule(post, team.members["manager"], date(2026, 12, 4), time(16), None)
    assert result.kind == "ok" and post.scheduled_at == datetime(2026, 12, 4, 16, tzinfo=UTC)


def test_scheduling_a_post_whose_time_passed_in_review_is_refused(team: Any) -> None:
    post = approved(team)
    with time_machine.travel(datetime(2026, 12, 1, tzinfo=UTC), tick=False):
        editing.set_schedule(post, team.members["manager"], date(2026, 12, 4), time(9), None)
    with (
        time_machine.travel(NOW, tick=False),
        pytest.raises(workflow.TransitionError, match="time: " + PASSED),
    ):
        workflow.perform(post, team.members["manager"], "schedule")
    post.refresh_from_db()
    assert post.state == State.APPROVED and not post.deliveries.exists()


@time_machine.travel(NOW, tick=False)
def test_calendar_drop_on_a_past_day_is_refused(team: Any) -> None:
    post = approved(team)
    with time_machine.travel(datetime(2026, 12, 1, tzinfo=UTC), tick=False):
        editing.set_schedule(post, team.members["manager"], date(2026, 12, 9), time(9), None)
    answer = client_of(team, "manager").post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/move/",
        {"date": "2026-12-04"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 422 and PASSED in answer.json()["error"]
    post.refresh_from_db()
    assert post.scheduled_date == date(2026, 12, 9)


@time_machine.travel(NOW, tick=False)
def test_an_imported_plan_keeps_its_past_times_as_drafts(team: Any) -> None:
    # Decided: imports carry history and old plans; nothing publishes until the schedule
    # step, which refuses a passed time (above).
    from onshore.posts import csvplan

    plan = "market,networks,state,tags,text,link,local_date,local_time\n"
    plan += "GB,x,draft,,Last month,,2026-11-04,09:00\n"
    report = csvplan.import_plan(
        team.members["contributor"], plan.encode(), csvplan.ImportOptions()
    )
    assert not report.errors
    post = Post.objects.get(pk=report.rows[0].post_id)
    assert post.state == State.DRAFT and post.scheduled_date == date(2026, 11, 4)
