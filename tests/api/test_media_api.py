"""The media API: multipart upload with the page's rules, list and search with
X-Total-Count, read, alt text, delete refused while a post uses the asset."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from onshore.media.models import Asset
from onshore.posts.models import Media, Post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
API = "/api/v1/workspaces"


def png(colour: tuple[int, int, int]) -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(out, format="PNG")
    out.seek(0)
    out.name = "shot.jpg"  # named .jpg on purpose: the content decides
    return out


def upload(team: Any, persona: str, colour: tuple[int, int, int], alt: str = "") -> Any:
    return team.client(persona).post(
        f"{API}/{team.workspace.slug}/media", {"file": png(colour), "alt_text": alt}
    )


def test_upload_answers_the_asset_and_again_the_same_one(team: Any, media_dir: Path) -> None:
    first = upload(team, "contributor", (9, 9, 9), "Cold brew")
    assert first.status_code == 201, first.content
    body = first.json()
    assert (body["mime"], body["width"], body["height"]) == ("image/png", 300, 200)
    assert body["alt_text"] == "Cold brew" and body["used_by_posts"] == []
    assert body["file_url"].endswith(f"/media/{body['id']}/file/")
    again = upload(team, "owner", (9, 9, 9))
    assert again.status_code == 200 and again.json()["id"] == body["id"]


def test_a_refused_file_is_422_naming_the_file(team: Any, media_dir: Path) -> None:
    empty = io.BytesIO(b"")
    empty.name = "blank.png"
    answer = team.client("owner").post(f"{API}/{team.workspace.slug}/media", {"file": empty})
    assert answer.status_code == 422
    problem = answer.json()["detail"][0]
    assert problem["loc"] == ["body", "file"] and "blank.png is empty" in problem["msg"]


def test_a_body_over_the_limit_is_413(team: Any, media_dir: Path, settings: Any) -> None:
    settings.MEDIA_MAX_IMAGE_BYTES = settings.MEDIA_MAX_VIDEO_BYTES = 100
    big = io.BytesIO(b"\xff\xd8\xff" + b"\0" * 400_000)
    big.name = "big.jpg"
    answer = team.client("owner").post(f"{API}/{team.workspace.slug}/media", {"file": big})
    assert answer.status_code == 413 and "at most" in answer.json()["detail"]


def test_list_search_read_and_alt_text(team: Any, media_dir: Path) -> None:
    upload(team, "owner", (1, 1, 1), "Oat latte art")
    asset_id = upload(team, "owner", (2, 2, 2), "Roastery door").json()["id"]
    client = team.client("viewer")
    listed = client.get(f"{API}/{team.workspace.slug}/media?q=door")
    assert listed["X-Total-Count"] == "1" and listed.json()[0]["id"] == asset_id
    assert client.get(f"{API}/{team.workspace.slug}/media/{asset_id}").status_code == 200
    patched = team.client("contributor").patch(
        f"{API}/{team.workspace.slug}/media/{asset_id}",
        {"alt_text": "The green roastery door"},
        content_type="application/json",
    )
    assert patched.json()["alt_text"] == "The green roastery door"
    assert client.get(f"{API}/{team.other_workspace.slug}/media/{asset_id}").status_code == 404


def test_delete_is_refused_while_a_post_uses_the_asset(team: Any, media_dir: Path) -> None:
    asset_id = upload(team, "owner", (3, 3, 3), "Beans").json()["id"]
    post = Post.objects.create(
        workspace=team.workspace, market=team.gb, author=team.users["owner"], text="Hi"
    )
    Media.objects.create(post=post, description="b", alt_text="Beans", asset_id=asset_id)
    url = f"{API}/{team.workspace.slug}/media/{asset_id}"
    refused = team.client("owner").delete(url)
    assert refused.status_code == 409 and refused.json()["post_ids"] == [post.pk]
    post.delete()
    assert team.client("owner").delete(url).status_code == 204
    assert not Asset.objects.exists()


BAD_ALT_TEXT = [None, 12345, ["x"], {"a": 1}, "x" * 5000, "a\x00b"]


@pytest.mark.parametrize("value", BAD_ALT_TEXT, ids=lambda v: type(v).__name__ + str(len(str(v))))
def test_bad_alt_text_is_422_naming_the_field(team: Any, media_dir: Path, value: Any) -> None:
    asset_id = upload(team, "owner", (4, 4, 4)).json()["id"]
    answer = team.client("owner").patch(
        f"{API}/{team.workspace.slug}/media/{asset_id}",
        {"alt_text": value},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "alt_text" in str(answer.json()["detail"])


@pytest.mark.parametrize("q", ["x" * 5000, "a\x00b"])
def test_a_bad_search_is_422(team: Any, q: str) -> None:
    answer = team.client("owner").get(f"{API}/{team.workspace.slug}/media", {"q": q})
    assert answer.status_code == 422 and "q" in str(answer.json()["detail"])


@pytest.mark.parametrize("field", ["file", "alt_text"])
def test_upload_fields_of_the_wrong_kind_are_422(team: Any, media_dir: Path, field: str) -> None:
    body = {
        "file": png((5, 5, 5)),
        "alt_text": "ok",
        field: "a\x00b" if field == "alt_text" else "text",
    }
    answer = team.client("owner").post(f"{API}/{team.workspace.slug}/media", body)
    assert answer.status_code == 422
    assert field in str(answer.json()["detail"])
