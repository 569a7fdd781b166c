"""The cost of one engagement over a period, and the three sourcing classes side by side.

Every term is kept so a business owner can follow the sum. In the workspace currency:

* **invoiced** — what the contributor charges for the period:
  hourly = hours logged × rate; per post = posts published × price; monthly retainer =
  amount × Σ over each calendar month of (days engaged in the period ÷ days in the month).
* **rework** = contributor rework + reviewer rework, where
  total rounds = revision rounds per post × posts published,
  contributor rework = min(total rounds × contributor hours per round, hours logged) × rate
  for hourly engagements (the rounds were billed as hours), and nothing for per-post and
  retainer engagements (their price already covers redoing a post; the cost to the
  business is the wait, not the money), and
  reviewer rework = total rounds × minutes per review ÷ 60 × reviewer hourly value
  (every round sends the post back to a reviewer for one more review).
* **fees** = invoiced − contributor rework, so that money already invoiced for rework is
  shown once, under rework, and never counted twice.
* **review effort** = (first reviews × minutes per review + comments × minutes per comment)
  ÷ 60 × reviewer hourly value, where first reviews = max(reviews − total rounds, 0):
  the reviews that are not re-reviews already counted under rework, and
  comments = comments per post × posts published.
* **total** = fees + review effort + rework, and
* **effective cost per published post** = total ÷ posts published (none when no post was
  published — there is nothing to divide by, and the reason is given).

Each term is converted with the given rates and rounded to the currency's minor unit;
the total is the sum of the rounded terms, so the terms shown always add up.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from babel.numbers import format_percent

from onshore.costs._money import Money, Rates, convert, total

PricingModel = Literal["hourly", "per_post", "monthly_retainer"]
PRICING_MODELS: tuple[PricingModel, ...] = ("hourly", "per_post", "monthly_retainer")

IN_HOUSE = "in-house"
OUTSOURCED = "outsourced"
OFFSHORED = "offshored"
SOURCING_CLASSES: tuple[str, ...] = (IN_HOUSE, OUTSOURCED, OFFSHORED)

# A class needs this many published posts in the period before its cost per post is
# compared: with fewer, one bad week decides the answer.
MINIMUM_POSTS_PER_CLASS = 5

DEFAULT_MINUTES_PER_REVIEW = Decimal(10)
DEFAULT_MINUTES_PER_COMMENT = Decimal(3)
DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND = Decimal("0.5")

_SIXTY = Decimal(60)


@dataclass(frozen=True)
class EngagementFigures:
    """One engagement's terms and what the workflow measured for it in the period."""

    name: str
    sourcing: str  # in-house | outsourced | offshored
    pricing: PricingModel
    amount: Decimal  # the hourly rate, the price per post, or the monthly retainer
    currency: str
    start: date
    end: date | None  # None while the engagement runs on
    reviewer_hourly_value: Decimal
    reviewer_currency: str
    hours_logged: Decimal = Decimal(0)
    posts_published: int = 0
    revision_rounds_per_post: Decimal = Decimal(0)
    comments_per_post: Decimal = Decimal(0)
    reviews: int = 0
    minutes_per_review: Decimal = DEFAULT_MINUTES_PER_REVIEW
    minutes_per_comment: Decimal = DEFAULT_MINUTES_PER_COMMENT
    contributor_hours_per_round: Decimal = DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND
    # Shown beside the money; measured, not priced.
    market_fit_change_share: Decimal | None = None
    median_turnaround_hours: Decimal | None = None
    median_reviewer_response_hours: Decimal | None = None
    median_contributor_response_hours: Decimal | None = None

    def __post_init__(self) -> None:
        if self.sourcing not in SOURCING_CLASSES:
            raise ValueError(f"sourcing: {self.sourcing!r} is not one of {SOURCING_CLASSES}")
        if self.pricing not in PRICING_MODELS:
            raise ValueError(f"pricing: {self.pricing!r} is not one of {PRICING_MODELS}")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end: {self.end} is before the start {self.start}")
        for name in (
            "amount",
            "reviewer_hourly_value",
            "hours_logged",
            "posts_published",
            "revision_rounds_per_post",
            "comments_per_post",
            "reviews",
            "minutes_per_review",
            "minutes_per_comment",
            "contributor_hours_per_round",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class EngagementCost:
    """Every term of one engagement's cost for a period, in the workspace currency."""

    figures: EngagementFigures
    period_start: date
    period_end: date
    invoiced_original: Money  # in the engagement's own currency, unrounded
    invoiced: Money
    fees: Money
    review_effort: Money
    rework_contributor: Money
    rework_reviewer: Money
    total_rounds: Decimal
    rework_hours: Decimal
    reviewer_hours: Decimal  # review effort and re-reviews together
    notes: tuple[str, ...] = field(default=())

    @property
    def currency(self) -> str:
        return self.fees.currency

    @property
    def rework(self) -> Money:
        return self.rework_contributor + self.rework_reviewer

    @property
    def total(self) -> Money:
        return self.fees + self.review_effort + self.rework

    @property
    def cost_per_post(self) -> Money | None:
        if self.figures.posts_published == 0:
            return None
        return self.total.times(Decimal(1) / self.figures.posts_published).rounded()

    @property
    def no_cost_per_post_reason(self) -> str:
        if self.figures.posts_published:
            return ""
        return (
            f"{self.figures.name} published no posts between {self.period_start} and "
            f"{self.period_end}, so there is no cost per post to show."
        )

    def to_json(self) -> dict[str, Any]:
        per_post = self.cost_per_post
        figures = self.figures
        return {
            "name": figures.name,
            "sourcing": figures.sourcing,
            "pricing": figures.pricing,
            "period": [self.period_start.isoformat(), self.period_end.isoformat()],
            "posts_published": figures.posts_published,
            "invoiced_original": self.invoiced_original.to_json(),
            "invoiced": self.invoiced.to_json(),
            "fees": self.fees.to_json(),
            "review_effort": self.review_effort.to_json(),
            "rework": self.rework.to_json(),
            "rework_contributor": self.rework_contributor.to_json(),
            "rework_reviewer": self.rework_reviewer.to_json(),
            "total": self.total.to_json(),
            "cost_per_post": per_post.to_json() if per_post else None,
            "no_cost_per_post_reason": self.no_cost_per_post_reason or None,
            "total_revision_rounds": str(self.total_rounds),
            "rework_hours": str(self.rework_hours),
            "reviewer_hours": str(self.reviewer_hours),
            "notes": list(self.notes),
        }


def engagement_cost(
    figures: EngagementFigures,
    *,
    period_start: date,
    period_end: date,
    currency: str,
    rates: Rates,
) -> EngagementCost:
    """The cost of ``figures`` for the inclusive period, in ``currency`` by ``rates``.

    Raises ValueError when the period is backwards or a currency has no rate.
    """
    if period_end < period_start:
        raise ValueError(f"period: the end {period_end} is before the start {period_start}")
    invoiced_original = _invoiced(figures, period_start, period_end)
    rate = convert(Money(Decimal(1), figures.currency), currency, rates).amount
    reviewer_rate = convert(
        Money(figures.reviewer_hourly_value, figures.reviewer_currency), currency, rates
    )
    rounds = figures.revision_rounds_per_post * figures.posts_published
    rework_hours, notes = _contributor_rework_hours(figures, rounds)
    first_reviews = max(Decimal(figures.reviews) - rounds, Decimal(0))
    comments = figures.comments_per_post * figures.posts_published
    review_minutes = first_reviews * figures.minutes_per_review
    review_minutes += comments * figures.minutes_per_comment
    rework_minutes = rounds * figures.minutes_per_review
    invoiced = Money(invoiced_original.amount * rate, currency).rounded()
    rework_contributor = Money(rework_hours * figures.amount * rate, currency).rounded()
    return EngagementCost(
        figures=figures,
        period_start=period_start,
        period_end=period_end,
        invoiced_original=invoiced_original,
        invoiced=invoiced,
        fees=invoiced - rework_contributor,
        review_effort=reviewer_rate.times(review_minutes / _SIXTY).rounded(),
        rework_contributor=rework_contributor,
        rework_reviewer=reviewer_rate.times(rework_minutes / _SIXTY).rounded(),
        total_rounds=rounds,
        rework_hours=rework_hours,
        reviewer_hours=(review_minutes + rework_minutes) / _SIXTY,
        notes=notes,
    )


def _invoiced(figures: EngagementFigures, period_start: date, period_end: date) -> Money:
    if figures.pricing == "hourly":
        return Money(figures.hours_logged * figures.amount, figures.currency)
    if figures.pricing == "per_post":
        return Money(figures.amount * figures.posts_published, figures.currency)
    first = max(period_start, figures.start)
    last = period_end if figures.end is None else min(period_end, figures.end)
    return Money(figures.amount * months_engaged(first, last), figures.currency)


def months_engaged(first: date, last: date) -> Decimal:
    """Σ over calendar months of (days from ``first`` to ``last`` inclusive ÷ days in month).

    1–31 January is 1; 15 January–14 February is 17/31 + 14/28. Zero when ``last`` is
    before ``first`` (the engagement did not run in the period).
    """
    months = Decimal(0)
    day = first
    while day <= last:
        month_days = calendar.monthrange(day.year, day.month)[1]
        month_last = date(day.year, day.month, month_days)
        stop = min(last, month_last)
        months += Decimal((stop - day).days + 1) / month_days
        day = stop + timedelta(days=1)
    return months


def _contributor_rework_hours(
    figures: EngagementFigures, rounds: Decimal
) -> tuple[Decimal, tuple[str, ...]]:
    if figures.pricing != "hourly":
        return Decimal(0), (
            "The contributor's own rework is covered by the price per post or the retainer; "
            "it costs the business waiting time rather than fees.",
        )
    estimate = rounds * figures.contributor_hours_per_round
    if estimate > figures.hours_logged:
        return figures.hours_logged, (
            f"The rework estimate ({estimate} h) is more than the hours logged "
            f"({figures.hours_logged} h); all logged hours are counted as rework.",
        )
    return estimate, ()


@dataclass(frozen=True)
class ClassSummary:
    """One sourcing class's engagements added up for the period."""

    sourcing: str
    engagements: int
    posts_published: int
    invoiced: Money
    fees: Money
    review_effort: Money
    rework: Money
    total: Money
    minimum_posts: int

    @property
    def enough_data(self) -> bool:
        return self.posts_published >= self.minimum_posts

    @property
    def cost_per_post(self) -> Money | None:
        return _per_post(self.total, self.posts_published)

    @property
    def invoiced_per_post(self) -> Money | None:
        return _per_post(self.invoiced, self.posts_published)

    def missing_data(self) -> str:
        """Why this class cannot be compared yet; empty when it can."""
        if self.enough_data:
            return ""
        if self.engagements == 0:
            return f"{self.sourcing} has no engagements in this period"
        posts = (
            "no published posts"
            if not self.posts_published
            else (
                f"only {self.posts_published} published post"
                + ("s" if self.posts_published != 1 else "")
            )
        )
        return f"{self.sourcing} has {posts} (at least {self.minimum_posts} are needed)"

    def to_json(self) -> dict[str, Any]:
        per_post, invoiced_per_post = self.cost_per_post, self.invoiced_per_post
        return {
            "sourcing": self.sourcing,
            "engagements": self.engagements,
            "posts_published": self.posts_published,
            "invoiced": self.invoiced.to_json(),
            "fees": self.fees.to_json(),
            "review_effort": self.review_effort.to_json(),
            "rework": self.rework.to_json(),
            "total": self.total.to_json(),
            "cost_per_post": per_post.to_json() if per_post else None,
            "invoiced_per_post": invoiced_per_post.to_json() if invoiced_per_post else None,
            "enough_data": self.enough_data,
            "missing_data": self.missing_data() or None,
        }


def _per_post(money: Money, posts: int) -> Money | None:
    return money.times(Decimal(1) / posts).rounded() if posts else None


@dataclass(frozen=True)
class Comparison:
    """In-house, outsourced and offshored side by side, always in that order."""

    currency: str
    classes: tuple[ClassSummary, ...]
    minimum_posts: int

    def by_class(self, sourcing: str) -> ClassSummary:
        return next(summary for summary in self.classes if summary.sourcing == sourcing)

    def conclusion(self, locale: str = "en_GB") -> str:
        """Which class is cheaper in full and by how much, or why the data cannot say."""
        ready = [summary for summary in self.classes if summary.enough_data]
        lacking = [summary.missing_data() for summary in self.classes if not summary.enough_data]
        if len(ready) < 2:
            sentence = f"Not enough data to say which is cheaper: {_join(lacking)}."
            if ready:
                only = ready[0]
                sentence += (
                    f" Only {only.sourcing} can be costed: "
                    f"{_money(only.cost_per_post, locale)} per published post in full."
                )
            return sentence
        ranked = sorted(ready, key=_cost_key)
        sentences = [_cheapest_sentence(ranked, locale)]
        fee_cheapest = min(ready, key=_invoiced_key)
        if _invoiced_key(fee_cheapest) < _invoiced_key(ranked[0]):
            sentences.append(
                f"{fee_cheapest.sourcing.capitalize()} looks cheaper on fees alone "
                f"({_money(fee_cheapest.invoiced_per_post, locale)} against "
                f"{_money(ranked[0].invoiced_per_post, locale)} per post), but its review "
                "effort and rework more than make up the difference."
            )
        if lacking:
            sentences.append(f"Left out for lack of data: {_join(lacking)}.")
        return " ".join(sentences)

    def to_json(self, locale: str = "en_GB") -> dict[str, Any]:
        return {
            "currency": self.currency,
            "minimum_posts": self.minimum_posts,
            "classes": [summary.to_json() for summary in self.classes],
            "conclusion": self.conclusion(locale),
        }


def compare(
    costs: Iterable[EngagementCost],
    *,
    currency: str,
    minimum_posts: int = MINIMUM_POSTS_PER_CLASS,
) -> Comparison:
    """Add up engagement costs per sourcing class; all must be in ``currency``."""
    grouped: dict[str, list[EngagementCost]] = {sourcing: [] for sourcing in SOURCING_CLASSES}
    for cost in costs:
        if cost.currency != currency:
            raise ValueError(
                f"{cost.figures.name} is costed in {cost.currency}, not {currency}; "
                "cost every engagement in the workspace currency"
            )
        grouped[cost.figures.sourcing].append(cost)
    summaries = tuple(
        ClassSummary(
            sourcing=sourcing,
            engagements=len(members),
            posts_published=sum(cost.figures.posts_published for cost in members),
            invoiced=total((cost.invoiced for cost in members), currency),
            fees=total((cost.fees for cost in members), currency),
            review_effort=total((cost.review_effort for cost in members), currency),
            rework=total((cost.rework for cost in members), currency),
            total=total((cost.total for cost in members), currency),
            minimum_posts=minimum_posts,
        )
        for sourcing, members in grouped.items()
    )
    return Comparison(currency=currency, classes=summaries, minimum_posts=minimum_posts)


def _cost_key(summary: ClassSummary) -> Decimal:
    per_post = summary.cost_per_post
    assert per_post is not None  # only classes with enough posts are ranked
    return per_post.amount


def _invoiced_key(summary: ClassSummary) -> Decimal:
    per_post = summary.invoiced_per_post
    assert per_post is not None
    return per_post.amount


def _cheapest_sentence(ranked: list[ClassSummary], locale: str) -> str:
    cheapest = ranked[0]
    cheapest_cost = _cost_key(cheapest)
    gaps = []
    for other in ranked[1:]:
        other_cost = _cost_key(other)
        if other_cost == cheapest_cost:
            gaps.append(f"the same as {other.sourcing}")
            continue
        difference = Money(other_cost - cheapest_cost, cheapest.total.currency)
        share = ((other_cost - cheapest_cost) / other_cost).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        gaps.append(
            f"{difference.format(locale)} ({format_percent(share, locale=_babel(locale))}) "
            f"less than {other.sourcing} ({_money(other.cost_per_post, locale)})"
        )
    return (
        f"Counted in full, {cheapest.sourcing} is the cheapest: "
        f"{_money(cheapest.cost_per_post, locale)} per published post, {_join(gaps)}."
    )


def _money(money: Money | None, locale: str) -> str:
    return "—" if money is None else money.format(locale)


def _babel(locale: str) -> str:
    return locale.replace("-", "_")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
