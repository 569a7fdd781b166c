"""The bell on every signed-in page, the list with mark read, and the settings page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from onshore.notifications.bell import unread_count
from onshore.notifications.models import Notification, NotificationPreference
from onshore.posts import editing, workflow

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def submit(team: Any, text: str = "Spring tea is here") -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=team.gb)
    )
    workflow.perform(post, team.members["contributor"], "submit")


def bell(html: str) -> str:
    found = re.search(r'<a class="bell[^"]*"[^>]*>.*?</a>', html, re.S)
    assert found, "no bell in the header"
    return found.group(0)


def test_the_bell_counts_unread_notifications_on_every_signed_in_page(team: Any) -> None:
    submit(team)
    submit(team, "Scones on Sunday")
    client = team.client("reviewer")
    for url in ("/", f"/w/{team.workspace.slug}/posts/", "/account/tokens/"):
        html = client.get(url).content.decode()
        assert 'aria-label="Notifications: 2 unread"' in bell(html)
        assert '<span class="bell-count">2</span>' in bell(html)


def test_no_unread_shows_a_quiet_bell(team: Any) -> None:
    html = team.client("contributor").get("/").content.decode()
    assert "bell-count" not in bell(html) and "has-unread" not in bell(html)


def test_anonymous_visitors_have_no_bell(client: Any, db: Any) -> None:
    assert 'class="bell' not in client.get("/login/").content.decode()


def test_the_count_is_one_query_and_only_when_shown(team: Any) -> None:
    submit(team)
    request = RequestFactory().get("/")
    request.user = team.users["reviewer"]
    with CaptureQueriesContext(connection) as queries:
        context = unread_count(request)
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert str(context["notifications_unread"]) == "1"
    assert len(queries) == 1


def test_the_list_shows_unread_first_look_and_marks_read(team: Any) -> None:
    submit(team)
    client = team.client("reviewer")
    html = client.get("/notifications/").content.decode()
    assert "1 unread." in html
    assert "Contributor Person submitted “Spring tea is here” for review" in html
    assert 'class="notification unread"' in html
    notification = Notification.objects.get(recipient=team.users["reviewer"])
    response = client.post(f"/notifications/{notification.pk}/read/", follow=True)
    html = response.content.decode()
    assert "Nothing unread." in html and 'class="notification unread"' not in html
    assert "bell-count" not in bell(html)


def test_mark_all_read_says_how_many(team: Any) -> None:
    submit(team)
    submit(team, "Scones on Sunday")
    response = team.client("reviewer").post("/notifications/read-all/", follow=True)
    assert "Marked 2 notifications read." in response.content.decode()


def test_an_empty_list_says_what_will_come(team: Any) -> None:
    html = team.client("viewer").get("/notifications/").content.decode()
    assert "No notifications yet." in html


def test_the_settings_page_says_when_emails_arrive(team: Any) -> None:
    html = (
        team.client("reviewer")
        .get(f"/w/{team.workspace.slug}/notifications/settings/")
        .content.decode()
    )
    assert "Your working hours here: Mon 10:00–18:00 (Asia/Kolkata)." in html
    assert "E-mail me at once, even outside my working hours" in html


def test_the_settings_page_saves_choices(team: Any) -> None:
    url = f"/w/{team.workspace.slug}/notifications/settings/"
    form = {
        "immediately": "on",
        "submitted": "app",
        "changes_requested": "email",
        "approved": "email",
        "published": "off",
        "failed": "email",
        "mentioned": "email",
    }
    response = team.client("reviewer").post(url, form, follow=True)
    assert "Saved: your notification choices for this workspace." in response.content.decode()
    preference = NotificationPreference.objects.get(membership=team.members["reviewer"])
    assert preference.immediately and preference.channel_for("submitted") == "app"
    assert preference.channel_for("published") == "off"


def test_a_wrong_choice_is_named(team: Any) -> None:
    url = f"/w/{team.workspace.slug}/notifications/settings/"
    response = team.client("reviewer").post(url, {"submitted": "pigeon"})
    assert response.status_code == 422
    assert 'data-field="submitted"' in response.content.decode()


def test_the_settings_page_joins_days_with_the_same_hours(team: Any) -> None:
    reviewer = team.members["reviewer"]
    reviewer.working_hours = {
        **{d: [["09:00", "17:30"]] for d in ("mon", "tue", "wed", "thu")},
        "fri": [["09:00", "13:00"]],
        "sun": [["22:00", "02:00"]],
    }
    reviewer.save()
    html = (
        team.client("reviewer")
        .get(f"/w/{team.workspace.slug}/notifications/settings/")
        .content.decode()
    )
    assert (
        "Your working hours here: Mon–Thu 09:00–17:30; Fri 09:00–13:00; Sun 22:00–02:00 "
        "(Asia/Kolkata)."
    ) in html


def test_without_hours_the_settings_page_says_emails_go_at_once(team: Any) -> None:
    reviewer = team.members["reviewer"]
    reviewer.working_hours = {}
    reviewer.save()
    html = (
        team.client("reviewer")
        .get(f"/w/{team.workspace.slug}/notifications/settings/")
        .content.decode()
    )
    assert "You have not given your working hours in this workspace" in html


def test_following_a_notification_reads_it_and_leads_to_the_post(team: Any) -> None:
    submit(team)
    notification = Notification.objects.get(recipient=team.users["reviewer"])
    response = team.client("reviewer").get(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == f"/w/{team.workspace.slug}/posts/{notification.post_id}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
