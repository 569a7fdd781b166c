"""A scheduled post published to a real local Bluesky PDS through the outbox: one record,
even when the answer is lost and the worker tries again."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from onshore.networks import UnknownOutcome, bluesky
from onshore.publishing import crypto, outbox, senders
from onshore.publishing.models import Channel, Delivery, DeliveryState
from tests.factories import FIND, SEND, scheduled_post
from tests.fakes.pds import LocalPds, create_account, posts_on_pds

pytestmark = [pytest.mark.pds, pytest.mark.django_db, pytest.mark.usefixtures("planning_clock")]


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, trust_env=False) as client:
        yield client


def bluesky_channel(team: Any, pds: LocalPds, http: httpx.Client) -> tuple[Channel, Any]:
    account = create_account(pds, http, "roastery")
    channel = Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="bluesky",
        name="@roastery",
        config={"pds_url": pds.pds_url, "handle": account.handle},
        secret_encrypted=crypto.encrypt({"app_password": account.app_password}),
    )
    return channel, account


def test_published_once_with_facets_and_langs(
    team: Any,
    local_pds: LocalPds,
    http: httpx.Client,
) -> None:
    _, account = bluesky_channel(team, local_pds, http)
    post = scheduled_post(
        team, text="Winter roast ☕ is here: https://example.com #coffee", networks=["bluesky"]
    )
    step = outbox.publish_one_due(post.scheduled_at, "w1", SEND, FIND, random.Random(1))
    assert step is not None and step.outcome == "published", Delivery.objects.get().last_error
    (record,) = posts_on_pds(local_pds, account, http)
    value = record["value"]
    assert value["text"] == "Winter roast ☕ is here: https://example.com #coffee"
    assert value["langs"] == ["en-GB"]
    text_bytes = value["text"].encode()
    spans = {
        text_bytes[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode()
        for f in value["facets"]
    }
    assert spans == {"https://example.com", "#coffee"}
    delivery = Delivery.objects.get(post=post)
    assert delivery.remote_url.startswith("https://bsky.app/profile/")


def test_a_lost_answer_is_read_back_and_never_doubles_the_post(
    team: Any,
    local_pds: LocalPds,
    http: httpx.Client,
) -> None:
    _, account = bluesky_channel(team, local_pds, http)
    post = scheduled_post(team, text="Scones at ten", networks=["bluesky"])

    def send_then_lose_the_answer(delivery: Delivery, now: Any) -> Any:
        SEND(delivery, now)  # the PDS stores the record...
        raise UnknownOutcome("the connection dropped before the answer")  # ...we never hear

    first = outbox.publish_one_due(
        post.scheduled_at, "w1", send_then_lose_the_answer, FIND, random.Random(1)
    )
    assert first is not None and first.outcome == "unknown"
    delivery = Delivery.objects.get(post=post)
    second = outbox.publish_one_due(delivery.due_at, "w2", SEND, FIND, random.Random(1))
    assert second is not None and second.outcome == "published"
    assert len(posts_on_pds(local_pds, account, http)) == 1
    # Even sending again blindly collides on the deterministic record key.
    SEND(Delivery.objects.get(pk=delivery.pk), delivery.due_at + timedelta(minutes=5))
    assert len(posts_on_pds(local_pds, account, http)) == 1
    assert Delivery.objects.get(pk=delivery.pk).state == DeliveryState.PUBLISHED
    assert senders.bluesky_record_key(delivery) == bluesky.record_key(
        str(delivery.key), delivery.created_at
    )
