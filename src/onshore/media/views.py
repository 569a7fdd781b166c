"""The media library page (upload, search by alt text, where each file is used, the
storage used) and the file routes: to members only, or by a signed link that expires.

Views read the request and call ``library``; the rules live there.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.files import File
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from onshore.media import library, ranges, storage
from onshore.media.models import MAX_ALT_TEXT, Asset
from onshore.media.processing import MediaRefused
from onshore.workspaces.access import membership_or_404
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view

PER_PAGE = 60
SEARCH_MAX = 200
# Members' browsers may keep a file a day: its name is its content hash, so it never
# changes; "private" keeps shared caches (proxies) from holding it.
MEMBER_CACHE = "private, max-age=86400, immutable"
# Served files are data, never a page: nothing in them may run or be framed.
FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"


@member_view(Capability.VIEW_WORKSPACE)
def media_library(request: HttpRequest, membership: Membership) -> HttpResponse:
    if request.method == "POST":
        return _upload(request, membership)
    return _library_page(request, membership)


def _library_page(
    request: HttpRequest, membership: Membership, error: str = "", status: int = 200
) -> HttpResponse:
    q = _form_text(request.GET.get("q", ""), SEARCH_MAX)
    assets = library.search(membership.workspace, q).prefetch_related("uses")
    page = Paginator(assets, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "membership": membership,
        "page": page,
        "q": q,
        "error": error,
        # Kept after a refusal, so the description typed is not lost with the file.
        "alt_text": _form_text(request.POST.get("alt_text", ""), MAX_ALT_TEXT) if error else "",
        "used": library.storage_used(membership.workspace),
        "count": Asset.objects.filter(workspace=membership.workspace).count(),
        "may_upload": membership.can(Capability.DRAFT_POSTS),
        "max_alt": MAX_ALT_TEXT,
        "limits": library.limits(),
        "rows": [(asset, library.used_by(asset), _may_delete(membership, asset)) for asset in page],
    }
    return render(request, "media/library.html", context, status=status)


def _may_delete(membership: Membership, asset: Asset) -> bool:
    return library.may_delete(membership, asset, membership.user)


def _upload(request: HttpRequest, membership: Membership) -> HttpResponse:
    if not membership.can(Capability.DRAFT_POSTS):
        return render(request, "403.html", {"membership": membership}, status=403)
    if _content_length(request) > library.max_request_bytes():
        # Refused before Django reads a byte of the body into files.
        error = "The upload is larger than onshore accepts; see the limits below."
        return _library_page(request, membership, error, status=413)
    upload = request.FILES.get("file")
    if upload is None:
        return _library_page(request, membership, "Choose a file to upload.", status=422)
    alt_text = _form_text(request.POST.get("alt_text", ""), MAX_ALT_TEXT)
    try:
        asset, created = library.add_upload(
            membership, library.upload_chunks(upload), upload.name or "", alt_text
        )
    except MediaRefused as exc:
        return _library_page(request, membership, str(exc), status=422)
    note = "Uploaded" if created else "Already in the library (the same file is kept once)"
    messages.success(request, f"{note}: {asset}.")
    return redirect("media_library", membership.workspace.slug)


def _form_text(value: str, limit: int) -> str:
    """Text typed into the page, bounded, without NUL (which PostgreSQL cannot store)."""
    return value.replace("\x00", "")[:limit]


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@require_POST
@member_view(Capability.DRAFT_POSTS)
def asset_alt_text(request: HttpRequest, membership: Membership, asset_id: int) -> HttpResponse:
    asset = _asset(membership, asset_id)
    asset.alt_text = _form_text(request.POST.get("alt_text", ""), MAX_ALT_TEXT).strip()
    asset.save(update_fields=["alt_text"])
    messages.success(request, "Alt text saved.")
    return redirect("media_library", membership.workspace.slug)


@require_POST
@member_view(Capability.DRAFT_POSTS)
def asset_delete(request: HttpRequest, membership: Membership, asset_id: int) -> HttpResponse:
    asset = _asset(membership, asset_id)
    if not library.may_delete(membership, asset, membership.user):
        return render(request, "403.html", {"membership": membership}, status=403)
    try:
        freed = library.delete_asset(asset)
    except library.AssetInUse as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Deleted {asset} ({freed:,} bytes freed).")
    return redirect("media_library", membership.workspace.slug)


def _asset(membership: Membership, asset_id: int) -> Asset:
    return get_object_or_404(Asset, pk=asset_id, workspace=membership.workspace)


def asset_file(request: HttpRequest, slug: str, asset_id: int, variant: str) -> HttpResponseBase:
    """The stored file or its thumbnail, to members of the asset's workspace only:
    outsiders and anonymous visitors get 404 (not a log-in page that confirms it)."""
    membership = membership_or_404(request.user, slug)
    if variant not in storage.VARIANTS:
        raise Http404("No such file")
    return _file_response(request, _asset(membership, asset_id), variant, MEMBER_CACHE)


def asset_signed(request: HttpRequest, token: str) -> HttpResponseBase:
    """A file by a signed link (webhooks, networks): 404 once altered or expired."""
    try:
        asset_id, variant = storage.read_signed(token, time.time())
    except storage.BadSignature:
        raise Http404("No such file") from None
    asset = get_object_or_404(Asset, pk=asset_id)
    return _file_response(request, asset, variant, "private, max-age=300")


def _file_response(
    request: HttpRequest, asset: Asset, variant: str, cache_control: str
) -> HttpResponseBase:
    thumbnail = variant == "thumbnail"
    try:
        handle = storage.open_file(asset, "thumbnail" if thumbnail else "file")
    except FileNotFoundError:
        raise Http404("No such file") from None
    mime = "image/webp" if thumbnail else asset.mime
    response = _whole_or_range(
        request, handle, asset.thumbnail_size if thumbnail else asset.size, mime
    )
    extension = "webp" if thumbnail else asset.extension
    response["Content-Disposition"] = f'inline; filename="{asset.sha256[:16]}.{extension}"'
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Accept-Ranges"] = "bytes"
    return response


def _whole_or_range(
    request: HttpRequest, handle: File[bytes], size: int, mime: str
) -> HttpResponseBase:
    try:
        asked = ranges.requested_range(request.headers.get("Range", ""), size)
    except ValueError:
        handle.close()
        return ranges.not_satisfiable(size)
    if asked is None:
        return FileResponse(handle, content_type=mime)
    return ranges.partial_response(handle, asked[0], asked[1], size, mime)
