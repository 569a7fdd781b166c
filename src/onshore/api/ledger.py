"""Engagements, time entries, cost settings, the cost comparison and the what-if.

Owners and managers (``view_costs``) see and change everything here. Contributors
(``log_time``) reach only their own engagements' time entries; any other engagement
answers 404, as it would for an outsider.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from onshore import places
from onshore.api.schemas import Day, Id, StrictSchema
from onshore.ledger.forms import rates_from_text
from onshore.ledger.models import (
    MAX_RATES,
    RATE_DECIMAL_PLACES,
    RATE_MAX,
    CostSettings,
    Engagement,
    TimeEntry,
)
from onshore.ledger.report import build_report, default_period, report_json, workspace_today
from onshore.ledger.views import loggable_engagements
from onshore.ledger.whatif import WhatIfError, answer
from onshore.localtime import parse_hours_text
from onshore.workspaces.access import membership_or_404, require
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import Capability

router = Router(tags=["costs"])

PricingName = Literal["hourly", "per_post", "monthly_retainer"]
Amount = Field(ge=0, max_digits=12, decimal_places=2)


class EngagementIn(StrictSchema):
    member_id: Id
    name: str = Field("", max_length=100)
    pricing: PricingName
    amount: Decimal = Amount
    currency: str = Field(max_length=3)
    start: Day
    end: Day | None = None


class EngagementPatch(StrictSchema):
    name: str | None = Field(None, max_length=100)
    pricing: PricingName | None = None
    amount: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    currency: str | None = Field(None, max_length=3)
    start: Day | None = None
    end: Day | None = None


class EngagementOut(Schema):
    id: int
    member_id: int | None
    name: str
    sourcing: str
    pricing: str
    amount: Decimal
    currency: str
    start: date
    end: date | None


class TimeEntryIn(StrictSchema):
    date: Day
    hours: Decimal = Field(gt=0, le=24, max_digits=4, decimal_places=2)
    note: str = Field("", max_length=500)


class TimeEntryOut(Schema):
    id: int
    engagement_id: int
    date: date
    hours: Decimal
    note: str
    logged_by_id: int | None


CurrencyCode = Annotated[str, Field(max_length=3)]
RateText = Annotated[str, Field(max_length=40)]


class CostSettingsIO(StrictSchema):
    reviewer_hourly_value: Decimal = Amount
    minutes_per_review: Decimal = Field(ge=0, le=600, max_digits=6, decimal_places=2)
    minutes_per_comment: Decimal = Field(ge=0, le=600, max_digits=6, decimal_places=2)
    contributor_hours_per_round: Decimal = Field(ge=0, le=100, max_digits=6, decimal_places=2)
    rates: dict[CurrencyCode, RateText] = Field(
        default_factory=dict,
        max_length=MAX_RATES,
        description='how many of the workspace currency one unit buys: {"USD": "0.79"}; '
        f"positive, at most {RATE_MAX:,} with {RATE_DECIMAL_PLACES} decimal places",
    )


class WhatIfIn(StrictSchema):
    pricing: PricingName
    amount: Decimal = Amount
    currency: str = Field(max_length=3)
    hours_per_post: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    country: str = Field(max_length=2)
    zone: str = Field(max_length=64)
    hours: str = Field(max_length=500, description='"mon-fri 09:00-17:00" or the JSON shape')
    posts_per_month: Decimal = Field(gt=0, max_digits=8, decimal_places=1)
    revision_rounds: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    explaining_hours: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=1)
    reviewer_hourly_value: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    delay_cost_per_day: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)


class PeriodQuery(Schema):
    start: Day | None = None
    end: Day | None = None


def _engagement_out(engagement: Engagement) -> dict[str, Any]:
    return {
        "id": engagement.pk,
        "member_id": engagement.member_id,
        "name": engagement.name,
        "sourcing": engagement.sourcing,
        "pricing": engagement.pricing,
        "amount": engagement.amount,
        "currency": engagement.currency,
        "start": engagement.start,
        "end": engagement.end,
    }


def _costs_member(request: HttpRequest, slug: str) -> Membership:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.VIEW_COSTS)
    return membership


def _engagement(membership: Membership, engagement_id: int) -> Engagement:
    return get_object_or_404(Engagement, pk=engagement_id, workspace=membership.workspace)


@router.get("/{slug}/engagements", response=list[EngagementOut], summary="Engagements")
def list_engagements(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    membership = _costs_member(request, slug)
    return [_engagement_out(e) for e in Engagement.objects.filter(workspace=membership.workspace)]


@router.post("/{slug}/engagements", response={201: EngagementOut}, summary="Add an engagement")
def create_engagement(request: HttpRequest, slug: str, payload: EngagementIn) -> Status[Any]:
    membership = _costs_member(request, slug)
    data = payload.dict()
    member = Membership.objects.filter(
        pk=data.pop("member_id"), workspace=membership.workspace
    ).first()
    if member is None:
        raise ValidationError({"member_id": "no member of this workspace has that id"})
    engagement = Engagement(workspace=membership.workspace, member=member, **data)
    engagement.full_clean()
    engagement.save()
    return Status(201, _engagement_out(engagement))


@router.get("/{slug}/engagements/{engagement_id}", response=EngagementOut)
def get_engagement(request: HttpRequest, slug: str, engagement_id: Id) -> dict[str, Any]:
    return _engagement_out(_engagement(_costs_member(request, slug), engagement_id))


@router.patch("/{slug}/engagements/{engagement_id}", response=EngagementOut)
def update_engagement(
    request: HttpRequest, slug: str, engagement_id: Id, payload: EngagementPatch
) -> dict[str, Any]:
    engagement = _engagement(_costs_member(request, slug), engagement_id)
    changes = payload.dict(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None and name != "end"]
    if nulls:
        raise ValidationError({name: "must not be null; leave it out to keep it" for name in nulls})
    for name, value in changes.items():
        setattr(engagement, name, value)
    engagement.full_clean()
    engagement.save()
    return _engagement_out(engagement)


@router.delete("/{slug}/engagements/{engagement_id}", response={204: None})
def delete_engagement(request: HttpRequest, slug: str, engagement_id: Id) -> Status[None]:
    _engagement(_costs_member(request, slug), engagement_id).delete()
    return Status(204, None)


def _loggable(request: HttpRequest, slug: str, engagement_id: int) -> tuple[Membership, Any]:
    membership = membership_or_404(request.user, slug)
    require(membership, Capability.LOG_TIME)
    engagement = loggable_engagements(membership).filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404("No such engagement")
    return membership, engagement


@router.get(
    "/{slug}/engagements/{engagement_id}/time-entries",
    response=list[TimeEntryOut],
    summary="Time logged on an engagement (contributors: their own)",
)
def list_time_entries(request: HttpRequest, slug: str, engagement_id: Id) -> list[Any]:
    _, engagement = _loggable(request, slug, engagement_id)
    return list(engagement.entries.all())


@router.post(
    "/{slug}/engagements/{engagement_id}/time-entries",
    response={201: TimeEntryOut},
    summary="Log time on an engagement",
)
def create_time_entry(
    request: HttpRequest, slug: str, engagement_id: Id, payload: TimeEntryIn
) -> Status[Any]:
    membership, engagement = _loggable(request, slug, engagement_id)
    entry = TimeEntry(engagement=engagement, logged_by=membership, **payload.dict())
    entry.full_clean()
    entry.save()
    return Status(201, entry)


@router.get("/{slug}/cost-settings", response=CostSettingsIO)
def get_cost_settings(request: HttpRequest, slug: str) -> Any:
    return CostSettings.of(_costs_member(request, slug).workspace)


@router.put("/{slug}/cost-settings", response=CostSettingsIO)
def put_cost_settings(request: HttpRequest, slug: str, payload: CostSettingsIO) -> Any:
    settings = CostSettings.of(_costs_member(request, slug).workspace)
    data = payload.dict()
    text = ", ".join(f"{code} {rate}" for code, rate in data.pop("rates").items())
    try:
        settings.rates = rates_from_text(text)
    except ValidationError as exc:
        raise ValidationError({"rates": exc.messages}) from None
    for name, value in data.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


@router.get("/{slug}/costs", summary="Cost comparison for a period (default: the last 90 days)")
def get_costs(request: HttpRequest, slug: str, period: Query[PeriodQuery]) -> dict[str, Any]:
    membership = _costs_member(request, slug)
    start, end = default_period(membership.workspace)
    start, end = period.start or start, period.end or end
    if end < start:
        raise ValidationError({"end": f"{end} is before the start {start}"})
    return report_json(build_report(membership.workspace, start, end))


# The what-if fields given as text, and what turns each into its value (ValueError: why not).
WHAT_IF_READERS: dict[str, Callable[[str], Any]] = {
    "currency": places.normalise_currency,
    "country": places.normalise_country,
    "zone": places.normalise_zone,
    "hours": parse_hours_text,
}


@router.post("/{slug}/costs/what-if", summary="Cost a prospective vendor beside your engagements")
def post_what_if(request: HttpRequest, slug: str, payload: WhatIfIn) -> dict[str, Any]:
    membership = _costs_member(request, slug)
    data = payload.dict()
    for name, read in WHAT_IF_READERS.items():
        try:
            data[name] = read(data[name])
        except ValueError as exc:
            raise ValidationError({name: str(exc)}) from None
    if data["pricing"] == "hourly" and data["hours_per_post"] is None:
        raise ValidationError({"hours_per_post": "an hourly vendor needs the hours a post takes"})
    try:
        outcome = answer(membership.workspace, data, workspace_today(membership.workspace))
    except WhatIfError as exc:
        field, _, message = str(exc).partition(": ")
        raise ValidationError({field if message else "__all__": message or str(exc)}) from None
    result = outcome.result.to_json()
    result["against"] = outcome.against
    return result
