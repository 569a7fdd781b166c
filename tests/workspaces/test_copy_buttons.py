"""Everything shown only once has a Copy button next to it (issue 14): an invitation link,
an API token, a calendar-feed address and a review link. The button names the element it
copies (static/onshore/page.js copies its text or value)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def copied_text(page: str) -> str:
    """The text or value of the element the page's Copy button points at."""
    target = re.search(r'data-copy="#([\w-]+)"', page)
    assert target, "no Copy button on the page"
    element = re.search(rf'<(\w+) id="{target.group(1)}"([^>]*)>([^<]*)', page)
    assert element, f"the Copy button points at #{target.group(1)}, which is not on the page"
    value = re.search(r'value="([^"]*)"', element.group(2))
    return value.group(1) if value else element.group(3)


def manager(team: Any) -> Client:
    client = Client()
    client.force_login(team.users["manager"])
    return client


def test_the_invitation_link_has_a_copy_button(team: Any) -> None:
    page = manager(team).post(
        f"/w/{team.workspace.slug}/invitations/", {"email": "", "role": "contributor"}
    )
    assert "/invite/" in copied_text(page.content.decode())


def test_a_new_api_token_has_a_copy_button(team: Any) -> None:
    page = manager(team).post("/account/tokens/", {"name": "content plan script"})
    token = copied_text(page.content.decode())
    assert len(token) > 30 and " " not in token


def test_a_new_calendar_feed_address_has_a_copy_button(team: Any) -> None:
    page = manager(team).post(f"/w/{team.workspace.slug}/calendar-feed/rotate/", follow=True)
    assert ".ics" in copied_text(page.content.decode())
