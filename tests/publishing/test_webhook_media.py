"""A webhook carries the post's files: signed links that expire, with type, size,
dimensions, alt text and the SHA-256 of exactly the bytes the link serves. Sent by the
worker to the real local receiver (tests/fakes/webhook_receiver.py); a placeholder
without a file fails the delivery at once, saying which item."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from PIL import Image

from onshore.media import library
from onshore.media.models import Asset
from onshore.networks import webhook
from onshore.publishing import outbox
from onshore.publishing.models import Delivery, DeliveryState
from tests.factories import (
    FIND,
    SEND,
    WEBHOOK_SECRET,
    scheduled_post,
    video_clip,
    webhook_channel,
)
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock", "media_dir"),
]


def step(at: datetime) -> outbox.Step | None:
    return outbox.publish_one_due(at, "w1", SEND, FIND, random.Random(1))


def a_photo(team: Any, alt: str = "Three cups of flat white on the counter") -> Asset:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 80, 40)).save(out, format="JPEG")
    return library.add_upload(team.members["contributor"], [out.getvalue()], "cups.jpg", alt)[0]


def delivered(receiver: WebhookReceiver) -> dict[str, Any]:
    (sent,) = receiver.deliveries
    timestamp = datetime.fromtimestamp(int(sent.headers["webhook-timestamp"]), UTC)
    webhook.verify(WEBHOOK_SECRET, sent.headers, sent.body, now=timestamp)  # the whole body
    body: dict[str, Any] = json.loads(sent.body)
    return body


def fetch(client: Any, url: str) -> Any:
    """The signed link, fetched with no session (as the receiver would)."""
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc  # absolute, for elsewhere
    return client.get(parts.path)


def test_the_payload_links_each_file_with_its_facts_and_the_link_serves_it(
    team: Any, receiver: WebhookReceiver, client: Any, settings: Any
) -> None:
    settings.WEBHOOK_MEDIA_URL_SECONDS = 3600
    webhook_channel(team, receiver)
    photo = a_photo(team)
    post = scheduled_post(team, text="Flat whites all week", media=[{"asset_id": photo.pk}])
    step(post.scheduled_at)
    assert Delivery.objects.get(post=post).state == DeliveryState.PUBLISHED
    (item,) = delivered(receiver)["post"]["media"]
    expires = post.scheduled_at + timedelta(hours=1)
    assert item == {
        "kind": "image",
        "url": item["url"],
        "url_expires_at": expires.isoformat(),
        "mime": "image/jpeg",
        "bytes": photo.size,
        "width": 640,
        "height": 480,
        "duration": None,
        "alt_text": "Three cups of flat white on the counter",
        "sha256": photo.sha256,
    }
    with time_machine.travel(expires - timedelta(seconds=5), tick=False):
        served = fetch(client, item["url"])
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        body = b"".join(served.streaming_content)
    assert len(body) == item["bytes"]
    assert hashlib.sha256(body).hexdigest() == item["sha256"]
    assert Image.open(io.BytesIO(body)).size == (item["width"], item["height"])


def test_an_expired_or_altered_link_is_refused(
    team: Any, receiver: WebhookReceiver, client: Any
) -> None:
    webhook_channel(team, receiver)
    photo = a_photo(team)
    post = scheduled_post(team, media=[{"asset_id": photo.pk}])
    step(post.scheduled_at)
    (item,) = delivered(receiver)["post"]["media"]
    expires = datetime.fromisoformat(item["url_expires_at"])
    assert expires == post.scheduled_at + timedelta(days=1)  # the default: a day
    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert fetch(client, item["url"]).status_code == 404
    with time_machine.travel(expires - timedelta(minutes=1), tick=False):
        assert fetch(client, item["url"]).status_code == 200
        url = item["url"].rstrip("/")
        altered = url[:-4] + ("AAAA" if not url.endswith("AAAA") else "BBBB") + "/"
        assert fetch(client, altered).status_code == 404


def test_files_come_in_the_posts_order_with_the_posts_alt_text(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    first, second = a_photo(team, "The shop front"), a_photo_png(team)
    post = scheduled_post(
        team,
        media=[
            {"asset_id": second.pk, "alt_text": "Our logo, a teapot"},
            {"asset_id": first.pk},
        ],
    )
    step(post.scheduled_at)
    media = delivered(receiver)["post"]["media"]
    assert [m["sha256"] for m in media] == [second.sha256, first.sha256]
    assert [m["alt_text"] for m in media] == ["Our logo, a teapot", "The shop front"]
    assert [m["mime"] for m in media] == ["image/png", "image/jpeg"]


def a_photo_png(team: Any) -> Asset:
    out = io.BytesIO()
    Image.new("RGBA", (100, 100), (0, 0, 0, 0)).save(out, format="PNG")
    return library.add_upload(team.members["contributor"], [out.getvalue()], "logo.png", "Logo")[0]


def test_a_text_only_post_has_an_empty_media_list(team: Any, receiver: WebhookReceiver) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team, text="Just words")
    step(post.scheduled_at)
    assert delivered(receiver)["post"]["media"] == []


def test_a_placeholder_without_a_file_fails_the_delivery_at_once_saying_which(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(
        team,
        media=[{"kind": "image", "description": "Photo of the new menu", "alt_text": "Menu"}],
    )
    step(post.scheduled_at)
    delivery = Delivery.objects.get(post=post)
    assert delivery.state == DeliveryState.FAILED and delivery.attempts == 1  # no retries
    assert "Media 1 (“Photo of the new menu”) is a placeholder without a file" in (
        delivery.last_error
    )
    assert receiver.deliveries == []  # nothing half-sent


@pytest.mark.skipif(
    not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
    reason="ffmpeg/ffprobe not installed (make media-tools)",
)
def test_a_video_carries_its_duration(
    team: Any, receiver: WebhookReceiver, client: Any, tmp_path: Path
) -> None:
    data = video_clip(tmp_path / "clip.mp4", size="320x240", seconds=2)
    video = library.add_upload(team.members["owner"], [data], "clip.mp4", "")[0]
    webhook_channel(team, receiver)
    post = scheduled_post(team, media=[{"asset_id": video.pk}])
    step(post.scheduled_at)
    (item,) = delivered(receiver)["post"]["media"]
    assert (item["kind"], item["mime"], item["width"], item["height"]) == (
        "video",
        "video/mp4",
        320,
        240,
    )
    assert item["duration"] == pytest.approx(2.0, abs=0.2)
    served = fetch(client, item["url"])
    assert hashlib.sha256(b"".join(served.streaming_content)).hexdigest() == item["sha256"]
