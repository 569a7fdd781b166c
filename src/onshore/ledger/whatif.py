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


def business_arguments(slug: str, today: date | None = None) -> list[str]:
    """``onshore whatif`` options for the business side, read from the workspace.

    Country, zone and hours (its first owner or manager with hours), currency, exchange
    rates, reviewer value and review minutes, and the revision rounds measured per class
    over the default period. LookupError when there is no such workspace or no hours.
    """
    import json

    workspace = Workspace.objects.filter(slug=slug).first()
    if workspace is None:
        raise LookupError(f"no workspace with the slug {slug!r}")
    business = business_schedule(workspace)
    if business is None:
        raise LookupError(f"{slug}: no owner or manager has recorded a time zone and hours")
    report = build_report(workspace, *default_period(workspace, today))
    settings = report.settings
    hours = {
        day: [[f"{span.start:%H:%M}", f"{span.end:%H:%M}"] for span in spans]
        for day, spans in business.hours.items()
    }
    arguments = [
        "--business-country", workspace.home_country,
        "--business-zone", business.zone,
        "--business-hours", json.dumps(hours),
        "--workspace-currency", workspace.currency,
        "--reviewer-hourly-value", _plain(settings.reviewer_hourly_value),
        "--minutes-per-review", _plain(settings.minutes_per_review),
        "--minutes-per-comment", _plain(settings.minutes_per_comment),
        "--contributor-hours-per-round", _plain(settings.contributor_hours_per_round),
    ]  # fmt: skip
    for code, rate in sorted(settings.decimal_rates().items()):
        arguments += ["--rate", f"{code}={rate}"]
    for sourcing, rounds in sorted(report.measured_rounds_per_class().items()):
        arguments += ["--measured-rounds", f"{sourcing}={rounds}"]
    return arguments


def _plain(value: Decimal) -> str:
    """10.00 → "10", 0.50 → "0.5": the figures as a person would type them."""
    return format(value.normalize(), "f")
