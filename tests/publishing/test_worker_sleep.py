"""An idle worker sleeps until the next delivery is due (at most the idle setting,
spread), and on PostgreSQL a delivery written for sooner wakes it (LISTEN/NOTIFY).

Before, every idle worker slept the whole idle setting (5 s by default), so posts went
out up to 5 s late and workers that fell asleep together woke together."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from onshore.posts import editing
from onshore.posts.models import Post, State
from onshore.publishing import crypto, outbox, senders, wakeup
from onshore.publishing.models import Channel, Delivery, DeliveryState
from onshore.publishing.worker import (
    DUE_JITTER_SECONDS,
    POLL_SECONDS_WITHOUT_NOTIFY,
    Worker,
    seconds_to_sleep,
)
from tests.fakes.webhook_receiver import WebhookReceiver

NOW = datetime(2026, 12, 1, 9, 29, 58, 700_000, tzinfo=UTC)
DUE = NOW + timedelta(seconds=1.3)
IDLE = 5.0


def webhook_channel(team: Any, url: str = "http://127.0.0.1:9/") -> Channel:
    return Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name="CMS",
        config={"url": url},
        secret_encrypted=crypto.encrypt({"secret": "whsec_" + "QUJD" * 8}),
    )


def post_due_at(team: Any, due: datetime, text: str = "Winter roast is here") -> Post:
    """A scheduled post whose deliveries are written by the outbox, as scheduling does."""
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=team.gb)
    )
    Post.objects.filter(pk=post.pk).update(state=State.SCHEDULED, scheduled_at=due)
    post.refresh_from_db()
    with transaction.atomic():
        outbox.create_deliveries(post)
    return post


def sleep_at(now: datetime, polling: bool = False, seed: int = 7) -> float:
    with time_machine.travel(now, tick=False):
        return Worker(name="w1", rng=random.Random(seed)).idle_sleep(IDLE, polling=polling)


# --- the sleep an idle worker computes (pure) -------------------------------------


def test_a_delivery_due_in_1_3_s_is_slept_for_about_1_3_s_not_the_idle_time() -> None:
    sleeps = [seconds_to_sleep(NOW, DUE, IDLE, random.Random(seed)) for seed in range(200)]
    low, high = DUE_JITTER_SECONDS
    assert all(1.3 + low <= s <= 1.3 + high for s in sleeps)


def test_a_sleep_is_capped_by_the_idle_setting_and_spread_over_its_second_half() -> None:
    far = NOW + timedelta(minutes=10)
    sleeps = [seconds_to_sleep(NOW, far, IDLE, random.Random(seed)) for seed in range(500)]
    assert all(IDLE / 2 <= s <= IDLE for s in sleeps)
    assert max(sleeps) - min(sleeps) > IDLE / 3  # spread, not one shared wake-up
    nothing = [seconds_to_sleep(NOW, None, IDLE, random.Random(seed)) for seed in range(500)]
    assert all(IDLE / 2 <= s <= IDLE for s in nothing)


def test_workers_woken_for_one_due_time_wake_apart_and_never_before_it() -> None:
    wakes = {seconds_to_sleep(NOW, DUE, IDLE, random.Random(seed)) for seed in range(4)}
    assert len(wakes) == 4 and min(wakes) >= 1.3
    overdue = seconds_to_sleep(NOW, NOW - timedelta(seconds=3), IDLE, random.Random(1))
    assert 0 < overdue <= DUE_JITTER_SECONDS[1]  # no negative sleep, no busy spin


def test_without_notifications_a_worker_looks_again_at_least_twice_a_second() -> None:
    far = NOW + timedelta(minutes=10)
    sleeps = [seconds_to_sleep(NOW, far, IDLE, random.Random(s), 0.5) for s in range(200)]
    assert all(s <= 0.5 for s in sleeps)


# --- the next due time, read from the database -------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_worker_sleeps_until_the_next_due_delivery(team: Any) -> None:
    webhook_channel(team)
    post_due_at(team, DUE + timedelta(minutes=3))
    post_due_at(team, DUE)
    assert 1.3 <= sleep_at(NOW) <= 1.3 + DUE_JITTER_SECONDS[1]
    assert 2.5 <= sleep_at(NOW - timedelta(minutes=1)) <= IDLE
    assert sleep_at(NOW, polling=True) <= POLL_SECONDS_WITHOUT_NOTIFY


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_lease_running_out_is_a_due_time_and_a_parked_channel_is_not(team: Any) -> None:
    channel = webhook_channel(team)
    post = post_due_at(team, NOW - timedelta(minutes=5))
    Delivery.objects.filter(post=post).update(
        state=DeliveryState.IN_FLIGHT, lease_owner="dead", lease_expires_at=DUE
    )
    assert 1.3 <= sleep_at(NOW) <= 1.3 + DUE_JITTER_SECONDS[1]
    Delivery.objects.filter(post=post).update(state=DeliveryState.PENDING, due_at=NOW)
    channel.status = Channel.Status.NEEDS_RECONNECT
    channel.save()
    assert sleep_at(NOW) >= IDLE / 2  # nothing it could claim: the idle cap
    assert wakeup.next_due_at() is None


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_next_due_time_is_one_indexed_query(team: Any, django_assert_num_queries: Any) -> None:
    webhook_channel(team)
    post_due_at(team, DUE)
    with django_assert_num_queries(1):
        assert wakeup.next_due_at() == DUE


# --- waking on PostgreSQL ------------------------------------------------------------


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver().start()
    yield server
    server.stop()


def run_in_thread(worker: Worker, idle: float) -> threading.Thread:
    def run() -> None:
        try:
            worker.run(idle_seconds=idle)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_delivery_written_for_the_next_second_wakes_a_sleeping_worker(
    team: Any, receiver: WebhookReceiver
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("NOTIFY is PostgreSQL's; SQLite workers poll instead")
    webhook_channel(team, receiver.url)
    post_due_at(team, timezone.now() + timedelta(hours=1))  # far off: sleeps the cap
    worker = Worker(name="sleeper", send=senders.make_sender(), find=senders.make_finder())
    thread = run_in_thread(worker, idle=60)
    try:
        time.sleep(1.5)  # asleep now, for 30-60 s
        written = time.monotonic()
        post_due_at(team, timezone.now() + timedelta(seconds=1), text="Flash sale")
        while not receiver.deliveries and time.monotonic() - written < 10:
            time.sleep(0.02)
        took = time.monotonic() - written
    finally:
        worker.stop()
        thread.join(timeout=10)
    assert [b"Flash sale" in d.body for d in receiver.deliveries] == [True]
    assert 0.9 <= took <= 2.0, f"published {took:.2f} s after it was written, due after 1 s"
    assert not thread.is_alive()
