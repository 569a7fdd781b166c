"""The post editor's two media routes: one file uploaded from the editor (answered in
JSON for its progress bar and item), and the library picker ("Choose from library").

The rules are library.py's, as for the library page; these read the request and answer.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from onshore.media import library
from onshore.media.models import MAX_ALT_TEXT, Asset
from onshore.media.processing import MediaRefused
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

# As posts.editing refuses more: a post carries at most this many files.
MAX_PER_POST = 10
PICK_PER_PAGE = 24
SEARCH_MAX = 200


def _refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _bounded_int(value: str | None) -> int | None:
    """A small count from the form; None when absent or not a number."""
    if not value or not value.isdigit() or len(value) > 4:
        return None
    return int(value)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def editor_upload(request: HttpRequest, membership: Membership) -> HttpResponse:
    """One file, multipart field ``file``; ``in_post``: how many files the post holds
    already (an 11th is refused before a byte is stored). JSON either way."""
    if library.max_request_bytes() < _content_length(request):
        # Refused before Django reads the body into files.
        limit = library.limits()
        return _refused(
            "The file is larger than onshore accepts: images up to "
            f"{limit.max_image_bytes:,} bytes, videos up to {limit.max_video_bytes:,} bytes.",
            status=413,
        )
    in_post = _bounded_int(request.POST.get("in_post"))
    if in_post is not None and in_post >= MAX_PER_POST:
        return _refused(f"A post carries at most {MAX_PER_POST} files; remove one first.")
    upload = request.FILES.get("file")
    if upload is None:
        return _refused("file: choose an image or a video to upload.")
    alt_text = request.POST.get("alt_text", "").replace("\x00", "")[:MAX_ALT_TEXT]
    try:
        asset, created = library.add_upload(
            membership, library.upload_chunks(upload), upload.name or "", alt_text
        )
    except MediaRefused as exc:
        return _refused(str(exc))
    return JsonResponse({**asset_json(membership, asset), "created": created}, status=201)


def asset_json(membership: Membership, asset: Asset) -> dict[str, Any]:
    """What the editor needs to show a file as an item of the post."""
    slug = membership.workspace.slug
    return {
        "id": asset.pk,
        "kind": asset.kind,
        "alt_text": asset.alt_text,
        "name": asset.original_name,
        "width": asset.width,
        "height": asset.height,
        "duration": asset.duration,
        "length": clock_length(asset.duration),
        "thumbnail": (
            reverse("media_file", args=[slug, asset.pk, "thumbnail"])
            if asset.thumbnail_name
            else ""
        ),
    }


def clock_length(seconds: float | None) -> str:
    """A video's length as players show it: 0:07, 1:05, 1:02:03; "" for none."""
    if seconds is None:
        return ""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@require_GET
@member_view(Capability.DRAFT_POSTS)
def editor_pick(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The workspace's files, newest first, searched by alt text, a page at a time: an
    HTML fragment for the editor's picker, or JSON with ``?format=json``."""
    q = request.GET.get("q", "").replace("\x00", "")[:SEARCH_MAX]
    page = Paginator(library.search(membership.workspace, q), PICK_PER_PAGE).get_page(
        _bounded_int(request.GET.get("page")) or 1
    )
    items = [asset_json(membership, asset) for asset in page]
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"items": items, "page": page.number, "pages": page.paginator.num_pages, "q": q}
        )
    context = {"membership": membership, "items": items, "page": page, "q": q}
    return render(request, "media/_picker.html", context)
