"""Who hears of what: reviewers of a submission, the author of a decision, the author
and the managers of a publication or failure, the members @mentioned. Never the person
who did it, never a member of another workspace, and nothing of a rolled-back action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction

from onshore.notifications.models import Kind, Notification
from onshore.posts import csvplan, editing, workflow
from onshore.posts.models import Post, ReviewLink
from onshore.publishing import outbox
from tests.factories import FIND, SEND, scheduled_post, webhook_channel
from tests.fakes.webhook_receiver import WebhookReceiver

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.usefixtures("planning_clock"),
]


def told(kind: str | None = None) -> dict[str, str]:
    """E-mail address → summary, of every notification (of ``kind``)."""
    rows = Notification.objects.select_related("recipient")
    if kind:
        rows = rows.filter(kind=kind)
    return {n.recipient.email: n.summary for n in rows}


def draft(team: Any, persona: str = "contributor", text: str = "Spring tea is here") -> Post:
    return editing.create_post(
        team.members[persona], editing.PostChanges(text=text, market=team.gb)
    )


def submitted(team: Any, persona: str = "contributor") -> Post:
    return workflow.perform(draft(team, persona), team.members[persona], "submit")


def test_a_submission_tells_everyone_who_may_review_but_not_its_author(team: Any) -> None:
    submitted(team)
    assert told(Kind.SUBMITTED) == {
        "owner@example.com": "Contributor Person submitted “Spring tea is here” for review",
        "manager@example.com": "Contributor Person submitted “Spring tea is here” for review",
        "reviewer@example.com": "Contributor Person submitted “Spring tea is here” for review",
    }


def test_a_manager_submitting_is_not_told_of_their_own_submission(team: Any) -> None:
    submitted(team, "manager")
    assert set(told()) == {"owner@example.com", "reviewer@example.com"}


def test_a_long_text_is_cut_in_the_sentence(team: Any) -> None:
    post = draft(team, text="Our first flush Darjeeling arrived this morning, " * 3)
    workflow.perform(post, team.members["contributor"], "submit")
    summary = told()["reviewer@example.com"]
    assert summary.startswith("Contributor Person submitted “Our first flush Darjeeling")
    assert summary.endswith("…” for review") and len(summary) < 120


def test_changes_requested_tell_the_author_what_to_change(team: Any) -> None:
    post = submitted(team)
    Notification.objects.all().delete()
    workflow.perform(post, team.members["reviewer"], "request_changes", note="Say 'colour'.")
    (notification,) = Notification.objects.all()
    assert notification.recipient == team.users["contributor"]
    assert notification.kind == Kind.CHANGES_REQUESTED
    assert notification.summary == "Reviewer Person requested changes to “Spring tea is here”"
    assert notification.detail == "Say 'colour'."


def test_a_member_mentioned_in_a_review_note_is_told_once(team: Any) -> None:
    post = submitted(team)
    Notification.objects.all().delete()
    note = "@manager please check the price; @contributor fix the spelling; @reviewer me"
    workflow.perform(post, team.members["reviewer"], "request_changes", note=note)
    assert told() == {
        "contributor@example.com": "Reviewer Person requested changes to “Spring tea is here”",
        "manager@example.com": "Reviewer Person mentioned you on “Spring tea is here”",
    }


def test_an_approval_tells_the_author(team: Any) -> None:
    post = submitted(team)
    Notification.objects.all().delete()
    workflow.perform(post, team.members["reviewer"], "approve")
    assert told() == {"contributor@example.com": "Reviewer Person approved “Spring tea is here”"}


def test_an_approval_by_review_link_is_told_under_the_links_name(team: Any) -> None:
    post = submitted(team)
    Notification.objects.all().delete()
    link = ReviewLink.objects.create(
        workspace=team.workspace,
        name="Dana Client",
        token_hash="0" * 64,
        expires_at=post.created_at + timedelta(days=30),
    )
    workflow.perform(post, workflow.LinkReviewer(link), "approve")
    assert told() == {
        "contributor@example.com": "Dana Client (review link) approved “Spring tea is here”"
    }


def test_a_comment_tells_the_members_it_mentions_but_not_its_writer(team: Any) -> None:
    post = draft(team)
    editing.add_comment(post, team.members["contributor"], "@reviewer @contributor is this ok?")
    assert told() == {
        "reviewer@example.com": "Contributor Person mentioned you on “Spring tea is here”"
    }
    assert Notification.objects.get().detail == "@reviewer @contributor is this ok?"


def test_an_edit_after_approval_tells_the_reviewers_it_is_back(team: Any) -> None:
    post = submitted(team)
    post = workflow.perform(post, team.members["reviewer"], "approve")
    Notification.objects.all().delete()
    editing.update_post(post, team.members["contributor"], editing.PostChanges(text="Spring tea!"))
    assert set(told(Kind.SUBMITTED)) == {
        "owner@example.com",
        "manager@example.com",
        "reviewer@example.com",
    }


def test_nobody_outside_the_workspace_is_told(team: Any) -> None:
    post = submitted(team)
    editing.add_comment(post, team.members["contributor"], "@outsider @oscar have a look")
    assert "outsider@example.com" not in told()


def test_an_action_rolled_back_tells_nobody(team: Any) -> None:
    post = draft(team)
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.perform(post, team.members["contributor"], "submit")
        raise RuntimeError("the page failed after submitting")
    assert told() == {}


def test_a_publication_tells_the_author_and_the_managers(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team, text="Scones at 10")
    Notification.objects.all().delete()
    claimed = outbox.claim_due(post.scheduled_at, "w1", outbox.CLAIM_BATCH)
    outbox.publish_claimed(claimed, "w1", SEND, FIND, lambda: post.scheduled_at)
    assert told() == {
        email: "“Scones at 10” was published on CMS (Webhook)"
        for email in ("owner@example.com", "manager@example.com", "contributor@example.com")
    }


def test_a_failure_tells_the_author_and_the_managers_what_the_network_said(
    team: Any, receiver: WebhookReceiver
) -> None:
    webhook_channel(team, receiver)
    post = scheduled_post(team, text="Scones at 10")
    Notification.objects.all().delete()
    receiver.respond_next(422)  # refused for this post (410 parks the channel)
    claimed = outbox.claim_due(post.scheduled_at, "w1", outbox.CLAIM_BATCH)
    outbox.publish_claimed(claimed, "w1", SEND, FIND, lambda: post.scheduled_at)
    failed = Notification.objects.filter(kind=Kind.FAILED).select_related("recipient")
    assert {n.recipient.email for n in failed} == {
        "owner@example.com",
        "manager@example.com",
        "contributor@example.com",
    }
    assert all(
        n.summary == "“Scones at 10” could not be published on CMS (Webhook)" for n in failed
    )
    assert all(n.detail.startswith("The network said: ") for n in failed)


def test_an_import_tells_each_reviewer_once_with_a_link_to_review(team: Any) -> None:
    header = "market,networks,state,tags,text,link,local_date,local_time\n"
    rows = "".join(f"GB,x,in_review,,Autumn blend no. {n},,,\n" for n in range(5))
    rows += "GB,x,draft,,Just a draft,,,\n"
    csvplan.import_plan(team.members["contributor"], (header + rows).encode())
    reviewers_told = Notification.objects.select_related("workspace")
    assert {n.recipient.email for n in reviewers_told} == {
        "owner@example.com",
        "manager@example.com",
        "reviewer@example.com",
    }
    first = reviewers_told.first()
    assert first is not None
    assert first.summary == "Contributor Person submitted 5 posts for review"
    assert first.detail == (
        "“Autumn blend no. 0”, “Autumn blend no. 1”, “Autumn blend no. 2” and 2 more"
    )
    assert first.path == f"/w/{team.workspace.slug}/review/"


def test_a_dry_run_import_tells_nobody(team: Any) -> None:
    header = "market,networks,state,tags,text,link,local_date,local_time\n"
    data = (header + "GB,x,in_review,,Autumn blend,,,\nGB,x,in_review,,Winter,,,\n").encode()
    csvplan.import_plan(team.members["contributor"], data, csvplan.ImportOptions(dry_run=True))
    assert not Notification.objects.exists()
