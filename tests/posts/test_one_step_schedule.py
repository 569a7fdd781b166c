"""Scheduling in one step (issue 14): one submit sets the market's wall time and moves an
approved post to Scheduled; the next free slots, the nearest valid times after a DST gap,
both occurrences of a repeated hour and "Publish now" after a past time are buttons that
do the same. America/New_York: 2027-03-14 02:30 does not exist, 2026-11-01 01:30 repeats.
The manager reading these pages is in Kolkata."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post, PostEvent, State
from onshore.workspaces.models import Market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Tuesday 20 October 2026, 10:00 in New York (EDT), 19:30 in Kolkata.
NOW = datetime(2026, 10, 20, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def us(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )


def approved(team: Any, market: Market, text: str = "Fall harvest box") -> Post:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=market)
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def schedule_url(team: Any, post: Post) -> str:
    return f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/"


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def buttons(response: Any) -> list[tuple[dict[str, str], str]]:
    """The time buttons of the page: (their form's hidden fields, their label)."""
    found = []
    for form in re.findall(
        r'<form method="post" action="[^"]*/schedule/" class="inline">(.*?)</form>',
        page_text(response),
        re.S,
    ):
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
        label = re.search(r"<button[^>]*>(.*?)</button>", form, re.S)
        assert label is not None
        fields.pop("csrfmiddlewaretoken", None)
        found.append((fields, label.group(1)))
    return found


def test_one_submit_sets_the_time_and_schedules_an_approved_post(team: Any, us: Market) -> None:
    post = approved(team, us)
    done = manager(team).post(
        schedule_url(team, post), {"date": "2026-12-01", "time": "09:30"}, follow=True
    )
    assert (
        "Scheduled for Tue 1 December 2026, 09:30 New York · Tue 1 December, 20:00 your time."
        in page_text(done)
    )
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    # Through the workflow: the history says who scheduled it.
    event = PostEvent.objects.get(post=post, action="schedule")
    assert (event.from_state, event.to_state, event.by) == (
        State.APPROVED,
        State.SCHEDULED,
        team.users["manager"],
    )


def test_a_scheduled_post_moved_stays_scheduled(team: Any, us: Market) -> None:
    post = approved(team, us)
    client = manager(team)
    client.post(schedule_url(team, post), {"date": "2026-12-01", "time": "09:30"})
    moved = client.post(
        schedule_url(team, post), {"date": "2026-12-02", "time": "11:00"}, follow=True
    )
    assert "Moved to Wed 2 December 2026, 11:00 New York" in page_text(moved)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
    assert PostEvent.objects.filter(post=post, action="schedule").count() == 1


def test_the_review_card_leads_to_the_time_choice_not_a_bare_schedule_button(
    team: Any, us: Market
) -> None:
    post = approved(team, us)
    page = page_text(manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/"))
    assert 'data-action="schedule"' in page
    assert '<button type="submit" data-action="schedule"' not in page
    # What a person follows: a link named "Schedule…" to the time choice (icon or not).
    link = re.search(r'<a href="([^"]*)"[^>]*data-action="schedule"[^>]*>(.*?)</a>', page, re.S)
    assert link is not None and link.group(1) == "#schedule"
    assert re.sub(r"<svg.*?</svg>", "", link.group(2), flags=re.S).strip() == "Schedule…"
    assert 'id="schedule"' in page and "Schedule for …" in page


def test_the_next_free_slots_are_buttons_that_schedule_in_one_click(team: Any, us: Market) -> None:
    us.posting_slots = [{"days": ["tue", "thu"], "time": "09:30"}]
    us.save()
    other = approved(team, us, "Pumpkin bread")
    manager(team).post(schedule_url(team, other), {"date": "2026-10-22", "time": "09:30"})
    post = approved(team, us)
    page = manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/")
    slots = buttons(page)
    # Thu 22 October is taken by the other post; the first of five is Tue 27 October.
    assert [label for _, label in slots] == [
        "Tue 27 October 2026, 09:30 New York · Tue 27 October, 19:00 your time",
        "Thu 29 October 2026, 09:30 New York · Thu 29 October, 19:00 your time",
        # The US clocks go back on 1 November, India's do not: 20:00 from then on.
        "Tue 3 November 2026, 09:30 New York · Tue 3 November, 20:00 your time",
        "Thu 5 November 2026, 09:30 New York · Thu 5 November, 20:00 your time",
        "Tue 10 November 2026, 09:30 New York · Tue 10 November, 20:00 your time",
    ]
    fields, _ = slots[2]
    done = manager(team).post(schedule_url(team, post), fields, follow=True)
    assert "Scheduled for Tue 3 November 2026, 09:30 New York" in page_text(done)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 11, 3, 14, 30, tzinfo=UTC)
    # The time it now has is not offered again as a slot to move to.
    again = buttons(manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/"))
    assert len(again) == 5 and not any("Tue 3 November" in label for _, label in again)


def test_a_time_the_clocks_skip_offers_the_nearest_times_as_buttons(team: Any, us: Market) -> None:
    post = approved(team, us)
    asked = manager(team).post(schedule_url(team, post), {"date": "2027-03-14", "time": "02:30"})
    assert asked.status_code == 422
    assert "02:30 on Sun 14 March 2027 in New York does not exist" in page_text(asked)
    answers = buttons(asked)
    assert [label for _, label in answers] == [
        "Sun 14 March 2027, 01:59 New York · Sun 14 March, 12:29 your time",
        "Sun 14 March 2027, 03:00 New York · Sun 14 March, 12:30 your time",
    ]
    post.refresh_from_db()
    assert (post.state, post.scheduled_at) == (State.APPROVED, None)
    done = manager(team).post(schedule_url(team, post), answers[1][0], follow=True)
    assert "Scheduled for Sun 14 March 2027, 03:00 New York" in page_text(done)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2027, 3, 14, 7, 0, tzinfo=UTC)


def test_a_repeated_hour_asks_which_with_two_buttons(team: Any, us: Market) -> None:
    post = approved(team, us)
    asked = manager(team).post(schedule_url(team, post), {"date": "2026-11-01", "time": "01:30"})
    assert asked.status_code == 422
    assert "01:30 on Sun 1 November 2026 in New York happens twice" in page_text(asked)
    assert '<select name="fold"' not in page_text(asked)
    answers = buttons(asked)
    assert [label for _, label in answers] == [
        "The first: 01:30 EDT (UTC-04:00) · Sun 1 November, 11:00 your time",
        "The second: 01:30 EST (UTC-05:00) · Sun 1 November, 12:00 your time",
    ]
    assert answers[1][0] == {"date": "2026-11-01", "time": "01:30", "fold": "1"}
    done = manager(team).post(schedule_url(team, post), answers[1][0], follow=True)
    assert "the second of two" in page_text(done)
    assert "happens twice" not in page_text(done)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert post.scheduled_fold_chosen


def test_a_past_time_is_refused_with_publish_now(team: Any, us: Market) -> None:
    post = approved(team, us)
    asked = manager(team).post(schedule_url(team, post), {"date": "2026-10-20", "time": "09:00"})
    assert asked.status_code == 422
    text = page_text(asked)
    assert (
        "time: 09:00 on Tue 20 October 2026 in New York has already passed: it is now 10:00" in text
    )
    assert 'id="publish-now">Publish now</button>' in text
    post.refresh_from_db()
    assert (post.state, post.scheduled_at) == (State.APPROVED, None)
    done = manager(team).post(schedule_url(team, post), {"now": "1"}, follow=True)
    # The next whole minute at least 30 seconds away: still ahead when it is checked.
    assert "Scheduled for Tue 20 October 2026, 10:01 New York" in page_text(done)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 10, 20, 14, 1, tzinfo=UTC)


