"""The fake Mastodon's media endpoints behave as the real server's (docs.joinmastodon.org
methods/media and PostStatusService#validate_media!), so that code written against
the fake meets the same answers in production. onshore does not upload media (posts
carry placeholders with alt text, not files); these tests keep the fake honest."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fakes.fake_mastodon import FakeAccount, FakeMastodon

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32
ALT = "A flat white in a blue cup on a wooden counter"


@pytest.fixture
def alice(fake_mastodon: FakeMastodon) -> FakeAccount:
    return fake_mastodon.add_account("alice", token="token-alice")


def auth(token: str = "token-alice") -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def upload(
    fake: FakeMastodon,
    client: httpx.Client,
    data: bytes = PNG,
    content_type: str = "image/png",
    token: str = "token-alice",
    **fields: str,
) -> httpx.Response:
    return client.post(
        f"{fake.base_url}/api/v2/media",
        headers=auth(token),
        files={"file": ("upload", data, content_type)},
        data=fields,
    )


def post_status(
    fake: FakeMastodon, client: httpx.Client, media_ids: list[str], text: str = "Fresh roast"
) -> httpx.Response:
    return client.post(
        f"{fake.base_url}/api/v1/statuses",
        headers=auth(),
        data={"status": text, "media_ids[]": media_ids},
    )


def media_id(response: httpx.Response) -> str:
    body: dict[str, Any] = response.json()
    return str(body["id"])


def test_an_image_is_processed_at_once_and_attached_with_its_alt_text(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    uploaded = upload(fake_mastodon, client, description=ALT, focus="-0.5,0.25")
    assert uploaded.status_code == 200
    media = uploaded.json()
    assert media["type"] == "image" and media["url"] and media["description"] == ALT
    assert media["meta"]["focus"] == {"x": -0.5, "y": 0.25}
    shown = client.get(f"{fake_mastodon.base_url}/api/v1/media/{media['id']}", headers=auth())
    assert shown.status_code == 200 and shown.json() == media
    status = post_status(fake_mastodon, client, [media["id"]])
    assert status.status_code == 200
    assert [m["description"] for m in status.json()["media_attachments"]] == [ALT]
    assert fake_mastodon.statuses[0].media_ids == [media["id"]]
    # Attached media is no longer served by the media endpoint.
    gone = client.get(f"{fake_mastodon.base_url}/api/v1/media/{media['id']}", headers=auth())
    assert gone.status_code == 404


def test_a_video_is_processed_later_and_cannot_be_attached_before(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    uploaded = upload(fake_mastodon, client, MP4, "video/mp4", description="Pouring")
    assert uploaded.status_code == 202
    assert uploaded.json()["type"] == "video" and uploaded.json()["url"] is None
    refused = post_status(fake_mastodon, client, [media_id(uploaded)])
    assert refused.status_code == 422
    assert refused.json()["error"] == (
        "Cannot attach files that have not finished processing. Try again in a moment!"
    )
    url = f"{fake_mastodon.base_url}/api/v1/media/{media_id(uploaded)}"
    assert client.get(url, headers=auth()).status_code == 206  # still processing
    done = client.get(url, headers=auth())
    assert done.status_code == 200 and done.json()["url"]
    assert post_status(fake_mastodon, client, [media_id(uploaded)]).status_code == 200
    assert fake_mastodon.statuses[0].media_ids == [media_id(uploaded)]


def test_a_gif_becomes_gifv_and_finish_processing_skips_the_polling(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    uploaded = upload(fake_mastodon, client, b"GIF89a" + b"\x00" * 16, "image/gif")
    assert (uploaded.status_code, uploaded.json()["type"]) == (202, "gifv")
    fake_mastodon.finish_processing(media_id(uploaded))
    assert post_status(fake_mastodon, client, [media_id(uploaded)]).status_code == 200


@pytest.mark.parametrize(
    ("files", "fields", "error"),
    [
        ({}, {"description": ALT}, "Validation failed: File can't be blank"),
        (
            {"file": ("notes.txt", b"hello", "text/plain")},
            {},
            "Validation failed: File content type is invalid",
        ),
        (
            {"file": ("photo.png", JPEG, "image/png")},
            {},
            "File type of uploaded media could not be verified",
        ),
        (
            {"file": ("photo.png", PNG, "image/png")},
            {"description": "x" * 1501},
            "Validation failed: Description is too long (maximum is 1500 characters)",
        ),
    ],
    ids=["no-file", "unsupported-type", "bytes-not-what-the-type-says", "description-too-long"],
)
def test_uploads_the_server_rejects_are_rejected(
    fake_mastodon: FakeMastodon,
    alice: FakeAccount,
    client: httpx.Client,
    files: dict[str, Any],
    fields: dict[str, str],
    error: str,
) -> None:
    response = client.post(
        f"{fake_mastodon.base_url}/api/v2/media",
        headers=auth(),
        files=files or {"other": ("x", b"", "application/octet-stream")},
        data=fields,
    )
    assert (response.status_code, response.json()) == (422, {"error": error})
    assert fake_mastodon.media == []


def test_uploads_need_a_valid_token_with_the_media_scope(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    fake_mastodon.add_account("reader", token="token-reader", scopes=frozenset({"read"}))
    assert upload(fake_mastodon, client, token="nope").status_code == 401
    assert upload(fake_mastodon, client, token="token-reader").status_code == 403
    fake_mastodon.add_account("poster", "token-poster", scopes=frozenset({"write:media"}))
    assert upload(fake_mastodon, client, token="token-poster").status_code == 200


def test_media_ids_are_checked_in_the_servers_order(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    images = [media_id(upload(fake_mastodon, client, description=ALT)) for _ in range(5)]

    def error(ids: list[str]) -> str:
        response = post_status(fake_mastodon, client, ids)
        assert response.status_code == 422, response.text
        return str(response.json()["error"])

    assert error(images) == "Cannot attach more than 4 files"
    assert error([images[0], "999"]) == "Media 999 not found or already attached to another post"
    bob = fake_mastodon.add_account("bob", token="token-bob")
    bobs = upload(fake_mastodon, client, token="token-bob")
    assert bob.id != alice.id
    assert error([media_id(bobs)]) == (
        f"Media {media_id(bobs)} not found or already attached to another post"
    )
    video = upload(fake_mastodon, client, MP4, "video/mp4")
    fake_mastodon.finish_processing(media_id(video))
    assert error([images[0], media_id(video)]) == (
        "Cannot attach a video to a post that already contains images"
    )
    assert fake_mastodon.statuses == []  # nothing was created by the refusals
    ok = post_status(fake_mastodon, client, images[:4])
    assert [m["id"] for m in ok.json()["media_attachments"]] == images[:4]
    assert error([images[0]]) == (
        f"Media {images[0]} not found or already attached to another post"
    )


def test_with_media_the_text_may_be_blank_and_json_bodies_work(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    blank = post_status(fake_mastodon, client, [], text=" ")
    assert blank.json() == {"error": "Validation failed: Text can't be blank"}
    image = media_id(upload(fake_mastodon, client, description=ALT))
    response = client.post(
        f"{fake_mastodon.base_url}/api/v1/statuses",
        headers=auth(),
        json={"status": "", "media_ids": [image]},
    )
    assert response.status_code == 200
    assert response.json()["media_attachments"][0]["id"] == image


def test_the_description_can_be_changed_until_the_media_is_attached(
    fake_mastodon: FakeMastodon, alice: FakeAccount, client: httpx.Client
) -> None:
    image = media_id(upload(fake_mastodon, client))
    url = f"{fake_mastodon.base_url}/api/v1/media/{image}"
    changed = client.put(url, headers=auth(), data={"description": ALT})
    assert changed.status_code == 200 and changed.json()["description"] == ALT
    too_long = client.put(url, headers=auth(), data={"description": "x" * 1501})
    assert too_long.status_code == 422
    post_status(fake_mastodon, client, [image])
    assert client.put(url, headers=auth(), data={"description": "late"}).status_code == 404


def test_the_instance_announces_the_media_limits(
    fake_mastodon: FakeMastodon, client: httpx.Client
) -> None:
    configuration = client.get(f"{fake_mastodon.base_url}/api/v2/instance").json()["configuration"]
    assert configuration["statuses"]["max_media_attachments"] == 4
    assert configuration["media_attachments"]["description_limit"] == 1500
    assert "image/png" in configuration["media_attachments"]["supported_mime_types"]
