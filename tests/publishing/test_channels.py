"""Connecting channels, the post's per-channel results, and the health page and endpoint."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.publishing import crypto, outbox
from onshore.publishing.models import Channel, Delivery, WorkerBeat
from tests.factories import FIND, SEND, scheduled_post
from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    server = FakeMastodon(max_characters=1000).start()
    yield server
    server.stop()


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def test_connect_mastodon_verifies_the_token_and_reads_the_limit(
    team: Any, fake: FakeMastodon
) -> None:
    fake.add_account("roastery", "good-token")
    client = manager(team)
    url = f"/w/{team.workspace.slug}/channels/connect/"
    form = {"kind": "mastodon", "market": team.gb.pk, "instance_url": fake.base_url}
    bad = client.post(url, {**form, "access_token": "wrong"}, follow=True)
    assert "access_token:" in bad.content.decode() and not Channel.objects.exists()
    client.post(url, {**form, "access_token": "good-token"})
    channel = Channel.objects.get()
    assert channel.config["max_characters"] == 1000 and channel.config["acct"] == "roastery"
    assert "good-token" not in channel.secret_encrypted
    assert crypto.decrypt(channel.secret_encrypted) == {"access_token": "good-token"}
    page = client.get(f"/w/{team.workspace.slug}/channels/").content.decode()
    assert "good-token" not in page and "(1000 characters)" in page


def test_connect_webhook_shows_the_secret_once_and_refuses_private_urls(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    client = manager(team)
    url = f"/w/{team.workspace.slug}/channels/connect/"
    refused = client.post(
        url,
        {"kind": "webhook", "market": team.gb.pk, "name": "CMS", "url": "https://10.0.0.5/hook"},
        follow=True,
    )
    assert "url:" in refused.content.decode() and not Channel.objects.exists()
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    shown = client.post(
        url,
        {"kind": "webhook", "market": team.gb.pk, "name": "CMS", "url": receiver.url},
        follow=True,
    ).content.decode()
    secret = re.search(r'<code id="webhook-secret">(whsec_[^<]+)</code>', shown).group(1)
    assert crypto.decrypt(Channel.objects.get().secret_encrypted) == {"secret": secret}
    again = client.get(f"/w/{team.workspace.slug}/channels/").content.decode()
    assert secret not in again


def test_post_page_shows_each_channels_result(team: Any, fake: FakeMastodon, settings: Any) -> None:
    account = fake.add_account("roastery", "t0k3n")
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="@roastery",
        config={"instance_url": fake.base_url, "account_id": account.id},
        secret_encrypted=crypto.encrypt({"access_token": "t0k3n"}),
    )
    post = scheduled_post(team)
    outbox.publish_one_due(post.scheduled_at, "w", SEND, FIND, random.Random(1))
    page = manager(team).get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    delivery = Delivery.objects.get()
    assert 'data-delivery-state="published"' in page and delivery.remote_url in page


def test_health_endpoint_reports_backlog_and_a_stalled_worker(
    team: Any, fake: FakeMastodon
) -> None:
    account = fake.add_account("roastery", "t0k3n")
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="@roastery",
        config={"instance_url": fake.base_url, "account_id": account.id},
        secret_encrypted=crypto.encrypt({"access_token": "t0k3n"}),
    )
    post = scheduled_post(team)
    with time_machine.travel(post.scheduled_at + timedelta(minutes=10), tick=False):
        stalled = Client().get("/healthz/worker")
        assert stalled.status_code == 503
        assert stalled.json()["due_backlog"] == 1
        assert stalled.json()["oldest_due_age_seconds"] == 600
        WorkerBeat.objects.create(
            worker="w1", last_loop_at=post.scheduled_at + timedelta(minutes=10)
        )
        ok = Client().get("/healthz/worker").json()
        assert ok["status"] == "ok" and ok["seconds_since_last_loop"] == 0
        page = manager(team).get(f"/w/{team.workspace.slug}/channels/").content.decode()
        assert "1 due now" in page and "oldest waiting 600 s" in page


@pytest.mark.parametrize(
    ("kind", "field", "address", "says"),
    [
        ("mastodon", "instance_url", "http://127.0.0.1:9", "must start with https://"),
        ("mastodon", "instance_url", "https://10.0.0.1", "private"),
        ("mastodon", "instance_url", "https://x.example#", "remove it"),
        ("bluesky", "pds_url", "https://10.0.0.1", "private"),
    ],
)
def test_the_connect_page_refuses_internal_addresses_naming_the_field(
    team: Any, settings: Any, kind: str, field: str, address: str, says: str
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    form = {"kind": kind, "market": team.gb.pk, field: address, "access_token": "t",
            "handle": "roastery.example", "app_password": "abcd-efgh-ijkl-mnop"}  # fmt: skip

    page = manager(team).post(f"/w/{team.workspace.slug}/channels/connect/", form, follow=True)

    assert page.status_code == 200
    text = page.content.decode()
    assert f"{field}:" in text and says in text and not Channel.objects.exists()


def test_the_connect_page_never_shows_the_servers_answer(team: Any) -> None:
    from tests.fakes.hostile_server import SECRET, HostileServer

    hostile = HostileServer(["secret_json_error"]).start()
    form = {"kind": "mastodon", "market": team.gb.pk, "instance_url": hostile.base_url,
            "access_token": "t"}  # fmt: skip
    try:
        page = manager(team).post(f"/w/{team.workspace.slug}/channels/connect/", form, follow=True)
    finally:
        hostile.stop()

    text = page.content.decode()
    assert "instance_url:" in text and "422 Unprocessable" in text
    assert SECRET not in text and not Channel.objects.exists()


def test_connect_mastodon_reads_the_instances_own_media_limits(team: Any) -> None:
    # An instance whose admins allow images up to 8 MB: the checker must hold this
    # market's Mastodon posts to 8 MB, not to Mastodon's default 16 MB.
    server = FakeMastodon(image_size_limit=8 * 1024 * 1024).start()
    try:
        server.add_account("roastery", "good-token")
        form = {"kind": "mastodon", "market": team.gb.pk, "instance_url": server.base_url}
        url = f"/w/{team.workspace.slug}/channels/connect/"
        manager(team).post(url, {**form, "access_token": "good-token"})
    finally:
        server.stop()
    declared = Channel.objects.get().config["media_limits"]
    assert declared["image_max_bytes"] == 8 * 1024 * 1024
    assert declared["max_items"] == 4 and declared["alt_max_chars"] == 1500
    assert "image/jpeg" in declared["image_types"]
