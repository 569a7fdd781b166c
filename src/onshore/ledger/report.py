"""A workspace's cost comparison for a period: every engagement, every class, a verdict.

Used by the Cost page, its printable report, the CSV export and the API, so all four say
the same thing. Money is in the workspace currency, formatted for the workspace's locale.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils import timezone

from onshore import places
from onshore.costs import Comparison, EngagementCost, Money, compare, engagement_cost
from onshore.ledger.measure import Measured, figures_for, hours, measure
from onshore.ledger.models import CostSettings, Engagement
from onshore.localtime import Schedule, format_wait
from onshore.workspaces.hours import schedule_of, typical_reply_wait
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.roles import Role

DEFAULT_PERIOD_DAYS = 90


def workspace_locale(workspace: Workspace) -> str:
    """English as written in the home country when CLDR has it (en_GB, en_IN), else en."""
    candidate = f"en_{workspace.home_country}"
    try:
        Locale.parse(candidate)
    except (UnknownLocaleError, ValueError):
        return "en"
    return candidate


def workspace_today(workspace: Workspace) -> date:
    """Today's date on the workspace's clock (the edge where the clock is read)."""
    return timezone.now().astimezone(places.zoneinfo(workspace.home_timezone)).date()


def default_period(workspace: Workspace, today: date | None = None) -> tuple[date, date]:
    """The 90 days up to today on the workspace's clock."""
    if today is None:
        today = workspace_today(workspace)
    return today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), today


@dataclass
class EngagementRow:
    engagement: Engagement
    measured: Measured
    cost: EngagementCost | None
    problem: str = ""  # why it could not be costed (a missing exchange rate)
    reply_from_hours: timedelta | None = None


@dataclass
class CostReport:
    workspace: Workspace
    start: date
    end: date
    currency: str
    locale: str
    settings: CostSettings
    rows: list[EngagementRow]
    comparison: Comparison
    problems: list[str] = field(default_factory=list)

    @property
    def conclusion(self) -> str:
        sentence = self.comparison.conclusion(self.locale)
        if self.problems:
            sentence += " Left out: " + "; ".join(self.problems) + "."
        return sentence

    def money(self, value: Any) -> str:
        return "—" if value is None else value.format(self.locale)

    def measured_rounds_per_class(self) -> dict[str, Decimal]:
        """Revision rounds per post for each class with enough posts (for the what-if)."""
        rounds: dict[str, list[int]] = {}
        for row in self.rows:
            entry = rounds.setdefault(row.engagement.sourcing, [0, 0])
            entry[0] += row.measured.rounds
            entry[1] += row.measured.posts
        return {
            sourcing: (Decimal(total) / posts).quantize(Decimal("0.01"))
            for sourcing, (total, posts) in rounds.items()
            if posts >= self.comparison.minimum_posts
        }


def build_report(workspace: Workspace, start: date, end: date) -> CostReport:
    """Cost every engagement of ``workspace`` between ``start`` and ``end`` (inclusive)."""
    if end < start:
        raise ValueError(f"end: {end} is before the start {start}")
    settings = CostSettings.of(workspace)
    currency, rates = workspace.currency, settings.decimal_rates()
    business = business_schedule(workspace)
    rows, problems = [], []
    engagements = (
        Engagement.objects.filter(workspace=workspace)
        .select_related("workspace", "member__user", "member__workspace")
        .order_by("start", "id")
    )
    for engagement in engagements:
        measured = measure(engagement, start, end)
        figures = figures_for(engagement, measured, settings, currency)
        row = EngagementRow(engagement, measured, cost=None)
        try:
            row.cost = engagement_cost(
                figures, period_start=start, period_end=end, currency=currency, rates=rates
            )
        except ValueError as exc:
            row.problem = f"{engagement.name}: {exc} (in cost settings)"
            problems.append(row.problem)
        row.reply_from_hours = _expected_wait(engagement, business)
        rows.append(row)
    comparison = compare([row.cost for row in rows if row.cost is not None], currency=currency)
    return CostReport(
        workspace, start, end, currency, workspace_locale(workspace), settings, rows,
        comparison, problems,
    )  # fmt: skip


def business_schedule(workspace: Workspace) -> Schedule | None:
    """The business side's working week: the first owner (else manager) with hours."""
    for role in (Role.OWNER, Role.MANAGER):
        for member in Membership.objects.filter(workspace=workspace, role=role).order_by("id"):
            schedule = schedule_of(member)
            if schedule is not None:
                return schedule
    return None


def _expected_wait(engagement: Engagement, business: Schedule | None) -> timedelta | None:
    """How long a business message waits, by both working weeks, for the contributor."""
    member = engagement.member
    if business is None or member is None:
        return None
    theirs = schedule_of(member)
    if theirs is None:
        return None
    week = datetime(2027, 1, 4, tzinfo=places.zoneinfo("UTC"))  # a week without clock changes
    return typical_reply_wait(business, theirs, week)


