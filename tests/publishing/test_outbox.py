"""The outbox: deliveries made with the schedule, sent exactly once to real local servers
(a fake Mastodon and a webhook receiver on 127.0.0.1), retried, failed, read back."""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.core import mail

from onshore.networks import webhook
from onshore.notifications.mail import send_due_emails
from onshore.notifications.models import Notification
from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing import crypto, outbox
from onshore.publishing.models import Channel, Delivery, DeliveryAttempt, DeliveryState
from tests.factories import (
    FIND,
    SEND,
    TOKEN,
    WEBHOOK_SECRET,
    mastodon_channel,
    scheduled_post,
    webhook_channel,
)
from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def step(at: Any, worker: str = "w1") -> outbox.Step | None:
    return outbox.publish_one_due(at, worker, SEND, FIND, random.Random(1))


def test_scheduling_creates_one_delivery_per_channel_and_unscheduling_cancels(
    team: Any, fake_mastodon: FakeMastodon, receiver: WebhookReceiver
) -> None:
    mastodon_channel(team, fake_mastodon)
    webhook_channel(team, receiver)
    us = team.workspace.markets.create(country="US", language="en-US", timezone="America/New_York")
    Channel.objects.create(
        workspace=team.workspace,
        market=us,
        kind="webhook",
        name="US CMS",
        config={"url": receiver.url},
    )
    post = scheduled_post(team)
    deliveries = Delivery.objects.filter(post=post)
    assert sorted(d.channel.kind for d in deliveries) == ["mastodon", "webhook"]
    assert {d.due_at for d in deliveries} == {post.scheduled_at}
    workflow.perform(post, team.members["manager"], "unschedule")
    assert set(deliveries.values_list("state", flat=True)) == {DeliveryState.CANCELLED}
    assert step(post.scheduled_at + timedelta(hours=1)) is None
    assert fake_mastodon.statuses == [] and receiver.deliveries == []


