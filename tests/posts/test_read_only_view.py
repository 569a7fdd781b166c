"""Members who may not edit a post (reviewers, viewers, contributors on someone else's
post) get the post as it will be published, not an editor whose edits are lost
(issue 14, point 11); a finding's suggestion becomes a comment."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TEXT = "Our new color range\nlands on Friday."
X_TEXT = "Color range, Friday!"


def _client(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def _post_in_review(team: Any, author: str = "contributor") -> Any:
    member = team.members[author]
    post = editing.create_post(
        member,
        editing.PostChanges(
            text=TEXT,
            market=team.gb,
            networks=["x", "mastodon"],
            variants={"x": X_TEXT},
            link="https://tea.example/range",
            tags=["autumn"],
        ),
    )
    return workflow.perform(post, member, "submit")


def _page(team: Any, persona: str, post: Any, query: str = "") -> str:
    response = _client(team, persona).get(f"/w/{team.workspace.slug}/posts/{post.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_reviewer_gets_no_text_to_type_into_and_no_apply_button(team: Any) -> None:
    page = _page(team, "reviewer", _post_in_review(team))
    assert 'name="text"' not in page and 'name="variant_x"' not in page
    assert "button.apply" not in page and 'class="apply' not in page
    assert "Save changes" not in page
    # The approve and request-changes buttons stay.
    assert 'data-action="approve"' in page and 'data-action="request_changes"' in page


def test_the_reviewer_sees_each_networks_text_with_its_line_breaks_link_tags_and_market(
    team: Any,
) -> None:
    page = _page(team, "reviewer", _post_in_review(team))
    x = re.search(r'data-network="x">(.*?)</figure>', page, re.S)
    mastodon = re.search(r'data-network="mastodon">(.*?)</figure>', page, re.S)
    assert x and mastodon
    assert X_TEXT in x.group(1) and "its own text" in x.group(1)
    assert "Our new color range<br>lands on Friday." in mastodon.group(1)
    assert 'href="https://tea.example/range"' in page and "#autumn" in page
    assert "United Kingdom" in page or "GB" in page
    assert "No time set yet" in page


def test_a_suggestion_becomes_a_comment_instead_of_an_edit(team: Any) -> None:
    page = _page(team, "reviewer", _post_in_review(team))
    said = "Suggest: replace &#x27;color&#x27; with &#x27;colour&#x27;"
    assert f'data-suggest="{said}"' in page
    assert "Suggest “colour” in a comment" in page
    # The X version's own text is named in its suggestion.
    assert "Suggest for the X version: replace &#x27;Color&#x27; with &#x27;Colour&#x27;" in page


def test_without_javascript_the_suggestion_arrives_in_the_comment_box(team: Any) -> None:
    post = _post_in_review(team)
    query = "?suggest=Suggest%3A+replace+%27color%27+with+%27colour%27"
    page = _page(team, "reviewer", post, query)
    box = re.search(r'<textarea id="comment-body"[^>]*>(.*?)</textarea>', page, re.S)
    assert box and box.group(1) == "Suggest: replace &#x27;color&#x27; with &#x27;colour&#x27;"


def test_a_viewer_reads_the_post_but_cannot_comment_or_suggest(team: Any) -> None:
    page = _page(team, "viewer", _post_in_review(team))
    assert 'name="text"' not in page and "comment-body" not in page
    assert "data-suggest" not in page and 'data-action="approve"' not in page
    assert "You can read this post but not edit it." in page


def test_contributors_edit_their_own_posts_and_read_others(team: Any) -> None:
    own = _post_in_review(team)
    others = _post_in_review(team, author="manager")
    assert 'name="text"' in _page(team, "contributor", own)
    assert 'name="text"' not in _page(team, "contributor", others)
    assert 'name="text"' in _page(team, "manager", own)


def test_a_reviewers_edit_sent_anyway_is_refused_not_lost(team: Any) -> None:
    post = _post_in_review(team)
    response = _client(team, "reviewer").post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/", {"market": team.gb.pk, "text": "Changed"}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.text == TEXT


def test_a_published_post_is_read_as_it_went_out_even_by_its_author_and_the_owner(
    team: Any,
) -> None:
    # Saving a published post is refused; the page must not offer a form that loses edits.
    from onshore.posts.models import Post, State

    post = _post_in_review(team)
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHED)
    for persona in ("contributor", "manager"):
        page = _page(team, persona, post)
        assert 'id="post-form"' not in page and "Save changes" not in page
        assert "Color range, Friday!" in page  # the X text, as published
        assert "Share for approval" not in page  # nobody can approve it any more


def test_the_share_form_is_offered_while_a_post_can_still_be_approved(team: Any) -> None:
    post = _post_in_review(team)
    assert "Share for approval" in _page(team, "manager", post)
    workflow.perform(post, team.members["manager"], "approve")
    assert "Share for approval" not in _page(team, "manager", post)
