"""When a channel gets parked, the managers get one e-mail per parking (not one per held
post or retry) naming the channel, what happened, the posts now held with their market
time, and where to reconnect it."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from onshore.publishing import outbox, parking
from onshore.publishing.models import Channel
from tests.factories import FIND, SEND, scheduled_post, webhook_channel
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def test_one_email_to_the_managers_names_the_channel_the_reason_and_the_held_posts(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    posts = [scheduled_post(team, text=f"Winter roast number {n} is here") for n in range(3)]
    receiver.respond_next(410)
    at = posts[0].scheduled_at
    claimed = outbox.claim_due(at, "w1", outbox.CLAIM_BATCH)
    steps = outbox.publish_claimed(claimed, "w1", SEND, FIND, lambda: at, rng=random.Random(1))
    assert [s.outcome for s in steps] == ["needs_reconnect"]

    (message,) = mail.outbox
    assert sorted(message.to) == ["manager@example.com", "owner@example.com"]
    assert message.subject == "Reconnect Webhook: CMS: 3 posts waiting"
    body = message.body
    assert "Webhook: CMS (" in body and "needs reconnecting" in body
    assert "What happened: The webhook receiver answered 410 Gone" in body
    assert body.count("“Winter roast number") == 3
    assert "“Winter roast number 0 is here”, Tue 1 December 2026, 09:30 London: http" in body
    assert f"/w/{team.workspace.slug}/channels/" in body
    channel.refresh_from_db()
    assert channel.status == Channel.Status.NEEDS_RECONNECT


def test_parking_tells_once_per_parking_and_again_after_a_reconnect(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    at = scheduled_post(team).scheduled_at
    # Two workers hit the refusal at once: only the one whose UPDATE parked it tells.
    assert parking.park(channel.pk, "410 Gone", at) is True
    assert parking.park(channel.pk, "410 Gone", at) is False

    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.ACTIVE)
    receiver.respond_next(404)
    outbox.publish_one_due(at, "w1", SEND, FIND, random.Random(1))
    assert outbox.publish_one_due(at + timedelta(hours=2), "w1", SEND, FIND) is None
    assert len(mail.outbox) == 1  # this parking's e-mail, no more while it waits


def test_the_email_is_composed_in_one_function(team: Any, receiver: WebhookReceiver) -> None:
    channel = webhook_channel(team, receiver)
    channel.status_message = "The webhook receiver answered 401 Unauthorized."
    subject, body = parking.parked_channel_email(channel, [], 0, "https://x.example/c/")
    assert subject == "Reconnect Webhook: CMS: 0 posts waiting"
    assert "No posts are waiting for it yet" in body
    assert body.endswith("The held posts then go out once each.\n")
