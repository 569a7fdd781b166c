"""Pages and API calls whose query count must not grow with the data they show.

Each test counts the queries at two sizes and asserts the counts are equal: a query per
row, post or colleague shows up as a difference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onshore.accounts.models import PersonalAccessToken
from onshore.posts import csvplan, editing
from onshore.posts.models import Comment, Media, PostVariant
from onshore.publishing.models import Channel
from onshore.workspaces import style_guides
from onshore.workspaces.models import Membership
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def queries(action: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_csv_import_queries_do_not_grow_with_rows(team: Any) -> None:
    # A Mastodon channel gives the checker its character limit, read from the market.
    Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="mastodon",
        name="Roastery",
        config={"max_characters": 500},
    )

    style_guides.guide_for(team.workspace.id, "GB")  # read once, then cached

    def import_rows(count: int) -> None:
        body = "text,networks\n" + "".join(f"Post {n},mastodon\n" for n in range(count))
        options = csvplan.ImportOptions(dry_run=True)
        report = csvplan.import_plan(team.members["contributor"], body.encode(), options)
        assert report.ok and len(report.rows) == count, report.errors

    assert queries(lambda: import_rows(5)) == queries(lambda: import_rows(40))


def test_api_post_list_queries_do_not_grow_with_posts(team: Any) -> None:
    _, raw = PersonalAccessToken.issue(team.users["contributor"], "test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts"

    def add_posts(count: int) -> None:
        for n in range(count):
            post = editing.create_post(
                team.members["contributor"],
                editing.PostChanges(text=f"Post {n}", market=team.gb, networks=["x"]),
            )
            Media.objects.create(post=post, description="Beans", alt_text="A bag of beans")
            PostVariant.objects.create(post=post, network="x", text=f"Short {n}")

    def listing(expected: int) -> None:
        response = client.get(url)
        assert response.status_code == 200 and len(response.json()) == expected
        assert all(post["media"] for post in response.json())

    add_posts(3)
    few = queries(lambda: listing(3))
    add_posts(20)
    assert queries(lambda: listing(23)) == few


def test_team_hours_queries_do_not_grow_with_colleagues(team: Any) -> None:
    owner = team.users["owner"]
    client = Client()
    client.force_login(owner)
    url = f"/w/{team.workspace.slug}/team/hours/"

    def add_colleagues(count: int, start: int) -> None:
        for n in range(start, start + count):
            user = make_user(f"colleague{n}@example.com", f"Colleague {n}")
            Membership.objects.create(
                workspace=team.workspace,
                user=user,
                role="contributor",
                relation="freelancer",
                home_country="DE",
                timezone="Europe/Berlin",
                working_hours={"mon": [["09:00", "17:00"]]},
            )
            member = team.workspace.memberships.get(user=user)
            post = editing.create_post(member, editing.PostChanges(text="Hallo", market=team.gb))
            Comment.objects.create(post=post, author=owner, body="Looks good")
            Comment.objects.create(post=post, author=user, body="Thanks")

    def page(colleagues: int) -> None:
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("On their posts in the last 90 days") == colleagues

    with time_machine.travel(datetime(2026, 7, 13, 9, 0, tzinfo=UTC), tick=True):
        add_colleagues(2, 0)
        few = queries(lambda: page(2))
        add_colleagues(6, 2)
        assert queries(lambda: page(8)) == few


@pytest.mark.parametrize("persona, path", [("viewer", "posts/"), ("reviewer", "review/")])
def test_posts_and_review_pages_cost_the_same_at_any_length(
    team: Any, persona: str, path: str
) -> None:
    """A count and a page: 250 posts (two pages) and 450 (three) ask as many queries, on
    the first page and the last."""
    client = team.client(persona)
    url = f"/w/{team.workspace.slug}/{path}"
    style_guides.guide_for(team.workspace.id, "GB")  # read once, then cached

    def add_posts(count: int) -> None:
        for n in range(count):
            post = editing.create_post(
                team.members["contributor"],
                editing.PostChanges(text=f"Post {n}", market=team.gb, tags=["beans"]),
            )
            post.state = "in_review"
            post.save(update_fields=["state"])

    def visit(query: dict[str, str], label: str) -> None:
        response = client.get(url, query)
        assert response.status_code == 200 and label in response.content.decode()

    add_posts(250)
    first, last = (
        queries(lambda: visit({}, "1–200 of 250")),
        queries(lambda: visit({"page": "2", "q": "beans"}, "201–250 of 250")),
    )
    add_posts(200)
    assert queries(lambda: visit({}, "1–200 of 450")) == first
    assert queries(lambda: visit({"page": "3", "q": "beans"}, "401–450 of 450")) == last