def test_a_due_post_is_published_once_and_marked_published(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    assert step(post.scheduled_at - timedelta(seconds=1)) is None
    result = step(post.scheduled_at)
    assert result is not None and result.outcome == "published"
    assert [s.text for s in fake_mastodon.statuses] == ["Winter roast is here"]
    delivery = Delivery.objects.get(post=post)
    assert delivery.state == DeliveryState.PUBLISHED and delivery.remote_url
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED
    assert step(post.scheduled_at + timedelta(hours=1)) is None
    assert len(fake_mastodon.statuses) == 1


def test_transient_errors_retry_with_backoff_without_duplicates(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    fake_mastodon.fail_next(1, 503, path_prefix="/api/v1/statuses")
    assert step(post.scheduled_at).outcome == "retry"
    delivery = Delivery.objects.get(post=post)
    assert delivery.state == DeliveryState.PENDING
    assert timedelta(seconds=15) <= delivery.due_at - post.scheduled_at <= timedelta(seconds=30)
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHING
    assert step(post.scheduled_at + timedelta(seconds=5)) is None  # not yet
    assert step(delivery.due_at).outcome == "published"
    assert len(fake_mastodon.statuses) == 1
    assert list(DeliveryAttempt.objects.values_list("outcome", flat=True)) == ["retry", "published"]


def test_rate_limit_waits_as_long_as_the_network_says(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    fake_mastodon.fail_next(1, 429, headers={"Retry-After": "600"}, path_prefix="/api/v1/statuses")
    step(post.scheduled_at)
    delivery = Delivery.objects.get(post=post)
    assert delivery.due_at - post.scheduled_at >= timedelta(seconds=600)


def test_an_unknown_outcome_is_read_back_before_any_retry(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    fake_mastodon.clock = lambda: post.scheduled_at  # the fake's clock agrees with the worker's
    fake_mastodon.hang_next(1, 3.0)  # the status is created, the answer comes too late
    assert step(post.scheduled_at).outcome == "unknown"
    delivery = Delivery.objects.get(post=post)
    assert delivery.outcome_unknown and len(fake_mastodon.statuses) == 1
    assert step(delivery.due_at).outcome == "published"
    assert len(fake_mastodon.statuses) == 1
    posts_requests = [r for r in fake_mastodon.requests if r.method == "POST"]
    assert len(posts_requests) == 1  # found by reading back: never sent a second time


def test_rejected_content_fails_visibly_and_notifies(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    Notification.objects.all().delete()  # of the review that scheduled it
    fake_mastodon.fail_next(
        1,
        422,
        error="Validation failed: Text character limit of 500 exceeded",
        path_prefix="/api/v1/statuses",
    )
    assert step(post.scheduled_at).outcome == "failed"
    delivery = Delivery.objects.get(post=post)
    assert "limit of 500 characters" in delivery.last_error
    assert Post.objects.get(pk=post.pk).state == State.FAILED
    # The author and the managers are told (notifications), each by e-mail in their own
    # working hours (tests/notifications covers when); a week on, every one has gone.
    failed = Notification.objects.filter(kind="failed").select_related("recipient")
    assert {n.recipient.email for n in failed} == {
        "owner@example.com",
        "manager@example.com",
        "contributor@example.com",
    }
    assert mail.outbox == []
    while send_due_emails(max(n.email_due_at for n in failed), "w1"):
        pass  # one person per call
    assert sorted(message.to[0] for message in mail.outbox) == [
        "contributor@example.com",
        "manager@example.com",
        "owner@example.com",
    ]
    assert all("limit of 500 characters" in message.body for message in mail.outbox)


def test_rejected_credentials_park_the_channel_and_keep_the_delivery(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    channel = mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    fake_mastodon.revoke(TOKEN)
    assert step(post.scheduled_at).outcome == "needs_reconnect"
    channel.refresh_from_db()
    assert channel.status == Channel.Status.NEEDS_RECONNECT
    delivery = Delivery.objects.get(post=post)
    assert delivery.state == DeliveryState.PENDING and delivery.attempts == 0
    assert "Reconnect" in mail.outbox[0].subject
    assert step(post.scheduled_at + timedelta(hours=1)) is None  # waits for a manager


def test_webhook_is_signed_and_a_retry_reuses_its_id(team: Any, receiver: WebhookReceiver) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team, text="Scones at 10")
    receiver.respond_next(503)
    step(post.scheduled_at)
    step(Delivery.objects.get(post=post).due_at)
    first, second = receiver.deliveries
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    from datetime import UTC, datetime

    message_id = webhook.verify(
        WEBHOOK_SECRET,
        second.headers,
        second.body,
        now=datetime.fromtimestamp(int(second.headers["webhook-timestamp"]), UTC),
    )
    assert message_id == Delivery.objects.get(post=post).webhook_id
    assert b'"text":"Scones at 10"' in second.body


def test_webhooks_to_loopback_are_refused_unless_allowed(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    assert step(post.scheduled_at).outcome == "failed"
    assert "https://" in Delivery.objects.get(post=post).last_error
    assert receiver.deliveries == []


def test_a_crashed_workers_lease_is_taken_over_and_read_back(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    at = post.scheduled_at
    fake_mastodon.clock = lambda: at
    claimed = outbox.claim_one_due(at, "crashed-worker")
    assert claimed is not None
    # The crashed worker had sent the status before dying.
    SEND(claimed, at)
    assert outbox.claim_one_due(at + timedelta(seconds=10), "w2") is None  # lease still held
    taken = step(at + timedelta(seconds=121), "w2")
    assert taken is not None and taken.outcome == "published"
    assert len(fake_mastodon.statuses) == 1
    assert Delivery.objects.get(post=post).lease_owner == ""


def test_editing_a_scheduled_post_cancels_its_deliveries(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    editing.update_post(
        post,
        team.members["contributor"],
        editing.PostChanges(text="Winter roast is here, now with oat milk"),
    )
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW
    assert Delivery.objects.get(post=post).state == DeliveryState.CANCELLED
    assert step(post.scheduled_at + timedelta(minutes=5)) is None


def test_moving_a_scheduled_post_moves_its_delivery(team: Any, fake_mastodon: FakeMastodon) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 2), time(9, 30), None)
    assert Delivery.objects.get(post=post).due_at == post.scheduled_at


def test_credentials_are_encrypted_and_keys_rotate(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("ONSHORE_CREDENTIALS_KEYS", old)
    token = crypto.encrypt({"access_token": "s3cret"})
    assert "s3cret" not in token
    monkeypatch.setenv("ONSHORE_CREDENTIALS_KEYS", f"{new},{old}")
    rotated = crypto.rotate(token)
    monkeypatch.setenv("ONSHORE_CREDENTIALS_KEYS", new)
    assert crypto.decrypt(rotated) == {"access_token": "s3cret"}
    with pytest.raises(crypto.CredentialsUnreadable):
        crypto.decrypt(token)


def test_over_the_instances_limit_is_refused_before_sending_and_flagged_by_the_checker(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    from onshore.posts import checks

    channel = mastodon_channel(team, fake_mastodon)
    channel.config["max_characters"] = 40
    channel.save()
    post = scheduled_post(
        team, text="Our winter roast is here, with notes of fig and cocoa", networks=["mastodon"]
    )
    assert any(
        f.category == "length" and f.severity == "error"
        for f in checks.check_post(post).open_findings
    )
    assert step(post.scheduled_at).outcome == "failed"
    assert "its limit is 40" in Delivery.objects.get(post=post).last_error
    assert fake_mastodon.requests == [] or all(r.method != "POST" for r in fake_mastodon.requests)


def test_cancel_racing_with_a_claim_never_sends(team: Any, fake_mastodon: FakeMastodon) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    claimed = outbox.claim_one_due(post.scheduled_at, "w1")
    assert claimed is not None
    with pytest.raises(workflow.TransitionError, match="the post is publishing"):
        workflow.perform(post, team.members["manager"], "unschedule")
    # The narrower window: claimed, but the post not yet marked publishing.
    Post.objects.filter(pk=post.pk).update(state=State.SCHEDULED)
    post.refresh_from_db()
    with pytest.raises(workflow.TransitionError, match="Publishing has started"):
        workflow.perform(post, team.members["manager"], "unschedule")
    # The other order: unscheduled first, then nothing is left to claim.
    other = scheduled_post(team, text="Second post")
    workflow.perform(other, team.members["manager"], "unschedule")
    assert outbox.claim_one_due(other.scheduled_at, "w2") is None


def test_rescheduling_while_claimed_does_not_move_the_attempt(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    assert outbox.claim_one_due(post.scheduled_at, "w1") is not None
    Post.objects.filter(pk=post.pk).update(state=State.SCHEDULED)  # as if still scheduled
    post.refresh_from_db()
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 5), time(9, 30), None)
    delivery = Delivery.objects.get(post=post)
    assert delivery.state == DeliveryState.IN_FLIGHT and delivery.due_at != post.scheduled_at


def test_a_clock_jumping_forward_publishes_what_became_due_once(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    posts = [scheduled_post(team, text=f"Post {n}") for n in range(3)]
    later = posts[0].scheduled_at + timedelta(days=3)  # the machine slept for days
    results = [step(later) for _ in range(4)]
    assert [r.outcome for r in results if r] == ["published"] * 3 and results[3] is None
    assert sorted(s.text for s in fake_mastodon.statuses) == ["Post 0", "Post 1", "Post 2"]


def test_a_stopping_worker_hands_back_the_rest_of_its_batch(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    posts = [scheduled_post(team, text=f"Post {n}") for n in range(3)]
    at = posts[0].scheduled_at
    claimed = outbox.claim_due(at, "w1", outbox.CLAIM_BATCH)
    assert len(claimed) == 3
    assert outbox.claim_due(at, "w2", outbox.CLAIM_BATCH) == []  # all held by w1
    # SIGTERM arrives while the first one is being sent.
    steps = outbox.publish_claimed(
        claimed, "w1", SEND, FIND, lambda: at, should_stop=lambda: len(fake_mastodon.statuses) >= 1
    )
    assert [s.outcome for s in steps] == ["published"]
    assert Post.objects.get(pk=claimed[0].post_id).state == State.PUBLISHED
    rest = Delivery.objects.exclude(pk=claimed[0].pk)
    assert {(d.state, d.lease_owner, d.attempts) for d in rest} == {(DeliveryState.PENDING, "", 0)}
    assert DeliveryAttempt.objects.count() == 1  # the handed-back ones were never attempted
    taken = outbox.claim_due(at, "w2", outbox.CLAIM_BATCH)  # at once, no lease to wait out
    assert sorted(d.pk for d in taken) == sorted(d.pk for d in rest)
    outbox.publish_claimed(taken, "w2", SEND, FIND, lambda: at)
    assert sorted(s.text for s in fake_mastodon.statuses) == ["Post 0", "Post 1", "Post 2"]
    assert set(Post.objects.values_list("state", flat=True)) == {State.PUBLISHED}


def test_a_batch_stops_sending_to_a_channel_that_needs_reconnecting(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    posts = [scheduled_post(team, text=f"Post {n}") for n in range(3)]
    fake_mastodon.revoke(TOKEN)
    claimed = outbox.claim_due(posts[0].scheduled_at, "w1", outbox.CLAIM_BATCH)
    steps = outbox.publish_claimed(claimed, "w1", SEND, FIND, lambda: posts[0].scheduled_at)
    assert [s.outcome for s in steps] == ["needs_reconnect"]
    assert [r.method for r in fake_mastodon.requests] == ["POST"]  # one try, not three
    assert len(mail.outbox) == 1
    assert {(d.state, d.lease_owner, d.attempts) for d in Delivery.objects.all()} == {
        (DeliveryState.PENDING, "", 0)
    }


def test_a_delivery_taken_over_while_waiting_in_a_batch_is_not_sent_again(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    posts = [scheduled_post(team, text=f"Post {n}") for n in range(2)]
    at = posts[0].scheduled_at
    first, second = outbox.claim_due(at, "w1", outbox.CLAIM_BATCH)
    # w1 was stalled past the lease; w2 took the second delivery over and sent it.
    late = at + timedelta(minutes=5)
    Delivery.objects.filter(pk=first.pk).update(lease_expires_at=at)
    Delivery.objects.filter(pk=second.pk).update(lease_expires_at=at)
    (taken,) = outbox.claim_due(late, "w2", 1)
    assert taken.pk == first.pk
    steps = outbox.publish_claimed([first, second], "w1", SEND, FIND, lambda: late)
    assert [s.outcome for s in steps] == ["lost_lease", "published"]
    assert [s.text for s in fake_mastodon.statuses] == ["Post 1"]  # w1 never sent the lost one
    assert Delivery.objects.get(pk=first.pk).lease_owner == "w2"


def test_a_post_left_publishing_by_a_dead_worker_is_settled(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    assert step(post.scheduled_at).outcome == "published"
    # As if the worker died between the delivery's outcome and the post's state.
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHING)
    assert outbox.settle_posts() == 1
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED
