"""The Channels page as cards and tiles (issue 15): each channel's state, market and last
publication; a webhook's signing secret masked until a manager asks for it, never in the
page's HTML before; Rotate; and the three connect forms, one open at a time."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from onshore.publishing import crypto
from onshore.publishing.kinds import KINDS
from onshore.publishing.models import Channel
from tests.factories import WEBHOOK_SECRET, mastodon_channel, webhook_channel
from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def channels_url(team: Any) -> str:
    return f"/w/{team.workspace.slug}/channels/"


def card(html: str, channel: Channel) -> str:
    found = re.search(rf'<article [^>]*data-channel="{channel.pk}".*?</article>', html, re.S)
    assert found is not None
    return found.group(0)


def test_the_secret_is_masked_until_a_manager_reveals_it(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    client = manager(team)
    page = client.get(channels_url(team)).content.decode()
    assert WEBHOOK_SECRET not in page
    assert f"••••{WEBHOOK_SECRET[-4:]}" in card(page, channel)

    revealed = client.post(f"{channels_url(team)}{channel.pk}/secret/")
    assert revealed.status_code == 200 and "no-store" in revealed["Cache-Control"]
    shown = card(revealed.content.decode(), channel)
    assert (
        f'<code id="secret-value-{channel.pk}" class="secret-value">{WEBHOOK_SECRET}</code>'
        in shown
    )
    assert f'data-copy="#secret-value-{channel.pk}"' in shown
    assert WEBHOOK_SECRET not in client.get(channels_url(team)).content.decode()


def test_only_managers_may_reveal_and_a_get_shows_nothing(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    url = f"{channels_url(team)}{channel.pk}/secret/"
    contributor = Client()
    contributor.force_login(team.users["contributor"])
    assert contributor.post(url).status_code == 403
    assert WEBHOOK_SECRET not in contributor.post(url).content.decode()
    assert manager(team).get(url).status_code == 405


def test_a_channel_without_a_signing_secret_has_none_to_reveal(team: Any) -> None:
    fake = FakeMastodon().start()
    try:
        channel = mastodon_channel(team, fake)
    finally:
        fake.stop()
    client = manager(team)
    assert 'class="secret-row"' not in card(
        client.get(channels_url(team)).content.decode(), channel
    )
    assert client.post(f"{channels_url(team)}{channel.pk}/secret/").status_code == 404


def test_rotate_makes_a_new_secret_shown_once(team: Any, receiver: WebhookReceiver) -> None:
    channel = webhook_channel(team, receiver)
    client = manager(team)
    page = client.get(channels_url(team)).content.decode()
    assert 'name="rotate_secret" value="on"' in card(page, channel)
    rotated = client.post(f"{channels_url(team)}{channel.pk}/reconnect/", {"rotate_secret": "on"})
    new = crypto.decrypt(Channel.objects.get(pk=channel.pk).secret_encrypted)["secret"]
    assert new != WEBHOOK_SECRET and new in rotated.content.decode()
    assert Channel.objects.get(pk=channel.pk).config["url"] == receiver.url


def test_a_card_shows_state_market_and_last_publication(
    team: Any, receiver: WebhookReceiver
) -> None:
    channel = webhook_channel(team, receiver)
    channel.status = Channel.Status.NEEDS_RECONNECT
    channel.status_message = "The receiver answered 410 Gone."
    channel.save()
    shown = card(manager(team).get(channels_url(team)).content.decode(), channel)
    assert "Needs reconnecting" in shown and "The receiver answered 410 Gone." in shown
    assert team.gb.label in shown and "not yet" in shown and receiver.url in shown


def test_every_kind_has_a_tile_and_its_form_and_a_refused_one_opens_again(team: Any) -> None:
    client = manager(team)
    page = client.get(channels_url(team)).content.decode()
    for kind in KINDS.values():
        assert f'id="connect-{kind.name}" value="{kind.name}"' in page
        assert f'<input type="hidden" name="kind" value="{kind.name}">' in page
    first = next(iter(KINDS))
    assert re.search(rf'id="connect-{first}" value="{first}" checked', page)
    refused = client.post(
        f"{channels_url(team)}connect/", {"kind": "webhook", "market": team.gb.pk}
    )
    assert refused["Location"].endswith("?connect=webhook#connect")
    again = client.get(refused["Location"]).content.decode()
    assert re.search(r'id="connect-webhook" value="webhook" checked', again)
