"""Costs measured from a fixed review history, against numbers worked out by hand.

The dataset (a GB workspace on London time, period March 2026):

* P1 — submitted 2 Mar 10:00, sent back 14:00 with two market-fit findings open (and the
  reviewer's comment), resubmitted 3 Mar 09:00, approved 11:00; published 10 Mar.
* P2 — submitted 16 Mar 10:00, the author comments at 10:30, approved 12:00; published 20 Mar.
* P6 — submitted 25 Mar 09:00, approved 09:30; published 31 Mar 22:30 UTC, which is 23:30
  in London (BST since 29 March): inside March.
* P5 — published 31 Mar 23:30 UTC = 1 April 00:30 in London: outside the period.
* P3 — published 2 April: outside. P4 — someone else's post: not this engagement's.

Hand-worked figures: 3 posts, 1 revision round, 2 comments, 4 reviews (3 approvals and 1
change request), market-fit share 1/3, turnaround median of 25 h, 2 h, 0.5 h = 2 h;
replies to the author's messages 4 h, 2 h, 2 h, 0.5 h (median 2 h) and to the
reviewer's one message 19 h. Hours logged in March: 3 + 1.5 = 4.5.

Money (hourly, 20 USD, 1 USD = 0.80 GBP; reviewer £40/h, 10 min a review, 3 min a
comment, 0.5 h a round): invoiced 4.5 × 20 × 0.8 = £72.00; the vendor's rework 1 × 0.5 h
× 20 × 0.8 = £8.00, so fees £64.00; review effort (3 first reviews × 10 + 2 comments × 3)
= 36 min = £24.00; the re-review 10 min = £6.67; rework £14.67; total £102.67;
cost per post £102.67 ÷ 3 = £34.22.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from onshore.ledger.measure import measure
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.ledger.report import build_report, comparison_csv
from onshore.posts.models import Comment, Post, PostEvent, State
from onshore.publishing.models import Channel, Delivery, DeliveryState

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def make_post(team: Any, author: Any, published: datetime, rounds: int = 0) -> Post:
    channel = Channel.objects.get_or_create(
        workspace=team.workspace,
        market=team.gb,
        kind="webhook",
        name="CMS",
        defaults={"config": {"url": "https://cms.example.com/hook"}},
    )[0]
    post = Post.objects.create(
        workspace=team.workspace,
        market=team.gb,
        author=author.user,
        text="Our autumn blend is back",
        state=State.PUBLISHED,
        rework_rounds=rounds,
        scheduled_at=published,
    )
    Delivery.objects.create(
        post=post,
        channel=channel,
        state=DeliveryState.PUBLISHED,
        due_at=published,
        published_at=published,
    )
    return post


def event(post: Post, who: Any, action: str, when: datetime, findings: int = 0) -> None:
    PostEvent.objects.create(
        post=post,
        action=action,
        from_state=State.IN_REVIEW,
        to_state=State.APPROVED,
        by=who.user,
        created_at=when,
        market_fit_findings=findings,
    )
    if action == "submit" and post.first_submitted_at is None:
        post.first_submitted_at = when
    if action == "approve":
        post.approved_at = when
    post.save()


@pytest.fixture
def history(team: Any) -> Engagement:
    author, reviewer = team.members["contributor"], team.members["reviewer"]
    p1 = make_post(team, author, at(10, 9, 30), rounds=1)
    event(p1, author, "submit", at(2, 10))
    event(p1, reviewer, "request_changes", at(2, 14), findings=2)
    Comment.objects.create(post=p1, author=reviewer.user, body="UK spelling", created_at=at(2, 14))
    event(p1, author, "submit", at(3, 9))
    event(p1, reviewer, "approve", at(3, 11))
    p2 = make_post(team, author, at(20, 9, 30))
    event(p2, author, "submit", at(16, 10))
    Comment.objects.create(
        post=p2, author=author.user, body="Photo to follow", created_at=at(16, 10, 30)
    )
    event(p2, reviewer, "approve", at(16, 12))
    p6 = make_post(team, author, at(31, 22, 30))
    event(p6, author, "submit", at(25, 9))
    event(p6, reviewer, "approve", at(25, 9, 30))
    p5 = make_post(team, author, at(31, 23, 30))
    event(p5, author, "submit", at(30, 9))
    event(p5, reviewer, "approve", at(30, 10))
    p3 = make_post(team, author, at(2, 9, month=4))
    event(p3, author, "submit", at(1, 9, month=4))
    someone_else = make_post(team, team.members["manager"], at(12, 9))
    event(someone_else, team.members["manager"], "submit", at(11, 9))
    engagement = Engagement(
        workspace=team.workspace,
        member=author,
        pricing="hourly",
        amount=Decimal(20),
        currency="USD",
        start=date(2026, 1, 1),
    )
    engagement.full_clean()
    engagement.save()
    for day, hours in ((date(2026, 3, 2), "3"), (date(2026, 3, 16), "1.5"),
                       (date(2026, 4, 1), "2"), (date(2026, 2, 28), "1")):  # fmt: skip
        TimeEntry.objects.create(engagement=engagement, date=day, hours=Decimal(hours))
    CostSettings.objects.create(
        workspace=team.workspace,
        reviewer_hourly_value=Decimal(40),
        minutes_per_review=Decimal(10),
        minutes_per_comment=Decimal(3),
        contributor_hours_per_round=Decimal("0.5"),
        rates={"USD": "0.80"},
    )
    return engagement


def test_the_workflow_figures_match_the_hand_count(history: Engagement) -> None:
    measured = measure(history, *MARCH)

    assert measured.posts == 3
    assert measured.rounds == 1
    assert measured.comments == 2
    assert measured.reviews == 4
    assert measured.market_fit_posts == 1
    assert measured.hours_logged == Decimal("4.50")
    assert measured.turnaround == timedelta(hours=2)
    assert measured.reviewer_response == timedelta(hours=2)
    assert measured.contributor_response == timedelta(hours=19)


def test_the_period_is_read_on_the_workspace_clock(history: Engagement) -> None:
    # 31 March 23:30 UTC is already 1 April in London: that post belongs to April.
    april = measure(history, date(2026, 4, 1), date(2026, 4, 30))

    assert april.posts == 2
    assert april.hours_logged == Decimal("2.00")


def test_posts_after_the_engagement_ended_do_not_count(history: Engagement) -> None:
    history.end = date(2026, 3, 15)
    history.save()

    measured = measure(history, *MARCH)

    assert measured.posts == 1  # only P1 (published 10 March)
    assert measured.hours_logged == Decimal("3.00")


def test_cost_per_published_post_matches_the_hand_count(history: Engagement) -> None:
    report = build_report(history.workspace, *MARCH)
    (row,) = report.rows
    cost = row.cost
    assert cost is not None

    assert cost.invoiced.amount == Decimal("72.00")
    assert cost.rework_contributor.amount == Decimal("8.00")
    assert cost.fees.amount == Decimal("64.00")
    assert cost.review_effort.amount == Decimal("24.00")
    assert cost.rework_reviewer.amount == Decimal("6.67")
    assert cost.total.amount == Decimal("102.67")
    assert cost.cost_per_post is not None
    assert cost.cost_per_post.amount == Decimal("34.22")
    assert cost.figures.sourcing == "offshored"  # a freelancer based in India
    assert report.money(cost.cost_per_post) == "£34.22"


def test_too_few_posts_says_so_instead_of_a_verdict(history: Engagement) -> None:
    report = build_report(history.workspace, *MARCH)

    assert report.conclusion.startswith("Not enough data to say which is cheaper")
    assert "offshored has only 3 published posts (at least 5 are needed)" in report.conclusion


def test_a_missing_exchange_rate_is_named_not_a_crash(history: Engagement) -> None:
    CostSettings.objects.filter(workspace=history.workspace).update(rates={})

    report = build_report(history.workspace, *MARCH)

    assert report.rows[0].cost is None
    assert "no exchange rate from USD to GBP" in report.rows[0].problem
    assert "no exchange rate from USD to GBP" in report.conclusion


def test_csv_rows_carry_every_term(history: Engagement) -> None:
    import csv
    import io

    rows = list(
        csv.DictReader(io.StringIO(comparison_csv(build_report(history.workspace, *MARCH))))
    )

    engagement = next(row for row in rows if row["level"] == "engagement")
    assert engagement["posts_published"] == "3"
    assert engagement["hours_logged"] == "4.50"
    assert engagement["revision_rounds_per_post"] == "0.33"
    assert engagement["median_turnaround_hours"] == "2.0"
    assert engagement["median_contributor_response_hours"] == "19.0"
    assert engagement["total"] == "102.67"
    assert engagement["cost_per_post"] == "34.22"
    offshored = next(row for row in rows if row["level"] == "class" and row["name"] == "offshored")
    assert offshored["total"] == "102.67"
    assert rows[-1]["level"] == "conclusion"
    assert rows[-1]["name"].startswith("Not enough data")
