"""The editor asks before a save that undoes a review or a schedule (issue 14): an
approved post goes back to review, a scheduled one also stops being published on its
channels at its time. Drafts and posts in review are saved without a question."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post
from onshore.publishing.models import Channel
from tests.factories import scheduled_post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def question_on_save(team: Any, post: Post, persona: str = "manager") -> str | None:
    """The editor form's data-confirm for ``persona``, or None when it asks nothing."""
    client = Client()
    client.force_login(team.users[persona])
    text = client.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    form = re.search(r'<form[^>]*id="post-form"[^>]*>', text)
    assert form is not None
    found = re.search(r'data-confirm="([^"]*)"', form.group(0))
    return html.unescape(found.group(1)) if found else None


def channel(team: Any, name: str) -> Channel:
    return Channel.objects.create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name=name,
        config={"url": f"https://{name.lower()}.example.com/hook"},
    )


def test_drafts_and_posts_in_review_are_saved_without_a_question(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Hello", market=team.gb)
    )
    assert question_on_save(team, post, "contributor") is None
    post = workflow.perform(post, team.members["contributor"], "submit")
    assert question_on_save(team, post, "contributor") is None


def test_an_approved_post_says_it_goes_back_to_review(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Hello", market=team.gb)
    )
    post = workflow.perform(post, team.members["contributor"], "submit")
    post = workflow.perform(post, team.members["reviewer"], "approve")
    question = question_on_save(team, post)
    assert question == (
        "This post is approved. Saving a change sends it back to review: "
        "it must be approved again before it can be scheduled."
    )


def test_a_scheduled_post_names_the_channels_and_time_it_will_miss(team: Any) -> None:
    channel(team, "CMS")
    channel(team, "Newsletter")
    post = scheduled_post(team)
    # The manager works in Kolkata: the time is given in London's clock and theirs.
    assert question_on_save(team, post) == (
        "This post is scheduled. Saving a change sends it back to review and cancels its "
        "publishing on Webhook: CMS and Webhook: Newsletter at Tue 1 December 2026, "
        "09:30 London · Tue 1 December, 15:00 your time. "
        "It must be approved and scheduled again."
    )


def test_no_question_for_someone_who_cannot_save(team: Any) -> None:
    # A viewer gets the read-only page: no form to save, so nothing to ask before saving.
    post = scheduled_post(team)
    client = Client()
    client.force_login(team.users["viewer"])
    text = client.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()

    assert 'id="post-form"' not in text
    assert "sends it back to review" not in text
    assert post.text[:20] in html.unescape(text)
