"""The editor's media routes: one file uploaded for a post (JSON for the progress bar
and the item), the library picker, and files sent with the form itself (no JavaScript).

Bad input gets a 400/413 naming the file and the limit, never a 500; outsiders 404.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from onshore.media import library
from onshore.media.models import Asset
from onshore.posts import editing
from onshore.posts.models import Post, State
from tests.factories import video_clip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def image_bytes(fmt: str = "JPEG", colour: tuple[int, int, int] = (30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), colour).save(out, format=fmt)
    return out.getvalue()


def named(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def send(client: Client, slug: str, data: bytes, name: str = "a.jpg", **extra: str) -> Any:
    return client.post(f"/w/{slug}/media/upload/", {"file": named(data, name), **extra})


def test_an_upload_answers_with_the_item_the_editor_shows(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    answer = send(team.client("contributor"), slug, image_bytes(), alt_text="Tea tins")
    assert answer.status_code == 201
    item = answer.json()
    asset = Asset.objects.get(workspace=team.workspace)
    assert item["id"] == asset.pk and item["kind"] == "image"
    assert item["alt_text"] == "Tea tins" and item["created"] is True
    assert item["thumbnail"] == f"/w/{slug}/media/{asset.pk}/thumbnail/"
    assert team.client("contributor").get(item["thumbnail"]).status_code == 200


def test_a_png_named_jpg_is_typed_by_its_content(team: Any, media_dir: Path) -> None:
    answer = send(team.client("owner"), team.workspace.slug, image_bytes("PNG"), "photo.jpg")
    assert answer.status_code == 201
    assert Asset.objects.get().mime == "image/png"


def test_a_zero_byte_file_is_refused_by_name(team: Any, media_dir: Path) -> None:
    answer = send(team.client("owner"), team.workspace.slug, b"", "empty.jpg")
    assert answer.status_code == 400
    assert "empty.jpg is empty (0 bytes)" in answer.json()["error"]
    assert not Asset.objects.exists()


def test_a_file_that_is_no_image_is_refused_by_name(team: Any, media_dir: Path) -> None:
    answer = send(team.client("owner"), team.workspace.slug, b"%PDF-1.4 hello", "menu.jpg")
    assert answer.status_code == 400
    assert "menu.jpg" in answer.json()["error"]


def test_a_file_over_the_limit_is_refused_unread_with_the_limit(
    team: Any, media_dir: Path, settings: Any
) -> None:
    settings.MEDIA_MAX_IMAGE_BYTES = settings.MEDIA_MAX_VIDEO_BYTES = 1000
    big = image_bytes() + b"\0" * (library.REQUEST_OVERHEAD_BYTES + 2000)
    answer = send(team.client("owner"), team.workspace.slug, big, "huge.jpg")
    assert answer.status_code == 413
    assert "images up to 1,000 bytes" in answer.json()["error"]


def test_the_eleventh_file_of_a_post_is_refused(team: Any, media_dir: Path) -> None:
    answer = send(team.client("owner"), team.workspace.slug, image_bytes(), in_post="10")
    assert answer.status_code == 400
    assert "at most 10 files" in answer.json()["error"]
    assert not Asset.objects.exists()
    # The tenth is fine.
    ok = send(team.client("owner"), team.workspace.slug, image_bytes(), in_post="9")
    assert ok.status_code == 201


def test_no_file_is_a_clear_400(team: Any, media_dir: Path) -> None:
    answer = team.client("owner").post(f"/w/{team.workspace.slug}/media/upload/", {})
    assert answer.status_code == 400 and "file:" in answer.json()["error"]


def test_an_outsider_gets_404_and_a_reviewer_403(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    assert send(team.client("outsider"), slug, image_bytes()).status_code == 404
    assert send(team.client("reviewer"), slug, image_bytes()).status_code == 403
    assert team.client("outsider").get(f"/w/{slug}/media/pick/").status_code == 404
    assert not Asset.objects.exists()


def test_the_upload_needs_the_csrf_token(team: Any, media_dir: Path) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["owner"])
    assert send(client, team.workspace.slug, image_bytes()).status_code == 403


def test_the_picker_lists_and_searches_by_alt_text(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    send(client, slug, image_bytes(colour=(1, 2, 3)), alt_text="Green tea tin")
    send(client, slug, image_bytes(colour=(200, 2, 3)), alt_text="Shop front")
    page = client.get(f"/w/{slug}/media/pick/").content.decode()
    assert "Green tea tin" in page and "Shop front" in page
    found = client.get(f"/w/{slug}/media/pick/", {"q": "tea", "format": "json"}).json()
    assert [item["alt_text"] for item in found["items"]] == ["Green tea tin"]
    assert "No file" in client.get(f"/w/{slug}/media/pick/", {"q": "zebra"}).content.decode()


def test_the_picker_is_bounded(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("owner")
    for n in range(26):
        send(client, slug, image_bytes(colour=(n, n, n)), alt_text=f"Shade {n}")
    first = client.get(f"/w/{slug}/media/pick/", {"format": "json"}).json()
    assert len(first["items"]) == 24 and first["pages"] == 2
    second = client.get(f"/w/{slug}/media/pick/", {"format": "json", "page": "2"}).json()
    assert len(second["items"]) == 2
    odd = client.get(f"/w/{slug}/media/pick/", {"page": "x" * 50, "q": "\x00" + "a" * 900})
    assert odd.status_code == 200


def editor_form(team: Any, **fields: Any) -> dict[str, Any]:
    return {"market": team.gb.pk, "text": "New tins in the shop", **fields}


def test_the_editor_saves_files_in_order_with_alt_text(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    first = send(client, slug, image_bytes(colour=(9, 9, 9))).json()["id"]
    second = send(client, slug, image_bytes(colour=(90, 9, 9))).json()["id"]
    answer = client.post(
        f"/w/{slug}/posts/new/",
        editor_form(
            team,
            media_0_asset=second,
            media_0_alt="The shelf",
            media_1_asset=first,
            media_1_alt="The counter",
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    post = Post.objects.get(workspace=team.workspace)
    items = editing.media_items(post)
    assert [(m["asset_id"], m["alt_text"]) for m in items] == [
        (second, "The shelf"),
        (first, "The counter"),
    ]
    page = client.get(f"/w/{slug}/posts/{post.pk}/").content.decode()
    assert f'src="/w/{slug}/media/{second}/thumbnail/" alt="The shelf"' in page


def test_an_image_without_alt_text_is_not_saved_and_stays_on_the_form(
    team: Any, media_dir: Path
) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    asset = send(client, slug, image_bytes()).json()["id"]
    answer = client.post(f"/w/{slug}/posts/new/", editor_form(team, media_0_asset=asset))
    assert answer.status_code == 422
    html = answer.content.decode()
    assert 'data-field="media_0_alt"' in html
    assert f'name="media_0_asset" id="id_media_0_asset" value="{asset}"' in html
    assert not Post.objects.exists()


def test_without_javascript_the_typed_positions_order_the_files(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    ids = [send(client, slug, image_bytes(colour=(c, 9, 9))).json()["id"] for c in (9, 90, 180)]
    answer = client.post(
        f"/w/{slug}/posts/new/",
        editor_form(
            team,
            media_0_asset=ids[0],
            media_0_alt="First sent",
            media_0_position="3",
            media_1_asset=ids[1],
            media_1_alt="Second sent",
            media_1_position="1",
            media_2_asset=ids[2],
            media_2_alt="Third sent",  # no position: keeps its place
        ),  # fmt: skip
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    post = Post.objects.get(workspace=team.workspace)
    assert [m["alt_text"] for m in editing.media_items(post)] == [
        "Second sent",
        "First sent",
        "Third sent",
    ]
    page = client.get(f"/w/{slug}/posts/{post.pk}/").content.decode()
    assert 'name="media_0_position" min="1" max="10" value="1"' in page  # in <noscript>


def test_a_position_out_of_range_is_refused_by_field(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    asset = send(client, slug, image_bytes()).json()["id"]
    answer = client.post(
        f"/w/{slug}/posts/new/",
        editor_form(team, media_0_asset=asset, media_0_alt="Tins", media_0_position="11"),
    )
    assert answer.status_code == 422
    assert "Position of file 1: Ensure this value is less than or equal to 10." in (
        answer.content.decode()
    )
    assert not Post.objects.filter(workspace=team.workspace).exists()


def test_without_javascript_files_upload_on_save(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    answer = client.post(
        f"/w/{slug}/posts/new/",
        {**editor_form(team), "media_files": [named(image_bytes(), "shelf.jpg")]},
    )
    # The image needs its alt text: the page comes back with the file as an item.
    assert answer.status_code == 422
    asset = Asset.objects.get(workspace=team.workspace)
    html = answer.content.decode()
    assert f'name="media_0_asset" id="id_media_0_asset" value="{asset.pk}"' in html
    assert "shelf.jpg" in html
    saved = client.post(
        f"/w/{slug}/posts/new/",
        editor_form(team, media_0_asset=asset.pk, media_0_alt="A shelf of tins"),
    )
    assert saved.status_code == 302


def test_without_javascript_a_refused_file_is_named(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    answer = team.client("contributor").post(
        f"/w/{slug}/posts/new/",
        {**editor_form(team), "media_files": [named(b"", "broken.jpg")]},
    )
    assert answer.status_code == 422
    assert "broken.jpg is empty (0 bytes)" in answer.content.decode()
    assert not Post.objects.exists()


def test_without_javascript_an_eleventh_file_is_refused(team: Any, media_dir: Path) -> None:
    slug = team.workspace.slug
    files = [named(image_bytes(colour=(n, 0, 0)), f"f{n}.jpg") for n in range(11)]
    answer = team.client("contributor").post(
        f"/w/{slug}/posts/new/", {**editor_form(team), "media_files": files}
    )
    assert answer.status_code == 422
    assert "at most 10 files" in answer.content.decode()
    assert not Asset.objects.exists()


def test_a_change_of_media_sends_an_approved_post_back_to_review(
    team: Any, media_dir: Path
) -> None:
    slug = team.workspace.slug
    client = team.client("manager")
    asset = send(client, slug, image_bytes()).json()["id"]
    post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Tins", market=team.gb)
    )
    Post.objects.filter(pk=post.pk).update(state=State.APPROVED)
    answer = client.post(
        f"/w/{slug}/posts/{post.pk}/",
        editor_form(team, text="Tins", media_0_asset=asset, media_0_alt="Tins on a shelf"),
    )
    assert answer.status_code == 302
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW


def test_a_file_of_another_workspace_is_refused_on_save(team: Any, media_dir: Path) -> None:
    other_owner = team.other_workspace.memberships.first()
    asset, _ = library.add_upload(other_owner, [image_bytes()], "theirs.jpg", "Theirs")
    answer = team.client("owner").post(
        f"/w/{team.workspace.slug}/posts/new/",
        editor_form(team, media_0_asset=asset.pk, media_0_alt="Mine now"),
    )
    assert answer.status_code == 422
    assert "no such file in this workspace" in answer.content.decode()
    assert not Post.objects.exists()


def test_a_file_uploaded_in_the_editor_takes_the_alt_text_the_post_gives_it(
    team: Any, media_dir: Path
) -> None:
    slug = team.workspace.slug
    client = team.client("contributor")
    asset = send(client, slug, image_bytes()).json()["id"]
    client.post(
        f"/w/{slug}/posts/new/", editor_form(team, media_0_asset=asset, media_0_alt="Oolong tin")
    )
    found = client.get(f"/w/{slug}/media/pick/", {"q": "oolong", "format": "json"}).json()
    assert [item["id"] for item in found["items"]] == [asset]


@pytest.mark.skipif(
    not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
    reason="ffmpeg/ffprobe not installed (make media-tools)",
)
def test_a_video_shows_its_poster_a_play_mark_and_its_length(
    team: Any, media_dir: Path, tmp_path: Path
) -> None:
    clip = video_clip(tmp_path / "pour.mp4", size="320x240", seconds=3)
    slug = team.workspace.slug
    client = team.client("contributor")
    item = send(client, slug, clip, "pour.mp4").json()
    assert (item["kind"], item["length"]) == ("video", "0:03") and item["thumbnail"]
    answer = client.post(
        f"/w/{slug}/posts/new/",
        editor_form(team, networks=["bluesky"], media_0_asset=item["id"], media_0_kind="video"),
    )
    assert answer.status_code == 302  # a video needs no alt text
    html = client.get(answer["Location"]).content.decode()
    grid = html[html.index('class="pv-grid') :]
    assert 'class="thumb-play" aria-hidden="true">▶' in grid
    assert '<span class="sr-only">Video, </span>0:03' in grid