def test_the_preview_reads_the_typed_time_in_both_zones(team: Any, us: Market) -> None:
    post = approved(team, us)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/preview/"
    client = manager(team)
    ok = client.get(url, {"date": "2026-12-01", "time": "09:30"})
    assert page_text(ok) == (
        "<strong>Tue 1 December 2026, 09:30 New York · Tue 1 December, 20:00 your time</strong>"
    )
    assert "does not exist" in page_text(client.get(url, {"date": "2027-03-14", "time": "02:30"}))
    assert "happens twice" in page_text(client.get(url, {"date": "2026-11-01", "time": "01:30"}))
    assert "has already passed" in page_text(
        client.get(url, {"date": "2026-10-20", "time": "09:00"})
    )
    bad = client.get(url, {"date": "someday", "time": "09:30"})
    assert bad.status_code == 200 and "date: Enter a valid date." in page_text(bad)


def test_only_those_who_may_schedule_see_or_use_it(team: Any, us: Market) -> None:
    post = approved(team, us)
    contributor = Client()
    contributor.force_login(team.users["contributor"])
    page = page_text(contributor.get(f"/w/{team.workspace.slug}/posts/{post.pk}/"))
    assert 'id="schedule"' not in page
    refused = contributor.post(schedule_url(team, post), {"date": "2026-12-01", "time": "09:30"})
    assert refused.status_code == 403
    post.refresh_from_db()
    assert (post.state, post.scheduled_at) == (State.APPROVED, None)


def test_a_draft_gets_no_publish_now(team: Any, us: Market) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Not reviewed", market=us)
    )
    asked = manager(team).post(schedule_url(team, post), {"date": "2026-10-20", "time": "09:00"})
    assert asked.status_code == 422 and "has already passed" in page_text(asked)
    assert "Publish now" not in page_text(asked)


def test_a_time_that_passed_in_review_is_said_on_the_page_with_publish_now(
    team: Any, us: Market
) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Slow review", market=us)
    )
    with time_machine.travel(datetime(2026, 10, 15, tzinfo=UTC), tick=False):
        editing.set_schedule(post, team.members["manager"], date(2026, 10, 19), time(9), None)
    post = workflow.perform(post, team.members["contributor"], "submit")
    post = workflow.perform(post, team.members["reviewer"], "approve")
    page = page_text(manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/"))
    assert (
        '<div class="notice schedule-question" role="status" id="schedule-passed"><p>09:00 on '
        "Mon 19 October 2026 in New York has already passed: it is now 10:00 on Tue 20 October "
        "2026 there. Choose a later time.</p>"
    ) in page
    assert 'id="publish-now">Publish now</button>' in page
    manager(team).post(schedule_url(team, post), {"now": "1"})
    post.refresh_from_db()
    assert post.state == State.SCHEDULED
    assert post.scheduled_at == datetime(2026, 10, 20, 14, 1, tzinfo=UTC)
