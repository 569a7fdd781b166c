"""Scheduling a post to a market whose channel is parked, or that has no channel at all,
warns: a flash on the page, a "Needs attention" note on the post, the calendar's drag
answer, and ``warnings`` in the API's schedule response."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post
from onshore.publishing.models import Channel
from tests.factories import scheduled_post, webhook_channel
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]

NO_CHANNEL = "No channel is connected for United Kingdom (en-GB): connect one on the Channels page"
PARKED = "Webhook: CMS needs reconnecting"


def approved(team: Any, networks: list[str] | None = None) -> Post:
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text="Mince pies", market=team.gb, networks=networks or []),
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def park(channel: Channel) -> None:
    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.NEEDS_RECONNECT)


def test_setting_a_time_with_no_channel_warns_on_the_page_and_the_post(team: Any) -> None:
    post = approved(team)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/"
    shown = manager(team).post(url, {"date": "2026-12-01", "time": "09:30"}, follow=True)
    text = shown.content.decode()
    assert f'<li class="warning">{NO_CHANNEL}' in text
    assert '<div class="notice attention" role="alert" id="needs-attention">' in text


def test_the_schedule_button_warns_when_the_markets_channel_is_parked(
    team: Any, receiver: WebhookReceiver
) -> None:
    park(webhook_channel(team, receiver))
    post = approved(team)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/action/"
    text = manager(team).post(url, {"action": "schedule"}, follow=True).content.decode()
    assert '<li class="success">Scheduled.</li>' in text
    assert f'<li class="warning">{PARKED}' in text
    assert "this post waits for it until someone reconnects it" in text


def test_set_schedule_returns_the_warnings_for_every_caller(
    team: Any, receiver: WebhookReceiver
) -> None:
    post = approved(team, networks=["mastodon"])
    manager_member = team.members["manager"]
    result = editing.set_schedule(post, manager_member, date(2026, 12, 1), time(9, 30), None)
    # A webhook takes every post, but there is none yet; nothing publishes to Mastodon.
    assert result.warnings == (
        "No channel of United Kingdom (en-GB) publishes to mastodon: connect one on the "
        "Channels page, or this post will stay Scheduled and never be sent.",
    )
    webhook_channel(team, receiver)
    result = editing.set_schedule(post, manager_member, date(2026, 12, 2), time(9, 30), None)
    assert result.warnings == ()


def test_api_schedule_answers_with_warnings(team: Any, receiver: WebhookReceiver) -> None:
    channel = webhook_channel(team, receiver)
    post = approved(team)
    client = manager(team)
    base = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}"

    def schedule() -> Any:
        body = json.dumps({"date": "2026-12-01", "time": "09:30"})
        return client.put(f"{base}/schedule", body, content_type="application/json")

    assert schedule().json()["warnings"] == []
    park(channel)
    answer = schedule()
    assert answer.status_code == 200
    (warning,) = answer.json()["warnings"]
    assert warning.startswith(PARKED)
    acted = client.post(
        f"{base}/actions", json.dumps({"action": "schedule"}), content_type="application/json"
    )
    assert acted.json()["state"] == "scheduled"
    assert acted.json()["warnings"] == [warning]


def test_dragging_on_the_calendar_answers_with_the_warnings(team: Any) -> None:
    post = scheduled_post(team)
    answer = manager(team).post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/move/",
        {"date": "2026-12-02"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["warnings"][0].startswith(NO_CHANNEL)


def test_the_schedule_button_warns_when_the_market_has_no_channel(team: Any) -> None:
    post = approved(team)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/action/"
    text = manager(team).post(url, {"action": "schedule"}, follow=True).content.decode()
    assert "or this post will stay Scheduled and never be sent.</li>" in text


def test_api_schedules_an_approved_post_in_one_step_when_asked(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = approved(team)
    client = manager(team)
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}/schedule"
    body = {"date": "2026-12-01", "time": "09:30", "schedule": True}
    answer = client.put(url, json.dumps(body), content_type="application/json").json()
    assert answer["state"] == "scheduled" and answer["schedule"]["time"] == "09:30:00"
    assert post.deliveries.count() == 1  # its delivery was written with the schedule
    # Without it, only the time is set, as before.
    other = approved(team)
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{other.pk}/schedule"
    body = {"date": "2026-12-01", "time": "10:30"}
    assert (
        client.put(url, json.dumps(body), content_type="application/json").json()["state"]
        == "approved"
    )
