"""A post's images published to a real local Bluesky PDS through the outbox: uploaded as
blobs, embedded with their alt text and aspect ratio, read back from the repository;
uploaded once when the record's answer is lost; video refused clearly."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from onshore.media import library, storage
from onshore.media.models import Asset
from onshore.networks import UnknownOutcome
from onshore.publishing import crypto, outbox
from onshore.publishing.models import Channel, Delivery, DeliveryMedia, DeliveryState
from tests.factories import FIND, SEND, scheduled_post, video_clip
from tests.fakes.pds import LocalPds, create_account, posts_on_pds

pytestmark = [
    pytest.mark.pds,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock", "media_dir"),
]


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, trust_env=False) as client:
        yield client


def bluesky_account(team: Any, pds: LocalPds, http: httpx.Client) -> Any:
    account = create_account(pds, http, "roastery")
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="bluesky",
        name="@roastery",
        config={"pds_url": pds.pds_url, "handle": account.handle},
        secret_encrypted=crypto.encrypt({"app_password": account.app_password}),
    )
    return account


def photo(team: Any, alt: str, size: tuple[int, int], colour: tuple[int, int, int]) -> Asset:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return library.add_upload(team.members["manager"], [out.getvalue()], "photo.jpg", alt)[0]


def step(at: Any, send: Any = SEND, worker: str = "w1") -> outbox.Step | None:
    return outbox.publish_one_due(at, worker, send, FIND, random.Random(1))


def blob_bytes(pds: LocalPds, did: str, cid: str, http: httpx.Client) -> bytes:
    answer = http.get(
        f"{pds.pds_url}/xrpc/com.atproto.sync.getBlob", params={"did": did, "cid": cid}
    )
    assert answer.is_success, answer.text
    return answer.content


def test_images_are_embedded_with_alt_text_and_aspect_ratio(
    team: Any, local_pds: LocalPds, http: httpx.Client
) -> None:
    account = bluesky_account(team, local_pds, http)
    cup = photo(team, "A flat white in a blue cup", (64, 48), (90, 60, 30))
    sack = photo(team, "Roasted beans in a sack", (30, 60), (20, 20, 20))
    post = scheduled_post(
        team, text="Flat whites all week", media=[{"asset_id": cup.pk}, {"asset_id": sack.pk}]
    )
    result = step(post.scheduled_at)
    assert result is not None and result.outcome == "published", Delivery.objects.get().last_error
    (record,) = posts_on_pds(local_pds, account, http)
    embed = record["value"]["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    assert [(i["alt"], i["aspectRatio"]) for i in embed["images"]] == [
        ("A flat white in a blue cup", {"width": 64, "height": 48}),
        ("Roasted beans in a sack", {"width": 30, "height": 60}),
    ]
    # The blobs the record references are the stored (metadata-stripped) files.
    cids = [i["image"]["ref"]["$link"] for i in embed["images"]]
    for cid, asset in zip(cids, (cup, sack), strict=True):
        assert blob_bytes(local_pds, account.did, cid, http) == storage.open_file(asset).read()
    assert list(DeliveryMedia.objects.values_list("remote_id", flat=True)) == cids


def test_a_lost_answer_after_upload_reuses_the_blobs_and_posts_once(
    team: Any, local_pds: LocalPds, http: httpx.Client
) -> None:
    account = bluesky_account(team, local_pds, http)
    cup = photo(team, "A flat white in a blue cup", (64, 48), (90, 60, 30))
    post = scheduled_post(team, text="Scones at ten", media=[{"asset_id": cup.pk}])

    def send_then_lose_the_answer(delivery: Delivery, now: Any) -> Any:
        SEND(delivery, now)  # blob uploaded and recorded, record written...
        raise UnknownOutcome("the connection dropped before the answer")  # ...never heard

    assert step(post.scheduled_at, send_then_lose_the_answer).outcome == "unknown"
    first = DeliveryMedia.objects.get()
    delivery = Delivery.objects.get()
    assert step(delivery.due_at, worker="w2").outcome == "published"
    # Sending again blindly reuses the recorded blob and collides on the record key.
    SEND(Delivery.objects.get(), delivery.due_at)
    assert DeliveryMedia.objects.get().uploaded_at == first.uploaded_at  # no new upload
    (record,) = posts_on_pds(local_pds, account, http)
    assert record["value"]["embed"]["images"][0]["image"]["ref"]["$link"] == first.remote_id


def test_video_is_refused_before_anything_is_uploaded(
    team: Any, local_pds: LocalPds, http: httpx.Client, tmp_path: Path
) -> None:
    account = bluesky_account(team, local_pds, http)
    data = video_clip(tmp_path / "clip.mp4")
    clip = library.add_upload(team.members["manager"], [data], "clip.mp4", "")[0]
    # The local PDS (dev-env without an app view) has no video service to hand it to.
    probe = http.get(f"{local_pds.pds_url}/xrpc/app.bsky.video.getUploadLimits")
    assert not probe.is_success
    post = scheduled_post(team, text="Watch the roaster", media=[{"asset_id": clip.pk}])
    assert step(post.scheduled_at).outcome == "failed"
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.last_error.startswith("Video is not supported on Bluesky yet")
    assert DeliveryMedia.objects.count() == 0 and posts_on_pds(local_pds, account, http) == []
