"""The media library over the API: upload (multipart, the same rules as the page), list
and search by alt text, read, change alt text, delete an unused asset.

The upload is read by hand, not by a ninja ``File`` parameter: its size is checked
against the limits from Content-Length before Django writes a byte of it to disk.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field, StringConstraints

from onshore.api.schemas import Id, SearchText, StrictSchema
from onshore.links import absolute_url
from onshore.media import library
from onshore.media.models import MAX_ALT_TEXT, Asset
from onshore.media.processing import MediaRefused
from onshore.workspaces.access import Forbidden, membership_or_404, require
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability

router = Router(tags=["media"])
MAX_LIMIT = 200
MAX_OFFSET = 10**9
AltText = Annotated[str, StringConstraints(max_length=MAX_ALT_TEXT)]

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "alt_text": {"type": "string", "maxLength": MAX_ALT_TEXT},
                    },
                }
            }
        },
    }
}


class AssetOut(Schema):
    id: int
    kind: str
    mime: str
    sha256: str
    size: int
    width: int
    height: int
    duration: float | None
    animated: bool
    metadata_stripped: bool
    alt_text: str
    original_name: str
    created_at: datetime
    file_url: str
    thumbnail_url: str | None
    used_by_posts: list[int]


class TooLargeOut(Schema):
    detail: str


class InUseOut(Schema):
    detail: str
    post_ids: list[int]


class AltTextIn(StrictSchema):
    alt_text: AltText


def asset_out(asset: Asset) -> dict[str, Any]:
    slug = asset.workspace.slug
    fields = [
        "id",
        "kind",
        "mime",
        "sha256",
        "size",
        "width",
        "height",
        "duration",
        "animated",
        "metadata_stripped",
        "alt_text",
        "original_name",
        "created_at",
    ]
    return {
        **{name: getattr(asset, name) for name in fields},
        "file_url": absolute_url(reverse("media_file", args=[slug, asset.pk, "file"])),
        "thumbnail_url": absolute_url(reverse("media_file", args=[slug, asset.pk, "thumbnail"]))
        if asset.thumbnail_name
        else None,
        "used_by_posts": library.used_by(asset),
    }


def _asset(member: Membership, asset_id: int) -> Asset:
    return get_object_or_404(
        Asset.objects.select_related("workspace"), pk=asset_id, workspace=member.workspace
    )


@router.post(
    "/{slug}/media",
    response={200: AssetOut, 201: AssetOut, 413: TooLargeOut},
    summary="Upload an image or video (multipart: file, alt_text)",
    description=(
        "The type is decided from the content. Refused files answer 422 naming the file "
        "and the limit; a body over the largest limit is refused unread (413). The same "
        "file uploaded again answers 200 with the asset already stored."
    ),
    openapi_extra=UPLOAD_BODY,
)
def upload_media(request: HttpRequest, slug: str) -> Status[Any]:
    member = membership_or_404(request.user, slug)
    require(member, Capability.DRAFT_POSTS)
    if _content_length(request) > library.max_request_bytes():
        limit = library.limits().max_upload_bytes // 2**20
        return Status(413, {"detail": f"Request body too large: send at most {limit:,} MB."})
    upload, alt_text = _upload_fields(request)
    try:
        asset, created = library.add_upload(
            member, library.upload_chunks(upload), upload.name or "", alt_text
        )
    except MediaRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    return Status(201 if created else 200, asset_out(asset))


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _upload_fields(request: HttpRequest) -> tuple[Any, str]:
    if not (request.content_type or "").startswith("multipart/"):
        raise ValidationError({"file": "send the file as multipart/form-data, field 'file'"})
    try:
        upload = request.FILES.get("file")
        alt_text = request.POST.get("alt_text", "")
    except MultiPartParserError:
        raise ValidationError({"file": "the multipart body cannot be read"}) from None
    if upload is None:
        raise ValidationError({"file": "send the file in a multipart field called 'file'"})
    if len(alt_text) > MAX_ALT_TEXT or "\x00" in alt_text:
        raise ValidationError({"alt_text": f"at most {MAX_ALT_TEXT} characters, no NUL"})
    return upload, alt_text


@router.get(
    "/{slug}/media",
    response=list[AssetOut],
    summary="The media library, newest first",
    description=(
        f"At most `limit` assets (1 to {MAX_LIMIT}) from `offset`; `q` keeps those whose "
        "alt text contains it. X-Total-Count counts them all."
    ),
)
def list_media(
    request: HttpRequest,
    response: HttpResponse,
    slug: str,
    q: SearchText = "",
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    member = membership_or_404(request.user, slug)
    assets = library.search(member.workspace, q).select_related("workspace")
    response["X-Total-Count"] = str(assets.count())
    return [asset_out(asset) for asset in assets.prefetch_related("uses")[offset : offset + limit]]


@router.get("/{slug}/media/{asset_id}", response=AssetOut)
def get_media(request: HttpRequest, slug: str, asset_id: Id) -> dict[str, Any]:
    return asset_out(_asset(membership_or_404(request.user, slug), asset_id))


@router.patch("/{slug}/media/{asset_id}", response=AssetOut)
def update_alt_text(
    request: HttpRequest, slug: str, asset_id: Id, payload: AltTextIn
) -> dict[str, Any]:
    member = membership_or_404(request.user, slug)
    require(member, Capability.DRAFT_POSTS)
    asset = _asset(member, asset_id)
    asset.alt_text = payload.alt_text.strip()
    asset.save(update_fields=["alt_text"])
    return asset_out(asset)


@router.delete("/{slug}/media/{asset_id}", response={204: None, 409: InUseOut})
def delete_media(request: HttpRequest, slug: str, asset_id: Id) -> Status[Any]:
    member = membership_or_404(request.user, slug)
    require(member, Capability.DRAFT_POSTS)
    asset = _asset(member, asset_id)
    if not library.may_delete(member, asset, member.user):
        raise Forbidden(Capability.EDIT_ANY_POST)
    try:
        library.delete_asset(asset)
    except library.AssetInUse as exc:
        return Status(409, {"detail": str(exc), "post_ids": exc.post_ids})
    return Status(204, None)
