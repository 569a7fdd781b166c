"""The files a delivery carries, uploaded to its network at most once per attempt chain.

A post with media is published in two steps: upload each file, then the status or
record that names the uploads. The second step may lose its answer (or the worker may
die after the first), and the retry must neither post twice (the kinds' own keys and
read-back see to that) nor upload every file again. So each upload is recorded as a
``DeliveryMedia`` row in its own transaction, committed before the next network call,
and the next attempt reuses what was recorded, for as long as the network keeps an
upload nobody has used yet:

- Mastodon destroys unattached media older than a day
  (app/workers/scheduler/media_cleanup_scheduler.rb: ``unattached.where('created_at <
  ?', 1.day.ago)``, run by Sidekiq's scheduler); onshore reuses within 12 hours, well
  inside that, since the cleanup runs on the instance's schedule, not ours.
- A Bluesky PDS deletes an uploaded blob "if it is not referenced within a time window
  (eg, minutes)" (docs.bsky.app, com.atproto.repo.uploadBlob; atproto.com/guides/
  blob-lifecycle: garbage collected after "an appropriate time span", which differs
  between PDSes); onshore reuses within 5 minutes and uploads again after. Blobs are
  content-addressed, so uploading the same bytes again gives the same reference.

Which bytes are uploaded is ``media.outgoing.file_for_network``'s decision, never ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from onshore.marketfit import MediaLimits
from onshore.media.outgoing import OutgoingFile, file_for_network
from onshore.networks import PublishError
from onshore.posts.models import Media
from onshore.publishing.models import Delivery, DeliveryMedia

MASTODON_REUSE = timedelta(hours=12)
BLUESKY_REUSE = timedelta(minutes=5)


@dataclass(frozen=True)
class Uploaded:
    """What a network answered to one upload."""

    remote_id: str  # Mastodon's media id, a blob's CID
    remote: dict[str, Any]  # the JSON to keep (a blob as the record embeds it)
    ready: bool  # usable now (Mastodon processes video after answering 202)


Upload = Callable[[OutgoingFile], Uploaded]


def files_of(delivery: Delivery) -> list[Media]:
    """The post's media in order (of id, as every reader of a post's media has it),
    from what the outbox's claim prefetched. A placeholder (a description of a file
    still to come) is refused before anything is uploaded: publishing the text without
    the picture it announces would be a different post from the one approved."""
    files = sorted(delivery.post.media.all(), key=lambda item: item.pk)
    for number, item in enumerate(files, start=1):
        if item.asset_id is None:
            raise PublishError(
                f"Media {number} (“{item.description[:60]}”) is a placeholder without a "
                "file: upload the file in the post's media, or remove it, then publish again.",
                permanent=True,
            )
    return files


def channel_limits(config: Mapping[str, Any]) -> MediaLimits | None:
    """The channel's own media limits (a Mastodon instance's, read at connect)."""
    stored = config.get("media_limits")
    return MediaLimits.from_config(stored) if isinstance(stored, Mapping) else None


def upload_all(
    delivery: Delivery,
    files: Sequence[Media],
    network: str,
    *,
    reuse_within: timedelta,
    now: datetime,
    upload: Upload,
    limits: MediaLimits | None = None,
) -> list[DeliveryMedia]:
    """Each file's upload, in the post's order: the one an earlier attempt recorded
    for the same file when the network still keeps it, else a new upload, recorded
    (and committed) before the next file or the status."""
    if not files:
        return []
    # Read afresh, not prefetched: the previous attempt may have recorded some.
    recorded = {row.position: row for row in DeliveryMedia.objects.filter(delivery=delivery)}
    uploads = []
    for position, item in enumerate(files):
        earlier = recorded.get(position)
        if earlier is not None and _still_usable(earlier, item, reuse_within, now):
            uploads.append(earlier)
            continue
        assert item.asset is not None  # files_of refused placeholders
        outgoing = file_for_network(item.asset, network, limits)
        answer = upload(_with_alt_text(outgoing, item))
        uploads.append(record(delivery, position, item, outgoing.sha256, answer, now))
    return uploads


def forget(upload: DeliveryMedia) -> None:
    """The network no longer has it (cleaned up early): the next attempt uploads again."""
    with transaction.atomic():
        DeliveryMedia.objects.filter(pk=upload.pk).delete()


def mark_ready(upload: DeliveryMedia) -> None:
    """Processing finished: a later attempt need not ask again."""
    with transaction.atomic():
        DeliveryMedia.objects.filter(pk=upload.pk).update(ready=True)
    upload.ready = True


def record(
    delivery: Delivery,
    position: int,
    item: Media,
    sha256: str,
    answer: Uploaded,
    now: datetime,
) -> DeliveryMedia:
    """Keep one upload, in its own transaction: in the worker (autocommit) it is
    committed when this returns, before the status that names it is sent."""
    with transaction.atomic():
        row, _ = DeliveryMedia.objects.update_or_create(
            delivery=delivery,
            position=position,
            defaults={
                "media": item,
                "asset_id": item.asset_id,
                "sha256": sha256,
                "remote_id": answer.remote_id,
                "remote": answer.remote,
                "ready": answer.ready,
                "uploaded_at": now,
            },
        )
    return row


def _still_usable(row: DeliveryMedia, item: Media, within: timedelta, now: datetime) -> bool:
    same_file = row.media_id == item.pk and row.asset_id == item.asset_id
    return same_file and now - row.uploaded_at < within


def _with_alt_text(outgoing: OutgoingFile, item: Media) -> OutgoingFile:
    alt_text = item.published_alt_text
    return outgoing if alt_text == outgoing.alt_text else replace(outgoing, alt_text=alt_text)
