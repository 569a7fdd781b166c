"""The workspace sidebar (navigation.workspace_sidebar): which pages each role sees, in
order, and the page you are on marked with aria-current (also for pages below it)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EVERYONE = ["Overview", "Posts", "Calendar", "Media"]
SHARED = ["Team", "Hours", "Style guide"]
MANAGING = ["Invitations", "Channels", "Costs", "Settings"]
SEEN_BY_ROLE = {
    "owner": [*EVERYONE, "Review", *SHARED, *MANAGING],
    "manager": [*EVERYONE, "Review", *SHARED, *MANAGING],
    "reviewer": [*EVERYONE, "Review", *SHARED],
    "contributor": [*EVERYONE, *SHARED, "Time"],
    "viewer": [*EVERYONE, *SHARED],
}


def sidebar(client: Client, path: str) -> tuple[list[str], list[str]]:
    """(the sidebar's labels in order, the labels marked as the current page)."""
    html = client.get(path).content.decode()
    nav = re.search(r'<nav class="workspace-nav sidebar".*?</nav>', html, re.S)
    assert nav is not None
    links = re.findall(
        r'<a href="([^"]+)"( aria-current="page")?>.*?<span>([^<]+)</span>', nav[0], re.S
    )
    return [label for _, _, label in links], [label for _, current, label in links if current]


@pytest.mark.parametrize("role", sorted(SEEN_BY_ROLE))
def test_each_role_sees_its_pages_in_order(team: Any, role: str) -> None:
    client = Client()
    client.force_login(team.users[role])
    labels, current = sidebar(client, f"/w/{team.workspace.slug}/posts/")
    assert labels == SEEN_BY_ROLE[role]
    assert current == ["Posts"]


@pytest.mark.parametrize(
    ("path", "marked"),
    [
        ("", "Overview"),
        ("posts/new/", "Posts"),
        ("costs/what-if/", "Costs"),
        ("settings/", "Settings"),
        ("team/hours/", "Hours"),
    ],
)
def test_a_page_below_a_section_marks_the_section(team: Any, path: str, marked: str) -> None:
    client = Client()
    client.force_login(team.users["owner"])
    _, current = sidebar(client, f"/w/{team.workspace.slug}/{path}")
    assert current == [marked]


def test_the_links_go_to_the_workspace_pages(team: Any) -> None:
    client = Client()
    client.force_login(team.users["owner"])
    html = client.get(f"/w/{team.workspace.slug}/").content.decode()
    assert f'href="/w/{team.workspace.slug}/calendar/"' in html
    assert f'href="/w/{team.workspace.slug}/costs/"' in html
