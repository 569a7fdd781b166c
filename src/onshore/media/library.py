"""A workspace's media library: add an upload (processed, stored once per content),
find assets by alt text, see the storage used, delete and prune unused assets.

Pages, API and (later) CSV import and the editor call these; they hold the rules.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Sum

from onshore.accounts.models import User
from onshore.media import storage
from onshore.media.models import Asset
from onshore.media.processing import Limits, Processed, Tools, process_file, receive
from onshore.workspaces.access import require
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.roles import Capability

# Multipart framing and the form's other fields on top of the largest file allowed.
REQUEST_OVERHEAD_BYTES = 256 * 1024


class AssetInUse(Exception):
    """An asset still used by posts cannot be deleted; ``post_ids`` names them."""

    def __init__(self, post_ids: list[int]) -> None:
        self.post_ids = post_ids
        shown = ", ".join(f"#{pk}" for pk in post_ids[:5])
        more = f" and {len(post_ids) - 5} more" if len(post_ids) > 5 else ""
        super().__init__(f"This file is used by post {shown}{more}; remove it there first.")


def limits() -> Limits:
    return Limits(
        max_image_bytes=settings.MEDIA_MAX_IMAGE_BYTES,
        max_video_bytes=settings.MEDIA_MAX_VIDEO_BYTES,
        max_pixels=settings.MEDIA_MAX_PIXELS,
        max_side=settings.MEDIA_MAX_SIDE,
    )


def tools() -> Tools:
    """ffprobe and ffmpeg where Debian puts them (``make media-tools``), or None."""
    return Tools(ffprobe=shutil.which("ffprobe"), ffmpeg=shutil.which("ffmpeg"))


def max_request_bytes() -> int:
    """The largest upload request read at all: bigger ones are refused unread."""
    return limits().max_upload_bytes + REQUEST_OVERHEAD_BYTES


def upload_chunks(upload: UploadedFile) -> Iterable[bytes]:
    return upload.chunks()


def add_upload(
    membership: Membership, chunks: Iterable[bytes], name: str, alt_text: str = ""
) -> tuple[Asset, bool]:
    """Process and store one upload; (the asset, whether it is new).

    The same content uploaded again returns the existing asset (its alt text is kept,
    or set when it had none). Raises MediaRefused for a file onshore will not store.
    """
    require(membership, Capability.DRAFT_POSTS)
    with tempfile.TemporaryDirectory(prefix="onshore-upload-") as workdir:
        path = receive(chunks, Path(workdir), name, limits())
        processed = process_file(path, name, limits(), tools())
        existing = _existing(membership.workspace, processed.sha256)
        if existing is not None:
            return _with_alt_text(existing, alt_text), False
        file_name, thumbnail_name = storage.store(membership.workspace.pk, processed)
        return _record(membership, processed, name, alt_text, file_name, thumbnail_name)


def _existing(workspace: Workspace, sha256: str) -> Asset | None:
    return Asset.objects.filter(workspace=workspace, sha256=sha256).first()


def _with_alt_text(asset: Asset, alt_text: str) -> Asset:
    if alt_text.strip() and not asset.alt_text:
        asset.alt_text = alt_text.strip()
        asset.save(update_fields=["alt_text"])
    return asset


def _record(
    membership: Membership,
    processed: Processed,
    name: str,
    alt_text: str,
    file_name: str,
    thumbnail_name: str,
) -> tuple[Asset, bool]:
    thumbnail = processed.thumbnail_path
    try:
        with transaction.atomic():
            asset = Asset.objects.create(
                workspace=membership.workspace,
                sha256=processed.sha256,
                kind=processed.kind,
                mime=processed.mime,
                size=processed.size,
                thumbnail_size=thumbnail.stat().st_size if thumbnail else 0,
                width=processed.width,
                height=processed.height,
                duration=processed.duration,
                animated=processed.animated,
                metadata_stripped=processed.metadata_stripped,
                alt_text=alt_text.replace("\x00", "").strip(),
                original_name=Path(name.replace("\x00", "")).name[:200],
                uploaded_by=membership.user,
                file_name=file_name,
                thumbnail_name=thumbnail_name,
            )
    except IntegrityError:
        # Two uploads of one file at once: the other stored the same bytes first.
        return Asset.objects.get(workspace=membership.workspace, sha256=processed.sha256), False
    return asset, True


def search(workspace: Workspace, q: str = "") -> QuerySet[Asset]:
    """The workspace's assets, newest first; ``q`` keeps those whose alt text has it."""
    assets = Asset.objects.filter(workspace=workspace).select_related("uploaded_by")
    if q.strip():
        assets = assets.filter(alt_text__icontains=q.strip())
    return assets


def storage_used(workspace: Workspace) -> int:
    """Bytes the workspace's files and thumbnails take in the media storage."""
    total = Asset.objects.filter(workspace=workspace).aggregate(
        total=Sum(F("size") + F("thumbnail_size"))
    )["total"]
    return int(total or 0)


def used_by(asset: Asset) -> list[int]:
    """Ids of the posts that carry the asset (posts.Media rows point at it); read from
    ``prefetch_related("uses")`` when the list was fetched with it."""
    return sorted({use.post_id for use in asset.uses.all()})


def may_delete(membership: Membership, asset: Asset, user: User) -> bool:
    """Managers delete any asset; people who draft posts, those they uploaded."""
    if membership.can(Capability.EDIT_ANY_POST):
        return True
    return membership.can(Capability.DRAFT_POSTS) and asset.uploaded_by_id == user.pk


def delete_asset(asset: Asset) -> int:
    """Remove an unused asset and its files; the bytes freed. AssetInUse if a post has it."""
    with transaction.atomic():
        locked = Asset.objects.select_for_update().get(pk=asset.pk)
        posts = used_by(locked)
        if posts:
            raise AssetInUse(posts)
        freed = locked.bytes_stored
        locked.delete()
    # Files go after the row: a crash between leaves an orphan file, never a broken row.
    storage.delete_files(asset)
    return freed


@dataclass(frozen=True)
class Pruned:
    workspace: str
    name: str
    bytes_freed: int


def prune_unused(older_than: timedelta, now: datetime) -> list[Pruned]:
    """Delete every asset no post uses that was uploaded before ``now - older_than``."""
    candidates = Asset.objects.filter(created_at__lt=now - older_than, uses__isnull=True)
    pruned = []
    for asset in candidates.select_related("workspace").distinct():
        try:
            freed = delete_asset(asset)
        except AssetInUse:
            continue  # used since the query ran
        pruned.append(Pruned(asset.workspace.slug, str(asset), freed))
    return pruned
