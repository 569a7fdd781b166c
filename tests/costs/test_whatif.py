"""What-if for a prospective vendor, hand-computed; overlap measured with real zones.

Workspace: a London business, GBP, 1 USD = 0.80 GBP, working Monday–Friday 09:00–17:00.
The week of 2 March 2026 is before any DST change in London (GMT, UTC+0).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from onshore.costs import (
    OFFSHORED,
    OUTSOURCED,
    BusinessSide,
    Money,
    VendorProposal,
    compare,
    what_if,
)
from onshore.localtime import parse_weekly_hours
from tests.costs.dataset import OUTSOURCED_AGENCY, cost

D = Decimal
WEEKDAYS_9_TO_5 = parse_weekly_hours(
    {day: [["09:00", "17:00"]] for day in ["mon", "tue", "wed", "thu", "fri"]}
)
WEEK = date(2026, 3, 2)

BUSINESS = BusinessSide(
    country="GB",
    zone="Europe/London",
    working_hours=WEEKDAYS_9_TO_5,
    currency="GBP",
    rates={"USD": D("0.80")},
    measured_rounds_per_post={OUTSOURCED: D(2)},  # none measured for offshored
)

# An hourly vendor in Auckland: NZDT (UTC+13) in March, so 09:00–17:00 there is
# 20:00–04:00 UTC the evening before: no overlap at all with 09:00–17:00 in London.
AUCKLAND = VendorProposal(
    pricing="hourly",
    amount=D(20),
    currency="USD",
    country="NZ",
    zone="Pacific/Auckland",
    working_hours=WEEKDAYS_9_TO_5,
    posts_per_month=D(10),
    reviewer_hourly_value=D(40),
    reviewer_currency="GBP",
    hours_per_post=D(2),
    explaining_hours_per_month=D(4),
    delay_cost_per_day=D(50),
)

# The same vendor in Dublin keeps London's clock: full overlap.
DUBLIN = replace(AUCKLAND, country="IE", zone="Europe/Dublin")


def gbp(amount: str) -> Money:
    return Money(D(amount), "GBP")


def test_no_overlap_costs_a_full_day_per_round() -> None:
    result = what_if(AUCKLAND, BUSINESS, week_of=WEEK)
    assert result.sourcing == OFFSHORED
    # no measured rounds for offshored → the default of 1 per post: 10 rounds a month
    assert result.revision_rounds_per_post == D(1)
    # fees = 10 posts × 2 h × US$20 = US$400 × 0.80 = £320.00
    assert result.fees == gbp("320.00")
    # vendor rework = 10 rounds × 0.5 h × US$20 = US$100 × 0.80 = £80.00
    assert result.rework_contributor == gbp("80.00")
    # re-reviews = 10 rounds × 10 min = 100 min = 1.666… h × £40 = £66.67
    assert result.rework_reviewer == gbp("66.67")
    # review effort = 10 × 10 min + 10 × 2 comments × 3 min = 160 min × £40/60 = £106.67
    assert result.review_effort == gbp("106.67")
    # explaining = 4 h × £40 = £160.00
    assert result.explaining == gbp("160.00")
    # overlap 0 h of 40 h → 1 − 0/40 = 1.00 day per round; 10 rounds × 1 × £50 = £500.00
    assert result.overlap_hours_per_week == D(0)
    assert result.business_hours_per_week == D(40)
    assert result.delay_days_per_round == D("1.00")
    assert result.delay == gbp("500.00")
    # total = 320 + 80 + 66.67 + 106.67 + 160 + 500 = £1,233.34; per post = 123.334 → £123.33
    assert result.monthly_total == gbp("1233.34")
    assert result.cost_per_post == gbp("123.33")


def test_full_overlap_adds_no_waiting() -> None:
    result = what_if(DUBLIN, BUSINESS, week_of=WEEK)
    assert result.sourcing == OFFSHORED  # another country, whatever the clock says
    assert result.overlap_hours_per_week == D(40)
    assert result.delay_days_per_round == D("0.00")
    assert result.delay == gbp("0.00")
    # the same terms without the £500 of delay: 1233.34 − 500 = £733.34 → £73.33 a post
    assert result.monthly_total == gbp("733.34")
    assert result.cost_per_post == gbp("73.33")


def test_revision_rounds_default_to_the_measured_figure_for_the_class() -> None:
    manchester = replace(DUBLIN, country="GB", zone="Europe/London")
    result = what_if(manchester, BUSINESS, week_of=WEEK)
    assert result.sourcing == OUTSOURCED
    assert result.revision_rounds_per_post == D(2)
    assert any("as measured for this workspace's outsourced" in s for s in result.assumptions)
    given = what_if(replace(manchester, revision_rounds_per_post=D("0.5")), BUSINESS, week_of=WEEK)
    assert given.revision_rounds_per_post == D("0.5")


def test_overlap_follows_each_zones_dst() -> None:
    new_york = replace(AUCKLAND, country="US", zone="America/New_York")
    # 2 March: New York on EST (UTC−5): 14:00–22:00 UTC against 09:00–17:00 → 3 h a day
    assert what_if(new_york, BUSINESS, week_of=WEEK).overlap_hours_per_week == D(15)
    # 9 March: New York on EDT since 8 March, London still GMT: 13:00–21:00 → 4 h a day
    later = what_if(new_york, BUSINESS, week_of=date(2026, 3, 9))
    assert later.overlap_hours_per_week == D(20)
    # 1 − 20/40 = 0.50 day per round
    assert later.delay_days_per_round == D("0.50")


def test_hours_past_midnight_count_on_both_days() -> None:
    # Tokyo (UTC+9) 17:00–01:00 is 08:00–16:00 UTC: 7 h a day with London 09:00–17:00.
    late_shift = parse_weekly_hours(
        {day: [["17:00", "01:00"]] for day in ["mon", "tue", "wed", "thu", "fri"]}
    )
    tokyo = replace(AUCKLAND, country="JP", zone="Asia/Tokyo", working_hours=late_shift)
    assert what_if(tokyo, BUSINESS, week_of=WEEK).overlap_hours_per_week == D(35)


def test_unpriced_delay_is_left_out_of_the_money_and_said_so() -> None:
    result = what_if(replace(AUCKLAND, delay_cost_per_day=None), BUSINESS, week_of=WEEK)
    assert result.delay is None
    assert result.monthly_total == gbp("733.34")
    assert "Delay is shown in days and not priced: no cost per day was given." in (
        result.assumptions
    )
    assert "Exchange rate: 1 USD = 0.80 GBP." in result.assumptions


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"posts_per_month": D(0)}, "posts_per_month"),
        ({"hours_per_post": None}, "hours_per_post"),
        ({"amount": D(-1)}, "amount"),
    ],
)
def test_bad_proposals_are_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        what_if(replace(AUCKLAND, **change), BUSINESS, week_of=WEEK)  # type: ignore[arg-type]


def test_set_beside_the_current_engagements() -> None:
    current = compare([cost(OUTSOURCED_AGENCY)], currency="GBP", minimum_posts=5)
    result = what_if(DUBLIN, BUSINESS, week_of=WEEK)
    # vendor £73.33 a post against outsourced £192.33: 119.00 less; 119 / 192.33 = 0.619 → 62 %
    assert result.against(current) == (
        "At £73.33 per post in full, this vendor would cost £119.00 (62%) less than your "
        "outsourced engagements (£192.33)."
    )
    empty = compare([], currency="GBP")
    assert "None of your current engagements" in result.against(empty)
