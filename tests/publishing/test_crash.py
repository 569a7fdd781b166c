"""Exactly once, even when workers die: several `onshore worker` processes share one
PostgreSQL database; the test SIGKILLs workers while they hold deliveries, starts new
ones, and then counts the statuses on the receiving (fake Mastodon) server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing import crypto
from onshore.publishing.models import Channel, Delivery, DeliveryAttempt, DeliveryState
from tests.networks.fake_mastodon import FakeMastodon

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("ONSHORE_DATABASE_URL", "").startswith("postgres"),
        reason="workers in other processes need a shared server database (PostgreSQL)",
    ),
]

POSTS = 24
TOKEN = "crash-test-token"


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    server = FakeMastodon().start()
    yield server
    server.stop()


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker() -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ONSHORE_DATABASE_URL": database_url(),
        "ONSHORE_DATA_DIR": str(settings.DATA_DIR),
        "ONSHORE_WORKER_LEASE_SECONDS": "5",
        "ONSHORE_NETWORK_TIMEOUT_SECONDS": "3",
        "ONSHORE_WEBHOOK_ALLOW_LOOPBACK": "true",
        # Retries after 1-2 s, not 15-30 s: the test is about counting, not waiting.
        "ONSHORE_WORKER_BACKOFF_SECONDS": "2",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "onshore.cli", "worker", "--idle", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def due_posts(team: Any, fake: FakeMastodon) -> list[Post]:
    account = fake.add_account("roastery", TOKEN)
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="@roastery",
        config={"instance_url": fake.base_url, "account_id": account.id},
        secret_encrypted=crypto.encrypt({"access_token": TOKEN}),
    )
    posts = []
    start = timezone.now() - timedelta(minutes=1)
    for n in range(POSTS):
        post = editing.create_post(
            team.members["manager"],
            editing.PostChanges(text=f"Roast number {n} is ready", market=team.gb),
        )
        Post.objects.filter(pk=post.pk).update(state=State.APPROVED)
        post.refresh_from_db()
        local = (start + timedelta(seconds=n)).astimezone(ZoneInfo(team.gb.timezone))
        editing.set_schedule(
            post,
            team.members["manager"],
            local.date(),
            local.time().replace(tzinfo=None, microsecond=0),
            0,
        )
        posts.append(workflow.perform(post, team.members["manager"], "schedule"))
    return posts


def kill_a_worker_holding_a_delivery(workers: list[subprocess.Popen[bytes]]) -> bool:
    holders = set(
        Delivery.objects.filter(state=DeliveryState.IN_FLIGHT).values_list("lease_owner", flat=True)
    )
    for worker in workers:
        if any(owner.endswith(f":{worker.pid}") for owner in holders):
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            workers.remove(worker)
            return True
    return False


def test_sigkilled_workers_never_lose_or_double_a_post(team: Any, fake: FakeMastodon) -> None:
    due_posts(team, fake)
    # Every status takes 0.4 s to answer after it is created: a wide window to die in.
    fake.hang_next(POSTS * 3, 0.4)
    workers = [start_worker() for _ in range(3)]
    kills, deadline, rng = 0, time.monotonic() + 120, random.Random(4)
    try:
        while time.monotonic() < deadline:
            open_count = Delivery.objects.exclude(state=DeliveryState.PUBLISHED).count()
            if open_count == 0:
                break
            if kills < 6 and kill_a_worker_holding_a_delivery(workers):
                kills += 1
                workers.append(start_worker())
            time.sleep(rng.uniform(0.05, 0.3))
    finally:
        for worker in workers:
            worker.terminate()  # SIGTERM: a clean stop
        for worker in workers:
            assert worker.wait(timeout=30) == 0
    assert kills >= 3, "the test must have killed workers mid-publish"
    texts = [status.text for status in fake.statuses]
    assert sorted(texts) == sorted(f"Roast number {n} is ready" for n in range(POSTS))
    assert Delivery.objects.filter(state=DeliveryState.PUBLISHED).count() == POSTS
    assert Post.objects.filter(state=State.PUBLISHED).count() == POSTS
    # The killed workers' attempts are on record, never finished.
    assert DeliveryAttempt.objects.filter(finished_at__isnull=True).count() >= kills


def test_sigterm_finishes_the_delivery_in_hand_then_exits(team: Any, fake: FakeMastodon) -> None:
    posts = due_posts(team, fake)[:1]
    Delivery.objects.exclude(post=posts[0]).update(state=DeliveryState.CANCELLED)
    fake.hang_next(1, 1.5)  # the status is created; the answer takes 1.5 s
    worker = start_worker()
    deadline = time.monotonic() + 30
    while not Delivery.objects.filter(state=DeliveryState.IN_FLIGHT).exists():
        assert time.monotonic() < deadline, "the worker never claimed the delivery"
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    delivery = Delivery.objects.get(post=posts[0])
    assert delivery.state == DeliveryState.PUBLISHED and delivery.lease_owner == ""
    assert len(fake.statuses) == 1


@pytest.mark.pds
def test_three_channel_types_with_a_failing_network_and_dying_workers(
    team: Any, fake: FakeMastodon, local_pds: Any
) -> None:
    import httpx

    from onshore.networks import webhook
    from tests.networks.pds import create_account, posts_on_pds
    from tests.networks.webhook_receiver import WebhookReceiver

    posts_count = 20
    receiver = WebhookReceiver().start()
    http = httpx.Client(timeout=10, trust_env=False)
    try:
        account = create_account(local_pds, http, "crashtest")
        mastodon_account = fake.add_account("roastery", TOKEN)
        for kind, config, secret in (
            (
                "mastodon",
                {"instance_url": fake.base_url, "account_id": mastodon_account.id},
                {"access_token": TOKEN},
            ),
            (
                "bluesky",
                {"pds_url": local_pds.pds_url, "handle": account.handle},
                {"app_password": account.app_password},
            ),
            ("webhook", {"url": receiver.url}, {"secret": webhook.generate_secret()}),
        ):
            Channel.objects.create(
                workspace=team.workspace,
                market=team.gb,
                kind=kind,
                name=kind,
                config=config,
                secret_encrypted=crypto.encrypt(secret),
            )
        start = timezone.now() - timedelta(minutes=1)
        for n in range(posts_count):
            post = editing.create_post(
                team.members["manager"],
                editing.PostChanges(
                    text=f"Roast {n} is ready", market=team.gb, networks=["mastodon", "bluesky"]
                ),
            )
            Post.objects.filter(pk=post.pk).update(state=State.APPROVED)
            post.refresh_from_db()
            local = (start + timedelta(seconds=n)).astimezone(ZoneInfo(team.gb.timezone))
            editing.set_schedule(
                post,
                team.members["manager"],
                local.date(),
                local.time().replace(tzinfo=None, microsecond=0),
                0,
            )
            workflow.perform(post, team.members["manager"], "schedule")
        assert Delivery.objects.count() == 3 * posts_count
        # The network misbehaves: accepted-then-silent, resets, 503s, slow answers.
        fake.hang_next(4, 4.0)
        fake.reset_next(3)
        fake.fail_next(4, 503, path_prefix="/api/v1/statuses")
        for _ in range(4):
            receiver.respond_next(503)
        receiver.hang_next(4.0)
        fake.hang_next(30, 0.3)
        workers = [start_worker() for _ in range(3)]
        kills, deadline = 0, time.monotonic() + 150
        try:
            while time.monotonic() < deadline:
                if not Delivery.objects.exclude(state=DeliveryState.PUBLISHED).exists():
                    break
                if kills < 5 and kill_a_worker_holding_a_delivery(workers):
                    kills += 1
                    workers.append(start_worker())
                time.sleep(0.2)
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
        stuck = list(
            Delivery.objects.exclude(state=DeliveryState.PUBLISHED).values_list(
                "channel__kind", "state", "last_error"
            )
        )
        assert stuck == [], stuck
        expected = sorted(f"Roast {n} is ready" for n in range(posts_count))
        assert sorted(status.text for status in fake.statuses) == expected
        records = posts_on_pds(local_pds, account, http)
        assert sorted(record["value"]["text"] for record in records) == expected
        received = {delivery.headers["webhook-id"] for delivery in receiver.deliveries}
        expected_ids = {d.webhook_id for d in Delivery.objects.filter(channel__kind="webhook")}
        assert received == expected_ids  # resends reuse the id; receivers drop repeats
        assert kills >= 1
    finally:
        http.close()
        receiver.stop()
