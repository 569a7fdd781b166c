"""Posts and Review page through every post with a count, keep their filters from page to
page, and search the text, tags and author; the API pages and searches the same way."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote

import pytest
from django.test import Client

from onshore.accounts.models import PersonalAccessToken
from onshore.posts.models import Post, State
from onshore.posts.paging import count_label
from onshore.workspaces.models import Market
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def add_posts(team: Any, count: int, *, state: str = State.DRAFT, **fields: Any) -> list[Post]:
    """``count`` posts, the first the oldest change: Posts lists them newest first."""
    author = fields.pop("author", team.users["contributor"])
    market = fields.pop("market", team.gb)
    posts = [
        Post(
            workspace=market.workspace,
            market=market,
            author=author,
            text=fields.get("text", f"Post number {n}"),
            tags=fields.get("tags", []),
            networks=["x"],
            state=state,
            updated_at=START + timedelta(days=fields.get("days_later", 0), minutes=n),
        )
        for n in range(count)
    ]
    return Post.objects.bulk_create(posts)


def page(client: Client, url: str, **query: Any) -> str:
    response = client.get(url, query)
    assert response.status_code == 200, response.content.decode()[:300]
    return response.content.decode()


def shown(html: str) -> list[str]:
    return re.findall(r'<tr data-post="(\d+)"', html)


def counts(html: str) -> list[str]:
    return re.findall(r'<span class="pager-count">([^<]*)</span>', html)


def next_query(html: str) -> dict[str, list[str]]:
    found = re.search(r'rel="next" href="\?([^"]*)"', html)
    assert found, "no link to the next page"
    return parse_qs(unquote(found.group(1).replace("&amp;", "&")))


def posts_url(team: Any) -> str:
    return f"/w/{team.workspace.slug}/posts/"


def test_the_posts_page_reaches_every_post_with_a_count(team: Any) -> None:
    posts = add_posts(team, 450)
    viewer = team.client("viewer")

    first = page(viewer, posts_url(team))
    assert counts(first)[0] == "1–200 of 450"
    assert shown(first) == [str(p.pk) for p in reversed(posts[250:])]
    assert next_query(first)["page"] == ["2"]

    last = page(viewer, posts_url(team), page="3")
    assert counts(last)[0] == "401–450 of 450"
    assert shown(last) == [str(p.pk) for p in reversed(posts[:50])]
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_a_page_past_the_end_shows_the_last_and_a_bad_one_is_named(team: Any) -> None:
    add_posts(team, 450)
    viewer = team.client("viewer")
    assert counts(page(viewer, posts_url(team), page="99"))[0] == "401–450 of 450"
    for bad in ("two", "0", "-1", "1" * 40):
        response = viewer.get(posts_url(team), {"page": bad})
        assert response.status_code == 400, bad
        assert "page: write a whole number" in response.content.decode()


def test_the_next_link_keeps_the_filters_and_the_search(team: Any) -> None:
    add_posts(team, 250, text="Winter roast from Kenya")
    add_posts(team, 30, text="Winter roast, but published", state=State.PUBLISHED)
    query = {"state": "draft", "market": str(team.gb.pk), "q": "winter roast"}

    first = page(team.client("viewer"), posts_url(team), **query)
    assert counts(first)[0] == "1–200 of 250"
    assert next_query(first) == {key: [value] for key, value in query.items()} | {"page": ["2"]}
    second = page(team.client("viewer"), posts_url(team), **query, page="2")
    assert counts(second)[0] == "201–250 of 250"
    assert 'value="winter roast"' in second  # the search box still says what was searched


def test_search_finds_posts_by_text_tag_and_author(team: Any) -> None:
    writer = make_user("priya.iyer@example.com", "Priya Iyer")
    team.workspace.memberships.create(user=writer, role="contributor")
    by_text = add_posts(team, 1, text="Single-origin beans from Huila")[0]
    by_tag = add_posts(team, 1, text="New bags", tags=["decaf", "café-crème"])[0]
    by_writer = add_posts(team, 1, text="Spring menu", author=writer)[0]
    add_posts(team, 5, text="Nothing to see")
    us = Market.objects.create(
        workspace=team.other_workspace, country="US", language="en-US", timezone="UTC"
    )
    add_posts(team, 1, text="Huila beans elsewhere", market=us)  # another workspace's

    def found(words: str) -> list[str]:
        return shown(page(team.client("viewer"), posts_url(team), q=words))

    assert found("HUILA") == [str(by_text.pk)]
    assert found("decaf") == [str(by_tag.pk)]
    assert found("café-crème") == [str(by_tag.pk)]
    assert found("priya.iyer@") == [str(by_writer.pk)]
    assert found("Priya Iyer") == [str(by_writer.pk)]
    assert found("  priya   iyer ") == [str(by_writer.pk)]
    assert found("espresso") == []


def test_a_search_too_long_is_refused_naming_q(team: Any) -> None:
    response = team.client("viewer").get(posts_url(team), {"q": "beans " * 30})
    assert response.status_code == 400
    assert "q: " in response.content.decode()


def test_the_review_queue_pages_and_searches_oldest_first(team: Any) -> None:
    waiting = add_posts(team, 430, state=State.IN_REVIEW)
    tagged = add_posts(team, 1, state=State.IN_REVIEW, tags=["launch"], days_later=1)[0]
    url = f"/w/{team.workspace.slug}/review/"
    reviewer = team.client("reviewer")

    second = page(reviewer, url, page="2")
    assert counts(second)[0] == "201–400 of 431"
    assert shown(second) == [str(p.pk) for p in waiting[200:400]]
    assert counts(page(reviewer, url, page="3"))[0] == "401–431 of 431"
    assert shown(page(reviewer, url, q="launch")) == [str(tagged.pk)]


def test_the_export_takes_the_same_search(team: Any) -> None:
    add_posts(team, 3, text="Filter coffee week")
    add_posts(team, 2, text="Tea time")
    response = team.client("viewer").get(f"/w/{team.workspace.slug}/posts/export.csv", {"q": "tea"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.decode().count("Tea time") == 2 and "Filter coffee" not in body.decode()


def test_the_export_api_and_command_take_the_search(team: Any, tmp_path: Any) -> None:
    from django.core.management import call_command

    add_posts(team, 3, text="Filter coffee week")
    add_posts(team, 2, text="Tea time")
    _, raw = PersonalAccessToken.issue(team.users["viewer"], "test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/export.csv"
    body = api.get(url, {"q": "TEA"}).content.decode()
    assert body.count("Tea time") == 2 and "Filter coffee" not in body
    out = tmp_path / "tea.csv"
    call_command("export", workspace=team.workspace.slug, search="tea", output=str(out))
    assert out.read_text().count("Tea time") == 2 and "Filter coffee" not in out.read_text()


def test_the_api_pages_with_a_total_and_searches(team: Any) -> None:
    add_posts(team, 450, text="Decaf drop")
    add_posts(team, 20, text="Cold brew", tags=["summer"])
    _, raw = PersonalAccessToken.issue(team.users["viewer"], "test")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts"

    everything = api.get(url, {"limit": "200", "offset": "400"})
    assert everything.status_code == 200
    assert everything["X-Total-Count"] == "470" and len(everything.json()) == 70
    searched = api.get(url, {"q": "cold BREW", "limit": "5"})
    assert searched["X-Total-Count"] == "20" and len(searched.json()) == 5
    tagged = api.get(url, {"tag": "summer", "offset": "15"})
    assert tagged["X-Total-Count"] == "20" and len(tagged.json()) == 5

    for name, value in (("limit", "501"), ("limit", "0"), ("offset", "-1"), ("q", "x" * 101)):
        refused = api.get(url, {name: value})
        assert refused.status_code == 422, (name, value)
        assert name in {str(part) for detail in refused.json()["detail"] for part in detail["loc"]}


def test_counts_read_with_thousands_separators() -> None:
    assert count_label(1201, 1400, 1500) == "1,201–1,400 of 1,500"
    assert count_label(1, 7, 7) == "1–7 of 7"
    assert count_label(0, 0, 0) == "0 of 0"
