"""Exactly once, even when workers die: `onshore worker` processes share one PostgreSQL
database while the test SIGKILLs them at random moments and starts new ones, with a
reliable network and with one that fails at random; then it counts what arrived on
the receiving servers (the fake Mastodon, the real local PDS, the webhook receiver)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from onshore.posts import editing, workflow
from onshore.posts.models import Media, Post, State
from onshore.publishing import crypto, outbox
from onshore.publishing.models import (
    Channel,
    Delivery,
    DeliveryAttempt,
    DeliveryMedia,
    DeliveryState,
)
from tests.fakes.chaos_proxy import FAULTS
from tests.fakes.fake_mastodon import FakeMastodon

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


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker() -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ONSHORE_DATABASE_URL": database_url(),
        "ONSHORE_DATA_DIR": str(settings.DATA_DIR),
        "ONSHORE_WORKER_LEASE_SECONDS": "5",
        "ONSHORE_NETWORK_TIMEOUT_SECONDS": "2",
        "ONSHORE_OUTBOUND_ALLOW_LOOPBACK": "true",
        # Retries after 0.5-1 s, not 15-30 s: the test is about counting, not waiting.
        "ONSHORE_WORKER_BACKOFF_SECONDS": "1",
        # Random faults can hit one delivery many times; giving up on it after 8 would
        # be the designed outcome, not a loss, but this test counts arrivals.
        "ONSHORE_WORKER_MAX_ATTEMPTS": "20",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "onshore.cli", "worker", "--idle", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def due_posts(team: Any, fake_mastodon: FakeMastodon) -> list[Post]:
    account = fake_mastodon.add_account("roastery", TOKEN)
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="@roastery",
        config={"instance_url": fake_mastodon.base_url, "account_id": account.id},
        secret_encrypted=crypto.encrypt({"access_token": TOKEN}),
    )
    start = timezone.now() - timedelta(minutes=1)
    # Due a minute ago, so the workers start at once: scheduled from just before then,
    # since a time that has passed is refused.
    with time_machine.travel(start - timedelta(seconds=5), tick=False):
        return [
            _approved_and_scheduled(team, start + timedelta(seconds=n), n) for n in range(POSTS)
        ]


def _approved_and_scheduled(team: Any, when: datetime, n: int) -> Post:
    post = editing.create_post(
        team.members["manager"],
        editing.PostChanges(text=f"Roast number {n} is ready", market=team.gb),
    )
    Post.objects.filter(pk=post.pk).update(state=State.APPROVED)
    post.refresh_from_db()
    local = when.astimezone(ZoneInfo(team.gb.timezone))
    editing.set_schedule(
        post,
        team.members["manager"],
        local.date(),
        local.time().replace(tzinfo=None, microsecond=0),
        0,
    )
    return workflow.perform(post, team.members["manager"], "schedule")


def test_sigterm_finishes_the_delivery_in_hand_then_exits(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    posts = due_posts(team, fake_mastodon)[:1]
    Delivery.objects.exclude(post=posts[0]).update(state=DeliveryState.CANCELLED)
    fake_mastodon.hang_next(1, 1.0)  # the status is created; the answer takes 1 s (timeout: 2 s)
    worker = start_worker()
    deadline = time.monotonic() + 30
    # Wait until the status exists and its answer is pending: the attempt is under way.
    # (A SIGTERM between claim and attempt hands the delivery back instead: see
    # test_outbox.test_a_stopping_worker_hands_back_the_rest_of_its_batch.)
    while not fake_mastodon.statuses:
        assert time.monotonic() < deadline, "the worker never sent the delivery"
        time.sleep(0.02)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=30) == 0
    delivery = Delivery.objects.get(post=posts[0])
    assert delivery.state == DeliveryState.PUBLISHED and delivery.lease_owner == ""
    assert len(fake_mastodon.statuses) == 1


# --- at the scale: 500 deliveries, three channel types, dying workers ---------

POSTS_TO_ALL = 100  # Mastodon, Bluesky and the webhook: 300 deliveries
POSTS_TO_ONE = 100  # half Mastodon, half Bluesky, each with the webhook: 200 more
DELIVERIES = 3 * POSTS_TO_ALL + 2 * POSTS_TO_ONE
SEED = 20261125
KILL_FOR_SECONDS = 20.0  # SIGKILLs at random moments during this long...
MAX_KILLS = 12
DEADLINE_SECONDS = 240.0  # ...and everything published well within this


@dataclass
class Servers:
    """The receiving servers and, when the network is unreliable, the proxies before them."""

    fake: FakeMastodon
    mastodon_account: Any
    pds: Any
    pds_account: Any
    receiver: Any
    proxies: list[Any] = field(default_factory=list)

    def url(self, upstream: str, failure_rate: float, seed: int) -> str:
        if not failure_rate:
            return upstream
        from tests.fakes.chaos_proxy import ChaosProxy

        # Past the workers' 2 s timeout: an answer they never get.
        proxy = ChaosProxy(upstream, failure_rate=failure_rate, seed=seed, hang_seconds=2.5)
        self.proxies.append(proxy.start())
        return proxy.url


def connect_channels(team: Any, servers: Servers, failure_rate: float) -> None:
    from onshore.networks import webhook

    kinds = (
        (
            "mastodon",
            {
                "instance_url": servers.url(servers.fake.base_url, failure_rate, SEED + 1),
                "account_id": servers.mastodon_account.id,
            },
            {"access_token": TOKEN},
        ),
        (
            "bluesky",
            {
                "pds_url": servers.url(servers.pds.pds_url, failure_rate, SEED + 2),
                "handle": servers.pds_account.handle,
            },
            {"app_password": servers.pds_account.app_password},
        ),
        (
            "webhook",
            {"url": servers.url(servers.receiver.url, failure_rate, SEED + 3)},
            {"secret": webhook.generate_secret()},
        ),
    )
    for kind, config, secret in kinds:
        Channel.objects.create(
            workspace=team.workspace,
            market=team.gb,
            kind=kind,
            name=kind,
            config=config,
            secret_encrypted=crypto.encrypt(secret),
        )


def a_photo(team: Any) -> Any:
    """One library image, in the shared data directory the worker processes read."""
    import io

    from PIL import Image

    from onshore.media import library

    out = io.BytesIO()
    Image.new("RGB", (32, 24), (90, 60, 30)).save(out, format="JPEG")
    return library.add_upload(team.members["manager"], [out.getvalue()], "cup.jpg", "A cup")[0]


def schedule_many(team: Any) -> list[str]:
    """Scheduled posts already due, each carrying one image, their deliveries made by the
    outbox as scheduling does (bulk-inserted posts: the workflow is tested elsewhere,
    this is about counts)."""
    networks = [["mastodon", "bluesky"]] * POSTS_TO_ALL + [
        ["mastodon"] if n % 2 else ["bluesky"] for n in range(POSTS_TO_ONE)
    ]
    start = timezone.now() - timedelta(minutes=1)
    posts = Post.objects.bulk_create(
        Post(
            workspace=team.workspace,
            market=team.gb,
            author=team.members["manager"].user,
            state=State.SCHEDULED,
            text=f"Roast {n} is ready",
            networks=chosen,
            scheduled_at=start + timedelta(milliseconds=n),
        )
        for n, chosen in enumerate(networks)
    )
    photo = a_photo(team)
    Media.objects.bulk_create(
        Media(post=post, description="cup", alt_text="A cup", asset=photo) for post in posts
    )
    with transaction.atomic():
        for post in posts:
            outbox.create_deliveries(post)
    assert Delivery.objects.count() == DELIVERIES
    return [post.text for post in posts]


def holding_deliveries(workers: list[subprocess.Popen[bytes]]) -> list[int]:
    """Which of the workers hold deliveries now (most likely mid-attempt)."""
    owners = set(
        Delivery.objects.filter(state=DeliveryState.IN_FLIGHT).values_list("lease_owner", flat=True)
    )
    pids = {owner.rsplit(":", 1)[-1] for owner in owners}
    return [n for n, worker in enumerate(workers) if str(worker.pid) in pids]


def kill_at_random_moments(rng: random.Random) -> int:
    """Three workers; at random moments one of them (one holding deliveries, when there
    is one) is SIGKILLed and replaced, for a while; then the survivors finish. Returns
    the number of kills."""
    workers = [start_worker() for _ in range(3)]
    kills, began = 0, time.monotonic()
    try:
        while time.monotonic() - began < DEADLINE_SECONDS:
            if not Delivery.objects.exclude(state=DeliveryState.PUBLISHED).exists():
                break
            if kills < MAX_KILLS and time.monotonic() - began < KILL_FOR_SECONDS:
                time.sleep(rng.uniform(0.2, 2.0))
                victim = rng.choice(holding_deliveries(workers) or list(range(len(workers))))
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                workers[victim] = start_worker()
                kills += 1
            else:
                time.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()  # SIGTERM: a clean stop
        exits = [worker.wait(timeout=30) for worker in workers]
    # 0 is a clean stop; a replacement still starting up (no handler yet) dies of the
    # SIGTERM itself, holding nothing. Anything else is a crash.
    assert set(exits) <= {0, -signal.SIGTERM}, exits
    return kills


@pytest.mark.pds
@pytest.mark.parametrize("failure_rate", [0.0, 0.12], ids=["reliable-network", "failing-network"])
def test_500_deliveries_published_exactly_once_while_workers_die(
    team: Any, fake_mastodon: FakeMastodon, local_pds: Any, failure_rate: float
) -> None:
    import httpx

    from tests.fakes.pds import create_account, posts_on_pds
    from tests.fakes.webhook_receiver import WebhookReceiver

    http = httpx.Client(timeout=30, trust_env=False)
    servers = Servers(
        fake=fake_mastodon,
        mastodon_account=fake_mastodon.add_account("roastery", TOKEN),
        pds=local_pds,
        pds_account=create_account(local_pds, http, "crash"),
        receiver=WebhookReceiver().start(),
    )
    try:
        connect_channels(team, servers, failure_rate)
        texts = schedule_many(team)
        kills = kill_at_random_moments(random.Random(SEED))

        stuck = list(
            Delivery.objects.exclude(state=DeliveryState.PUBLISHED, lease_owner="").values_list(
                "channel__kind", "state", "attempts", "last_error"
            )
        )
        assert stuck == [], stuck  # none lost, failed or still held
        assert set(Post.objects.values_list("state", flat=True)) == {State.PUBLISHED}
        # Exactly once on each receiving server, counted there.
        to_mastodon = sorted(t for t, p in zip(texts, posts_going_to("mastodon"), strict=True) if p)
        assert sorted(status.text for status in fake_mastodon.statuses) == to_mastodon
        records = posts_on_pds(local_pds, servers.pds_account, http)
        to_bluesky = sorted(t for t, p in zip(texts, posts_going_to("bluesky"), strict=True) if p)
        assert sorted(record["value"]["text"] for record in records) == to_bluesky
        # With its image, uploaded once per delivery: every status names its own upload
        # and every record embeds the image. A worker killed between an upload's answer
        # and recording it (or an answer the network lost) leaves at most one unused
        # upload behind, which the instance cleans up; it never reaches a status.
        carried = [status.media_ids for status in fake_mastodon.statuses]
        assert all(len(ids) == 1 for ids in carried)
        assert len({ids[0] for ids in carried}) == len(carried)
        assert all(len(r["value"]["embed"]["images"]) == 1 for r in records)
        assert DeliveryMedia.objects.count() == len(carried) + len(records)  # one per delivery
        unused = len(fake_mastodon.media) - len(carried)
        if not failure_rate:
            assert unused <= kills, (unused, kills)
        # A webhook cannot be read back: a resend carries the same webhook-id, which
        # receivers de-duplicate (Standard Webhooks). Each delivery's id arrived.
        received = {d.headers["webhook-id"] for d in servers.receiver.deliveries}
        expected = {d.webhook_id for d in Delivery.objects.filter(channel__kind="webhook")}
        assert received == expected and len(expected) == POSTS_TO_ALL + POSTS_TO_ONE
        # The run did what it says: workers died mid-attempt, the network failed.
        faults = sum((proxy.faults for proxy in servers.proxies), Counter())
        cut_short = DeliveryAttempt.objects.filter(finished_at__isnull=True).count()
        print(
            f"{kills} workers killed, {cut_short} attempts cut short, "
            f"{DeliveryAttempt.objects.count()} attempts for {DELIVERIES} deliveries, "
            f"{len(servers.receiver.deliveries) - len(received)} webhook resends, "
            f"{len(fake_mastodon.media)} Mastodon uploads for {len(carried)} statuses, "
            f"faults injected: {dict(faults)}"
        )
        assert kills >= 5 and cut_short >= 1
        if failure_rate:
            assert set(faults) == set(FAULTS), faults
    finally:
        for proxy in servers.proxies:
            proxy.stop()
        servers.receiver.stop()
        http.close()


def posts_going_to(kind: str) -> list[bool]:
    chosen = [["mastodon", "bluesky"]] * POSTS_TO_ALL + [
        ["mastodon"] if n % 2 else ["bluesky"] for n in range(POSTS_TO_ONE)
    ]
    return [kind in networks for networks in chosen]
