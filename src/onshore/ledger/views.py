"""Costs, engagements, time entries and the what-if: pages for owners and managers.

Contributors only reach Time, and there only their own engagements' entries: another
engagement's id answers 404, as for outsiders.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from onshore import places
from onshore.costs import Money
from onshore.ledger.chart import cost_chart
from onshore.ledger.forms import (
    CostSettingsForm,
    EngagementForm,
    TimeEntryForm,
    WhatIfForm,
    parse_period,
)
from onshore.ledger.models import CostSettings, Engagement, TimeEntry
from onshore.ledger.report import (
    build_report,
    comparison_csv,
    default_period,
    table_rows,
    workspace_locale,
    workspace_today,
)
from onshore.ledger.whatif import WhatIfError, answer
from onshore.posts.style_learning import prevented_for
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.roles import Capability
from onshore.workspaces.views import member_view


def _report_context(request: HttpRequest, membership: Membership) -> tuple[dict[str, Any], int]:
    workspace = membership.workspace
    form, start, end = parse_period(request.GET, default_period(workspace))
    report = build_report(workspace, start, end)
    status = 422 if form.errors else 200
    return {
        "membership": membership,
        "form": form,
        "report": report,
        "chart": cost_chart(report),
        "query": f"start={start.isoformat()}&end={end.isoformat()}",
        **table_rows(report),
    }, status


@member_view(Capability.VIEW_COSTS)
def costs(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Cost page: the verdict, the chart, every engagement's terms, the classes."""
    context, status = _report_context(request, membership)
    # Rework a style rule would have caught before review (posts/style_learning.py).
    context["style_prevented"] = prevented_for(membership.workspace)
    return render(request, "ledger/costs.html", context, status=status)


@member_view(Capability.VIEW_COSTS)
def costs_report(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The same comparison as a printable page to attach to an email."""
    context, status = _report_context(request, membership)
    printed = timezone.now().astimezone(places.zoneinfo(membership.workspace.home_timezone))
    context["printed_at_text"] = f"{printed:%-d %B %Y, %H:%M} ({printed.tzname()})"
    return render(request, "ledger/report.html", context, status=status)


@member_view(Capability.VIEW_COSTS)
def costs_csv(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    form, start, end = parse_period(request.GET, default_period(workspace))
    if form.errors:
        problems = "; ".join(
            f"{field}: {' '.join(map(str, errs))}" for field, errs in form.errors.items()
        )
        return HttpResponse(problems, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        comparison_csv(build_report(workspace, start, end)), content_type="text/csv; charset=utf-8"
    )
    filename = f"{workspace.slug}-costs-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_view(Capability.VIEW_COSTS)
def what_if_page(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    settings = CostSettings.of(workspace)
    outcome, status = None, 200
    if request.method == "POST":
        form = WhatIfForm(request.POST)
        if form.is_valid():
            try:
                outcome = answer(workspace, form.cleaned_data, workspace_today(workspace))
            except WhatIfError as exc:
                form.add_error(None, str(exc))
        status = 422 if form.errors else 200
    else:
        form = WhatIfForm(
            initial={
                "currency": workspace.currency,
                "reviewer_hourly_value": settings.reviewer_hourly_value,
                "hours": "mon-fri 09:00-17:00",
                "explaining_hours": 0,
            }
        )
    context: dict[str, Any] = {"membership": membership, "form": form, "outcome": outcome}
    if outcome is not None:
        context.update(what_if_money(outcome.result, outcome.report.locale))
    return render(request, "ledger/what_if.html", context, status=status)


def what_if_money(result: Any, locale: str) -> dict[str, Any]:
    terms = ("fees", "review_effort", "rework", "rework_contributor", "rework_reviewer")
    money = {name: getattr(result, name).format(locale) for name in (*terms, "explaining")}
    money["delay"] = result.delay.format(locale) if result.delay is not None else "not priced"
    return {
        "money": money,
        "monthly_total": result.monthly_total.format(locale),
        "cost_per_post": result.cost_per_post.format(locale),
    }


@member_view(Capability.VIEW_COSTS)
def cost_settings(request: HttpRequest, membership: Membership) -> HttpResponse:
    settings = CostSettings.of(membership.workspace)
    form = CostSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Cost settings saved.")
        return redirect("costs", membership.workspace.slug)
    status = 422 if form.errors else 200
    return render(
        request, "ledger/settings.html", {"membership": membership, "form": form}, status=status
    )


@member_view(Capability.VIEW_COSTS)
def engagements(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The list of engagements and a form to add one."""
    workspace = membership.workspace
    form = EngagementForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        engagement = form.save()
        messages.success(request, f"Engagement “{engagement.name}” added.")
        return redirect("engagements", workspace.slug)
    return render(
        request,
        "ledger/engagements.html",
        {
            "membership": membership,
            "form": form,
            "engagements": [
                (engagement, _money(engagement.amount, engagement.currency, workspace))
                for engagement in Engagement.objects.filter(workspace=workspace).select_related(
                    "member__user"
                )
            ],
        },
        status=422 if form.errors else 200,
    )


@member_view(Capability.VIEW_COSTS)
def engagement_edit(
    request: HttpRequest, membership: Membership, engagement_id: int
) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=engagement_id, workspace=membership.workspace)
    form = EngagementForm(request.POST or None, instance=engagement, workspace=engagement.workspace)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Engagement “{engagement.name}” saved.")
        return redirect("engagements", membership.workspace.slug)
    return render(
        request,
        "ledger/engagement.html",
        {"membership": membership, "form": form, "engagement": engagement},
        status=422 if form.errors else 200,
    )


@member_view(Capability.VIEW_COSTS)
def engagement_delete(
    request: HttpRequest, membership: Membership, engagement_id: int
) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    engagement = get_object_or_404(Engagement, pk=engagement_id, workspace=membership.workspace)
    engagement.delete()
    messages.success(request, f"Engagement “{engagement.name}” and its time entries deleted.")
    return redirect("engagements", membership.workspace.slug)


def _money(amount: Decimal, currency: str, workspace: Workspace) -> str:
    return Money(amount, currency).format(workspace_locale(workspace))


def loggable_engagements(membership: Membership) -> QuerySet[Engagement]:
    """Every engagement for managers; a contributor's own otherwise."""
    found = Engagement.objects.filter(workspace=membership.workspace).select_related("member__user")
    if membership.can(Capability.VIEW_COSTS):
        return found
    return found.filter(member=membership)


@member_view(Capability.LOG_TIME)
def time_entries(request: HttpRequest, membership: Membership) -> HttpResponse:
    allowed = loggable_engagements(membership)
    form = TimeEntryForm(request.POST or None, engagements=allowed)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.logged_by = membership
        entry.save()
        messages.success(request, f"{entry.hours} h on {entry.date} logged.")
        return redirect("time_entries", membership.workspace.slug)
    entries = TimeEntry.objects.filter(engagement__in=allowed).select_related(
        "engagement", "logged_by__user"
    )[:200]
    return render(
        request,
        "ledger/time.html",
        {
            "membership": membership,
            "form": form,
            "entries": entries,
            "has_engagement": allowed.exists(),
        },
        status=422 if form.errors else 200,
    )


@member_view(Capability.LOG_TIME)
def time_entry_delete(request: HttpRequest, membership: Membership, entry_id: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    entry = TimeEntry.objects.filter(
        pk=entry_id, engagement__in=loggable_engagements(membership)
    ).first()
    if entry is None:
        raise Http404("No such time entry")
    entry.delete()
    messages.success(request, f"{entry.hours} h on {entry.date} removed.")
    return redirect("time_entries", membership.workspace.slug)
