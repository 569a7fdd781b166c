"""Why a delivery waits, said where people look: the post page's Publishing card (per
channel: held for a reconnect since when and what the network said, retrying with the
next attempt's date in market and viewer time, or waiting for its time), and a badge on
the calendar entry and in the Posts list, at a constant number of queries."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onshore.publishing import outbox
from onshore.publishing.models import Channel
from tests.factories import FIND, SEND, scheduled_post, webhook_channel
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]

MARKET_AND_VIEWER = "Tue 1 December 2026, 09:30 London · Tue 1 December, 15:00 your time"


def step(at: Any) -> outbox.Step | None:
    return outbox.publish_one_due(at, "w1", SEND, FIND, random.Random(1))


def page(team: Any, persona: str, path: str) -> str:
    client = Client()
    client.force_login(team.users[persona])
    response = client.get(f"/w/{team.workspace.slug}/{path}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_post_waiting_for_its_time_says_when_in_market_and_viewer_time(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    shown = page(team, "manager", f"posts/{post.pk}/")
    assert '<section class="card" id="publishing"><h2>Publishing</h2>' in shown
    assert f"Waiting for its time: {MARKET_AND_VIEWER}." in shown
    assert "needs-attention" not in shown


def test_a_held_post_says_the_channel_needs_reconnecting_since_when_and_why(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(410)
    step(post.scheduled_at)

    shown = page(team, "manager", f"posts/{post.pk}/")
    assert 'data-needs-reconnect="yes"' in shown
    assert f"The channel needs reconnecting since {MARKET_AND_VIEWER}." in shown
    assert "The network said: The webhook receiver answered 410 Gone" in shown
    assert f'href="/w/{team.workspace.slug}/channels/">Reconnect the channel</a>' in shown
    # The post still says Scheduled or Publishing, never Published, and why.
    assert "needs reconnecting" in page(team, "reviewer", f"posts/{post.pk}/")
    # Those who may not manage channels are told why, without a link they cannot use.
    assert "Reconnect the channel" not in page(team, "contributor", f"posts/{post.pk}/")


def test_a_retrying_delivery_gives_the_error_and_the_next_attempt_with_dates(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(503)
    assert step(post.scheduled_at).outcome == "retry"
    shown = page(team, "manager", f"posts/{post.pk}/")
    assert "Retrying after an error: The webhook receiver answered 503 Service Unavailable" in shown
    assert "Next attempt Tue 1 December 2026, 09:30 London · Tue 1 December, 15:00 your time" in (
        shown
    )  # the backoff is under a minute: the same minute, with dates on both sides
    assert "(attempt 2 of 8)" in shown


def test_the_posts_list_and_the_calendar_badge_a_post_held_by_a_parked_channel(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    held, fine = scheduled_post(team, text="Held back"), scheduled_post(team, text="Going out")
    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.NEEDS_RECONNECT)
    listed = page(team, "viewer", "posts/")
    row = listed.split(f'data-post="{held.pk}"')[1].split("</tr>")[0]
    assert '<span class="badge waiting" data-waiting>waiting: channel needs reconnecting' in row
    calendar = page(team, "viewer", "calendar/?date=2026-12-01")
    entry = calendar.split(f'data-post="{held.pk}"')[1].split("</div>")[0]
    assert "data-waiting>waiting: channel needs reconnecting" in entry
    assert fine.pk  # both posts go to the parked channel: both are badged
    assert calendar.count("data-waiting>waiting: channel needs reconnecting") == 2


def test_a_scheduled_post_without_a_channel_is_badged_and_never_published(team: Any) -> None:
    post = scheduled_post(team)
    assert step(post.scheduled_at + timedelta(days=1)) is None
    assert "waiting: no channel connected" in page(team, "viewer", "posts/")
    shown = page(team, "viewer", f"posts/{post.pk}/")
    assert 'id="state">Scheduled<' in shown
    assert (
        "No channel is connected for United Kingdom (en-GB): connect one" in shown
        and "will stay Scheduled and never be sent" in shown
    )


def queries(action: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_badges_cost_the_same_queries_for_few_and_many_posts(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.NEEDS_RECONNECT)
    client = Client()
    client.force_login(team.users["viewer"])
    calendar = f"/w/{team.workspace.slug}/calendar/?view=list&date={date(2026, 12, 1)}"
    listing = f"/w/{team.workspace.slug}/posts/"

    def both(expected: int) -> None:
        for url in (calendar, listing):
            shown = client.get(url).content.decode()
            assert shown.count("waiting: channel needs reconnecting") == expected

    for n in range(2):
        scheduled_post(team, text=f"Few {n}")
    few = queries(lambda: both(2))
    for n in range(8):
        scheduled_post(team, text=f"Many {n}")
    assert queries(lambda: both(10)) == few


def test_the_api_gives_each_delivery_its_reason(team: Any, receiver: WebhookReceiver) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(401)
    step(post.scheduled_at)
    client = Client()
    client.force_login(team.users["viewer"])
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/deliveries"
    (delivery,) = client.get(url).json()
    assert delivery["reason"].startswith(
        f"The channel needs reconnecting since {MARKET_AND_VIEWER}. The network said: "
        "The webhook receiver answered 401 Unauthorized"
    )
    assert "signing secret" in delivery["reason"]
