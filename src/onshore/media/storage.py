"""The media files in Django's storage (``STORAGES["media"]``: the data directory by
default, an S3-compatible bucket with ``ONSHORE_MEDIA_URL=s3://…``), and short-lived
signed links to them for webhooks and networks that cannot log in.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Literal

from django.core import signing
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.urls import reverse

from onshore.links import absolute_url
from onshore.media.models import Asset
from onshore.media.processing import Processed

Variant = Literal["file", "thumbnail"]
VARIANTS: tuple[Variant, ...] = ("file", "thumbnail")
SIGNING_SALT = "onshore.media.signed-url"
DEFAULT_SIGNED_SECONDS = 15 * 60
MAX_SIGNED_SECONDS = 7 * 24 * 60 * 60


class BadSignature(ValueError):
    """A signed media link that was altered, is for nothing, or has expired."""


def media_storage() -> Storage:
    return storages["media"]


def storage_names(workspace_id: int, sha256: str, extension: str) -> tuple[str, str]:
    """Where a workspace's file and its thumbnail live: by content hash, so the same
    content has one name and a retried upload finds what the first one stored."""
    stem = f"w{workspace_id}/{sha256[:2]}/{sha256}"
    return f"{stem}.{extension}", f"{stem}.thumb.webp"


def store(workspace_id: int, processed: Processed) -> tuple[str, str]:
    """Save the processed file and thumbnail; the names they were stored under."""
    file_name, thumbnail_name = storage_names(workspace_id, processed.sha256, processed.extension)
    stored_file = _save(file_name, processed.path)
    if processed.thumbnail_path is None:
        return stored_file, ""
    return stored_file, _save(thumbnail_name, processed.thumbnail_path)


def _save(name: str, path: Path) -> str:
    storage = media_storage()
    if storage.exists(name):
        return name  # same hash, same bytes: left by an attempt that failed after storing
    with path.open("rb") as handle:
        return storage.save(name, File(handle, name=name))


def open_file(asset: Asset, variant: Variant = "file") -> File[bytes]:
    """The stored file (or thumbnail) opened for reading; FileNotFoundError if gone."""
    name = asset.file_name if variant == "file" else asset.thumbnail_name
    if not name:
        raise FileNotFoundError(f"asset {asset.pk} has no {variant}")
    return media_storage().open(name, "rb")


def delete_files(asset: Asset) -> None:
    storage = media_storage()
    for name in (asset.file_name, asset.thumbnail_name):
        if name:
            storage.delete(name)


def signed_token(asset: Asset, variant: Variant, seconds: int, now: float) -> str:
    """A token naming the asset, the variant and when it stops working."""
    seconds = max(1, min(seconds, MAX_SIGNED_SECONDS))
    payload = {"a": asset.pk, "v": variant, "e": int(now) + seconds}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def read_signed(token: str, now: float) -> tuple[int, Variant]:
    """The asset id and variant a token names; BadSignature if altered or expired."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        raise BadSignature("altered or not a media link") from None
    if not isinstance(payload, dict) or payload.get("v") not in VARIANTS:
        raise BadSignature("not a media link")
    if not isinstance(payload.get("e"), int) or payload["e"] < now:
        raise BadSignature("expired")
    if not isinstance(payload.get("a"), int):
        raise BadSignature("not a media link")
    return payload["a"], payload["v"]


def signed_url(
    asset: Asset,
    variant: Variant = "file",
    seconds: int = DEFAULT_SIGNED_SECONDS,
    now: float | None = None,
) -> str:
    """An absolute link to the file that works without a session until it expires (at
    most a week): for webhook payloads and networks that fetch media by URL."""
    token = signed_token(asset, variant, seconds, time.time() if now is None else now)
    return absolute_url(reverse("media_signed", args=[token]))
