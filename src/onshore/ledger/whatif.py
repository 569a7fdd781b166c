"""The what-if for a prospective vendor, with this workspace's own figures filled in.

The business side is the workspace: its country, currency and exchange rates, the working
week of its first owner (or manager) with hours, and the revision rounds per post it
measured for each sourcing class over the default period. The calculation is
:func:`onshore.costs.what_if`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from onshore.costs import BusinessSide, VendorProposal, WhatIf, what_if
from onshore.ledger.report import CostReport, build_report, business_schedule, default_period
from onshore.workspaces.models import Workspace


class WhatIfError(ValueError):
    """The inputs cannot be costed; the message names the field."""


@dataclass(frozen=True)
class WhatIfAnswer:
    result: WhatIf
    against: str  # one sentence beside the current engagements
    report: CostReport


def answer(workspace: Workspace, data: dict[str, Any], today: date) -> WhatIfAnswer:
    """Cost the vendor in ``data`` (cleaned form or API fields) for ``workspace``."""
    business = business_schedule(workspace)
    if business is None:
        raise WhatIfError(
            "hours: record an owner's time zone and working hours on the Team page first; "
            "the overlap is measured against them"
        )
    report = build_report(workspace, *default_period(workspace, today))
    settings = report.settings
    side = BusinessSide(
        country=workspace.home_country,
        zone=business.zone,
        working_hours=business.hours,
        currency=workspace.currency,
        rates=settings.decimal_rates(),
        measured_rounds_per_post=report.measured_rounds_per_class(),
    )
    reviewer = data.get("reviewer_hourly_value")
    proposal = VendorProposal(
        pricing=data["pricing"],
        amount=Decimal(data["amount"]),
        currency=data["currency"],
        country=data["country"],
        zone=data["zone"],
        working_hours=data["hours"],
        posts_per_month=Decimal(data["posts_per_month"]),
        reviewer_hourly_value=(
            settings.reviewer_hourly_value if reviewer is None else Decimal(reviewer)
        ),
        reviewer_currency=workspace.currency,
        revision_rounds_per_post=_maybe(data.get("revision_rounds")),
        explaining_hours_per_month=Decimal(data.get("explaining_hours") or 0),
        hours_per_post=_maybe(data.get("hours_per_post")),
        minutes_per_review=settings.minutes_per_review,
        minutes_per_comment=settings.minutes_per_comment,
        contributor_hours_per_round=settings.contributor_hours_per_round,
        delay_cost_per_day=_maybe(data.get("delay_cost_per_day")),
    )
    monday = today - timedelta(days=today.weekday())
    try:
        result = what_if(proposal, side, week_of=monday, locale=report.locale)
    except ValueError as exc:
        raise WhatIfError(_in_words(exc, workspace)) from None
    return WhatIfAnswer(result, result.against(report.comparison, report.locale), report)


def _maybe(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _in_words(exc: ValueError, workspace: Workspace) -> str:
    text = str(exc)
    if text.startswith("no exchange rate"):
        return f"currency: {text} in the workspace's cost settings"
    return text
