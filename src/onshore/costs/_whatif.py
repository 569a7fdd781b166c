"""What a prospective vendor would cost per month and per post, counted in full.

For a month with P expected posts and R revision rounds per post (P × R rounds):

* **fees** — hourly: P × hours per post × rate; per post: P × price; retainer: the amount;
* **rework** — contributor: P × R × hours per round × rate for hourly vendors (they bill
  the rounds), nothing for per-post and retainer vendors (the price covers redoing a
  post); reviewer: P × R × minutes per review ÷ 60 × reviewer hourly value;
* **review effort** — (P × minutes per review + P × comments per post × minutes per
  comment) ÷ 60 × reviewer hourly value: one first review per post plus its comments;
* **explaining** — explaining hours per month × reviewer hourly value;
* **delay** — each round waits for the other side to be at work. With O hours of
  working-hours overlap in the week and B hours of the business's own working time,
  a round adds (1 − O ÷ B) working days: a full day when the two never overlap, nothing
  when the vendor works all of the business's hours. Delay is priced only when a cost
  per day of delay is given (P × R × days per round × cost per day); otherwise it is
  shown in days and left out of the money.

**monthly total** = fees + rework + review effort + explaining (+ priced delay), and
**cost per post** = monthly total ÷ P. Money is converted to the workspace currency with
the given rates; each term is rounded to the currency's minor unit before adding up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import format_percent

from onshore import places
from onshore.costs._model import (
    DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND,
    DEFAULT_MINUTES_PER_COMMENT,
    DEFAULT_MINUTES_PER_REVIEW,
    OFFSHORED,
    OUTSOURCED,
    PRICING_MODELS,
    Comparison,
    PricingModel,
)
from onshore.costs._money import Money, Rates, convert, total
from onshore.localtime import Schedule, WeeklyHours, weekly_overlap

# Used when the workspace has measured no revision rounds for the vendor's class: one
# round per post is a neutral middle, neither the clean first draft nor the worst case.
DEFAULT_REVISION_ROUNDS_PER_POST = Decimal(1)
DEFAULT_COMMENTS_PER_POST = Decimal(2)

_SIXTY = Decimal(60)
_HOUR = Decimal(3600)


@dataclass(frozen=True)
class VendorProposal:
    """What a prospective vendor offers, and what the business expects of them."""

    pricing: PricingModel
    amount: Decimal  # hourly rate, price per post, or monthly retainer
    currency: str
    country: str
    zone: str
    working_hours: WeeklyHours
    posts_per_month: Decimal
    reviewer_hourly_value: Decimal
    reviewer_currency: str
    revision_rounds_per_post: Decimal | None = None  # None: measured, else the default
    explaining_hours_per_month: Decimal = Decimal(0)
    hours_per_post: Decimal | None = None  # needed for hourly pricing
    comments_per_post: Decimal = DEFAULT_COMMENTS_PER_POST
    minutes_per_review: Decimal = DEFAULT_MINUTES_PER_REVIEW
    minutes_per_comment: Decimal = DEFAULT_MINUTES_PER_COMMENT
    contributor_hours_per_round: Decimal = DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND
    delay_cost_per_day: Decimal | None = None  # in the workspace currency


@dataclass(frozen=True)
class BusinessSide:
    """The business weighing the vendor: where it works and its own measured figures."""

    country: str
    zone: str
    working_hours: WeeklyHours
    currency: str
    rates: Rates = field(default_factory=dict)
    measured_rounds_per_post: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class WhatIf:
    """A month with the vendor, every term in the workspace currency."""

    sourcing: str
    posts_per_month: Decimal
    revision_rounds_per_post: Decimal
    fees: Money
    review_effort: Money
    rework_contributor: Money
    rework_reviewer: Money
    explaining: Money
    delay: Money | None
    overlap_hours_per_week: Decimal
    business_hours_per_week: Decimal
    delay_days_per_round: Decimal
    week_of: date
    assumptions: tuple[str, ...]

    @property
    def rework(self) -> Money:
        return self.rework_contributor + self.rework_reviewer

    @property
    def monthly_total(self) -> Money:
        terms = [self.fees, self.rework, self.review_effort, self.explaining]
        if self.delay is not None:
            terms.append(self.delay)
        return total(terms, self.fees.currency)

    @property
    def cost_per_post(self) -> Money:
        return self.monthly_total.times(Decimal(1) / self.posts_per_month).rounded()

    @property
    def delay_days_per_post(self) -> Decimal:
        return _two_places(self.delay_days_per_round * self.revision_rounds_per_post)

    def against(self, current: Comparison, locale: str = "en_GB") -> str:
        """One sentence setting the vendor beside the workspace's current classes."""
        if current.currency != self.fees.currency:
            raise ValueError(f"the comparison is in {current.currency}, not {self.fees.currency}")
        ours = self.cost_per_post
        parts = []
        for summary in current.classes:
            theirs = summary.cost_per_post
            if not summary.enough_data or theirs is None:
                continue
            gap = ours.amount - theirs.amount
            word = "more" if gap > 0 else "less"
            share = _two_places(abs(gap) / theirs.amount) if theirs.amount else Decimal(0)
            parts.append(
                f"{Money(abs(gap), ours.currency).format(locale)} "
                f"({format_percent(share, locale=locale.replace('-', '_'))}) {word} than your "
                f"{summary.sourcing} engagements ({theirs.format(locale)})"
                if gap
                else f"the same as your {summary.sourcing} engagements"
            )
        if not parts:
            return "None of your current engagements has enough published posts to compare."
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"At {ours.format(locale)} per post in full, this vendor would cost {listed}."

    def to_json(self) -> dict[str, Any]:
        return {
            "sourcing": self.sourcing,
            "posts_per_month": str(self.posts_per_month),
            "revision_rounds_per_post": str(self.revision_rounds_per_post),
            "fees": self.fees.to_json(),
            "rework": self.rework.to_json(),
            "rework_contributor": self.rework_contributor.to_json(),
            "rework_reviewer": self.rework_reviewer.to_json(),
            "review_effort": self.review_effort.to_json(),
            "explaining": self.explaining.to_json(),
            "delay": self.delay.to_json() if self.delay else None,
            "monthly_total": self.monthly_total.to_json(),
            "cost_per_post": self.cost_per_post.to_json(),
            "overlap_hours_per_week": str(self.overlap_hours_per_week),
            "business_hours_per_week": str(self.business_hours_per_week),
            "delay_days_per_round": str(self.delay_days_per_round),
            "delay_days_per_post": str(self.delay_days_per_post),
            "week_of": self.week_of.isoformat(),
            "assumptions": list(self.assumptions),
        }


