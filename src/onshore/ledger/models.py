"""The cost ledger: what each engagement is paid, the time logged on it, and the rates.

The formulas live in the Django-free :mod:`onshore.costs`; this app stores the inputs
and measures the rest from the review workflow (:mod:`onshore.ledger.measure`).
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.timezone import now

from onshore import places
from onshore.costs import (
    DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND,
    DEFAULT_MINUTES_PER_COMMENT,
    DEFAULT_MINUTES_PER_REVIEW,
)
from onshore.workspaces.models import Membership, Workspace, validate_currency


class MoneyField(TypedDict):
    """The options every amount of money is stored with (``**MONEY``)."""

    max_digits: int
    decimal_places: int
    validators: list[MinValueValidator]


MONEY: MoneyField = {
    "max_digits": 12,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0))],
}


class Pricing(models.TextChoices):
    HOURLY = "hourly", "Hourly"
    PER_POST = "per_post", "Per post"
    MONTHLY_RETAINER = "monthly_retainer", "Monthly retainer"


# An exchange rate is a positive number up to RATE_MAX with at most RATE_DECIMAL_PLACES
# decimals (1 VND is about 0.00003 GBP). Decimal itself takes "1e400", but a cost times
# such a rate no longer fits the 28 digits the Costs page rounds to: every page failed.
RATE_MAX = Decimal(1_000_000)
RATE_DECIMAL_PLACES = 10
MAX_RATES = 200  # ISO 4217 lists fewer currencies


def read_rate(code: object, text: object) -> tuple[str, Decimal]:
    """The currency code and its rate; ValueError says which and why, in the page's words."""
    currency = places.normalise_currency(str(code))
    try:
        rate = Decimal(str(text).strip())
    except ArithmeticError:
        raise ValueError(f"{currency}: '{str(text)[:40]}' is not a number") from None
    if not rate.is_finite() or rate <= 0 or rate > RATE_MAX:
        raise ValueError(f"{currency}: the rate must be a positive number up to {RATE_MAX:,}")
    rate = rate.normalize()
    if -min(rate.as_tuple().exponent, 0) > RATE_DECIMAL_PLACES:  # type: ignore[operator]
        raise ValueError(f"{currency}: at most {RATE_DECIMAL_PLACES} decimal places")
    return currency, rate


def validate_rates(value: Any) -> None:
    """``{"USD": "0.79"}``: how many of the workspace currency one unit of each buys."""
    if not isinstance(value, dict):
        raise ValidationError('write the rates as {"USD": "0.79"}')
    if len(value) > MAX_RATES:
        raise ValidationError(f"at most {MAX_RATES} exchange rates")
    for code, rate in value.items():
        try:
            read_rate(code, rate)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class CostSettings(models.Model):
    """Per workspace: how review time is valued and the exchange rates to its currency."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="cost_settings"
    )
    reviewer_hourly_value = models.DecimalField(
        "reviewer's hourly value", default=Decimal(40), **MONEY
    )
    minutes_per_review = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_MINUTES_PER_REVIEW,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(600))],
    )
    minutes_per_comment = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_MINUTES_PER_COMMENT,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(600))],
    )
    contributor_hours_per_round = models.DecimalField(
        "contributor hours per revision round",
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_CONTRIBUTOR_HOURS_PER_ROUND,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    rates = models.JSONField(
        "exchange rates", default=dict, blank=True, validators=[validate_rates]
    )

    def __str__(self) -> str:
        return f"cost settings of {self.workspace}"

    @classmethod
    def of(cls, workspace: Workspace) -> CostSettings:
        found = cls.objects.filter(workspace=workspace).first()
        return found if found is not None else cls(workspace=workspace)

    def decimal_rates(self) -> dict[str, Decimal]:
        """The rates as numbers; one saved before rates were bounded is left out (the
        Costs page then asks for it, as for any currency without a rate)."""
        rates = {}
        for code, text in (self.rates or {}).items():
            with contextlib.suppress(ValueError):
                currency, rate = read_rate(code, text)
                rates[currency] = rate
        return rates


class Engagement(models.Model):
    """A member's (or agency's) paid arrangement with the workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="engagements")
    # Kept when the member leaves: the money was spent, the history must stay.
    member = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="engagements"
    )
    name = models.CharField(max_length=100, blank=True)
    sourcing = models.CharField(max_length=12, editable=False)
    pricing = models.CharField(max_length=20, choices=Pricing.choices)
    amount = models.DecimalField(
        help_text="the hourly rate, the price per post, or the monthly retainer", **MONEY
    )
    currency = models.CharField(max_length=3, validators=[validate_currency])
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="empty while it runs on")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.currency = (self.currency or "").strip().upper()
        if self.member is not None and self.member.workspace_id != self.workspace_id:
            errors["member"] = "choose a member of this workspace"
        if self.start and self.end and self.end < self.start:
            errors["end"] = f"the end ({self.end}) is before the start ({self.start})"
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:  # noqa: DJ012 (after clean, read in order)
        if self.member is not None:
            # Sourcing follows the member (relation, where they are) while they are here.
            self.sourcing = self.member.sourcing_class
            if not self.name:
                self.name = self.member.agency_name or self.member.user.display_name
        super().save(*args, **kwargs)


class TimeEntry(models.Model):
    """Hours worked on an engagement on a day, logged by the contributor or a manager."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(24))],
    )
    note = models.CharField(max_length=500, blank=True)
    logged_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "time entries"

    def __str__(self) -> str:
        return f"{self.hours} h on {self.date}"
