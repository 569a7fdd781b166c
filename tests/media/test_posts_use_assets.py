"""Posts carry library files through ``media[].asset_id`` (API and editing alike): the
file's kind, alt text and name fill the item, another workspace's file is refused by
field, a duplicate keeps the file, and deleting a post keeps a file another post uses.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from onshore.media import library
from onshore.media.models import Asset
from onshore.posts import editing
from onshore.posts.post_card import duplicate_post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
API = "/api/v1/workspaces"


def an_asset(membership: Any, alt: str = "A cup of flat white") -> Asset:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (90, 60, 30)).save(out, format="JPEG")
    return library.add_upload(membership, [out.getvalue()], "cup.jpg", alt)[0]


def test_a_post_made_by_the_api_carries_a_library_file(team: Any, media_dir: Path) -> None:
    asset = an_asset(team.members["contributor"])
    answer = team.client("contributor").post(
        f"{API}/{team.workspace.slug}/posts",
        {
            "text": "Flat whites all week",
            "market_id": team.gb.pk,
            "media": [{"asset_id": asset.pk}],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    media = answer.json()["media"]
    assert media == [
        {
            "kind": "image",
            "description": "cup.jpg",  # the file's name: stable when alt text changes
            "alt_text": "A cup of flat white",
            "asset_id": asset.pk,
        }
    ]
    assert library.used_by(asset) == [answer.json()["id"]]


def test_a_file_of_another_workspace_is_refused_by_field(team: Any, media_dir: Path) -> None:
    theirs = an_asset(team.other_workspace.memberships.get())
    answer = team.client("owner").post(
        f"{API}/{team.workspace.slug}/posts",
        {"text": "Borrowed", "market_id": team.gb.pk, "media": [{"asset_id": theirs.pk}]},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "media.0.asset_id"]


def test_a_duplicate_keeps_the_file_and_deleting_one_post_keeps_it(
    team: Any, media_dir: Path
) -> None:
    member = team.members["owner"]
    asset = an_asset(member)
    post = editing.create_post(
        member,
        editing.PostChanges(text="Cups", market=team.gb, media=[{"asset_id": asset.pk}]),
    )
    copy = duplicate_post(post, member)
    assert copy.media.get().asset == asset
    assert library.used_by(asset) == sorted([post.pk, copy.pk])
    post.delete()
    assert Asset.objects.filter(pk=asset.pk).exists()
    assert library.used_by(asset) == [copy.pk]


def test_swapping_the_file_is_a_change_that_is_recorded(team: Any, media_dir: Path) -> None:
    member = team.members["owner"]
    first = an_asset(member, "First")
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 200, 30)).save(out, format="JPEG")
    second = library.add_upload(member, [out.getvalue()], "b.jpg", "Second")[0]
    post = editing.create_post(
        member, editing.PostChanges(text="Swap", market=team.gb, media=[{"asset_id": first.pk}])
    )
    before = post.revisions.count()
    editing.update_post(post, member, editing.PostChanges(media=[{"asset_id": second.pk}]))
    assert post.revisions.count() == before + 1
    assert post.revisions.last().details["media"][0]["asset_id"] == second.pk


def test_the_media_rules_check_the_files_own_size_and_shape(team: Any, media_dir: Path) -> None:
    # A 5:1 banner: Instagram takes 4:5 to 1.91:1, so the check must say so, which it
    # can only know from the uploaded file's pixels (a placeholder has none).
    out = io.BytesIO()
    Image.new("RGB", (1000, 200), (200, 180, 150)).save(out, format="PNG")
    banner = library.add_upload(
        team.members["contributor"], [out.getvalue()], "banner.png", "Our roastery sign"
    )[0]
    answer = team.client("contributor").post(
        f"{API}/{team.workspace.slug}/posts",
        {
            "text": "New sign over the door",
            "market_id": team.gb.pk,
            "networks": ["instagram"],
            "media": [{"asset_id": banner.pk}],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    findings = team.client("contributor").get(
        f"{API}/{team.workspace.slug}/posts/{answer.json()['id']}/findings"
    )
    media = {f["rule"]: f for f in findings.json() if f["category"] == "media"}
    shape = [f for rule, f in media.items() if "aspect" in rule]
    assert shape and shape[0]["severity"] == "error" and shape[0]["item"] == 1
    assert "5.00:1" in shape[0]["message"] and "Instagram" in shape[0]["message"]
    # Instagram takes JPEG only: onshore converts the PNG itself, so that is a note.
    assert media["media.image_type"]["severity"] == "info"
