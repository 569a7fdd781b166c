"""Client approval without an account: review links (issue 14).

A manager makes a link for one post or a batch; whoever holds it sees those posts as
they will look and approves or requests changes, recorded under the link's name. The
link expires, can be revoked, is rate limited, and opens nothing else.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from onshore.posts import editing, review_links, workflow
from onshore.posts.models import Comment, Post, PostEvent, ReviewLink, State
from onshore.url_secrets import secrets_in_path

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def _in_review(team: Any, text: str = "Autumn blend is back") -> Post:
    member = team.members["contributor"]
    post = editing.create_post(
        member, editing.PostChanges(text=text, market=team.gb, networks=["bluesky"])
    )
    return workflow.perform(post, member, "submit")


def _link(team: Any, *posts: Post, **extra: Any) -> tuple[ReviewLink, str]:
    return ReviewLink.issue(
        team.workspace, team.users["manager"], name="Dana Client", posts=list(posts), **extra
    )


# --- The data layer ----------------------------------------------------------------


def test_only_the_tokens_hash_is_stored_and_it_finds_the_live_link(team: Any) -> None:
    link, token = _link(team, _in_review(team))
    assert len(token) >= 43  # 32 random bytes, URL-safe
    stored = ReviewLink.objects.filter(pk=link.pk).values().get()
    assert token not in str(stored)
    assert ReviewLink.find(token) == link
    assert ReviewLink.find(token + "x") is None and ReviewLink.find("") is None


def test_a_link_stops_working_when_it_expires_or_is_revoked(team: Any) -> None:
    link, token = _link(team, _in_review(team), days=2)
    with time_machine.travel(timezone.now() + timedelta(days=2, seconds=1)):
        assert ReviewLink.find(token) is None and link.status == "expired"
    assert link.revoke() and ReviewLink.find(token) is None
    assert not link.revoke()  # already revoked


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"days": 0}, "days"), ({"days": 31}, "days"), ({"name": " "}, "name")],
)
def test_bad_link_settings_are_refused_by_field(team: Any, extra: Any, field: str) -> None:
    post = _in_review(team)
    with pytest.raises(ValidationError) as refused:
        ReviewLink.issue(
            team.workspace,
            team.users["manager"],
            **{"name": "Dana Client", "posts": [post], **extra},
        )
    assert field in refused.value.message_dict
    assert not ReviewLink.objects.exists()


def test_a_link_carries_one_to_fifty_posts_of_its_own_workspace(team: Any) -> None:
    with pytest.raises(ValidationError, match="1 to 50 posts"):
        _link(team)
    posts = [_in_review(team, f"Post {n}") for n in range(51)]
    with pytest.raises(ValidationError, match="1 to 50 posts"):
        _link(team, *posts)
    foreign = Post(workspace=team.other_workspace, market=team.gb, text="Elsewhere")
    with pytest.raises(ValidationError, match="this workspace"):
        _link(team, posts[0], foreign)


def test_decisions_are_recorded_as_the_person_the_link_is_for(team: Any) -> None:
    approve, change = _in_review(team, "One"), _in_review(team, "Two")
    link, _ = _link(team, approve, change)
    review_links.decide(link, approve.pk, "approve", "")
    with pytest.raises(workflow.TransitionError, match="a comment is required"):
        review_links.decide(link, change.pk, "request_changes", "  ")
    review_links.decide(link, change.pk, "request_changes", "Say it is organic.")
    approve.refresh_from_db()
    change.refresh_from_db()
    assert (approve.state, change.state) == (State.APPROVED, State.CHANGES_REQUESTED)
    events = PostEvent.objects.filter(review_link=link).order_by("id")
    assert [(e.action, e.by, e.actor_name) for e in events] == [
        ("approve", None, "Dana Client (by review link)"),
        ("request_changes", None, "Dana Client (by review link)"),
    ]
    comment = Comment.objects.get(post=change)
    assert comment.author_name == "Dana Client (by review link)"
    assert comment.body == "Say it is organic."


def test_a_link_acts_only_on_its_posts_in_review_and_only_reviews(team: Any) -> None:
    on_link, elsewhere = _in_review(team, "On the link"), _in_review(team, "Not on it")
    link, _ = _link(team, on_link)
    with pytest.raises(review_links.NotOnThisLink):
        review_links.decide(link, elsewhere.pk, "approve", "")
    with pytest.raises(workflow.TransitionError, match="choose Approve or Request changes"):
        review_links.decide(link, on_link.pk, "schedule", "")
    # The transition table itself refuses anything but review to a link's holder.
    with pytest.raises(workflow.TransitionForbidden):
        workflow.perform(on_link, workflow.LinkReviewer(link), "submit")
    review_links.decide(link, on_link.pk, "approve", "")
    with pytest.raises(workflow.TransitionError, match="the post is approved"):
        review_links.decide(link, on_link.pk, "request_changes", "Too late?")


# --- The pages ---------------------------------------------------------------------


def test_the_outside_page_shows_the_posts_and_logs_no_one_in(team: Any) -> None:
    post = _in_review(team, "Autumn blend\nis back")
    _, token = _link(team, post)
    outsider = Client()
    response = outsider.get(f"/r/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hello Dana Client" in page and "Autumn blend<br>is back" in page
    assert 'data-action="approve"' in page and 'data-action="request_changes"' in page
    assert response["Cache-Control"] == "private, no-store"
    assert "sessionid" not in response.cookies
    # Nothing of the workspace is linked from it, and nothing else opens with it.
    assert f"/w/{team.workspace.slug}/" not in page
    slug = team.workspace.slug
    for path in (f"/w/{slug}/", f"/w/{slug}/posts/", f"/w/{slug}/posts/{post.pk}/", "/"):
        assert outsider.get(path).status_code == 302, path  # to the login page
    assert outsider.get(f"/api/v1/workspaces/{slug}/posts").status_code == 401
    assert outsider.get(f"/r/{token}/posts/{post.pk}/").status_code == 405  # decisions: POST


def test_unknown_expired_and_revoked_links_get_the_same_not_found_page(team: Any) -> None:
    expired, expired_token = _link(team, _in_review(team), days=1)
    revoked, revoked_token = _link(team, _in_review(team))
    revoked.revoke()
    answers = []
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        for token in (expired_token, revoked_token, "no-such-token"):
            response = Client().get(f"/r/{token}/")
            answers.append((response.status_code, response.content))
    assert answers[0][0] == 404 and answers[0] == answers[1] == answers[2]


def test_approve_and_request_changes_from_the_outside_page(team: Any) -> None:
    approve, change = _in_review(team, "One"), _in_review(team, "Two")
    _, token = _link(team, approve, change)
    outsider = Client()
    response = outsider.post(f"/r/{token}/posts/{approve.pk}/", {"action": "approve"})
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{approve.pk}")
    missing = outsider.post(f"/r/{token}/posts/{change.pk}/", {"action": "request_changes"})
    assert missing.status_code == 422
    assert "a comment is required to request changes" in missing.content.decode()
    outsider.post(
        f"/r/{token}/posts/{change.pk}/", {"action": "request_changes", "note": "Name the farm."}
    )
    page = outsider.get(f"/r/{token}/").content.decode()
    assert "you: Approved" in page and "you: Changes requested: “Name the farm.”" in page
    # The team sees the person's name in the history and on the comment.
    manager = Client()
    manager.force_login(team.users["manager"])
    history = manager.get(f"/w/{team.workspace.slug}/posts/{change.pk}/").content.decode()
    assert "Dana Client (by review link): Changes requested" in history
    assert "Dana Client (by review link) ·" in history
    api = manager.get(f"/api/v1/workspaces/{team.workspace.slug}/posts/{change.pk}/comments")
    assert [(c["author"], c["author_name"], c["body"]) for c in api.json()] == [
        (None, "Dana Client (by review link)", "Name the farm.")
    ]


def test_a_post_not_on_the_link_is_not_found_through_it(team: Any) -> None:
    _, token = _link(team, _in_review(team, "On the link"))
    other = _in_review(team, "Not on it")
    response = Client().post(f"/r/{token}/posts/{other.pk}/", {"action": "approve"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.state == State.IN_REVIEW


def test_decisions_need_the_forms_csrf_token(team: Any) -> None:
    post = _in_review(team)
    _, token = _link(team, post)
    response = Client(enforce_csrf_checks=True).post(
        f"/r/{token}/posts/{post.pk}/", {"action": "approve"}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW


def test_the_pages_are_rate_limited_by_address_and_by_link(team: Any) -> None:
    _, token = _link(team, _in_review(team))
    first = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(review_links.PER_ADDRESS_PER_MINUTE):
        assert first.get(f"/r/{token}/").status_code == 200
    refused = first.get(f"/r/{token}/")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    assert "at most 30 requests a minute from one address" in refused.content.decode()
    # Guessing other tokens from the same address is refused as well.
    assert first.get("/r/a-guess/").status_code == 429
    # Another address goes on until the link itself has had its 60 in the minute.
    second = Client(REMOTE_ADDR="198.51.100.9")
    third = Client(REMOTE_ADDR="198.51.100.10")
    for client in (second, third):
        answers = {client.get(f"/r/{token}/").status_code for _ in range(15)}
        assert answers == {200}
    over = Client(REMOTE_ADDR="198.51.100.11").get(f"/r/{token}/")
    assert over.status_code == 429 and "however many people use it" in over.content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert first.get(f"/r/{token}/").status_code == 200


def test_a_manager_makes_a_link_for_ticked_posts_and_sees_it_once(team: Any) -> None:
    one, two = _in_review(team, "One"), _in_review(team, "Two")
    manager = Client()
    manager.force_login(team.users["manager"])
    url = f"/w/{team.workspace.slug}/review-links/"
    form = manager.get(url).content.decode()
    assert f'name="posts" value="{one.pk}"' in form and f'name="posts" value="{two.pk}"' in form
    response = manager.post(
        url, {"name": "Dana Client", "email": "dana@client.example", "days": "7",
              "posts": [one.pk, two.pk]}
    )  # fmt: skip
    page = response.content.decode()
    address = re.search(r'id="review-link-url" class="wide" readonly value="([^"]+)"', page)
    assert response.status_code == 200 and address
    assert 'data-copy="#review-link-url"' in page
    assert address.group(1) not in manager.get(url).content.decode()  # shown once
    link = ReviewLink.objects.get()
    assert set(link.posts.all()) == {one, two} and link.created_by == team.users["manager"]
    assert [m.to for m in mail.outbox] == [["dana@client.example"]]
    assert address.group(1) in mail.outbox[0].body and "2 posts" in mail.outbox[0].subject
    token = address.group(1).rsplit("/r/", 1)[1].strip("/")
    assert Client().get(f"/r/{token}/").status_code == 200


def test_bad_link_forms_name_the_field(team: Any) -> None:
    manager = Client()
    manager.force_login(team.users["manager"])
    url = f"/w/{team.workspace.slug}/review-links/"
    post = _in_review(team)
    for sent, message in (
        ({"name": "Dana", "days": "7"}, "Posts: tick at least one post"),
        ({"name": "Dana", "days": "90", "posts": [post.pk]}, "Works for (days): Ensure"),
        ({"name": "Dana", "days": "7", "posts": list(range(1, 60))}, "at most 50 posts"),
        ({"name": "", "days": "7", "posts": [post.pk]}, "Their name: This field is required"),
    ):
        response = manager.post(url, sent)
        assert response.status_code == 422 and message in response.content.decode(), sent
    assert not ReviewLink.objects.exists()


def test_revoking_a_link_stops_it_at_once(team: Any) -> None:
    link, token = _link(team, _in_review(team))
    manager = Client()
    manager.force_login(team.users["manager"])
    response = manager.post(f"/w/{team.workspace.slug}/review-links/{link.pk}/revoke/")
    assert response.status_code == 302
    assert Client().get(f"/r/{token}/").status_code == 404
    page = manager.get(f"/w/{team.workspace.slug}/review-links/").content.decode()
    assert '<td class="status">revoked</td>' in page


def test_another_workspaces_manager_cannot_revoke_the_link(team: Any) -> None:
    link, token = _link(team, _in_review(team))
    outsider = Client()
    outsider.force_login(team.users["outsider"])
    slug = team.other_workspace.slug
    assert outsider.post(f"/w/{slug}/review-links/{link.pk}/revoke/").status_code == 404
    assert Client().get(f"/r/{token}/").status_code == 200


def test_the_token_is_kept_out_of_logs(team: Any) -> None:
    post = _in_review(team)
    _, token = _link(team, post)
    assert secrets_in_path(f"/r/{token}/") == [token]
    assert secrets_in_path(f"/r/{token}/posts/{post.pk}/") == [token]


def test_a_comment_with_a_nul_character_is_refused_by_name(team: Any) -> None:
    post = _in_review(team)
    _, token = _link(team, post)
    response = Client().post(
        f"/r/{token}/posts/{post.pk}/", {"action": "request_changes", "note": "a\x00b"}
    )
    assert response.status_code == 422
    assert "note: the comment contains a NUL character" in response.content.decode()
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW
