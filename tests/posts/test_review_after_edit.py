"""Approved content cannot change without review (issue 12, points 3 and 5).

Every field a post publishes (text, variants, link, media, networks, market, tags),
changed through the API or the editor page, sends an approved or scheduled post back to
review with a revision and an event, and cancels a scheduled post's waiting deliveries.
Who may change or delete whose post is one rule: contributors their own posts only.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

import pytest

from onshore.posts import editing, workflow
from onshore.posts.models import Network, Post, PostEvent, State
from onshore.publishing.models import Channel, Delivery
from onshore.workspaces.models import Market

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]

AUTUMN = "Autumn blend is back"

# field → (API PATCH body, editor form fields that change), with market ids filled later
CHANGES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "text": ({"text": AUTUMN + ", now in tins"}, {"text": AUTUMN + ", now in tins"}),
    "variants": ({"variants": {"x": "Autumn blend: back"}}, {"variant_x": "Autumn blend: back"}),
    "link": ({"link": "https://example.com/elsewhere"}, {"link": "https://example.com/elsewhere"}),
    "media": (
        {"media": [{"kind": "image", "description": "tin", "alt_text": "A green tea tin"}]},
        {"media_0_kind": "image", "media_0_description": "tin", "media_0_alt": "A green tea tin"},
    ),
    "networks": ({"networks": ["bluesky", "linkedin"]}, {"networks": ["bluesky", "linkedin"]}),
    "market": ({"market_id": "IE"}, {"market": "IE"}),
    "tags": ({"tags": ["autumn", "tins"]}, {"tags": "autumn, tins"}),
}


def _post_in(team: Any, state: str, author: str = "contributor") -> Post:
    """A post by ``author`` in ``state`` (approved, or scheduled with a waiting delivery)."""
    Channel.objects.get_or_create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name="CMS",
        defaults={"config": {"url": "https://cms.example.com/hook"}},
    )
    post = editing.create_post(
        team.members[author],
        editing.PostChanges(
            text=AUTUMN,
            market=team.gb,
            link="https://example.com/autumn",
            tags=["autumn"],
            networks=["bluesky"],
        ),
    )
    editing.set_schedule(post, team.members["manager"], date(2026, 12, 1), time(9, 30), None)
    post = workflow.perform(post, team.members[author], "submit")
    post = workflow.perform(post, team.members["reviewer"], "approve")
    if state == State.SCHEDULED:
        post = workflow.perform(post, team.members["manager"], "schedule")
        assert post.deliveries.filter(state="pending").count() == 1
    assert post.state == state
    return post


def _ireland(team: Any) -> Market:
    return Market.objects.get_or_create(
        workspace=team.workspace,
        country="IE",
        language="en-IE",
        defaults={"timezone": "Europe/Dublin"},
    )[0]


def _form_data(post: Post) -> dict[str, Any]:
    """What the editor posts back for ``post`` unchanged."""
    data: dict[str, Any] = {
        "market": post.market_id,
        "text": post.text,
        "networks": post.networks,
        "link": post.link,
        "tags": ", ".join(post.tags),
    }
    data.update({f"variant_{network}": "" for network in Network.values})
    return data


def _api_patch(team: Any, persona: str, post: Post, body: dict[str, Any]) -> Any:
    return team.client(persona).patch(
        f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}",
        json.dumps(body),
        content_type="application/json",
    )


def _page_post(team: Any, persona: str, post: Post, fields: dict[str, Any]) -> Any:
    data = {**_form_data(post), **fields}
    return team.client(persona).post(f"/w/{team.workspace.slug}/posts/{post.pk}/", data)


def _send(team: Any, via: str, persona: str, post: Post, field: str) -> Any:
    api_body, page_fields = CHANGES[field]
    market = {"IE": _ireland(team).pk}
    if via == "api":
        body = {k: market.get(v, v) if isinstance(v, str) else v for k, v in api_body.items()}
        return _api_patch(team, persona, post, body)
    fields = {k: market.get(v, v) if isinstance(v, str) else v for k, v in page_fields.items()}
    return _page_post(team, persona, post, fields)


@pytest.mark.parametrize("via", ["api", "page"])
@pytest.mark.parametrize("state", [State.APPROVED, State.SCHEDULED])
@pytest.mark.parametrize("field", list(CHANGES))
def test_any_change_to_published_content_goes_back_to_review(
    team: Any, field: str, state: str, via: str
) -> None:
    post = _post_in(team, state)
    revisions = post.revisions.count()
    response = _send(team, via, "contributor", post, field)
    assert response.status_code == (200 if via == "api" else 302), response.content[:300]
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW and post.approved_at is None
    assert post.revisions.count() == revisions + 1
    newest = post.revisions.order_by("-number").first()
    assert newest is not None
    published = editing.published_content(post)
    assert newest.text == published["text"] and newest.variants == published["variants"]
    assert newest.details == {k: v for k, v in published.items() if k not in {"text", "variants"}}
    event = PostEvent.objects.filter(post=post).last()
    assert event is not None
    assert (event.action, event.from_state, event.to_state) == ("edited", state, State.IN_REVIEW)
    assert field in event.note
    assert not Delivery.objects.filter(post=post, state="pending").exists()
    if state == State.SCHEDULED:
        assert Delivery.objects.filter(post=post, state="cancelled").count() == 1


@pytest.mark.parametrize("via", ["api", "page"])
def test_saving_without_a_change_keeps_the_schedule(team: Any, via: str) -> None:
    post = _post_in(team, State.SCHEDULED)
    if via == "api":
        body = {"link": post.link, "tags": post.tags, "networks": post.networks, "text": post.text}
        response = _api_patch(team, "contributor", post, body)
    else:
        response = _page_post(team, "contributor", post, {})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.state == State.SCHEDULED and post.revisions.count() == 1
    assert Delivery.objects.filter(post=post, state="pending").count() == 1


def test_the_diff_page_shows_what_changed_besides_the_text(team: Any) -> None:
    post = _post_in(team, State.APPROVED)
    _send(team, "api", "contributor", post, "link")
    page = team.client("reviewer").get(f"/w/{team.workspace.slug}/posts/{post.pk}/diff/")
    content = page.content.decode()
    assert 'id="other-changes"' in content
    assert "https://example.com/autumn" in content and "https://example.com/elsewhere" in content


@pytest.mark.parametrize("via", ["api", "page"])
def test_a_contributor_cannot_change_another_authors_post(team: Any, via: str) -> None:
    post = _post_in(team, State.SCHEDULED, author="manager")
    response = _send(team, via, "contributor", post, "link")
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.state == State.SCHEDULED and post.link == "https://example.com/autumn"
    assert Delivery.objects.filter(post=post, state="pending").count() == 1


def test_the_editor_offers_no_save_button_on_another_authors_post(team: Any) -> None:
    post = _post_in(team, State.APPROVED, author="manager")
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/"
    assert "Save changes" not in team.client("contributor").get(url).content.decode()
    assert "Save changes" in team.client("owner").get(url).content.decode()


def _delete(team: Any, persona: str, post: Post) -> Any:
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}"
    return team.client(persona).delete(url)


def test_a_contributor_cannot_delete_another_authors_scheduled_post(team: Any) -> None:
    post = _post_in(team, State.SCHEDULED, author="manager")
    assert _delete(team, "contributor", post).status_code == 403
    assert Delivery.objects.filter(post=post, state="pending").count() == 1
    assert _delete(team, "manager", post).status_code == 204
    assert not Post.objects.filter(pk=post.pk).exists()


def test_deleting_a_post_being_sent_is_refused(team: Any) -> None:
    post = _post_in(team, State.SCHEDULED)
    Delivery.objects.filter(post=post).update(state="in_flight")
    response = _delete(team, "contributor", post)
    assert response.status_code == 409 and "Publishing has started" in response.json()["detail"]
    assert Post.objects.filter(pk=post.pk).exists()
