"""Every kind can be reconnected from the Channels page and the API (issue 14, bug 7).

A webhook whose receiver answers 401, 403, 404, 410 or a redirect parks the channel
instead of failing post after post; reconnecting it checks the URL again (or takes a new
one, through the one destination policy) and can rotate its signing secret, shown once.
Held deliveries then go out exactly once. A channel connected later takes the market's
upcoming scheduled posts.
"""

from __future__ import annotations

import json
import random
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from onshore.networks import webhook
from onshore.posts.models import Post, State
from onshore.publishing import crypto, outbox
from onshore.publishing.models import Channel, Delivery, DeliveryState
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


def step(at: Any) -> outbox.Step | None:
    return outbox.publish_one_due(at, "w1", SEND, FIND, random.Random(1))


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def reconnect_url(team: Any, channel: Channel) -> str:
    return f"/w/{team.workspace.slug}/channels/{channel.pk}/reconnect/"


@pytest.mark.parametrize("status", [401, 403, 404, 410, 301, 308])
def test_a_webhook_that_is_gone_or_refuses_parks_its_channel(
    team: Any, receiver: WebhookReceiver, status: int
) -> None:
    channel = webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(status, headers={"Location": "https://elsewhere.example/hook"})

    assert step(post.scheduled_at).outcome == "needs_reconnect"

    channel.refresh_from_db()
    assert channel.status == Channel.Status.NEEDS_RECONNECT
    assert channel.parked_at == post.scheduled_at
    assert str(status) in channel.status_message
    delivery = Delivery.objects.get(post=post)
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 0)
    assert step(post.scheduled_at + timedelta(hours=5)) is None  # no endless retries
    assert len(receiver.deliveries) == 1


@pytest.mark.parametrize("status", [400, 422])
def test_a_webhook_refusing_one_post_fails_that_post_only(
    team: Any, receiver: WebhookReceiver, status: int
) -> None:
    channel = webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(status)
    assert step(post.scheduled_at).outcome == "failed"
    channel.refresh_from_db()
    assert channel.status == Channel.Status.ACTIVE


