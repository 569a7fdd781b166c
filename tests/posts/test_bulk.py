"""Bulk actions on a selection in Posts and Review (issue 14): approve, request changes
with one comment, schedule into the next free slots, move, add or remove a tag, delete.
One transaction per request, a result per post; what a role may not do is refused per
post; other workspaces' posts are "not found"."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine
from django.test import Client

from onshore.posts import bulk, editing, workflow
from onshore.posts.models import Comment, Post, State
from onshore.publishing.models import Delivery
from onshore.workspaces.models import Market
from tests.factories import scheduled_post, webhook_channel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]

# Monday 5 January 2026, 09:00 UTC: the planning clock (tests/conftest.py).
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _draft(team: Any, text: str, author: str = "contributor", market: Any = None) -> Post:
    return editing.create_post(
        team.members[author], editing.PostChanges(text=text, market=market or team.gb)
    )


def _in_review(team: Any, text: str, author: str = "contributor") -> Post:
    return workflow.perform(_draft(team, text, author), team.members[author], "submit")


def _approved(team: Any, text: str, market: Any = None) -> Post:
    post = _draft(team, text, market=market)
    workflow.perform(post, team.members["contributor"], "submit")
    return workflow.perform(post, team.members["reviewer"], "approve")


def _run(team: Any, persona: str, action: str, posts: list[Any], **params: Any) -> Any:
    ids = [p if isinstance(p, int) else p.pk for p in posts]
    request = bulk.BulkRequest(action=action, ids=ids, **params)
    return bulk.run_bulk(team.members[persona], request, current=NOW)


def _states(posts: list[Post]) -> list[str]:
    return [Post.objects.get(pk=p.pk).state for p in posts]


# --- approve and request changes ------------------------------------------------------


def test_a_reviewer_approves_three_and_each_is_recorded_like_a_single_approval(team: Any) -> None:
    posts = [_in_review(team, f"Post {n}") for n in range(3)]
    result = _run(team, "reviewer", "approve", posts)
    assert result.summary() == "3 approved."
    assert _states(posts) == [State.APPROVED] * 3
    for post in posts:
        event = post.events.get(action="approve")
        assert event.by == team.users["reviewer"]


def test_one_refused_post_is_named_with_why_and_the_rest_are_approved(team: Any) -> None:
    good = [_in_review(team, "Autumn blend is back"), _in_review(team, "Winter menu")]
    draft = _draft(team, "Still a draft, not submitted")
    result = _run(team, "reviewer", "approve", [good[0], draft, good[1]])
    assert result.summary() == (
        f"2 approved; 1 refused: “Still a draft, not submitted” (#{draft.pk}): "
        "Cannot approve: the post is draft; it must be in review."
    )
    assert _states([*good, draft]) == [State.APPROVED, State.APPROVED, State.DRAFT]
    assert [r.outcome for r in result.results] == ["done", "refused", "done"]


def test_a_contributor_may_not_approve_each_post_is_refused_by_role(team: Any) -> None:
    posts = [_in_review(team, f"Post {n}") for n in range(2)]
    result = _run(team, "contributor", "approve", posts)
    assert result.count(bulk.REFUSED) == 2
    assert {r.message for r in result.results} == {"Your role (contributor) cannot approve posts."}
    assert _states(posts) == [State.IN_REVIEW] * 2


def test_request_changes_puts_the_one_comment_on_every_post(team: Any) -> None:
    posts = [_in_review(team, f"Post {n}") for n in range(3)]
    result = _run(team, "reviewer", "request_changes", posts, note="Name the farm, please.")
    assert result.summary() == "3 sent back for changes."
    assert _states(posts) == [State.CHANGES_REQUESTED] * 3
    assert Comment.objects.filter(body="Name the farm, please.").count() == 3


def test_request_changes_without_a_comment_is_refused_before_touching_any_post(team: Any) -> None:
    post = _in_review(team, "Post")
    with pytest.raises(bulk.ValidationError) as refused:
        _run(team, "reviewer", "request_changes", [post], note="  ")
    assert "note" in refused.value.message_dict
    assert _states([post]) == [State.IN_REVIEW]


def test_another_workspaces_post_is_not_found_and_left_alone(team: Any) -> None:
    from onshore.workspaces.models import Membership

    foreign_market = Market.objects.create(
        workspace=team.other_workspace, country="US", language="en-US", timezone="America/Chicago"
    )
    outsider = Membership.objects.get(user=team.users["outsider"])
    foreign = editing.create_post(
        outsider, editing.PostChanges(text="Not yours", market=foreign_market)
    )
    workflow.perform(foreign, outsider, "submit")
    mine = _in_review(team, "Mine")
    result = _run(team, "manager", "approve", [mine, foreign, 987654])
    assert result.summary() == (
        f"1 approved; 2 refused: post #{foreign.pk}, post #987654: not found in this workspace."
    )
    assert "Not yours" not in result.summary()
    assert Post.objects.get(pk=foreign.pk).state == State.IN_REVIEW


def test_many_posts_refused_for_one_reason_make_one_line_naming_the_first_ten(
    team: Any,
) -> None:
    drafts = [_draft(team, f"Draft {n}") for n in range(12)]
    result = _run(team, "reviewer", "approve", drafts)
    names = ", ".join(f"“Draft {n}” (#{p.pk})" for n, p in enumerate(drafts[:10]))
    assert result.summary() == (
        f"0 approved; 12 refused: {names} and 2 more: "
        "Cannot approve: the post is draft; it must be in review."
    )


def test_more_than_200_ids_are_refused_with_a_clear_message(team: Any) -> None:
    with pytest.raises(bulk.ValidationError) as refused:
        _run(team, "manager", "approve", list(range(1, 202)))
    assert refused.value.message_dict == {"ids": ["at most 200 posts at a time (201 selected)"]}


# --- schedule into the next free slots ----------------------------------------------------


def test_schedule_puts_each_post_into_its_own_markets_next_free_slots_in_list_order(
    team: Any, receiver: Any
) -> None:
    webhook_channel(team, receiver)
    team.gb.posting_slots = [{"days": ["tue", "thu"], "time": "09:30"}]
    team.gb.save()
    us = Market.objects.create(
        workspace=team.workspace,
        country="US",
        language="en-US",
        timezone="America/New_York",
        posting_slots=[{"days": ["mon"], "time": "10:00"}],
    )
    # Tuesday 6 January at 09:30 London is already held by another post.
    holder = _draft(team, "Holds Tuesday")
    editing.set_schedule(holder, team.members["contributor"], date(2026, 1, 6), time(9, 30), None)
    first, second = _approved(team, "First GB"), _approved(team, "Second GB")
    american = _approved(team, "American", market=us)
    result = _run(team, "manager", "schedule", [first, american, second])
    assert result.count(bulk.DONE) == 3, result.summary()
    got = {p.text: Post.objects.get(pk=p.pk) for p in (first, second, american)}
    assert got["First GB"].scheduled_at == datetime(2026, 1, 8, 9, 30, tzinfo=UTC)  # Thu
    assert got["Second GB"].scheduled_at == datetime(2026, 1, 13, 9, 30, tzinfo=UTC)  # Tue
    # Monday 5 January, 10:00 New York: later today.
    assert got["American"].scheduled_at == datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    assert {p.state for p in got.values()} == {State.SCHEDULED}
    assert Delivery.objects.filter(post__in=[first, second], state="pending").count() == 2
    assert result.results[0].message.startswith("scheduled for Thu 8 January 2026, 09:30 London")
    # The summary says when each one goes out, in its market's time and the viewer's.
    assert result.summary().startswith(
        "3 scheduled — “First GB” for Thu 8 January 2026, 09:30 London · "
        "Thu 8 January, 15:00 your time; “American” for Mon 5 January 2026, 10:00 New York"
    )


def test_a_post_that_cannot_be_scheduled_gets_a_reason_and_leaves_its_slot_to_the_next(
    team: Any,
) -> None:
    team.gb.posting_slots = [{"days": ["tue", "thu"], "time": "09:30"}]
    team.gb.save()
    no_slots = Market.objects.create(
        workspace=team.workspace, country="IE", language="en-IE", timezone="Europe/Dublin"
    )
    in_review = _in_review(team, "Not approved yet")
    irish = _approved(team, "Irish", market=no_slots)
    approved = _approved(team, "Ready to go")
    result = _run(team, "manager", "schedule", [in_review, irish, approved])
    messages = [r.message for r in result.results]
    assert messages[0] == "Cannot schedule: the post is in review; it must be approved."
    assert messages[1] == "Ireland (en-IE) has no posting slots: add them on the market's page"
    # The refused post's slot (Tue 6 January) goes to the next post instead.
    post = Post.objects.get(pk=approved.pk)
    assert post.scheduled_at == datetime(2026, 1, 6, 9, 30, tzinfo=UTC)
    # The refused post got no time either: its savepoint was rolled back.
    assert Post.objects.get(pk=in_review.pk).scheduled_at is None


def test_a_contributor_cannot_schedule_and_nothing_is_set(team: Any) -> None:
    team.gb.posting_slots = [{"days": ["tue"], "time": "09:30"}]
    team.gb.save()
    post = _approved(team, "Ready")
    result = _run(team, "contributor", "schedule", [post])
    assert result.results[0].message == "Your role (contributor) cannot schedule posts."
    post.refresh_from_db()
    assert post.state == State.APPROVED and post.scheduled_at is None


# --- move, tags, delete -----------------------------------------------------------------


def test_move_sends_approved_posts_back_to_review_and_says_so_per_post(team: Any) -> None:
    us = Market.objects.create(
        workspace=team.workspace, country="US", language="en-US", timezone="America/New_York"
    )
    approved, draft = _approved(team, "Approved one"), _draft(team, "A draft")
    result = _run(team, "manager", "move", [approved, draft], market_id=us.pk)
    assert result.count(bulk.DONE) == 2
    assert "Back to review" in result.results[0].message
    assert "Back to review" not in result.results[1].message
    assert _states([approved, draft]) == [State.IN_REVIEW, State.DRAFT]
    assert set(Post.objects.values_list("market", flat=True)) == {us.pk}


def test_move_to_a_market_of_another_workspace_is_refused_by_name(team: Any) -> None:
    foreign = Market.objects.create(
        workspace=team.other_workspace, country="US", language="en-US", timezone="America/Chicago"
    )
    with pytest.raises(bulk.ValidationError) as refused:
        _run(team, "manager", "move", [_draft(team, "x")], market_id=foreign.pk)
    assert refused.value.message_dict == {"market": ["choose one of this workspace's markets"]}


def test_add_and_remove_a_tag_with_unchanged_posts_counted_apart(team: Any) -> None:
    tagged = editing.create_post(
        team.members["contributor"],
        editing.PostChanges(text="Has it", market=team.gb, tags=["launch"]),
    )
    plain = _draft(team, "Has not")
    added = _run(team, "contributor", "add_tag", [tagged, plain], tag="#Launch")
    assert added.summary() == "1 tagged; 1 unchanged."
    assert Post.objects.get(pk=plain.pk).tags == ["launch"]
    removed = _run(team, "contributor", "remove_tag", [tagged, plain], tag="launch")
    assert removed.summary() == "2 untagged."
    assert list(Post.objects.values_list("tags", flat=True)) == [[], []]


def test_a_tag_on_an_approved_post_sends_it_back_to_review(team: Any) -> None:
    post = _approved(team, "Approved")
    result = _run(team, "manager", "add_tag", [post], tag="launch")
    assert result.results[0].message == (
        "added #launch; back to review (tags are published with the post)"
    )
    assert _states([post]) == [State.IN_REVIEW]


def test_a_contributor_tags_only_their_own_posts(team: Any) -> None:
    own, others = _draft(team, "Mine"), _draft(team, "The manager's", author="manager")
    result = _run(team, "contributor", "add_tag", [own, others], tag="launch")
    assert result.count(bulk.DONE) == 1
    assert result.results[1].message.startswith("Your role (contributor) can edit and delete only")
    assert Post.objects.get(pk=others.pk).tags == []


def test_delete_cancels_scheduled_deliveries_and_refuses_published_posts(
    team: Any, receiver: Any
) -> None:
    webhook_channel(team, receiver)
    scheduled = scheduled_post(team)
    published = _draft(team, "Already out", author="manager")
    Post.objects.filter(pk=published.pk).update(state=State.PUBLISHED)
    draft = _draft(team, "Draft")
    result = _run(team, "manager", "delete", [scheduled, published, draft])
    assert [r.message for r in result.results] == [
        "deleted; 1 waiting delivery cancelled",
        "Cannot delete: the post has been published and stays in the history; "
        "remove it on the network itself.",
        "deleted",
    ]
    assert list(Post.objects.values_list("pk", flat=True)) == [published.pk]
    assert not Delivery.objects.exists()


def test_one_request_is_one_transaction_an_unexpected_error_undoes_every_post(
    team: Any, monkeypatch: Any
) -> None:
    posts = [_in_review(team, f"Post {n}") for n in range(3)]
    calls = []
    real = workflow.perform

    def fail_on_third(post: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(post.pk)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real(post, *args, **kwargs)

    monkeypatch.setattr(workflow, "perform", fail_on_third)
    with pytest.raises(RuntimeError):
        _run(team, "reviewer", "approve", posts)
    assert _states(posts) == [State.IN_REVIEW] * 3


# --- the pages --------------------------------------------------------------------------


def _client(team: Any, persona: str) -> Client:
    client = Client()
    client.force_login(team.users[persona])
    return client


def test_the_review_page_has_a_checkbox_per_row_and_the_action_bar(team: Any) -> None:
    post = _in_review(team, "Waiting")
    page = _client(team, "reviewer").get(f"/w/{team.workspace.slug}/review/").content.decode()
    assert f'name="ids" value="{post.pk}" form="bulk-form"' in page
    assert 'id="bulk-form"' in page and "data-bulk-all" in page
    assert '<option value="approve">Approve</option>' in page
    assert 'value="delete"' not in page  # reviewers do not delete posts
    viewer = _client(team, "viewer").get(f"/w/{team.workspace.slug}/posts/").content.decode()
    assert 'id="bulk-form"' not in viewer


def test_the_bulk_form_answers_with_the_summary_on_the_list_it_came_from(team: Any) -> None:
    posts = [_in_review(team, f"Post {n}") for n in range(2)]
    draft = _draft(team, "A draft")
    response = _client(team, "manager").post(
        f"/w/{team.workspace.slug}/posts/bulk/",
        {
            "action": "approve",
            "ids": [p.pk for p in (*posts, draft)],
            "page": "review",
            "query": "q=Post",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/w/{team.workspace.slug}/review/?q=Post"
    said = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert said == [
        (
            "warning",
            f"2 approved; 1 refused: “A draft” (#{draft.pk}): "
            "Cannot approve: the post is draft; it must be in review.",
        )
    ]


def test_the_bulk_form_refuses_more_than_200_ids_by_name(team: Any) -> None:
    response = _client(team, "manager").post(
        f"/w/{team.workspace.slug}/posts/bulk/",
        {"action": "approve", "ids": [str(n) for n in range(1, 202)]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "ids: at most 200 posts at a time (201 selected)."
    ]


def test_schedule_runs_at_the_clock_of_the_request(team: Any) -> None:
    team.gb.posting_slots = [{"days": ["tue"], "time": "09:30"}]
    team.gb.save()
    post = _approved(team, "Ready")
    with time_machine.travel(datetime(2026, 1, 6, 10, 0, tzinfo=UTC), tick=False):
        result = bulk.run_bulk(
            team.members["manager"], bulk.BulkRequest(action="schedule", ids=[post.pk])
        )
    assert result.count(bulk.DONE) == 1
    post.refresh_from_db()
    assert post.scheduled_at == datetime(2026, 1, 13, 9, 30, tzinfo=UTC)  # not the 6th: passed
