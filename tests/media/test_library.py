"""The media library: upload through the page, stored once, served to members only (404
for outsiders and anonymous visitors), signed links that expire, deleting and pruning.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.timezone import now
from PIL import Image

from onshore.media import library, storage
from onshore.media.models import Asset
from onshore.posts.models import Media, Post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def jpeg(colour: tuple[int, int, int] = (200, 40, 40), gps: bool = False) -> bytes:
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825)[2] = (51.0, 30.0, 26.0)
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(client: Client, slug: str, data: bytes, name: str = "shop.jpg", alt: str = "") -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(f"/w/{slug}/media/", {"file": file, "alt_text": alt})


def test_a_contributor_uploads_and_sees_it_in_the_library(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    answer = upload(client, slug, jpeg(gps=True), alt="Flat white on the counter")
    assert answer.status_code == 302
    asset = Asset.objects.get(workspace=team.workspace)
    assert (asset.kind, asset.mime, asset.width, asset.height) == ("image", "image/jpeg", 640, 480)
    assert asset.uploaded_by == team.users["contributor"]
    page = client.get(f"/w/{slug}/media/").content.decode()
    assert "Flat white on the counter" in page
    assert f"/w/{slug}/media/{asset.pk}/thumbnail/" in page
    assert "Storage used" in page and "Not used in a post" in page
    stored = storage.open_file(asset).read()
    assert Image.open(io.BytesIO(stored)).getexif().get_ifd(0x8825) == {}
    # The reference a CSV import's media column takes for a library file.
    assert asset.sha256 == hashlib.sha256(stored).hexdigest()
    assert f"<code>sha256:{asset.sha256}</code>" in page


def test_the_same_file_is_stored_once(team: Any, media_dir: Path) -> None:
    client = team.client("owner")
    upload(client, team.workspace.slug, jpeg(), name="a.jpg")
    upload(client, team.workspace.slug, jpeg(), name="copy-of-a.jpg")
    assert Asset.objects.filter(workspace=team.workspace).count() == 1
    assert len([p for p in media_dir.rglob("*") if p.is_file()]) == 2  # file + thumbnail


def test_a_refused_file_is_answered_on_the_page_by_name(team: Any, media_dir: Path) -> None:
    answer = upload(team.client("owner"), team.workspace.slug, b"", name="empty.jpg")
    assert answer.status_code == 422
    assert "empty.jpg is empty (0 bytes)" in answer.content.decode()
    assert not Asset.objects.exists()


def test_a_request_over_the_limit_is_refused_unread(
    team: Any, media_dir: Path, settings: Any
) -> None:
    settings.MEDIA_MAX_IMAGE_BYTES = settings.MEDIA_MAX_VIDEO_BYTES = 1000
    big = jpeg() + b"\0" * (library.REQUEST_OVERHEAD_BYTES + 2000)
    answer = upload(team.client("owner"), team.workspace.slug, big)
    assert answer.status_code == 413
    assert not Asset.objects.exists()


@pytest.mark.parametrize("persona", ["reviewer", "viewer"])
def test_who_may_not_draft_may_not_upload(team: Any, media_dir: Path, persona: str) -> None:
    answer = upload(team.client(persona), team.workspace.slug, jpeg())
    assert answer.status_code == 403
    assert not Asset.objects.exists()


def an_asset(team: Any, alt: str = "Beans", colour: tuple[int, int, int] = (1, 2, 3)) -> Asset:
    chunks = [jpeg(colour)]
    asset, _ = library.add_upload(team.members["owner"], chunks, "beans.jpg", alt)
    return asset


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("viewer", 200), ("outsider", 404), ("anonymous", 404)],
)
def test_files_are_served_to_members_only(
    team: Any, media_dir: Path, persona: str, status: int
) -> None:
    asset = an_asset(team)
    for variant, mime in (("file", "image/jpeg"), ("thumbnail", "image/webp")):
        url = f"/w/{team.workspace.slug}/media/{asset.pk}/{variant}/"
        answer = team.client(persona).get(url)
        assert answer.status_code == status
        if status == 200:
            assert answer["Content-Type"] == mime
            assert answer["X-Content-Type-Options"] == "nosniff"
            assert answer["Content-Disposition"].startswith("inline;")
            assert answer["Cache-Control"].startswith("private")


def test_an_asset_of_another_workspace_is_404(team: Any, media_dir: Path) -> None:
    asset = an_asset(team)
    other = team.other_workspace.slug
    answer = team.client("outsider").get(f"/w/{other}/media/{asset.pk}/file/")
    assert answer.status_code == 404


def test_a_signed_link_works_without_a_session_until_it_expires(team: Any, media_dir: Path) -> None:
    asset = an_asset(team)
    url = storage.signed_url(asset, "file", seconds=60)
    path = url.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client()
    answer = anonymous.get(f"/{path}")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    expired = storage.signed_url(asset, "file", seconds=60, now=time.time() - 120)
    assert anonymous.get("/" + expired.split("/", 3)[3]).status_code == 404
    tampered = f"/{path[:-3]}xyz/" if not path.endswith("xyz/") else f"/{path[:-4]}abc/"
    assert anonymous.get(tampered).status_code == 404


def test_search_by_alt_text_and_storage_used(team: Any, media_dir: Path) -> None:
    beans = an_asset(team, "Roasted beans in a jute sack", (10, 10, 10))
    an_asset(team, "Shop front in the rain", (200, 200, 200))
    assert list(library.search(team.workspace, "jute")) == [beans]
    page = team.client("viewer").get(f"/w/{team.workspace.slug}/media/?q=jute").content.decode()
    assert "Roasted beans" in page and "Shop front" not in page
    total = sum(a.size + a.thumbnail_size for a in Asset.objects.all())
    assert library.storage_used(team.workspace) == total > 0


def attach(post: Post, asset: Asset) -> None:
    Media.objects.create(post=post, kind="image", description="photo", alt_text="x", asset=asset)


def test_used_assets_are_kept_and_show_where(team: Any, media_dir: Path) -> None:
    asset = an_asset(team)
    first = Post.objects.create(
        workspace=team.workspace, market=team.gb, author=team.users["owner"], text="One"
    )
    second = Post.objects.create(
        workspace=team.workspace, market=team.gb, author=team.users["owner"], text="Two"
    )
    attach(first, asset)
    attach(second, asset)
    with pytest.raises(library.AssetInUse):
        library.delete_asset(asset)
    page = team.client("owner").get(f"/w/{team.workspace.slug}/media/").content.decode()
    assert f"post #{first.pk}" in page and f"post #{second.pk}" in page
    first.delete()
    assert Asset.objects.filter(pk=asset.pk).exists()  # still used by the second post
    second.delete()
    assert library.delete_asset(asset) > 0
    assert not [p for p in media_dir.rglob("*") if p.is_file()]


def test_prune_removes_unused_old_assets_and_their_files(
    team: Any, media_dir: Path, capsys: Any
) -> None:
    old_unused = an_asset(team, "old", (5, 5, 5))
    old_used = an_asset(team, "used", (6, 6, 6))
    recent = an_asset(team, "new", (7, 7, 7))
    Asset.objects.filter(pk__in=[old_unused.pk, old_used.pk]).update(
        created_at=now() - timedelta(days=40)
    )
    post = Post.objects.create(
        workspace=team.workspace, market=team.gb, author=team.users["owner"], text="P"
    )
    attach(post, old_used)
    call_command("media", "prune", "--older-than", "30")
    out = capsys.readouterr().out
    assert set(Asset.objects.values_list("pk", flat=True)) == {old_used.pk, recent.pk}
    assert "old" in out and "bytes freed" in out
    assert not any(p.name.startswith(old_unused.sha256) for p in media_dir.rglob("*"))


@pytest.mark.parametrize("value", ["", "x" * 5000, "a\x00b", "<b onmouseover=alert(1)>hi</b>"])
def test_the_pages_take_any_text_without_a_server_error(
    team: Any, media_dir: Path, value: str
) -> None:
    client = team.client("owner")
    slug = team.workspace.slug
    assert client.get(f"/w/{slug}/media/", {"q": value}).status_code == 200
    answer = upload(client, slug, jpeg((9, 9, 9)), alt=value)
    assert answer.status_code == 302
    asset = Asset.objects.get()
    assert "\x00" not in asset.alt_text and len(asset.alt_text) <= 1500
    edited = client.post(f"/w/{slug}/media/{asset.pk}/alt/", {"alt_text": value})
    assert edited.status_code == 302
    page = client.get(f"/w/{slug}/media/").content.decode()
    assert "<b onmouseover" not in page


@pytest.mark.skipif(
    not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
    reason="ffmpeg/ffprobe not installed (make media-tools)",
)
def test_a_video_is_stored_with_a_poster_and_served_as_video(
    team: Any, media_dir: Path, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        [
            *(str(shutil.which("ffmpeg")), "-nostdin", "-v", "error"),
            *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=3"),
            *("-metadata", "location=+51.5074-000.1278/", "-c:v", "mpeg4", "-y", str(clip)),
        ],
        check=True,
        timeout=60,
    )
    answer = upload(team.client("owner"), team.workspace.slug, clip.read_bytes(), "clip.mp4")
    assert answer.status_code == 302
    asset = Asset.objects.get()
    assert (asset.kind, asset.mime, asset.width, asset.height) == ("video", "video/mp4", 320, 240)
    assert asset.duration == pytest.approx(3.0, abs=0.2) and asset.metadata_stripped
    served = team.client("viewer").get(f"/w/{team.workspace.slug}/media/{asset.pk}/file/")
    assert served["Content-Type"] == "video/mp4"
    assert b"+51.5074" not in b"".join(served.streaming_content)
    poster = team.client("viewer").get(f"/w/{team.workspace.slug}/media/{asset.pk}/thumbnail/")
    assert Image.open(io.BytesIO(b"".join(poster.streaming_content))).size == (320, 240)


def test_a_byte_range_is_served_for_seeking(team: Any, media_dir: Path) -> None:
    asset = an_asset(team)
    whole = storage.open_file(asset).read()
    url = f"/w/{team.workspace.slug}/media/{asset.pk}/file/"
    client = team.client("viewer")
    part = client.get(url, headers={"Range": "bytes=10-109"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-109/{len(whole)}"
    assert b"".join(part.streaming_content) == whole[10:110]
    tail = client.get(url, headers={"Range": "bytes=-20"})
    assert b"".join(tail.streaming_content) == whole[-20:]
    beyond = client.get(url, headers={"Range": f"bytes={len(whole)}-"})
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(whole)}"
    several = client.get(url, headers={"Range": "bytes=0-1,5-6"})
    assert several.status_code == 200 and several["Accept-Ranges"] == "bytes"


def test_the_page_and_the_api_list_take_the_same_queries_for_more_files(
    team: Any, media_dir: Path
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = team.client("owner")
    slug = team.workspace.slug

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(f"/w/{slug}/media/").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get(f"/api/v1/workspaces/{slug}/media").status_code == 200
        return len(page), len(api)

    an_asset(team, "one", (1, 1, 1))
    few = queries()
    for shade in range(2, 7):
        an_asset(team, f"more {shade}", (shade, shade, shade))
    assert queries() == few
