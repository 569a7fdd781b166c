"""The editor's media area: the items a post form holds (library files with their
thumbnails, older posts' placeholders), and files sent with the form itself, which is
how a browser without JavaScript uploads (a plain ``<input type=file multiple>``).

With JavaScript each file is uploaded on its own first (media/picker_views.py) and the
form carries only its asset id; either way the post is saved by ``editing`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.forms import BoundField
from django.http import HttpRequest, QueryDict

from onshore.media import library
from onshore.media.models import Asset
from onshore.media.processing import MediaRefused
from onshore.posts.forms import MEDIA_ROWS, PostForm
from onshore.posts.models import Media
from onshore.workspaces.models import Membership

FILES_FIELD = "media_files"


@dataclass(frozen=True)
class MediaEntry:
    """One item of the editor's media list: its form row and, for a file, the asset."""

    index: int
    kind: BoundField
    description: BoundField
    alt: BoundField
    asset_field: BoundField
    remove: BoundField
    position: BoundField
    asset: Asset | None

    @property
    def is_video(self) -> bool:
        return (self.asset.kind if self.asset else self.kind.value()) == "video"

    @property
    def errors(self) -> list[str]:
        return [
            *self.asset_field.errors,
            *self.description.errors,
            *(f"Position of file {self.index + 1}: {error}" for error in self.position.errors),
        ]


def entries(
    form: PostForm, membership: Membership, known: Iterable[Asset | None] = ()
) -> list[MediaEntry]:
    """The form's items in order. Their files are taken from ``known`` (the post's
    files, already read for the page) and the others, new in a form sent back, are
    read in one query."""
    indexes = form.media_indexes()
    wanted = {_as_id(form[f"media_{i}_asset"].value()) for i in indexes} - {None}
    assets = {asset.pk: asset for asset in known if asset is not None and asset.pk in wanted}
    if missing := wanted - assets.keys():
        assets.update(
            (asset.pk, asset)
            for asset in Asset.objects.filter(workspace=membership.workspace, pk__in=missing)
        )
    return [
        MediaEntry(
            index=i,
            kind=form[f"media_{i}_kind"],
            description=form[f"media_{i}_description"],
            alt=form[f"media_{i}_alt"],
            asset_field=form[f"media_{i}_asset"],
            remove=form[f"media_{i}_remove"],
            position=form[f"media_{i}_position"],
            asset=assets.get(_as_id(form[f"media_{i}_asset"].value()) or 0),
        )
        for i in indexes
    ]


def _as_id(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 12 else None


def with_uploads(request: HttpRequest, membership: Membership) -> tuple[QueryDict, list[str]]:
    """The form's data with each file sent in ``media_files`` uploaded to the library
    and added as the next item; and what was refused, naming the file and the limit.
    A file refused leaves the others added, so the page shows them on its way back."""
    data = request.POST.copy()
    files = request.FILES.getlist(FILES_FIELD)
    if not files:
        return data, []
    free = [i for i in range(MEDIA_ROWS) if not _holds_item(data, i)]
    if len(files) > len(free):
        held = MEDIA_ROWS - len(free)
        return data, [
            f"Files: a post carries at most {MEDIA_ROWS} files; it has {held} and "
            f"{len(files)} were chosen. Choose at most {len(free)}."
        ]
    errors = []
    for upload, index in zip(files, free, strict=False):
        try:
            asset, _ = library.add_upload(
                membership, library.upload_chunks(upload), upload.name or ""
            )
        except MediaRefused as exc:
            errors.append(f"Files: {exc}")
            continue
        data[f"media_{index}_asset"] = str(asset.pk)
        data[f"media_{index}_kind"] = asset.kind
        data[f"media_{index}_alt"] = asset.alt_text
    return data, errors


def _holds_item(data: QueryDict, index: int) -> bool:
    return bool(data.get(f"media_{index}_asset") or data.get(f"media_{index}_description"))


def typed_media(request: HttpRequest, membership: Membership) -> list[Media]:
    """The items as the form holds them now (unsaved rows, their files read in one
    query), for the live check: alt texts are checked as they are written, and the
    previews show the files in the order chosen."""
    rows = []
    for i in range(MEDIA_ROWS):
        asset_id = _as_id(request.POST.get(f"media_{i}_asset"))
        description = request.POST.get(f"media_{i}_description", "").strip()[:200]
        if request.POST.get(f"media_{i}_remove") or not (asset_id or description):
            continue
        kind = request.POST.get(f"media_{i}_kind", "")
        alt = request.POST.get(f"media_{i}_alt", "")[:1500]
        rows.append(
            (
                asset_id,
                Media(
                    kind="video" if kind == "video" else "image",
                    description=description,
                    alt_text=alt,
                ),
            )
        )
    wanted = {asset_id for asset_id, _ in rows if asset_id}
    assets = Asset.objects.filter(workspace=membership.workspace, pk__in=wanted) if wanted else []
    found = {asset.pk: asset for asset in assets}
    for asset_id, row in rows:
        row.asset = found.get(asset_id or 0)
        if row.asset is not None:
            row.kind = row.asset.kind
    return [row for _, row in rows]
