"""The post page's "This post" card (issue 14): duplicate, move to another market, and
delete with confirmation; deleting a scheduled post cancels its deliveries, and a post
being published or published is refused with the reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.publishing.models import Delivery
from onshore.publishing.outbox import publish_one_due
from onshore.workspaces.models import Market
from tests.factories import FIND, SEND, scheduled_post, webhook_channel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def _client(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def _us(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )


def _rich_post(team: Any) -> Post:
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(
            text="Autumn blend is back",
            market=team.gb,
            networks=["x", "mastodon"],
            variants={"x": "Autumn blend: back!"},
            link="https://tea.example/autumn",
            tags=["autumn", "launch"],
            media=[{"kind": "image", "description": "tin", "alt_text": "A red tea tin"}],
        ),
    )
    editing.set_schedule(post, team.members["contributor"], date(2026, 12, 1), time(9, 30), None)
    return workflow.perform(post, team.members["contributor"], "submit")


def _url(team: Any, post: Post, what: str = "") -> str:
    return f"/w/{team.workspace.slug}/posts/{post.pk}/{what}"


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- the card on the page ----------------------------------------------------------------


def test_the_author_sees_duplicate_move_and_delete_with_a_confirmation(team: Any) -> None:
    _us(team)
    post = _rich_post(team)
    page = _client(team, "contributor").get(_url(team, post)).content.decode()
    assert 'id="post-card"' in page and "This post" in page
    assert 'id="duplicate-post"' in page
    assert "United States (en-US)" in page and 'id="move-post"' in page
    assert 'id="delete-post-form"' in page and 'data-confirm="Delete this post' in page


def test_a_reviewer_sees_no_card_and_a_contributor_on_someone_elses_post_may_only_duplicate(
    team: Any,
) -> None:
    post = _rich_post(team)
    assert 'id="post-card"' not in _client(team, "reviewer").get(_url(team, post)).content.decode()
    manager_post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Winter menu", market=team.gb)
    )
    page = _client(team, "contributor").get(_url(team, manager_post)).content.decode()
    assert 'id="duplicate-post"' in page
    assert 'id="delete-post"' not in page and 'id="move-post"' not in page


def test_deleting_a_scheduled_post_warns_in_its_confirmation_about_its_deliveries(
    team: Any, receiver: Any
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    _us(team)
    page = _client(team, "manager").get(_url(team, post)).content.decode()
    assert "cancel its 1 waiting delivery?" in page
    # Moving it undoes the approval and the schedule: that is asked too.
    assert (
        'data-confirm="Move this post to another market? It goes back to review and stops '
        'waiting to be published."'
    ) in page


# --- duplicate ------------------------------------------------------------------------


def test_duplicate_makes_a_draft_copy_with_texts_tags_and_media_and_opens_it(team: Any) -> None:
    post = _rich_post(team)
    editing.add_comment(post, team.members["reviewer"], "Nice tin")
    response = _client(team, "manager").post(_url(team, post, "duplicate/"), follow=True)
    copy = Post.objects.exclude(pk=post.pk).get()
    assert response.redirect_chain[-1][0] == _url(team, copy)
    assert "Duplicated as a new draft" in _messages(response)
    assert copy.state == State.DRAFT and copy.author == team.users["manager"]
    assert (copy.text, copy.market, copy.link) == (post.text, post.market, post.link)
    assert copy.tags == ["autumn", "launch"] and copy.networks == ["mastodon", "x"]
    assert copy.text_for("x") == "Autumn blend: back!"
    assert [(m.kind, m.alt_text) for m in copy.media.all()] == [("image", "A red tea tin")]
    # Not its time, comments or history.
    assert copy.scheduled_at is None and copy.scheduled_date is None
    assert not copy.comments.exists() and not copy.events.exists()
    assert copy.revisions.count() == 1


def test_a_reviewer_cannot_duplicate_and_an_outsider_gets_404(team: Any) -> None:
    post = _rich_post(team)
    assert _client(team, "reviewer").post(_url(team, post, "duplicate/")).status_code == 403
    assert _client(team, "outsider").post(_url(team, post, "duplicate/")).status_code == 404
    assert Post.objects.count() == 1


# --- move -------------------------------------------------------------------------------


def test_moving_a_scheduled_post_sends_it_back_to_review_and_keeps_its_wall_time(
    team: Any, receiver: Any
) -> None:
    webhook_channel(team, receiver)
    us = _us(team)
    post = scheduled_post(team)
    response = _client(team, "manager").post(
        _url(team, post, "move-market/"), {"market": us.pk}, follow=True
    )
    said = _messages(response)
    assert "Moved to United States (en-US). Back to review" in said
    assert "Its time is now Tue 1 December 2026, 09:30 New York" in said
    post.refresh_from_db()
    assert post.market == us and post.state == State.IN_REVIEW
    assert (post.scheduled_date, post.scheduled_time) == (date(2026, 12, 1), time(9, 30))
    assert post.scheduled_zone == "America/New_York"
    assert post.scheduled_at.isoformat() == "2026-12-01T14:30:00+00:00"
    assert not Delivery.objects.filter(post=post, state="pending").exists()
    assert post.revisions.last().details["market"] == us.pk


def test_a_move_clears_a_time_that_does_not_exist_in_the_new_zone_and_says_so(team: Any) -> None:
    us = _us(team)
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Clocks", market=team.gb)
    )
    # 02:30 on 8 March 2026 exists in London but not in New York (clocks spring forward).
    editing.set_schedule(post, team.members["contributor"], date(2026, 3, 8), time(2, 30), None)
    response = _client(team, "contributor").post(
        _url(team, post, "move-market/"), {"market": us.pk}, follow=True
    )
    assert "Its time (Sun 8 March 2026, 02:30) does not exist in America/New_York" in _messages(
        response
    )
    post.refresh_from_db()
    assert post.market == us and post.scheduled_at is None and post.scheduled_date is None


def test_the_editor_form_moving_the_market_re_resolves_the_time_too(team: Any) -> None:
    us = _us(team)
    post = _rich_post(team)
    editing.update_post(post, team.members["contributor"], editing.PostChanges(market=us))
    post.refresh_from_db()
    assert post.scheduled_zone == "America/New_York"
    assert post.scheduled_at.isoformat() == "2026-12-01T14:30:00+00:00"


def test_a_move_to_another_workspaces_market_or_by_someone_else_is_refused(team: Any) -> None:
    foreign = Market.objects.create(
        workspace=team.other_workspace, country="US", language="en-US", timezone="America/Chicago"
    )
    post = _rich_post(team)
    response = _client(team, "contributor").post(
        _url(team, post, "move-market/"), {"market": foreign.pk}, follow=True
    )
    assert "market: choose one of this workspace's other markets." in _messages(response)
    us = _us(team)
    manager_post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Winter menu", market=team.gb)
    )
    refused = _client(team, "contributor").post(
        _url(team, manager_post, "move-market/"), {"market": us.pk}
    )
    assert refused.status_code == 403
    post.refresh_from_db()
    manager_post.refresh_from_db()
    assert post.market == team.gb and manager_post.market == team.gb


# --- delete -----------------------------------------------------------------------------


def test_deleting_a_scheduled_post_cancels_its_deliveries_and_nothing_is_sent(
    team: Any, receiver: Any
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team)
    assert Delivery.objects.filter(post=post, state="pending").count() == 1
    response = _client(team, "manager").post(_url(team, post, "delete/"), follow=True)
    assert response.redirect_chain[-1][0] == f"/w/{team.workspace.slug}/posts/"
    said = _messages(response)
    assert "Deleted “Winter roast is here”." in said
    assert "Its 1 waiting delivery was cancelled: nothing will be published." in said
    assert not Post.objects.filter(pk=post.pk).exists()
    assert not Delivery.objects.exists()
    assert publish_one_due(datetime(2026, 12, 2, tzinfo=UTC), "w1", SEND, FIND) is None
    assert receiver.deliveries == []


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (State.PUBLISHING, "being published now"),
        (State.PUBLISHED, "has been published"),
    ],
)
def test_a_post_being_published_or_published_cannot_be_deleted_and_says_why(
    team: Any, state: str, reason: str
) -> None:
    post = _rich_post(team)
    Post.objects.filter(pk=post.pk).update(state=state)
    client = _client(team, "contributor")
    page = client.get(_url(team, post)).content.decode()
    assert 'id="delete-post"' not in page and reason in page
    response = client.post(_url(team, post, "delete/"), follow=True)
    assert f"Cannot delete: the post {'is' if 'being' in reason else 'has'}" in _messages(response)
    assert Post.objects.filter(pk=post.pk).exists()


def test_only_those_who_may_change_a_post_delete_it(team: Any) -> None:
    post = _rich_post(team)
    assert _client(team, "reviewer").post(_url(team, post, "delete/")).status_code == 403
    assert _client(team, "outsider").post(_url(team, post, "delete/")).status_code == 404
    manager_post = editing.create_post(
        team.members["manager"], editing.PostChanges(text="Winter menu", market=team.gb)
    )
    assert _client(team, "contributor").post(_url(team, manager_post, "delete/")).status_code == 403
    assert Post.objects.count() == 2
