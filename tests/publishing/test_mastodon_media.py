"""A post's files published to Mastodon through the outbox, against the strict fake
(tests/fakes/fake_mastodon.py, which validates media as the server does): uploaded with
their alt text, waited for while processing, named by the status, and uploaded once
even when the status's answer is lost or refused for a while."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from onshore.media import library, storage
from onshore.media.models import Asset
from onshore.posts.models import Media, Post, State
from onshore.publishing import outbox
from onshore.publishing.kinds import mastodon as mastodon_kind
from onshore.publishing.models import Delivery, DeliveryMedia, DeliveryState
from tests.factories import FIND, SEND, mastodon_channel, scheduled_post, video_clip
from tests.fakes.fake_mastodon import FakeMastodon

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock", "media_dir"),
]


def photo(
    team: Any, alt: str = "A flat white in a blue cup", colour: tuple[int, ...] = (90, 60, 30)
) -> Asset:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return library.add_upload(team.members["manager"], [out.getvalue()], "cup.jpg", alt)[0]


def clip(team: Any, tmp_path: Path) -> Asset:
    data = video_clip(tmp_path / "clip.mp4")
    return library.add_upload(team.members["manager"], [data], "clip.mp4", "")[0]


def with_files(team: Any, *assets: Asset, text: str = "Flat whites all week") -> Post:
    return scheduled_post(team, text=text, media=[{"asset_id": a.pk} for a in assets])


def step(at: Any, worker: str = "w1") -> outbox.Step | None:
    return outbox.publish_one_due(at, worker, SEND, FIND, random.Random(1))


def uploads(fake: FakeMastodon) -> list[Any]:
    return [r for r in fake.requests if (r.method, r.path) == ("POST", "/api/v2/media")]


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between polls, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(mastodon_kind, "SLEEP", waited.append)
    return waited


def test_images_are_uploaded_with_alt_text_and_carried_by_the_status(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    cup, beans = photo(team), photo(team, "Roasted beans in a sack", (20, 20, 20))
    post = with_files(team, cup, beans)
    result = step(post.scheduled_at)
    assert result is not None and result.outcome == "published", Delivery.objects.get().last_error
    (status,) = fake_mastodon.statuses
    carried = [fake_mastodon._media(media_id) for media_id in status.media_ids]
    assert [m.description for m in carried] == [
        "A flat white in a blue cup",
        "Roasted beans in a sack",
    ]
    # Exactly the stored (metadata-stripped) bytes, in the post's order.
    assert [m.file.data for m in carried] == [storage.open_file(a).read() for a in (cup, beans)]
    assert [m.file.content_type for m in carried] == ["image/jpeg", "image/jpeg"]
    assert len(uploads(fake_mastodon)) == 2
    recorded = list(DeliveryMedia.objects.values_list("position", "remote_id", "ready"))
    assert recorded == [(0, status.media_ids[0], True), (1, status.media_ids[1], True)]
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED


def test_a_video_is_waited_for_while_mastodon_processes_it(
    team: Any, fake_mastodon: FakeMastodon, sleeps: list[float], tmp_path: Path
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = with_files(team, clip(team, tmp_path), text="Watch the roaster at work")
    result = step(post.scheduled_at)
    assert result is not None and result.outcome == "published", Delivery.objects.get().last_error
    (status,) = fake_mastodon.statuses
    (video,) = [fake_mastodon._media(m) for m in status.media_ids]
    assert video.type == "video" and video.processed
    polls = [r for r in fake_mastodon.requests if r.path.startswith("/api/v1/media/")]
    assert len(polls) == 2 and len(sleeps) == 2  # 206 while processing, then 200


def test_a_file_still_processing_after_the_last_poll_is_polled_again_not_reuploaded(
    team: Any, sleeps: list[float], tmp_path: Path
) -> None:
    with FakeMastodon(processing_polls=1000) as slow:
        mastodon_channel(team, slow)
        post = with_files(team, clip(team, tmp_path))
        assert step(post.scheduled_at).outcome == "retry"
        delivery = Delivery.objects.get()
        assert "still processing" in delivery.last_error and not slow.statuses
        assert len(sleeps) == len(mastodon_kind.mastodon.POLL_DELAYS)  # bounded
        (pending,) = slow.media
        slow.finish_processing(pending.id)
        assert step(delivery.due_at).outcome == "published"
        assert len(uploads(slow)) == 1 and slow.statuses[0].media_ids == [pending.id]


def test_a_refused_status_is_retried_with_the_same_upload(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = with_files(team, photo(team))
    fake_mastodon.fail_next(1, 503, path_prefix="/api/v1/statuses")
    assert step(post.scheduled_at).outcome == "retry"
    assert len(uploads(fake_mastodon)) == 1 and not fake_mastodon.statuses
    assert step(Delivery.objects.get().due_at).outcome == "published"
    assert len(uploads(fake_mastodon)) == 1  # reused: recorded before the status call
    assert fake_mastodon.statuses[0].media_ids == [fake_mastodon.media[0].id]


def test_a_lost_answer_after_upload_neither_uploads_nor_posts_twice(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = with_files(team, photo(team))
    fake_mastodon.clock = lambda: post.scheduled_at  # agrees with the worker's clock
    fake_mastodon.hang_next(1, 3.0)  # the status is created; its answer comes too late
    assert step(post.scheduled_at).outcome == "unknown"
    delivery = Delivery.objects.get()
    assert delivery.outcome_unknown and len(fake_mastodon.statuses) == 1
    assert step(delivery.due_at).outcome == "published"
    # And sending again blindly (the read-back skipped) reuses the upload and the key.
    SEND(Delivery.objects.get(), delivery.due_at + timedelta(minutes=1))
    assert len(uploads(fake_mastodon)) == 1
    assert len(fake_mastodon.statuses) == 1
    assert fake_mastodon.statuses[0].media_ids == [fake_mastodon.media[0].id]


def test_an_upload_older_than_mastodon_keeps_it_is_made_again(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = with_files(team, photo(team))
    fake_mastodon.fail_next(1, 503, path_prefix="/api/v1/statuses")
    assert step(post.scheduled_at).outcome == "retry"
    # The channel waited 13 hours (a reconnect, the worker down): the instance may
    # have cleaned the unattached upload up by the time it is a day old.
    later = post.scheduled_at + timedelta(hours=13)
    assert step(later).outcome == "published"
    assert len(uploads(fake_mastodon)) == 2
    assert fake_mastodon.statuses[0].media_ids == [fake_mastodon.media[1].id]
    assert DeliveryMedia.objects.get().remote_id == fake_mastodon.media[1].id


def test_a_placeholder_is_refused_before_anything_is_uploaded(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    post = with_files(team, photo(team))
    Media.objects.create(post=post, description="Shop front photo", alt_text="The shop front")
    assert step(post.scheduled_at).outcome == "failed"
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert "Media 2 (“Shop front photo”) is a placeholder without a file" in delivery.last_error
    assert uploads(fake_mastodon) == [] and fake_mastodon.statuses == []


def test_claiming_deliveries_with_files_costs_the_same_queries_for_one_or_many(
    team: Any, fake_mastodon: FakeMastodon
) -> None:
    mastodon_channel(team, fake_mastodon)
    cup = photo(team)
    posts = [with_files(team, cup, text=f"Flat white number {n}") for n in range(5)]
    due = max(p.scheduled_at for p in posts)

    def reads_to_claim_and_send(limit: int) -> int:
        """The SELECTs (SQLite claims with one conditional UPDATE per delivery)."""
        with CaptureQueriesContext(connection) as captured:
            claimed = outbox.claim_due(due, f"w{limit}", limit)
            for delivery in claimed:  # what sending reads: the files and their assets
                assert [m.asset.sha256 for m in delivery.post.media.all()] == [cup.sha256]
        outbox.release(claimed, f"w{limit}")
        return sum(q["sql"].lstrip().upper().startswith("SELECT") for q in captured)

    assert reads_to_claim_and_send(1) == reads_to_claim_and_send(5)
