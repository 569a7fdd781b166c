"""The notifications API: your own notifications, paged and bounded, marked read one by
one or all at once, and your choices per workspace. Nobody reaches another person's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from onshore.notifications.models import EmailState, Notification
from onshore.posts import editing, workflow

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def submit_posts(team: Any, count: int) -> None:
    for number in range(count):
        post = editing.create_post(
            team.members["contributor"],
            editing.PostChanges(text=f"Tea number {number}", market=team.gb),
        )
        workflow.perform(post, team.members["contributor"], "submit")


def test_the_list_is_yours_newest_first_and_paged(team: Any) -> None:
    submit_posts(team, 3)
    response = team.client("reviewer").get("/api/v1/notifications?limit=2")
    assert response.status_code == 200
    assert response["X-Total-Count"] == "3" and response["X-Unread-Count"] == "3"
    body = response.json()
    assert [n["summary"] for n in body] == [
        "Contributor Person submitted “Tea number 2” for review",
        "Contributor Person submitted “Tea number 1” for review",
    ]
    assert body[0]["kind"] == "submitted" and body[0]["read_at"] is None
    assert body[0]["workspace"] == team.workspace.slug
    assert body[0]["url"].endswith(f"/w/{team.workspace.slug}/posts/{body[0]['post_id']}/")
    assert body[0]["email"] == EmailState.WAITING
    rest = team.client("reviewer").get("/api/v1/notifications?limit=2&offset=2").json()
    assert [n["summary"] for n in rest] == [
        "Contributor Person submitted “Tea number 0” for review"
    ]


def test_the_author_of_the_submissions_has_none(team: Any) -> None:
    submit_posts(team, 2)
    response = team.client("contributor").get("/api/v1/notifications")
    assert response.json() == [] and response["X-Total-Count"] == "0"


@pytest.mark.parametrize(("query", "field"), [("limit=101", "limit"), ("offset=-1", "offset")])
def test_the_page_size_is_bounded(team: Any, query: str, field: str) -> None:
    response = team.client("reviewer").get(f"/api/v1/notifications?{query}")
    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])


def test_marking_one_read(team: Any) -> None:
    submit_posts(team, 2)
    client = team.client("reviewer")
    first = client.get("/api/v1/notifications").json()[0]
    response = client.post(f"/api/v1/notifications/{first['id']}/read")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    # Read before its e-mail was due: the e-mail is not sent.
    assert response.json()["email"] == EmailState.APP_ONLY
    unread = client.get("/api/v1/notifications?unread=true")
    assert unread["X-Unread-Count"] == "1" and len(unread.json()) == 1


def test_another_persons_notification_is_not_found(team: Any) -> None:
    submit_posts(team, 1)
    theirs = Notification.objects.get(recipient=team.users["reviewer"])
    for persona in ("manager", "outsider"):
        response = team.client(persona).post(f"/api/v1/notifications/{theirs.pk}/read")
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read(team: Any) -> None:
    submit_posts(team, 3)
    client = team.client("reviewer")
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 3}
    assert client.get("/api/v1/notifications")["X-Unread-Count"] == "0"
    assert Notification.objects.filter(read_at__isnull=True).count() == 6  # others' stay


def test_notifications_of_a_workspace_you_left_are_gone(team: Any) -> None:
    submit_posts(team, 1)
    team.members["reviewer"].delete()
    client = team.client("reviewer")
    assert client.get("/api/v1/notifications").json() == []
    theirs = Notification.objects.get(recipient=team.users["reviewer"])
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read").status_code == 404


def test_preferences_start_with_everything_by_email_in_working_hours(team: Any) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/notification-preferences"
    assert team.client("reviewer").get(url).json() == {
        "immediately": False,
        "kinds": {
            "submitted": "email",
            "changes_requested": "email",
            "approved": "email",
            "published": "email",
            "failed": "email",
            "mentioned": "email",
        },
    }


def test_preferences_set_by_put_decide_the_next_notification(team: Any) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/notification-preferences"
    client = team.client("reviewer")
    answer = client.put(
        url,
        {"immediately": True, "kinds": {"submitted": "app", "mentioned": "off"}},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["immediately"] is True
    assert answer.json()["kinds"]["submitted"] == "app"
    assert answer.json()["kinds"]["approved"] == "email"
    submit_posts(team, 1)
    assert Notification.objects.get(recipient=team.users["reviewer"]).email_state == (
        EmailState.APP_ONLY
    )


def test_a_wrong_choice_is_refused_by_name(team: Any) -> None:
    url = f"/api/v1/workspaces/{team.workspace.slug}/notification-preferences"
    response = team.client("reviewer").put(
        url, {"kinds": {"submitted": "pigeon"}}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "submitted" in json.dumps(response.json()["detail"])
    response = team.client("reviewer").put(
        url, {"kinds": {"sms": "email"}}, content_type="application/json"
    )
    assert response.status_code == 422 and "sms" in json.dumps(response.json()["detail"])


def test_another_workspaces_preferences_are_not_found(team: Any) -> None:
    url = f"/api/v1/workspaces/{team.other_workspace.slug}/notification-preferences"
    assert team.client("reviewer").get(url).status_code == 404
