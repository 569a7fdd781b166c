"""The fixed dataset the cost tests work out by hand: three engagements, one of each
sourcing, costed in GBP over 15 January to 14 February 2026 inclusive (17 days of
January's 31, 14 days of February's 28) at 1 USD = 0.80 GBP, 1 EUR = 0.85 GBP.

Shared by tests/costs/test_model.py (the ledger) and test_whatif.py (a vendor set
beside the current engagements)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from onshore.costs import (
    IN_HOUSE,
    OFFSHORED,
    OUTSOURCED,
    EngagementCost,
    EngagementFigures,
    engagement_cost,
)

D = Decimal
RATES = {"USD": D("0.80"), "EUR": D("0.85")}
PERIOD = {"period_start": date(2026, 1, 15), "period_end": date(2026, 2, 14)}


# In-house: a £3,000 monthly retainer, 10 posts, 0.5 rounds per post, 1 comment per post.
IN_HOUSE_WRITER = EngagementFigures(
    name="Maya (staff)",
    sourcing=IN_HOUSE,
    pricing="monthly_retainer",
    amount=D(3000),
    currency="GBP",
    start=date(2025, 6, 1),
    end=None,
    reviewer_hourly_value=D(40),
    reviewer_currency="GBP",
    posts_published=10,
    revision_rounds_per_post=D("0.5"),
    comments_per_post=D(1),
    reviews=15,
)

# Outsourced: £35 an hour, 60 hours logged, 12 posts, 1 round and 2 comments per post.
OUTSOURCED_AGENCY = EngagementFigures(
    name="Leeds Social Ltd",
    sourcing=OUTSOURCED,
    pricing="hourly",
    amount=D(35),
    currency="GBP",
    start=date(2025, 9, 1),
    end=None,
    reviewer_hourly_value=D(40),
    reviewer_currency="GBP",
    hours_logged=D(60),
    posts_published=12,
    revision_rounds_per_post=D(1),
    comments_per_post=D(2),
    reviews=24,
)

# Offshored: US$200 per post, 10 posts, 3 rounds and 6 comments per post; this reviewer's
# time is valued in euros (€50 an hour).
OFFSHORED_FREELANCER = EngagementFigures(
    name="Arjun",
    sourcing=OFFSHORED,
    pricing="per_post",
    amount=D(200),
    currency="USD",
    start=date(2025, 11, 1),
    end=None,
    reviewer_hourly_value=D(50),
    reviewer_currency="EUR",
    posts_published=10,
    revision_rounds_per_post=D(3),
    comments_per_post=D(6),
    reviews=40,
)


def cost(figures: EngagementFigures) -> EngagementCost:
    return engagement_cost(figures, currency="GBP", rates=RATES, **PERIOD)
