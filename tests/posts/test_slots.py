"""Recurring posting slots per market, and 'Add to next free slot' across DST changes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.posts import editing
from onshore.posts.models import Post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Friday 20 March 2026: London is on GMT; it moves to BST on Sunday 29 March.
BEFORE_UK_CHANGE = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def draft(team: Any, text: str) -> Post:
    return editing.create_post(
        team.members["contributor"], editing.PostChanges(text=text, market=team.gb)
    )


def manager_client(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def test_market_form_saves_slots_and_names_bad_ones(team: Any) -> None:
    client = manager_client(team)
    url = f"/w/{team.workspace.slug}/markets/{team.gb.pk}/"
    form = {
        "country": "GB",
        "language": "en-GB",
        "timezone": "Europe/London",
        "other_zones_text": "",
        "slots_text": "tue thu 09:30; sat 11:00",
    }
    assert client.post(url, form).status_code == 302
    team.gb.refresh_from_db()
    assert team.gb.posting_slots == [
        {"days": ["tue", "thu"], "time": "09:30"},
        {"days": ["sat"], "time": "11:00"},
    ]
    assert [slot.label() for slot in team.gb.slots] == ["Tue, Thu 09:30 London", "Sat 11:00 London"]
    bad = client.post(url, {**form, "slots_text": "tue thu 09:30; funday 25:00"})
    error = re.search(r'data-field="slots_text">([^<]*)<', bad.content.decode()).group(1)
    assert "slot 2" in error


def test_next_free_slot_keeps_market_time_across_the_change_and_skips_taken(team: Any) -> None:
    team.gb.posting_slots = [{"days": ["tue", "thu"], "time": "09:30"}]
    team.gb.save()
    posts = [draft(team, f"Post {n}") for n in range(4)]
    with time_machine.travel(BEFORE_UK_CHANGE, tick=False):
        for post in posts:
            result = editing.schedule_in_next_free_slot(
                post, team.members["manager"], BEFORE_UK_CHANGE
            )
            assert result.kind == "ok"
    instants = [Post.objects.get(pk=p.pk).scheduled_at for p in posts]
    assert instants == [
        datetime(2026, 3, 24, 9, 30, tzinfo=UTC),  # Tue, GMT
        datetime(2026, 3, 26, 9, 30, tzinfo=UTC),  # Thu, GMT
        datetime(2026, 3, 31, 8, 30, tzinfo=UTC),  # Tue, BST: still 09:30 in London
        datetime(2026, 4, 2, 8, 30, tzinfo=UTC),
    ]
    assert {Post.objects.get(pk=p.pk).scheduled_time.isoformat() for p in posts} == {"09:30:00"}


def test_next_free_slot_page_button_and_no_slots_message(team: Any) -> None:
    post = draft(team, "Scones")
    client = manager_client(team)
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/next-slot/"
    none = client.post(url, follow=True)
    assert "has no free posting slot" in none.content.decode()
    team.gb.posting_slots = [{"days": ["mon"], "time": "10:15"}]
    team.gb.save()
    with time_machine.travel(BEFORE_UK_CHANGE, tick=False):
        done = client.post(url, follow=True)
    assert (
        "Time set to the next free slot: Mon 23 March 2026, 10:15 London · "
        "Mon 23 March, 15:45 your time." in done.content.decode()
    )
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2026, 3, 23, 10, 15, tzinfo=UTC)


def test_slots_in_the_api(team: Any) -> None:
    client = manager_client(team)
    url = f"/api/v1/workspaces/{team.workspace.slug}/markets/{team.gb.pk}"
    ok = client.patch(
        url,
        {"posting_slots": [{"days": ["wed"], "time": "12:00"}]},
        content_type="application/json",
    )
    assert ok.json()["posting_slots"] == [{"days": ["wed"], "time": "12:00"}]
    bad = client.patch(
        url, {"posting_slots": [{"days": ["wed"], "time": "noon"}]}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "posting_slots"]
