"""The API's bulk actions and duplicate (issue 14): a result per post, 422 naming the
field, the 200-id bound, 404 for outsiders."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from onshore.accounts.models import PersonalAccessToken
from onshore.posts import editing, workflow
from onshore.posts.models import Post, State

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def _call(user: Any, method: str, path: str, body: Any = None) -> Any:
    _, raw = PersonalAccessToken.issue(user, "test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    data = "" if body is None else json.dumps(body)
    return client.generic(method, f"/api/v1{path}", data, content_type="application/json")


def _in_review(team: Any, text: str) -> Post:
    member = team.members["contributor"]
    post = editing.create_post(member, editing.PostChanges(text=text, market=team.gb))
    return workflow.perform(post, member, "submit")


def _bulk(team: Any, persona: str, body: dict[str, Any]) -> Any:
    return _call(team.users[persona], "POST", f"/workspaces/{team.workspace.slug}/posts/bulk", body)


def test_bulk_approve_answers_a_result_per_post(team: Any) -> None:
    posts = [_in_review(team, "Autumn blend"), _in_review(team, "Winter menu")]
    draft = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Only a draft", market=team.gb)
    )
    ids = [posts[0].pk, draft.pk, posts[1].pk, 999999]
    response = _bulk(team, "reviewer", {"action": "approve", "ids": ids})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["action"], body["done"], body["refused"]) == ("approve", 2, 2)
    assert [(r["id"], r["outcome"]) for r in body["results"]] == [
        (posts[0].pk, "done"),
        (draft.pk, "refused"),
        (posts[1].pk, "done"),
        (999999, "refused"),
    ]
    assert body["results"][1]["message"] == (
        "Cannot approve: the post is draft; it must be in review."
    )
    assert body["results"][3] == {
        "id": 999999,
        "title": "",
        "outcome": "refused",
        "message": "not found in this workspace",
    }
    assert body["summary"].startswith("2 approved; 2 refused: “Only a draft”")
    assert Post.objects.get(pk=posts[0].pk).state == State.APPROVED


def test_bulk_request_changes_needs_the_comment_named_in_params(team: Any) -> None:
    post = _in_review(team, "Autumn blend")
    response = _bulk(team, "reviewer", {"action": "request_changes", "ids": [post.pk]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "params.note"]
    done = _bulk(
        team,
        "reviewer",
        {"action": "request_changes", "ids": [post.pk], "params": {"note": "Name the farm."}},
    )
    assert done.json()["done"] == 1


def test_bulk_takes_at_most_200_ids(team: Any) -> None:
    response = _bulk(team, "manager", {"action": "delete", "ids": list(range(1, 202))})
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == "ids" and "200" in detail["msg"]


def test_bulk_move_names_a_foreign_market_as_params_market_id(team: Any) -> None:
    post = _in_review(team, "Autumn blend")
    response = _bulk(
        team, "manager", {"action": "move", "ids": [post.pk], "params": {"market_id": 999999}}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "params.market_id"]


def test_an_outsider_gets_404_for_bulk_and_duplicate(team: Any) -> None:
    post = _in_review(team, "Autumn blend")
    assert _bulk(team, "outsider", {"action": "delete", "ids": [post.pk]}).status_code == 404
    path = f"/workspaces/{team.workspace.slug}/posts/{post.pk}/duplicate"
    assert _call(team.users["outsider"], "POST", path).status_code == 404
    assert Post.objects.count() == 1


def test_duplicate_answers_the_new_draft(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(
            text="Autumn blend", market=team.gb, tags=["autumn"], variants={"x": "Autumn!"}
        ),
    )
    path = f"/workspaces/{team.workspace.slug}/posts/{post.pk}/duplicate"
    response = _call(team.users["manager"], "POST", path)
    assert response.status_code == 201, response.content
    copy = response.json()
    assert copy["id"] != post.pk and copy["state"] == "draft"
    assert (copy["text"], copy["tags"], copy["variants"]) == (
        "Autumn blend",
        ["autumn"],
        {"x": "Autumn!"},
    )
    assert copy["author"] == "manager@example.com" and copy["schedule"] is None
    assert _call(team.users["reviewer"], "POST", path).status_code == 403


def test_delete_of_a_published_post_is_refused_with_the_reason(team: Any) -> None:
    post = _in_review(team, "Autumn blend")
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHED)
    path = f"/workspaces/{team.workspace.slug}/posts/{post.pk}"
    response = _call(team.users["contributor"], "DELETE", path)
    assert response.status_code == 409
    assert "has been published" in response.content.decode()