def test_reconnecting_a_webhook_with_a_new_url_sends_the_held_post_once(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    post = scheduled_post(team)
    receiver.respond_next(410)
    step(post.scheduled_at)
    moved = WebhookReceiver().start()
    try:
        page = (
            manager(team)
            .post(reconnect_url(team, channel), {"url": moved.url}, follow=True)
            .content.decode()
        )
        assert "is connected again; waiting posts will go out" in page
        channel.refresh_from_db()
        assert (channel.status, channel.config["url"], channel.parked_at) == (
            Channel.Status.ACTIVE,
            moved.url,
            None,
        )
        later = post.scheduled_at + timedelta(minutes=3)
        assert step(later).outcome == "published"
        assert step(later + timedelta(hours=1)) is None
        (arrived,) = moved.deliveries
        # The same signing secret, and the webhook-id the receiver de-duplicates on.
        assert webhook.verify(WEBHOOK_SECRET, arrived.headers, arrived.body, now=later)
        assert arrived.headers["webhook-id"] == receiver.deliveries[0].headers["webhook-id"]
    finally:
        moved.stop()
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED


def test_reconnecting_a_webhook_can_rotate_its_secret_shown_once_with_a_copy_button(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    client = manager(team)
    page = client.post(
        reconnect_url(team, channel), {"url": receiver.url, "rotate_secret": "on"}
    ).content.decode()
    secret = re.search(r'<code id="webhook-secret">(whsec_[^<]+)</code>', page).group(1)
    assert 'data-copy="#webhook-secret"' in page
    assert secret != WEBHOOK_SECRET
    channel.refresh_from_db()
    assert crypto.decrypt(channel.secret_encrypted) == {"secret": secret}
    assert secret not in client.get(f"/w/{team.workspace.slug}/channels/").content.decode()

    post = scheduled_post(team)
    step(post.scheduled_at)
    (arrived,) = receiver.deliveries
    assert webhook.verify(secret, arrived.headers, arrived.body, now=post.scheduled_at)


def test_reconnecting_a_webhook_refuses_a_private_url_naming_the_field_and_the_setting(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    channel = webhook_channel(team, receiver)
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    page = (
        manager(team)
        .post(reconnect_url(team, channel), {"url": "https://10.1.2.3/hook"}, follow=True)
        .content.decode()
    )
    assert "url: The webhook URL is not allowed: 10.1.2.3 is a private or reserved address" in page
    assert "ONSHORE_OUTBOUND_ALLOW_PRIVATE=true in the onshore server&#x27;s environment" in page
    channel.refresh_from_db()
    assert channel.config["url"] == receiver.url


def test_a_loopback_refusal_names_the_loopback_setting(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    url = f"/w/{team.workspace.slug}/channels/connect/"
    form = {"kind": "webhook", "market": team.gb.pk, "name": "CMS", "url": "https://127.0.0.1/h"}
    page = manager(team).post(url, form, follow=True).content.decode()
    assert "ONSHORE_OUTBOUND_ALLOW_LOOPBACK=true in the onshore server" in page
    assert "in the settings" not in page


def test_the_channels_page_offers_reconnect_for_every_channel_and_confirms_removal(
    team: Any, receiver: WebhookReceiver, fake_mastodon: FakeMastodon
) -> None:
    hook = webhook_channel(team, receiver)
    toot = mastodon_channel(team, fake_mastodon)
    Channel.objects.filter(pk=hook.pk).update(status=Channel.Status.NEEDS_RECONNECT)
    page = manager(team).get(f"/w/{team.workspace.slug}/channels/").content.decode()
    for channel in (hook, toot):
        assert f'action="{reconnect_url(team, channel)}"' in page
    assert f'id="r{hook.pk}-url" name="url" value="{receiver.url}"' in page
    assert f'id="r{hook.pk}-rotate" name="rotate_secret"' in page
    assert f'id="r{toot.pk}-token" name="access_token" type="password"' in page
    assert '<details class="reconnect" open>' in page  # the parked one is open
    assert page.count('data-confirm="Remove ') == 2


def test_mastodon_still_reconnects_with_a_new_token(team: Any, fake_mastodon: FakeMastodon) -> None:
    channel = mastodon_channel(team, fake_mastodon)
    post = scheduled_post(team)
    fake_mastodon.revoke(TOKEN)
    step(post.scheduled_at)
    fake_mastodon.add_account("roastery", "fresh-token")
    manager(team).post(reconnect_url(team, channel), {"access_token": "fresh-token"})
    channel.refresh_from_db()
    assert channel.status == Channel.Status.ACTIVE
    assert step(post.scheduled_at + timedelta(minutes=1)).outcome == "published"
    assert [s.text for s in fake_mastodon.statuses] == ["Winter roast is here"]


def test_api_reconnects_a_webhook_rechecking_its_url_and_rotating_on_request(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.NEEDS_RECONNECT)
    client = manager(team)
    url = f"/api/v1/workspaces/{team.workspace.slug}/channels/{channel.pk}/reconnect"

    kept = client.post(url, json.dumps({}), content_type="application/json")
    assert kept.status_code == 200, kept.content
    assert (kept.json()["status"], kept.json()["secret"]) == ("active", None)
    assert kept.json()["config"] == {"url": receiver.url}

    rotated = client.post(url, json.dumps({"rotate_secret": True}), content_type="application/json")
    secret = rotated.json()["secret"]
    assert secret.startswith("whsec_") and secret != WEBHOOK_SECRET
    channel.refresh_from_db()
    assert crypto.decrypt(channel.secret_encrypted) == {"secret": secret}

    refused = client.post(
        url, json.dumps({"url": "ftp://x.example/"}), content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "url"]


def test_a_channel_connected_later_takes_the_markets_upcoming_scheduled_posts(
    team: Any, receiver: WebhookReceiver
) -> None:
    post = scheduled_post(team)  # no channel yet: it stays Scheduled, nothing to send
    assert not Delivery.objects.exists()
    assert step(post.scheduled_at + timedelta(hours=1)) is None
    assert Post.objects.get(pk=post.pk).state == State.SCHEDULED

    url = f"/w/{team.workspace.slug}/channels/connect/"
    form = {"kind": "webhook", "market": team.gb.pk, "name": "CMS", "url": receiver.url}
    manager(team).post(url, form)
    delivery = Delivery.objects.get(post=post)
    assert delivery.due_at == post.scheduled_at
    assert step(post.scheduled_at).outcome == "published"
    assert len(receiver.deliveries) == 1


def test_a_webhook_whose_secret_cannot_be_read_must_rotate_it(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    Channel.objects.filter(pk=channel.pk).update(secret_encrypted="gAAAA-not-a-fernet-token")
    page = (
        manager(team)
        .post(reconnect_url(team, channel), {"url": receiver.url}, follow=True)
        .content.decode()
    )
    assert "rotate_secret: the stored signing secret cannot be read" in page
    shown = (
        manager(team)
        .post(reconnect_url(team, channel), {"url": receiver.url, "rotate_secret": "on"})
        .content.decode()
    )
    secret = re.search(r'<code id="webhook-secret">(whsec_[^<]+)</code>', shown).group(1)
    channel.refresh_from_db()
    assert crypto.decrypt(channel.secret_encrypted) == {"secret": secret}
