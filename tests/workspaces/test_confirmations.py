"""Forms that remove something ask first, in words that say what will happen
(``data-confirm``, shown by static/onshore/page.js): a market and its channels, a
member, leaving or deleting the workspace, an invitation, an API token."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from onshore.accounts.models import PersonalAccessToken
from onshore.posts import editing
from onshore.publishing.models import Channel
from onshore.workspaces.models import Invitation, Market

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def page_of(user: Any, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def question_of(text: str, action: str) -> str | None:
    """The data-confirm of the form posting to ``action``, or None if it asks nothing."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>', text)
    assert form is not None, f"no form posts to {action}"
    found = re.search(r'data-confirm="([^"]*)"', form.group(0))
    return html.unescape(found.group(1)) if found else None


def test_removing_a_market_names_the_channels_that_go_with_it(team: Any) -> None:
    us = Market.objects.create(workspace=team.workspace, country="US", language="en-US")
    Channel.objects.create(workspace=team.workspace, market=us, kind="webhook", name="CMS")
    slug = team.workspace.slug
    text = page_of(team.users["manager"], f"/w/{slug}/")
    assert question_of(text, f"/w/{slug}/markets/{us.pk}/delete/") == (
        "Remove the market United States (en-US)? Its channel Webhook: CMS is removed "
        "with it. It has no posts, so nothing else is deleted."
    )
    assert question_of(text, f"/w/{slug}/markets/{team.gb.pk}/delete/") == (
        "Remove the market United Kingdom (en-GB)? It has no posts, so nothing else is deleted."
    )


def test_a_market_with_posts_says_why_it_cannot_be_removed(team: Any) -> None:
    editing.create_post(team.members["contributor"], editing.PostChanges(text="Hi", market=team.gb))
    slug = team.workspace.slug
    text = page_of(team.users["manager"], f"/w/{slug}/")
    assert f"/markets/{team.gb.pk}/delete/" not in text  # no button that would be refused
    assert "1 post: move or delete it to remove this market" in text
    client = Client()
    client.force_login(team.users["manager"])
    client.post(f"/w/{slug}/markets/{team.gb.pk}/delete/")  # what the server does anyway
    assert Market.objects.filter(pk=team.gb.pk).exists()


def test_removing_a_member_and_leaving_say_what_happens(team: Any) -> None:
    slug = team.workspace.slug
    manager, contributor = team.members["manager"], team.members["contributor"]
    text = page_of(team.users["manager"], f"/w/{slug}/team/")
    assert question_of(text, f"/w/{slug}/members/{contributor.pk}/remove/") == (
        "Remove Contributor Person from Acme Tea? They lose access at once; the posts and "
        "comments they wrote stay."
    )
    assert question_of(text, f"/w/{slug}/members/{manager.pk}/remove/") == (
        "Leave Acme Tea? You lose access at once; to come back you need a new invitation. "
        "The posts and comments you wrote stay."
    )
    text = page_of(team.users["viewer"], f"/w/{slug}/team/")
    question = question_of(text, f"/w/{slug}/members/{team.members['viewer'].pk}/remove/")
    assert question is not None and question.startswith("Leave Acme Tea?")


def test_deleting_the_workspace_counts_what_goes(team: Any) -> None:
    editing.create_post(team.members["contributor"], editing.PostChanges(text="Hi", market=team.gb))
    slug = team.workspace.slug
    text = page_of(team.users["owner"], f"/w/{slug}/settings/")
    assert question_of(text, f"/w/{slug}/delete/") == (
        "Delete Acme Tea for good, with its 1 post, markets, channels, team and costs? "
        "Nothing of it can be recovered."
    )


def test_revoking_an_invitation_or_a_token_asks(team: Any) -> None:
    owner = team.users["owner"]
    named, _ = Invitation.issue(team.workspace, "reviewer", owner, "client@example.com")
    anyone, _ = Invitation.issue(team.workspace, "contributor", owner, "")
    slug = team.workspace.slug
    text = page_of(owner, f"/w/{slug}/invitations/")
    assert question_of(text, f"/w/{slug}/invitations/{named.pk}/revoke/") == (
        "Revoke the reviewer invitation for client@example.com? Its link stops working at "
        "once; nobody can join with it any more."
    )
    question = question_of(text, f"/w/{slug}/invitations/{anyone.pk}/revoke/")
    assert question is not None
    assert question.startswith("Revoke the contributor invitation link for anyone who has it?")
    token, _ = PersonalAccessToken.issue(owner, "deploy script")
    text = page_of(owner, "/account/tokens/")
    assert question_of(text, f"/account/tokens/{token.pk}/revoke/") == (
        f"Revoke the token “deploy script” ({token.hint}…)? Scripts that use it are refused "
        "from now on; this cannot be undone."
    )
