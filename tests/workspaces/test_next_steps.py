"""A new workspace's page teaches the next steps (issue 15, point 7): add a market,
invite someone, connect a channel, write the first post; each a link, ticked off when
the data shows it done, and the list gone once all four are."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing
from onshore.publishing import crypto
from onshore.publishing.models import Channel
from onshore.workspaces.models import Invitation, Market, Membership, Workspace
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def new_workspace() -> tuple[Workspace, Membership, Client]:
    owner = make_user("ailsa@thistle.example", "Ailsa Owner")
    workspace = Workspace(name="Thistle Knitwear", home_country="GB")
    workspace.full_clean()
    member = workspace.create_with_owner(owner)
    client = Client()
    client.force_login(owner)
    return workspace, member, client


def steps_shown(client: Client, slug: str) -> dict[str, bool] | None:
    """{step label: ticked} as the page shows them, or None when the list is gone."""
    page = client.get(f"/w/{slug}/").content.decode()
    found = re.search(r'<ol class="next-steps" id="next-steps">(.*?)</ol>', page, re.S)
    if found is None:
        return None
    items = re.findall(r'<li class="(done|todo)">.*?<a href="[^"]+">([^<]+)</a>', found[1])
    return {label: state == "done" for state, label in items}


def test_a_new_workspace_shows_four_next_steps_as_links_none_done() -> None:
    workspace, _, client = new_workspace()
    page = client.get(f"/w/{workspace.slug}/").content.decode()
    for href in ("markets/new/", "invitations/", "channels/", "posts/new/"):
        assert f'href="/w/{workspace.slug}/{href}"' in page
    assert steps_shown(client, workspace.slug) == {
        "Add a market": False,
        "Invite someone": False,
        "Connect a channel": False,
        "Write the first post": False,
    }


def test_each_step_is_ticked_when_done_and_the_list_goes_when_all_are() -> None:
    workspace, owner, client = new_workspace()
    gb = Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    Invitation.issue(workspace, "contributor", owner.user, email="rob@thistle.example")
    assert steps_shown(client, workspace.slug) == {
        "Add a market": True,
        "Invite someone": True,
        "Connect a channel": False,
        "Write the first post": False,
    }
    Channel.objects.create(
        workspace=workspace,
        market=gb,
        kind="webhook",
        name="CMS",
        config={"url": "http://127.0.0.1:9/hook"},
        secret_encrypted=crypto.encrypt({"secret": "s" * 32}),
    )
    assert steps_shown(client, workspace.slug)["Connect a channel"] is True  # type: ignore[index]
    editing.create_post(owner, editing.PostChanges(text="Hello, Leith", market=gb))
    assert steps_shown(client, workspace.slug) is None


def test_the_ticks_cost_one_query(django_assert_num_queries: Any) -> None:
    from onshore.workspaces.next_steps import next_steps

    workspace, _, _ = new_workspace()
    with django_assert_num_queries(1):
        assert len(next_steps(workspace)) == 4


@pytest.mark.parametrize("role", ["contributor", "reviewer", "viewer"])
def test_only_those_who_can_do_the_steps_see_them(role: str) -> None:
    workspace, _, _ = new_workspace()
    person = make_user(f"{role}@thistle.example", role.title())
    Membership.objects.create(
        workspace=workspace, user=person, role=role, home_country="GB", timezone="Europe/London"
    )
    client = Client()
    client.force_login(person)
    assert 'id="next-steps"' not in client.get(f"/w/{workspace.slug}/").content.decode()
