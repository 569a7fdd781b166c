"""Channels over the API: credentials verified on connect and never returned, the webhook
secret shown once, reconnecting after a revoked token, and a post's deliveries per channel."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.publishing import crypto
from onshore.publishing.models import Channel
from tests.fakes.fake_mastodon import FakeMastodon
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    server = FakeMastodon(max_characters=800).start()
    yield server
    server.stop()


def call(team: Any, method: str, path: str, body: Any = None, persona: str = "manager") -> Any:
    client = Client()
    client.force_login(team.users[persona])
    return client.generic(
        method,
        f"/api/v1/workspaces/{team.workspace.slug}{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
    )


def test_mastodon_connects_only_with_a_working_token_and_never_echoes_it(
    team: Any, fake: FakeMastodon
) -> None:
    fake.add_account("roastery", "good-token")
    body = {"kind": "mastodon", "market_id": team.gb.pk, "instance_url": fake.base_url}

    refused = call(team, "POST", "/channels", {**body, "access_token": "wrong"})
    made = call(team, "POST", "/channels", {**body, "access_token": "good-token"})

    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "access_token"]
    assert made.status_code == 201, made.content
    channel = made.json()
    assert channel["config"]["max_characters"] == 800
    assert channel["config"]["acct"] == "roastery"
    assert channel["secret"] is None
    listed = call(team, "GET", "/channels").content.decode()
    assert "good-token" not in listed and "good-token" not in made.content.decode()
    stored = Channel.objects.get(pk=channel["id"])
    assert crypto.decrypt(stored.secret_encrypted) == {"access_token": "good-token"}


def test_webhook_secret_is_returned_once_and_private_urls_are_refused(
    team: Any, receiver: WebhookReceiver, settings: Any
) -> None:
    body = {"kind": "webhook", "market_id": team.gb.pk, "name": "CMS"}

    private = call(team, "POST", "/channels", {**body, "url": "https://192.168.1.10/hook"})
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    made = call(team, "POST", "/channels", {**body, "url": receiver.url})

    assert private.status_code == 422
    assert private.json()["detail"][0]["loc"] == ["body", "url"]
    assert made.status_code == 201
    secret = made.json()["secret"]
    assert secret.startswith("whsec_")
    again = call(team, "GET", f"/channels/{made.json()['id']}").json()
    assert again["secret"] is None and secret not in json.dumps(again)


def test_a_revoked_mastodon_channel_reconnects_with_a_new_token(
    team: Any, fake: FakeMastodon
) -> None:
    fake.add_account("roastery", "old-token")
    made = call(
        team, "POST", "/channels",
        {"kind": "mastodon", "market_id": team.gb.pk, "instance_url": fake.base_url,
         "access_token": "old-token"},
    ).json()  # fmt: skip
    Channel.objects.filter(pk=made["id"]).update(
        status=Channel.Status.NEEDS_RECONNECT, status_message="The token was rejected"
    )
    fake.revoke("old-token")
    fake.add_account("roastery2", "new-token")

    still_bad = call(
        team, "POST", f"/channels/{made['id']}/reconnect", {"access_token": "old-token"}
    )
    fixed = call(team, "POST", f"/channels/{made['id']}/reconnect", {"access_token": "new-token"})

    assert still_bad.status_code == 422
    assert fixed.status_code == 200
    assert fixed.json()["status"] == "active" and fixed.json()["status_message"] == ""
    channel = Channel.objects.get(pk=made["id"])
    assert crypto.decrypt(channel.secret_encrypted) == {"access_token": "new-token"}


def test_everyone_in_the_workspace_sees_a_posts_deliveries_per_channel(
    team: Any, receiver: WebhookReceiver
) -> None:
    Channel.objects.create(
        workspace=team.workspace, market=team.gb, kind="webhook", name="CMS",
        config={"url": receiver.url}, secret_encrypted=crypto.encrypt({"secret": "whsec_x"}),
    )  # fmt: skip
    from datetime import date, time

    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Winter roast", market=team.gb)
    )
    for persona, action in (("contributor", "submit"), ("reviewer", "approve")):
        post = workflow.perform(post, team.members[persona], action)
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    workflow.perform(post, team.members["manager"], "schedule")

    deliveries = call(team, "GET", f"/posts/{post.pk}/deliveries", persona="viewer")

    assert deliveries.status_code == 200
    (only,) = deliveries.json()
    assert only["channel"] == "CMS" and only["kind"] == "webhook"
    assert only["state"] == "pending" and only["published_at"] is None
    assert only["due_at"].startswith("2026-12-01T09:30:00")


def test_a_removed_channel_is_gone_and_a_second_delete_is_404(team: Any) -> None:
    channel = Channel.objects.create(
        workspace=team.workspace, market=team.gb, kind="webhook", name="CMS",
        config={"url": "https://cms.example.com/hook"},
    )  # fmt: skip

    gone = call(team, "DELETE", f"/channels/{channel.pk}")
    again = call(team, "DELETE", f"/channels/{channel.pk}")

    assert gone.status_code == 204
    assert again.status_code == 404
    assert not Channel.objects.filter(pk=channel.pk).exists()


@pytest.mark.pds
def test_a_rejected_bluesky_channel_reconnects_with_a_new_app_password_on_web_and_api(
    team: Any, local_pds: Any
) -> None:
    import httpx

    from tests.fakes.pds import create_account

    with httpx.Client(timeout=10, trust_env=False) as http:
        account = create_account(local_pds, http, "roastery")
    channel = Channel.objects.create(
        workspace=team.workspace, market=team.gb, kind="bluesky", name="@roastery",
        config={"pds_url": local_pds.pds_url, "handle": account.handle},
        secret_encrypted=crypto.encrypt({"app_password": "revoked-password"}),
        status=Channel.Status.NEEDS_RECONNECT, status_message="The app password was rejected",
    )  # fmt: skip
    web = Client()
    web.force_login(team.users["manager"])
    reconnect = f"/w/{team.workspace.slug}/channels/{channel.pk}/reconnect/"

    wrong = web.post(reconnect, {"app_password": "still-wrong"}, follow=True)
    channel.refresh_from_db()
    assert "app_password:" in wrong.content.decode()
    assert channel.status == Channel.Status.NEEDS_RECONNECT

    web.post(reconnect, {"app_password": account.app_password})
    channel.refresh_from_db()
    assert channel.status == Channel.Status.ACTIVE
    assert crypto.decrypt(channel.secret_encrypted) == {"app_password": account.app_password}

    Channel.objects.filter(pk=channel.pk).update(status=Channel.Status.NEEDS_RECONNECT)
    api = call(
        team, "POST", f"/channels/{channel.pk}/reconnect", {"app_password": account.app_password}
    )
    assert api.status_code == 200 and api.json()["status"] == "active"


# -- issue 12: Mastodon and Bluesky addresses get the outbound destination policy ------


@pytest.mark.parametrize(
    ("kind", "field", "address", "says"),
    [
        ("mastodon", "instance_url", "http://127.0.0.1:9", "https://"),
        ("mastodon", "instance_url", "https://127.0.0.1:9", "loopback"),
        ("mastodon", "instance_url", "https://10.0.0.1", "private"),
        ("mastodon", "instance_url", "https://169.254.169.254", "link-local"),
        ("mastodon", "instance_url", "https://[::ffff:10.0.0.1]", "private"),
        ("mastodon", "instance_url", "https://x.example#", "'#'"),
        ("mastodon", "instance_url", "https://admin:pw@10.0.0.1", "user name"),
        ("bluesky", "pds_url", "http://127.0.0.1:9", "https://"),
        ("bluesky", "pds_url", "https://192.168.0.10", "private"),
        ("bluesky", "pds_url", "https://pds.example#", "'#'"),
    ],
)
def test_internal_addresses_are_refused_for_every_network_on_the_api(
    team: Any, settings: Any, kind: str, field: str, address: str, says: str
) -> None:
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    body = {"kind": kind, "market_id": team.gb.pk, field: address, "access_token": "t",
            "handle": "roastery.example", "app_password": "abcd-efgh-ijkl-mnop"}  # fmt: skip

    refused = call(team, "POST", "/channels", body)

    assert refused.status_code == 422
    (error,) = refused.json()["detail"]
    assert error["loc"] == ["body", field] and says in error["msg"]
    assert not Channel.objects.exists()


def test_a_path_or_query_after_the_instance_address_is_refused(team: Any) -> None:
    # "https://host/anything?" + "/api/v1/..." would let a person choose the path.
    body = {"kind": "mastodon", "market_id": team.gb.pk, "access_token": "t",
            "instance_url": "http://127.0.0.1:9/admin?x="}  # fmt: skip
    refused = call(team, "POST", "/channels", body)
    assert refused.status_code == 422
    (error,) = refused.json()["detail"]
    assert error["loc"] == ["body", "instance_url"] and "address only" in error["msg"]


@pytest.mark.parametrize("answer", ["secret_error", "secret_json_error", "secret_account"])
def test_a_servers_answer_is_never_echoed_nor_stored(team: Any, answer: str) -> None:
    from tests.fakes.hostile_server import SECRET, HostileServer

    hostile = HostileServer([answer]).start()
    body = {"kind": "mastodon", "market_id": team.gb.pk, "access_token": "t",
            "instance_url": hostile.base_url}  # fmt: skip
    try:
        refused = call(team, "POST", "/channels", body)
        made = Channel.objects.create(
            workspace=team.workspace, market=team.gb, kind="mastodon", name="@old",
            config={"instance_url": hostile.base_url, "account_id": "1", "acct": "old"},
            status=Channel.Status.NEEDS_RECONNECT, status_message="The token was rejected",
        )  # fmt: skip
        again = call(team, "POST", f"/channels/{made.pk}/reconnect", {"access_token": "t2"})
    finally:
        hostile.stop()

    assert refused.status_code == 422 and again.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "instance_url"]
    assert SECRET not in refused.content.decode() and SECRET not in again.content.decode()
    assert "answered" in refused.json()["detail"][0]["msg"]  # says what happened, our words
    assert list(Channel.objects.values_list("name", flat=True)) == ["@old"]
    stored = Channel.objects.get()
    assert SECRET not in json.dumps(stored.config) and SECRET not in stored.status_message
