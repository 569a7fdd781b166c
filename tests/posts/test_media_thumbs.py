"""A post's files where posts are listed: a thumbnail and count on Posts and Review, an
icon and count on calendar cards, with queries that do not grow with the posts; and a
media message several networks give alike shown once, naming them."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from onshore.media import library
from onshore.posts import checks, editing
from onshore.posts.models import Post, State

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def image(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(out, format="PNG")
    return out.getvalue()


def post_with_files(team: Any, count: int, state: str = State.DRAFT, **extra: Any) -> Post:
    member = team.members["owner"]
    items = []
    for n in range(count):
        asset, _ = library.add_upload(member, [image((n * 20, 50, 90))], f"f{n}.png")
        items.append({"asset_id": asset.pk, "alt_text": f"Shelf number {n + 1}"})
    changes = editing.PostChanges(
        text=f"Tins {count}", market=team.gb, networks=["bluesky"], media=items
    )
    post = editing.create_post(member, changes)
    Post.objects.filter(pk=post.pk).update(state=state, **extra)
    return post


def test_the_posts_list_shows_the_first_file_and_the_count(team: Any, media_dir: Path) -> None:
    post = post_with_files(team, 3)
    html = team.client("viewer").get(f"/w/{team.workspace.slug}/posts/").content.decode()
    first = post.media.order_by("id").first()
    assert first is not None
    thumb = f'src="/w/{team.workspace.slug}/media/{first.asset_id}/thumbnail/"'
    assert f'{thumb} alt="Shelf number 1"' in html
    assert '+2<span class="sr-only"> more files</span>' in html


def test_the_review_queue_shows_thumbnails(team: Any, media_dir: Path) -> None:
    post_with_files(team, 1, state=State.IN_REVIEW)
    html = team.client("reviewer").get(f"/w/{team.workspace.slug}/review/").content.decode()
    assert 'alt="Shelf number 1"' in html


def test_calendar_cards_show_an_icon_and_count(team: Any, media_dir: Path) -> None:
    at = datetime(2031, 3, 12, 10, 0, tzinfo=UTC)
    post_with_files(team, 2, state=State.SCHEDULED, scheduled_at=at)
    with time_machine.travel(datetime(2031, 3, 1, tzinfo=UTC)):
        html = (
            team.client("owner")
            .get(f"/w/{team.workspace.slug}/calendar/", {"date": "2031-03-12"})
            .content.decode()
        )
    assert '<span class="sr-only">Media: </span>2<span class="sr-only"> files</span>' in html


def test_list_queries_do_not_grow_with_files(team: Any, media_dir: Path) -> None:
    url = f"/w/{team.workspace.slug}/posts/"
    client = team.client("owner")
    post_with_files(team, 1)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    few = count()
    for n in range(3):
        post_with_files(team, 2 + n)
    assert count() == few


def test_a_message_several_networks_give_is_shown_once_naming_them(team: Any) -> None:
    draft = checks.Draft(
        text="New tins",
        networks=["bluesky", "mastodon"],
        variants={},
        market=team.gb,
        scheduled_at=None,
        dismissals=[],
        media=[checks.media_item("image", "")],
    )
    messages = [f.message for c in checks.check_draft(draft).texts for f in c.findings]
    missing = [m for m in messages if "has no alt text" in m]
    assert len(missing) == 1, messages
    assert missing[0].endswith("(on Bluesky and Mastodon)")


def test_a_clients_review_link_shows_the_files_by_signed_links(team: Any, media_dir: Path) -> None:
    from django.test import Client

    from onshore.posts.models import ReviewLink

    post = post_with_files(team, 2, state=State.IN_REVIEW)
    _, token = ReviewLink.issue(team.workspace, team.users["owner"], name="Client", posts=[post])
    html = Client().get(f"/r/{token}/").content.decode()
    assert 'alt="Shelf number 1"' in html and 'alt="Shelf number 2"' in html
    # Not the member-only route (a 404 for the client), a signed link that works.
    assert f"/w/{team.workspace.slug}/media/" not in html
    start = html.index("/m/", html.index('class="pv-grid'))
    signed = html[start : html.index('"', start)]
    assert Client().get(signed).status_code == 200