def what_if(
    proposal: VendorProposal, business: BusinessSide, *, week_of: date, locale: str = "en_GB"
) -> WhatIf:
    """Cost a month with ``proposal``; overlap is measured in the week from ``week_of``.

    ``locale`` formats the money in the assumption sentences.

    Raises ValueError naming the input that is wrong (e.g. ``posts_per_month``).
    """
    _validate(proposal, business)
    sourcing = _sourcing(proposal.country, business.country)
    rounds_per_post, rounds_said = _rounds(proposal, business, sourcing)
    posts, currency = proposal.posts_per_month, business.currency
    rate = convert(Money(Decimal(1), proposal.currency), currency, business.rates).amount
    reviewer = convert(
        Money(proposal.reviewer_hourly_value, proposal.reviewer_currency), currency, business.rates
    )
    rounds = posts * rounds_per_post
    contributor_rework_hours = rounds * proposal.contributor_hours_per_round
    review_minutes = posts * proposal.minutes_per_review
    review_minutes += posts * proposal.comments_per_post * proposal.minutes_per_comment
    overlap, business_time = _week_overlap(proposal, business, week_of)
    if not business_time:
        raise ValueError("business working hours: the business works no hours in that week")
    overlap_hours, business_hours = _hours(overlap), _hours(business_time)
    delay_per_round = _two_places(1 - min(overlap_hours / business_hours, Decimal(1)))
    delay = None
    if proposal.delay_cost_per_day is not None:
        delay = Money(rounds * delay_per_round * proposal.delay_cost_per_day, currency).rounded()
    hourly = proposal.pricing == "hourly"
    return WhatIf(
        sourcing=sourcing,
        posts_per_month=posts,
        revision_rounds_per_post=rounds_per_post,
        fees=Money(_fees(proposal) * rate, currency).rounded(),
        review_effort=reviewer.times(review_minutes / _SIXTY).rounded(),
        rework_contributor=Money(
            contributor_rework_hours * proposal.amount * rate if hourly else Decimal(0), currency
        ).rounded(),
        rework_reviewer=reviewer.times(rounds * proposal.minutes_per_review / _SIXTY).rounded(),
        explaining=reviewer.times(proposal.explaining_hours_per_month).rounded(),
        delay=delay,
        overlap_hours_per_week=overlap_hours,
        business_hours_per_week=business_hours,
        delay_days_per_round=delay_per_round,
        week_of=week_of,
        assumptions=_assumptions(
            proposal,
            business,
            sourcing,
            (rounds_per_post, rounds_said),
            overlap_hours,
            business_hours,
            delay_per_round,
            week_of,
            reviewer,
            locale,
        ),
    )


def _validate(proposal: VendorProposal, business: BusinessSide) -> None:
    if proposal.pricing not in PRICING_MODELS:
        raise ValueError(f"pricing: {proposal.pricing!r} is not one of {', '.join(PRICING_MODELS)}")
    if proposal.posts_per_month <= 0:
        raise ValueError("posts_per_month: expect at least some posts a month (more than 0)")
    if proposal.pricing == "hourly" and proposal.hours_per_post is None:
        raise ValueError("hours_per_post: an hourly vendor needs the hours a post takes")
    for name in (
        "amount",
        "reviewer_hourly_value",
        "explaining_hours_per_month",
        "comments_per_post",
        "minutes_per_review",
        "minutes_per_comment",
        "contributor_hours_per_round",
    ):
        if getattr(proposal, name) < 0:
            raise ValueError(f"{name} must not be negative")
    for name in ("revision_rounds_per_post", "hours_per_post", "delay_cost_per_day"):
        value = getattr(proposal, name)
        if value is not None and value < 0:
            raise ValueError(f"{name} must not be negative")
    places.normalise_country(business.country)
    places.normalise_zone(business.zone)
    places.normalise_zone(proposal.zone)


