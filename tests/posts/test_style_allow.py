"""Learned from review, the other half: the same finding dismissed again and again in
one market becomes a proposal to allow the phrase there; allowed, no rule flags it in
that workspace's posts of that market (and nowhere else)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing
from onshore.posts.checks import check_post
from onshore.posts.models import Post
from onshore.posts.style_learning import allow_proposals
from onshore.workspaces import style_guides
from onshore.workspaces.models import Market

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def page(team: Any) -> str:
    return f"/w/{team.workspace.slug}/style-guide/"


def us_market(team: Any) -> Market:
    return Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )


def dismiss_colour(team: Any, market: Market, posts: int) -> list[Post]:
    """``posts`` posts say "colour"; the writer dismisses the spelling finding in each,
    through the post page's dismiss form."""
    client = team.client("contributor")
    made = []
    for number in range(posts):
        post = editing.create_post(
            team.members["contributor"],
            editing.PostChanges(text=f"Pick your colour, number {number}", market=market),
        )
        [finding] = [f for f in check_post(post).open_findings if f.rule == "spelling.variant"]
        response = client.post(
            f"/w/{team.workspace.slug}/posts/{post.pk}/dismiss/",
            {"rule": finding.rule, "span_text": "colour", "reason": "Our readers expect it"},
        )
        assert response.status_code == 302
        made.append(post)
    return made


def test_dismissed_in_enough_posts_is_proposed_with_count_and_links(team: Any) -> None:
    us = us_market(team)
    posts = dismiss_colour(team, us, 3)
    html = team.client("manager").get(page(team)).content.decode()
    assert "“colour” was dismissed 3 times in United States posts" in html
    for post in posts:
        assert f'href="/w/{team.workspace.slug}/posts/{post.pk}/"' in html
    assert 'name="decision" value="allow"' in html


def test_below_the_threshold_nothing_is_proposed(team: Any, settings: Any) -> None:
    dismiss_colour(team, us_market(team), 2)
    assert allow_proposals(team.workspace) == []
    settings.STYLE_PROPOSAL_THRESHOLD = 2
    [proposal] = allow_proposals(team.workspace)
    assert (proposal.phrase, proposal.market, proposal.count) == ("colour", "US", 2)


def test_one_post_dismissing_twice_counts_once(team: Any, settings: Any) -> None:
    settings.STYLE_PROPOSAL_THRESHOLD = 2
    [post] = dismiss_colour(team, us_market(team), 1)
    team.client("contributor").post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/dismiss/",
        {"rule": "spelling.variant", "span_text": "colour", "reason": "again"},
    )
    assert allow_proposals(team.workspace) == []


def test_allowing_it_stops_the_finding_in_that_market_only(team: Any) -> None:
    us = us_market(team)
    dismiss_colour(team, us, 3)
    response = team.client("manager").post(
        page(team) + "allow/",
        {"phrase": "colour", "rule": "spelling.variant", "market": "US", "decision": "allow"},
    )
    assert response.status_code == 302
    assert style_guides.own_guide(team.workspace, "US").allowed == ("colour",)
    fresh = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="New colour range", market=us)
    )
    assert [f.rule for f in check_post(fresh).open_findings] == []
    html = team.client("manager").get(page(team)).content.decode()
    assert "was dismissed 3 times" not in html
    # The US guide page lists it, editable like any other term.
    us_page = team.client("manager").get(page(team) + "?market=US").content.decode()
    assert re.search(r"<textarea name=\"allowed\"[^>]*>\s*colour</textarea>", us_page), us_page[
        -3000:
    ]
    # Another workspace's US posts are not touched by this workspace's choice.
    other_us = Market.objects.create(
        workspace=team.other_workspace, country="US", language="en-US", timezone="America/New_York"
    )
    assert style_guides.guide_for(other_us.workspace_id, "US") is None


def test_ignoring_it_means_it_is_not_proposed_again(team: Any) -> None:
    dismiss_colour(team, us_market(team), 3)
    team.client("owner").post(
        page(team) + "allow/",
        {"phrase": "colour", "rule": "spelling.variant", "market": "US", "decision": "ignore"},
    )
    assert "was dismissed 3 times" not in team.client("owner").get(page(team)).content.decode()
    assert style_guides.own_guide(team.workspace, "US").allowed == ()


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ({"phrase": "colour", "rule": "spelling.variant", "market": "FR"}, "not a market here"),
        ({"phrase": "colour", "rule": "length.x", "market": "US"}, "not a word rule"),
        ({"phrase": "", "rule": "spelling.variant", "market": "US"}, "no phrase"),
        ({"phrase": "a b c d e", "rule": "spelling.variant", "market": "US"}, "too long"),
    ],
)
def test_a_forged_decision_changes_nothing(team: Any, body: dict[str, str], why: str) -> None:
    us_market(team)
    response = team.client("manager").post(page(team) + "allow/", {**body, "decision": "allow"})
    assert response.status_code == 302, why
    assert style_guides.own_guide(team.workspace, "US").allowed == ()


@pytest.mark.parametrize("persona", ["reviewer", "contributor", "viewer"])
def test_only_owners_and_managers_decide(team: Any, persona: str) -> None:
    us_market(team)
    body = {"phrase": "colour", "rule": "spelling.variant", "market": "US", "decision": "allow"}
    assert team.client(persona).post(page(team) + "allow/", body).status_code == 403


def test_outsiders_get_404(team: Any) -> None:
    body = {"phrase": "colour", "rule": "spelling.variant", "market": "GB", "decision": "allow"}
    client = Client()
    client.force_login(team.users["outsider"])
    assert client.post(page(team) + "allow/", body).status_code == 404
