"""The review workflow, revisions, comments and scheduling in the market's wall time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.test import Client

from onshore.posts import editing, workflow
from onshore.posts.models import Post, PostEvent, State

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),  # the dates below are in the future
]


def draft(team: Any, text: str = "Autumn blend is back in our shops", **extra: Any) -> Post:
    changes = editing.PostChanges(text=text, market=team.gb, **extra)
    return editing.create_post(team.members["contributor"], changes)


def act(team: Any, post: Post, persona: str, action: str, **kwargs: Any) -> Post:
    return workflow.perform(post, team.members[persona], action, **kwargs)


def test_the_whole_review_round_trip_counts_rework(team: Any) -> None:
    post = draft(team)
    post = act(team, post, "contributor", "submit")
    post = act(team, post, "reviewer", "request_changes", note="Say 'autumn' twice?")
    assert post.state == State.CHANGES_REQUESTED
    editing.update_post(
        post,
        team.members["contributor"],
        editing.PostChanges(text="Our autumn blend is back in our shops"),
    )
    post = act(team, post, "contributor", "submit")
    assert post.rework_rounds == 1
    post = act(team, post, "reviewer", "approve")
    assert post.state == State.APPROVED and post.approved_at is not None
    assert [e.action for e in PostEvent.objects.filter(post=post)] == [
        "submit",
        "request_changes",
        "submit",
        "approve",
    ]
    assert post.comments.get().body == "Say 'autumn' twice?"


@pytest.mark.parametrize(
    ("persona", "action", "state", "error"),
    [
        ("reviewer", "submit", State.DRAFT, workflow.TransitionForbidden),
        ("viewer", "approve", State.IN_REVIEW, workflow.TransitionForbidden),
        ("contributor", "approve", State.IN_REVIEW, workflow.TransitionForbidden),
        ("contributor", "schedule", State.APPROVED, workflow.TransitionForbidden),
        ("reviewer", "approve", State.DRAFT, workflow.TransitionError),
        ("manager", "schedule", State.IN_REVIEW, workflow.TransitionError),
        ("manager", "unschedule", State.APPROVED, workflow.TransitionError),
        ("owner", "publish", State.APPROVED, workflow.TransitionError),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    team: Any, persona: str, action: str, state: str, error: type[Exception]
) -> None:
    post = draft(team)
    Post.objects.filter(pk=post.pk).update(state=state)
    post.refresh_from_db()
    with pytest.raises(error):
        act(team, post, persona, action)
    assert Post.objects.get(pk=post.pk).state == state
    assert not PostEvent.objects.filter(post=post).exists()


def test_requesting_changes_needs_a_comment(team: Any) -> None:
    post = act(team, draft(team), "contributor", "submit")
    with pytest.raises(workflow.TransitionError, match="comment is required"):
        act(team, post, "reviewer", "request_changes", note="   ")


def test_errors_block_submitting_unless_a_manager_overrides_with_a_reason(team: Any) -> None:
    post = draft(team)
    with pytest.raises(workflow.TransitionError, match="1 market-fit error"):
        act(team, post, "contributor", "submit", blocking_errors=1)
    with pytest.raises(workflow.TransitionForbidden, match="Only managers"):
        act(team, post, "contributor", "submit", blocking_errors=1, override_reason="brand name")
    post = act(
        team,
        post,
        "manager",
        "submit",
        blocking_errors=1,
        override_reason="The client's brand is spelt this way",
    )
    assert post.state == State.IN_REVIEW
    assert post.override_reason == "The client's brand is spelt this way"
    assert post.override_by == team.users["manager"]


def test_every_text_change_is_a_revision_and_editing_after_approval_reopens_review(
    team: Any,
) -> None:
    post = draft(team, "First words")
    for persona, action in (("contributor", "submit"), ("reviewer", "approve")):
        post = act(team, post, persona, action)
    # Tags are published too (issue 12, point 3): changing them is reviewed like the text.
    editing.update_post(post, team.members["contributor"], editing.PostChanges(tags=["autumn"]))
    assert post.state == State.IN_REVIEW
    post = act(team, post, "reviewer", "approve")
    editing.update_post(
        post,
        team.members["contributor"],
        editing.PostChanges(text="Second words", variants={"x": "Short words"}),
    )
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW and post.approved_at is None
    revisions = list(post.revisions.values_list("number", "text", "variants"))
    assert revisions == [
        (1, "First words", {}),
        (2, "First words", {}),
        (3, "Second words", {"x": "Short words"}),
    ]
    assert post.text_for("x") == "Short words" and post.text_for("bluesky") == "Second words"


def test_published_posts_cannot_be_edited(team: Any) -> None:
    post = draft(team)
    Post.objects.filter(pk=post.pk).update(state=State.PUBLISHED)
    post.refresh_from_db()
    with pytest.raises(workflow.TransitionError, match="published post cannot be edited"):
        editing.update_post(post, team.members["manager"], editing.PostChanges(text="Too late"))


def test_mentions_link_comments_to_members(team: Any) -> None:
    post = draft(team)
    comment = editing.add_comment(
        post, team.members["owner"], "@reviewer.person and @manager@example.com, thoughts?"
    )
    assert set(comment.mentions.all()) == {team.members["reviewer"], team.members["manager"]}


def test_scheduling_stores_wall_time_zone_and_instant(team: Any) -> None:
    post = draft(team)
    # 29 March 2026 is the day UK clocks go forward; 09:30 London is 08:30 UTC.
    result = editing.set_schedule(
        post, team.members["manager"], date(2026, 3, 29), time(9, 30), None
    )
    assert result.kind == "ok"
    post.refresh_from_db()
    assert (post.scheduled_date, post.scheduled_time, post.scheduled_zone) == (
        date(2026, 3, 29),
        time(9, 30),
        "Europe/London",
    )
    assert post.scheduled_at == datetime(2026, 3, 29, 8, 30, tzinfo=UTC)


def test_a_skipped_wall_time_is_refused_with_the_nearest_times(team: Any) -> None:
    post = draft(team)
    result = editing.set_schedule(
        post, team.members["manager"], date(2026, 3, 29), time(1, 30), None
    )
    assert result.kind == "skipped"
    assert "00:59" in result.explanation() and "02:00" in result.explanation()
    post.refresh_from_db()
    assert post.scheduled_at is None


def test_a_repeated_wall_time_asks_then_takes_the_chosen_one(team: Any) -> None:
    post = draft(team)
    asked = editing.set_schedule(
        post, team.members["manager"], date(2026, 10, 25), time(1, 30), None
    )
    assert asked.kind == "ambiguous"
    editing.set_schedule(post, team.members["manager"], date(2026, 10, 25), time(1, 30), 1)
    post.refresh_from_db()
    assert (post.scheduled_fold, post.scheduled_at) == (
        1,
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    )


def test_schedule_then_unschedule_through_the_api(team: Any) -> None:
    post = draft(team)
    for persona, action in (("contributor", "submit"), ("reviewer", "approve")):
        post = act(team, post, persona, action)
    client = Client()
    client.force_login(team.users["manager"])
    base = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}"

    def call(method: str, path: str, body: dict[str, Any]) -> Any:
        return client.generic(
            method, base + path, json.dumps(body), content_type="application/json"
        )

    early = call("POST", "/actions", {"action": "schedule"})
    assert early.status_code == 409 and "Set a date and time" in early.json()["detail"]
    gap = call("PUT", "/schedule", {"date": "2026-03-29", "time": "01:30"})
    assert gap.status_code == 422 and "does not exist" in json.dumps(gap.json())
    fold = call("PUT", "/schedule", {"date": "2026-10-25", "time": "01:30"})
    assert fold.status_code == 422 and fold.json()["detail"][0]["loc"] == ["body", "fold"]
    ok = call("PUT", "/schedule", {"date": "2026-12-01", "time": "09:30"})
    assert ok.json()["schedule"]["instant"].startswith("2026-12-01T09:30:00")
    assert call("POST", "/actions", {"action": "schedule"}).json()["state"] == "scheduled"
    assert call("POST", "/actions", {"action": "unschedule"}).json()["state"] == "approved"
    again = call("POST", "/actions", {"action": "unschedule"})
    assert again.status_code == 409 and "must be scheduled" in again.json()["detail"]


def test_api_submit_is_blocked_by_error_findings(team: Any) -> None:
    # A Bluesky post over 300 graphemes is an error finding (length).
    post = draft(team, "Fresh scones today. " * 20, networks=["bluesky"])
    client = Client()
    client.force_login(team.users["contributor"])
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}"
    findings = client.get(url + "/findings").json()
    assert any(f["category"] == "length" and f["severity"] == "error" for f in findings)
    refused = client.post(
        url + "/actions", json.dumps({"action": "submit"}), content_type="application/json"
    )
    assert refused.status_code == 409 and "block submitting" in refused.json()["detail"]


def test_dismissed_findings_are_kept_out_and_shown_to_the_reviewer(team: Any) -> None:
    post = draft(team, "Our color range is here")
    client = Client()
    client.force_login(team.users["contributor"])
    url = f"/api/v1/workspaces/{team.workspace.slug}/posts/{post.pk}"
    assert [f["rule"] for f in client.get(url + "/findings").json()] == ["spelling.variant"]
    client.post(
        url + "/dismissals",
        json.dumps(
            {"rule": "spelling.variant", "span_text": "color", "reason": "Color Co. is the brand"}
        ),
        content_type="application/json",
    )
    assert client.get(url + "/findings").json() == []
    reviewer = Client()
    reviewer.force_login(team.users["reviewer"])
    page = reviewer.get(f"/w/{team.workspace.slug}/posts/{post.pk}/").content.decode()
    assert "Color Co. is the brand" in page


def test_recompute_moves_posts_whose_instant_no_longer_matches_their_wall_time(team: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from onshore.posts.models import Post

    post = draft(team)
    editing.set_schedule(post, team.members["manager"], date(2026, 7, 1), time(9, 30), None)
    # As if the instant had been computed under older rules (an hour off).
    Post.objects.filter(pk=post.pk).update(scheduled_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC))
    out = StringIO()
    call_command("recompute_schedules", "--dry-run", stdout=out)
    assert "would move 1 post(s)" in out.getvalue()
    assert Post.objects.get(pk=post.pk).scheduled_at.hour == 9
    call_command("recompute_schedules", stdout=StringIO())
    assert Post.objects.get(pk=post.pk).scheduled_at == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)


def test_a_change_request_records_the_market_fit_findings_then_open(team: Any) -> None:
    # The cost ledger counts posts sent back for market fit from this number.
    spelled_for_us = act(
        team, draft(team, "Our new color range is in store"), "contributor", "submit"
    )
    clean = act(team, draft(team, "Our new colour range is in store"), "contributor", "submit")

    act(team, spelled_for_us, "reviewer", "request_changes", note="UK spelling, please")
    act(team, clean, "reviewer", "request_changes", note="Shorter, please")

    sent_back = PostEvent.objects.get(post=spelled_for_us, action="request_changes")
    assert sent_back.market_fit_findings >= 1
    assert PostEvent.objects.get(post=clean, action="request_changes").market_fit_findings == 0
    submitted = PostEvent.objects.get(post=spelled_for_us, action="submit")
    assert submitted.market_fit_findings == 0  # only change requests carry the count