def _sourcing(vendor_country: str, business_country: str) -> str:
    # A prospective vendor is an outside party by definition: never in-house.
    same = places.normalise_country(vendor_country) == business_country.upper()
    return OUTSOURCED if same else OFFSHORED


def _rounds(proposal: VendorProposal, business: BusinessSide, sourcing: str) -> tuple[Decimal, str]:
    if proposal.revision_rounds_per_post is not None:
        return proposal.revision_rounds_per_post, "as given"
    measured = business.measured_rounds_per_post.get(sourcing)
    if measured is not None:
        return measured, f"as measured for this workspace's {sourcing} engagements"
    return DEFAULT_REVISION_ROUNDS_PER_POST, (
        f"the default, because this workspace has no measured figure for {sourcing} engagements yet"
    )


def _week_overlap(
    proposal: VendorProposal, business: BusinessSide, week_of: date
) -> tuple[timedelta, timedelta]:
    """(shared working time, the business's own) in the week from ``week_of`` on its clock."""
    ours = Schedule(business.zone, business.working_hours)
    theirs = Schedule(proposal.zone, proposal.working_hours)
    # A schedule overlaps itself exactly where it works: its own working time that week.
    own = weekly_overlap(ours, ours, week_of, weeks=1)[0].hours
    return weekly_overlap(ours, theirs, week_of, weeks=1)[0].hours, own


def _fees(proposal: VendorProposal) -> Decimal:
    if proposal.pricing == "hourly":
        assert proposal.hours_per_post is not None  # checked by _validate
        return proposal.posts_per_month * proposal.hours_per_post * proposal.amount
    if proposal.pricing == "per_post":
        return proposal.posts_per_month * proposal.amount
    return proposal.amount


def _hours(span: timedelta) -> Decimal:
    return Decimal(int(span.total_seconds())) / _HOUR


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _assumptions(
    proposal: VendorProposal,
    business: BusinessSide,
    sourcing: str,
    rounds: tuple[Decimal, str],
    overlap_hours: Decimal,
    business_hours: Decimal,
    delay_per_round: Decimal,
    week_of: date,
    reviewer: Money,
    locale: str,
) -> tuple[str, ...]:
    rounds_per_post, rounds_said = rounds
    amount = Money(proposal.amount, proposal.currency).format(locale)
    where = places.country_name(proposal.country)
    home = places.country_name(business.country)
    fee = {
        "hourly": f"Fees: {proposal.hours_per_post} h per post at {amount} an hour.",
        "per_post": f"Fees: {amount} per post; redoing a post is covered by the price.",
        "monthly_retainer": f"Fees: a retainer of {amount} a month; redoing a post is "
        "covered by it.",
    }[proposal.pricing]
    sentences = [
        f"The vendor is {sourcing}: based in {where}, the business in {home}.",
        fee,
        f"{proposal.posts_per_month} posts a month with {rounds_per_post} revision rounds "
        f"per post, {rounds_said}.",
        f"Each post gets a first review of {proposal.minutes_per_review} minutes and "
        f"{proposal.comments_per_post} comments of {proposal.minutes_per_comment} minutes each; "
        "each revision round adds one more review.",
        f"The reviewer's time is valued at {reviewer.format(locale)} an hour.",
        f"Explaining the work takes {proposal.explaining_hours_per_month} h of the reviewer's "
        "time a month.",
        f"In the week from {week_of:%-d %B %Y} the vendor's working hours overlap the "
        f"business's for {_two_places(overlap_hours)} h of its {_two_places(business_hours)} h, "
        f"so each revision round adds {delay_per_round} working days of waiting (a full day "
        "with no overlap, none when the vendor works all of the business's hours).",
    ]
    if proposal.pricing == "hourly":
        sentences.append(
            f"Each revision round takes the vendor {proposal.contributor_hours_per_round} h, "
            "billed at the hourly rate."
        )
    if proposal.delay_cost_per_day is None:
        sentences.append("Delay is shown in days and not priced: no cost per day was given.")
    else:
        per_day = Money(proposal.delay_cost_per_day, business.currency).format(locale)
        sentences.append(f"A day of delay is priced at {per_day}.")
    for code in sorted({proposal.currency, proposal.reviewer_currency} - {business.currency}):
        rate = business.rates.get(code)
        sentences.append(f"Exchange rate: 1 {code} = {rate} {business.currency}.")
    return tuple(sentences)
