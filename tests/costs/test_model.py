"""The cost ledger on a fixed dataset, every number worked out by hand in the comments.

Workspace currency GBP; rates 1 USD = 0.80 GBP, 1 EUR = 0.85 GBP.
Period: 15 January 2026 to 14 February 2026 inclusive (17 days of January's 31,
14 days of February's 28). The three engagements are in tests/costs/dataset.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from onshore.costs import (
    IN_HOUSE,
    OFFSHORED,
    OUTSOURCED,
    Money,
    compare,
    engagement_cost,
    months_engaged,
)
from tests.costs.dataset import (
    IN_HOUSE_WRITER,
    OFFSHORED_FREELANCER,
    OUTSOURCED_AGENCY,
    PERIOD,
    cost,
)

D = Decimal


def gbp(amount: str) -> Money:
    return Money(D(amount), "GBP")


def test_retainer_prorated_across_the_month_boundary() -> None:
    result = cost(IN_HOUSE_WRITER)
    # invoiced = 3000 × (17/31 + 14/28) = 1645.1612… + 1500 = 3145.1612… → £3,145.16
    assert result.invoiced == gbp("3145.16")
    # a retainer covers the writer's own rework: nothing extra, fees = invoiced
    assert result.rework_contributor == gbp("0.00")
    assert result.fees == gbp("3145.16")
    # rounds = 0.5 × 10 = 5; first reviews = 15 − 5 = 10; comments = 1 × 10 = 10
    # review effort = (10 × 10 min + 10 × 3 min) = 130 min = 2.1666… h × £40 = £86.67
    assert result.review_effort == gbp("86.67")
    # reviewer rework = 5 rounds × 10 min = 50 min = 0.8333… h × £40 = £33.33
    assert result.rework_reviewer == gbp("33.33")
    # total = 3145.16 + 86.67 + 33.33 = 3265.16; per post = 326.516 → £326.52
    assert result.total == gbp("3265.16")
    assert result.cost_per_post == gbp("326.52")


def test_hourly_rework_is_split_out_of_the_invoice_not_added_twice() -> None:
    result = cost(OUTSOURCED_AGENCY)
    # invoiced = 60 h × £35 = £2,100.00
    assert result.invoiced == gbp("2100.00")
    # rounds = 1 × 12 = 12; rework hours = 12 × 0.5 h = 6 h, billed: 6 × £35 = £210.00
    assert result.rework_hours == D(6)
    assert result.rework_contributor == gbp("210.00")
    # fees for first drafts = 2100 − 210 = £1,890.00
    assert result.fees == gbp("1890.00")
    # first reviews = 24 − 12 = 12; comments = 2 × 12 = 24
    # review effort = (12 × 10 + 24 × 3) = 192 min = 3.2 h × £40 = £128.00
    assert result.review_effort == gbp("128.00")
    # reviewer rework = 12 × 10 min = 120 min = 2 h × £40 = £80.00
    assert result.rework_reviewer == gbp("80.00")
    assert result.rework == gbp("290.00")
    # total = 1890 + 128 + 290 = £2,308.00 (= invoice 2100 + reviewer time 208)
    assert result.total == gbp("2308.00")
    # per post = 2308 / 12 = 192.333… → £192.33
    assert result.cost_per_post == gbp("192.33")


def test_currencies_are_converted_by_the_given_rates() -> None:
    result = cost(OFFSHORED_FREELANCER)
    # invoiced = 10 × US$200 = US$2,000 × 0.80 = £1,600.00
    assert result.invoiced_original == Money(D(2000), "USD")
    assert result.invoiced == gbp("1600.00")
    assert result.fees == gbp("1600.00")
    # reviewer value = €50 × 0.85 = £42.50 an hour
    # rounds = 3 × 10 = 30; first reviews = 40 − 30 = 10; comments = 6 × 10 = 60
    # review effort = (10 × 10 + 60 × 3) = 280 min = 4.666… h × £42.50 = 198.333… → £198.33
    assert result.review_effort == gbp("198.33")
    # reviewer rework = 30 × 10 min = 300 min = 5 h × £42.50 = £212.50
    assert result.rework_reviewer == gbp("212.50")
    assert result.rework_contributor == gbp("0.00")
    # total = 1600 + 198.33 + 212.50 = £2,010.83; per post = 201.083 → £201.08
    assert result.total == gbp("2010.83")
    assert result.cost_per_post == gbp("201.08")


def test_comparison_side_by_side_and_conclusion() -> None:
    costs = [cost(f) for f in (IN_HOUSE_WRITER, OUTSOURCED_AGENCY, OFFSHORED_FREELANCER)]
    comparison = compare(costs, currency="GBP")
    assert [c.sourcing for c in comparison.classes] == [IN_HOUSE, OUTSOURCED, OFFSHORED]
    assert comparison.by_class(OFFSHORED).invoiced_per_post == gbp("160.00")  # 1600 / 10
    assert comparison.by_class(OUTSOURCED).invoiced_per_post == gbp("175.00")  # 2100 / 12
    # Ranked in full: outsourced £192.33, offshored £201.08, in-house £326.52.
    # offshored − outsourced = 8.75; 8.75 / 201.08 = 0.0435 → 4 %
    # in-house − outsourced = 134.19; 134.19 / 326.52 = 0.411 → 41 %
    assert comparison.conclusion("en_GB") == (
        "Counted in full, outsourced is the cheapest: £192.33 per published post, "
        "£8.75 (4%) less than offshored (£201.08) and £134.19 (41%) less than in-house "
        "(£326.52). Offshored looks cheaper on fees alone (£160.00 against £175.00 per "
        "post), but its review effort and rework more than make up the difference."
    )
    assert comparison.to_json()["classes"][1]["cost_per_post"] == {
        "amount": "192.33",
        "currency": "GBP",
    }


def test_two_engagements_in_one_class_add_up() -> None:
    second = replace(OUTSOURCED_AGENCY, name="Second agency", hours_logged=D(30))
    # second: invoiced 30 × 35 = 1050; rework 6 h → 210; fees 840; review 128; re-reviews 80
    # total = 840 + 128 + 290 = 1258
    summary = compare([cost(OUTSOURCED_AGENCY), cost(second)], currency="GBP").by_class(OUTSOURCED)
    assert summary.engagements == 2
    assert summary.posts_published == 24
    assert summary.total == gbp("3566.00")  # 2308 + 1258
    assert summary.cost_per_post == gbp("148.58")  # 3566 / 24 = 148.583…


def test_not_enough_data_names_the_classes_that_lack_it() -> None:
    few_posts = replace(OFFSHORED_FREELANCER, posts_published=3, reviews=12)
    comparison = compare([cost(OUTSOURCED_AGENCY), cost(few_posts)], currency="GBP")
    assert comparison.conclusion() == (
        "Not enough data to say which is cheaper: in-house has no engagements in this "
        "period and offshored has only 3 published posts (at least 5 are needed). "
        "Only outsourced can be costed: £192.33 per published post in full."
    )


def test_a_class_without_data_is_left_out_but_named() -> None:
    comparison = compare([cost(OUTSOURCED_AGENCY), cost(OFFSHORED_FREELANCER)], currency="GBP")
    assert comparison.conclusion().endswith(
        "Left out for lack of data: in-house has no engagements in this period."
    )


def test_no_published_posts_gives_no_cost_per_post_and_a_reason() -> None:
    result = cost(replace(OUTSOURCED_AGENCY, posts_published=0, reviews=0))
    assert result.cost_per_post is None
    assert "published no posts" in result.no_cost_per_post_reason
    assert result.total == gbp("2100.00")  # the hours were still billed


def test_rework_estimate_never_exceeds_the_hours_logged() -> None:
    result = cost(replace(OUTSOURCED_AGENCY, hours_logged=D(4)))
    # estimate 6 h > 4 h logged: all 4 h are rework (£140), fees for first drafts £0
    assert result.rework_contributor == gbp("140.00")
    assert result.fees == gbp("0.00")
    assert "more than the hours logged" in result.notes[0]


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (date(2026, 1, 1), date(2026, 1, 31), D(1)),
        (date(2026, 1, 1), date(2026, 3, 31), D(3)),
        (date(2026, 1, 15), date(2026, 2, 14), D(17) / 31 + D(14) / 28),
        (date(2028, 2, 15), date(2028, 2, 29), D(15) / 29),  # leap February
        (date(2026, 12, 17), date(2027, 1, 15), D(15) / 31 + D(15) / 31),
        (date(2026, 2, 1), date(2026, 1, 31), D(0)),  # ended before it began
    ],
)
def test_months_engaged(first: date, last: date, months: Decimal) -> None:
    assert months_engaged(first, last) == months


def test_retainer_counts_only_the_days_the_engagement_ran() -> None:
    starts_mid_period = replace(IN_HOUSE_WRITER, start=date(2026, 2, 1))
    # 1–14 February: 3000 × 14/28 = £1,500.00
    assert cost(starts_mid_period).invoiced == gbp("1500.00")
    ended_before = replace(IN_HOUSE_WRITER, end=date(2026, 1, 10))
    assert cost(ended_before).invoiced == gbp("0.00")


def test_missing_exchange_rate_names_the_currency() -> None:
    with pytest.raises(ValueError, match="no exchange rate from USD to GBP"):
        engagement_cost(OFFSHORED_FREELANCER, currency="GBP", rates={}, **PERIOD)


def test_money_is_formatted_for_the_locale() -> None:
    assert Money(D("1234.5"), "EUR").format("de_DE") == "1.234,50\xa0€"
    assert Money(D("1234.5"), "GBP").format("en-GB") == "£1,234.50"


def test_bad_figures_are_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match="hours_logged"):
        replace(OUTSOURCED_AGENCY, hours_logged=D(-1))
    with pytest.raises(ValueError, match="sourcing"):
        replace(OUTSOURCED_AGENCY, sourcing="nearshored")
