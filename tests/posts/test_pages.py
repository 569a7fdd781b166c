"""Post pages: the editor's live check, the review queue, revisions diff, bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post, State

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]


def logged_in(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def test_live_check_marks_findings_in_place_and_offers_the_suggestion(team: Any) -> None:
    client = logged_in(team, "contributor")
    response = client.post(
        f"/w/{team.workspace.slug}/check/",
        {
            "text": "<b>Our</b> color range 🎉 and new sneakers",
            "market": team.gb.pk,
            "networks": ["x", "bluesky"],
        },
    )
    html = response.content.decode()
    assert '<mark class="finding warning"' in html and ">color</mark>" in html
    assert "&lt;b&gt;Our&lt;/b&gt;" in html and "<b>Our</b>" not in html
    apply = re.search(
        r'data-start="(\d+)" data-end="(\d+)" data-original="color" '
        r'data-suggestion="colour"',
        html,
    )
    assert apply and (int(apply.group(1)), int(apply.group(2))) == (11, 16)
    # X weighs the emoji as 2; Bluesky counts graphemes.
    assert 'data-network="x">x 42/280' in html and 'data-network="bluesky">bluesky 41/300' in html


def test_live_check_against_another_workspaces_market_checks_nothing(team: Any) -> None:
    foreign = team.other_workspace.markets.create(
        country="US", language="en-US", timezone="America/New_York"
    )
    response = logged_in(team, "contributor").post(
        f"/w/{team.workspace.slug}/check/", {"text": "colour", "market": foreign.pk}
    )
    assert "Choose a market" in response.content.decode()


def test_editor_creates_a_draft_and_refuses_bad_input_by_field(team: Any) -> None:
    client = logged_in(team, "contributor")
    url = f"/w/{team.workspace.slug}/posts/new/"
    empty = client.post(url, {"market": team.gb.pk, "text": ""})
    assert empty.status_code == 422 and 'data-field="text"' in empty.content.decode()
    foreign = client.post(url, {"market": 999_999, "text": "Hello"})
    assert foreign.status_code == 422 and 'data-field="market"' in foreign.content.decode()
    bad_link = client.post(url, {"market": team.gb.pk, "text": "Hi", "link": "not a link"})
    assert 'data-field="link"' in bad_link.content.decode()
    too_many = client.post(
        url, {"market": team.gb.pk, "text": "Hi", "tags": ",".join(f"t{i}" for i in range(31))}
    )
    assert too_many.status_code == 422 and "at most 30 tags" in too_many.content.decode()
    assert not Post.objects.exists()
    created = client.post(
        url,
        {
            "market": team.gb.pk,
            "text": "Scones!",
            "networks": ["x"],
            "tags": "Autumn, #bakes",
            "variant_x": "Scones 🧁",
        },
    )
    post = Post.objects.get()
    assert created["Location"] == f"/w/{team.workspace.slug}/posts/{post.pk}/"
    assert (post.tags, post.networks, post.text_for("x")) == (
        ["autumn", "bakes"],
        ["x"],
        "Scones 🧁",
    )


def test_review_queue_lists_waiting_posts_oldest_first_with_their_fit(team: Any) -> None:
    older = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Our color range", market=team.gb)
    )
    newer = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Still a draft", market=team.gb)
    )
    for post in (older, newer):
        workflow.perform(post, team.members["contributor"], "submit")
    page = logged_in(team, "reviewer").get(f"/w/{team.workspace.slug}/review/").content.decode()
    rows = re.findall(r'<tr data-post="(\d+)">', page)
    assert rows == [str(older.pk), str(newer.pk)]
    assert "1 warning" in page and "no findings" in page
    assert "Still a draft" not in page


def test_reviewer_approves_from_the_post_page(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    workflow.perform(post, team.members["contributor"], "submit")
    client = logged_in(team, "reviewer")
    page = client.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    assert 'data-action="approve"' in page and 'data-action="request_changes"' in page
    assert 'data-action="submit"' not in page
    no_note = client.post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/action/",
        {"action": "request_changes", "note": ""},
        follow=True,
    )
    assert "comment is required" in no_note.content.decode()
    client.post(f"/w/{team.workspace.slug}/posts/{post.pk}/action/", {"action": "approve"})
    assert Post.objects.get(pk=post.pk).state == State.APPROVED


def test_diff_between_revisions(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text="Fresh scones every morning", market=team.gb),
    )
    editing.update_post(
        post,
        team.members["contributor"],
        editing.PostChanges(text="Warm scones every Saturday morning"),
    )
    page = (
        logged_in(team, "viewer")
        .get(f"/w/{team.workspace.slug}/posts/{post.pk}/diff/?a=1&b=2")
        .content.decode()
    )
    assert "<del>Fresh</del>" in page and "<ins>Warm</ins>" in page
    assert "<ins>Saturday</ins>" in page
    missing = logged_in(team, "viewer").get(
        f"/w/{team.workspace.slug}/posts/{post.pk}/diff/?a=1&b=9", follow=True
    )
    assert "choose revisions between 1 and 2" in missing.content.decode()


def test_schedule_form_asks_about_a_repeated_time(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    client = logged_in(team, "manager")
    url = f"/w/{team.workspace.slug}/posts/{post.pk}/schedule/"
    asked = client.post(url, {"date": "2026-10-25", "time": "01:30"})
    assert asked.status_code == 422
    # Issue 14: which 01:30 is asked with two buttons, not a select.
    assert (
        "happens twice" in asked.content.decode()
        and '<select name="fold"' not in asked.content.decode()
    )
    assert ">The first: 01:30 BST (UTC+01:00) · Sun 25 October, 06:00 your time</button>" in (
        asked.content.decode()
    )
    assert "The second: 01:30 GMT (UTC+00:00) · Sun 25 October, 07:00 your time" in (
        asked.content.decode()
    )
    chosen = client.post(url, {"date": "2026-10-25", "time": "01:30", "fold": "0"}, follow=True)
    # Issue 14: the flash gives the date, in the market's zone and the viewer's (Kolkata).
    assert (
        "Time set: Sun 25 October 2026, 01:30 London · Sun 25 October, 06:00 your time"
        " — 01:30 BST (UTC+01:00), the first of two." in chosen.content.decode()
    )
    bad = client.post(url, {"date": "tomorrow", "time": "25:00"}, follow=True)
    assert "date:" in bad.content.decode() and "time:" in bad.content.decode()


def test_media_placeholders_need_alt_text_for_images(team: Any) -> None:
    client = logged_in(team, "contributor")
    url = f"/w/{team.workspace.slug}/posts/new/"
    form = {
        "market": team.gb.pk,
        "text": "New mugs",
        "media_0_kind": "image",
        "media_0_description": "Photo of the blue mug",
        "media_0_alt": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 422
    assert "describe the image" in refused.content.decode()
    assert not Post.objects.exists()
    client.post(
        url,
        {
            **form,
            "media_0_alt": "A blue enamel mug on an oak table",
            "media_1_kind": "video",
            "media_1_description": "Pouring clip",
        },
    )
    post = Post.objects.get()
    assert list(post.media.values_list("kind", "alt_text")) == [
        ("image", "A blue enamel mug on an oak table"),
        ("video", ""),
    ]


def test_media_through_the_api(team: Any) -> None:
    client = logged_in(team, "contributor")
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts"
    bad = client.post(
        url,
        {
            "market_id": team.gb.pk,
            "text": "Mugs",
            "media": [{"kind": "image", "description": "Mug photo"}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "media.0.alt_text"]
    ok = client.post(
        url,
        {
            "market_id": team.gb.pk,
            "text": "Mugs",
            "media": [{"kind": "image", "description": "Mug photo", "alt_text": "A blue mug"}],
        },
        content_type="application/json",
    )
    assert ok.json()["media"] == [
        {"kind": "image", "description": "Mug photo", "alt_text": "A blue mug"}
    ]


def test_post_page_says_when_the_author_and_reviewers_will_see_a_comment(team: Any) -> None:
    from datetime import UTC, datetime

    import time_machine

    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    # Monday 13 July 2026, 02:00 UTC: 07:30 in Kolkata, before the fixture's 10:00 start.
    with time_machine.travel(datetime(2026, 7, 13, 2, 0, tzinfo=UTC), tick=False):
        page = (
            logged_in(team, "manager")
            .get(f"/w/{team.workspace.slug}/posts/{post.pk}/")
            .content.decode()
        )
    assert "Contributor Person will likely see this at 10:00 their time — in 2 h 30 min" in page
    assert "Reviewer Person will likely see this at 10:00 their time" in page


def test_history_and_confirmation_use_the_transition_tables_words(team: Any) -> None:
    post = editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    workflow.perform(post, team.members["contributor"], "submit")
    client = logged_in(team, "reviewer")
    done = client.post(
        f"/w/{team.workspace.slug}/posts/{post.pk}/action/",
        {"action": "request_changes", "note": "Say scones, not biscuits"},
        follow=True,
    ).content.decode()
    assert "Changes requested." in done and "is now changes requested" not in done
    history = done.split("<h3>History</h3>", 1)[1].split("</ol>", 1)[0]
    assert "Submitted for review" in history and "Changes requested" in history
    assert "request_changes" not in history and ": submit (" not in history


def test_an_empty_filtered_list_says_so_and_offers_to_clear_the_filters(team: Any) -> None:
    editing.create_post(
        team.members["contributor"], editing.PostChanges(text="Fresh scones", market=team.gb)
    )
    client = logged_in(team, "viewer")
    url = f"/w/{team.workspace.slug}/posts/"
    filtered = client.get(url, {"state": "published"}).content.decode()
    assert "No posts match these filters" in filtered and "No posts yet" not in filtered
    assert f'<a href="{url}">Clear the filters</a>' in filtered
    Post.objects.all().delete()
    assert "No posts yet." in client.get(url).content.decode()
