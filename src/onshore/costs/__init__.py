"""The true cost of an engagement, and a what-if for a prospective vendor. Django-free.

Money is ``decimal.Decimal`` with a currency code (:class:`Money`); exchange rates to
the workspace currency are passed in, as are the period and the week to measure
working-hours overlap in. Babel formats money for a locale. The formulas are written
out in :mod:`onshore.costs._model` (the ledger) and :mod:`onshore.costs._whatif`.
"""

from onshore.costs._model import (
    DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND,
    DEFAULT_MINUTES_PER_COMMENT,
    DEFAULT_MINUTES_PER_REVIEW,
    IN_HOUSE,
    MINIMUM_POSTS_PER_CLASS,
    OFFSHORED,
    OUTSOURCED,
    PRICING_MODELS,
    SOURCING_CLASSES,
    ClassSummary,
    Comparison,
    EngagementCost,
    EngagementFigures,
    PricingModel,
    compare,
    engagement_cost,
    months_engaged,
)
from onshore.costs._money import Money, Rates, convert
from onshore.costs._whatif import (
    DEFAULT_COMMENTS_PER_POST,
    DEFAULT_REVISION_ROUNDS_PER_POST,
    BusinessSide,
    VendorProposal,
    WhatIf,
    what_if,
)

__all__ = [
    "DEFAULT_COMMENTS_PER_POST",
    "DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND",
    "DEFAULT_MINUTES_PER_COMMENT",
    "DEFAULT_MINUTES_PER_REVIEW",
    "DEFAULT_REVISION_ROUNDS_PER_POST",
    "IN_HOUSE",
    "MINIMUM_POSTS_PER_CLASS",
    "OFFSHORED",
    "OUTSOURCED",
    "PRICING_MODELS",
    "SOURCING_CLASSES",
    "BusinessSide",
    "ClassSummary",
    "Comparison",
    "EngagementCost",
    "EngagementFigures",
    "Money",
    "PricingModel",
    "Rates",
    "VendorProposal",
    "WhatIf",
    "compare",
    "convert",
    "engagement_cost",
    "months_engaged",
    "what_if",
]