def comparison_csv(report: CostReport) -> str:
    """One row per engagement, one per sourcing class, and the conclusion."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        writer.writerow(_engagement_csv_row(report, row))
    for summary in report.comparison.classes:
        per_post = summary.cost_per_post
        writer.writerow(
            [
                "class", summary.sourcing, summary.sourcing, "", report.start, report.end,
                summary.posts_published, "", "", "", "", "", "", "", "",
                summary.invoiced.amount, summary.fees.amount, summary.review_effort.amount,
                summary.rework.amount, summary.total.amount,
                per_post.amount if per_post else "", report.currency,
                summary.missing_data(),
            ]
        )  # fmt: skip
    writer.writerow(["conclusion", report.conclusion] + [""] * (len(CSV_COLUMNS) - 2))
    return out.getvalue()


CSV_COLUMNS = [
    "level", "name", "sourcing", "pricing", "period_start", "period_end", "posts_published",
    "revision_rounds_per_post", "comments_per_post", "reviews", "hours_logged",
    "market_fit_change_share", "median_turnaround_hours", "median_reviewer_response_hours",
    "median_contributor_response_hours", "invoiced", "fees", "review_effort", "rework",
    "total", "cost_per_post", "currency", "note",
]  # fmt: skip


def _engagement_csv_row(report: CostReport, row: EngagementRow) -> list[Any]:
    engagement, measured = row.engagement, row.measured
    figures = row.cost.figures if row.cost else None
    leading = [
        "engagement", engagement.name, engagement.sourcing, engagement.pricing,
        report.start, report.end, measured.posts,
    ]  # fmt: skip
    if row.cost is None or figures is None:
        return leading + [""] * (len(CSV_COLUMNS) - len(leading) - 1) + [row.problem]
    per_post = row.cost.cost_per_post
    share = figures.market_fit_change_share
    return leading + [
        _plain(figures.revision_rounds_per_post), _plain(figures.comments_per_post),
        figures.reviews, measured.hours_logged,
        _plain(share) if share is not None else "",
        _blank(figures.median_turnaround_hours), _blank(figures.median_reviewer_response_hours),
        _blank(figures.median_contributor_response_hours),
        row.cost.invoiced.amount, row.cost.fees.amount, row.cost.review_effort.amount,
        row.cost.rework.amount, row.cost.total.amount,
        per_post.amount if per_post else "", report.currency,
        " ".join(row.cost.notes) or row.cost.no_cost_per_post_reason,
    ]  # fmt: skip


def _plain(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _blank(value: Decimal | None) -> Any:
    return "" if value is None else value


def report_json(report: CostReport) -> dict[str, Any]:
    data = report.comparison.to_json(report.locale)
    data["conclusion"] = report.conclusion
    data["period"] = [report.start.isoformat(), report.end.isoformat()]
    data["engagements"] = [
        {
            "id": row.engagement.pk,
            "name": row.engagement.name,
            "sourcing": row.engagement.sourcing,
            "posts_published": row.measured.posts,
            "hours_logged": str(row.measured.hours_logged),
            "cost": row.cost.to_json() if row.cost else None,
            "problem": row.problem or None,
            "median_reviewer_response_hours": _text(hours(row.measured.reviewer_response)),
            "median_contributor_response_hours": _text(hours(row.measured.contributor_response)),
            "expected_reply_wait_hours": _text(hours(row.reply_from_hours)),
        }
        for row in report.rows
    ]
    return data


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def table_rows(report: CostReport) -> dict[str, Any]:
    """Everything the Cost page and the printable report show, formatted for people."""
    money = report.money
    class_rows = [
        {
            "summary": summary,
            "fees": money(summary.fees),
            "review": money(summary.review_effort),
            "rework": money(summary.rework),
            "total": money(summary.total),
            "per_post": money(summary.cost_per_post),
        }
        for summary in report.comparison.classes
    ]
    engagement_rows = [_engagement_row(report, row) for row in report.rows]
    reviewer_value = report.settings.reviewer_hourly_value
    return {
        "class_rows": class_rows,
        "engagement_rows": engagement_rows,
        "reviewer_value": money(Money(reviewer_value, report.currency)),
        "rates": sorted(report.settings.decimal_rates().items()),
    }


def _engagement_row(report: CostReport, row: EngagementRow) -> dict[str, Any]:
    engagement, measured, cost = row.engagement, row.measured, row.cost
    posts = measured.posts
    shown: dict[str, Any] = {
        "name": engagement.name,
        "sourcing": engagement.sourcing,
        "pricing": engagement.get_pricing_display(),
        "posts": posts,
        "rounds": f"{measured.rounds / posts:.2f}" if posts else "—",
        "comments": f"{measured.comments / posts:.2f}" if posts else "—",
        "market_fit": f"{measured.market_fit_posts / posts:.0%}" if posts else "—",
        "turnaround": _span(measured.turnaround),
        "reviewer_reply": _span(measured.reviewer_response),
        "contributor_reply": _span(measured.contributor_response),
        "expected_wait": _span(row.reply_from_hours),
        "problem": row.problem,
        "notes": [],
    }
    if cost is not None:
        shown.update(
            fees=report.money(cost.fees),
            review=report.money(cost.review_effort),
            rework=report.money(cost.rework),
            total=report.money(cost.total),
            per_post=report.money(cost.cost_per_post),
            notes=[note for note in cost.notes if engagement.pricing == "hourly"]
            + ([cost.no_cost_per_post_reason] if cost.no_cost_per_post_reason else []),
        )
    return shown


def _span(span: timedelta | None) -> str:
    return "—" if span is None else format_wait(span)
