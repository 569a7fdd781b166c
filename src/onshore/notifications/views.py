"""The notification pages: the list (all workspaces), mark read, and each workspace's
settings. Every query goes through ``inbox.visible_to``: nobody reaches another
person's notifications (404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onshore.accounts.requests import AuthenticatedRequest
from onshore.localtime import WEEKDAYS, WeeklyHours, load_zone
from onshore.notifications import inbox
from onshore.notifications.audience import preference_of
from onshore.notifications.forms import PreferenceForm
from onshore.notifications.models import Notification
from onshore.posts.paging import paginate
from onshore.workspaces.access import membership_or_404
from onshore.workspaces.models import Membership

PER_PAGE = 50


@dataclass(frozen=True)
class Row:
    """A notification as the list shows it: times with their date, on the reader's clock
    in that workspace."""

    notification: Notification
    when: str
    email_when: str


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    memberships = list(request.user.memberships.select_related("workspace"))
    zones = {m.workspace_id: m.timezone or m.workspace.home_timezone for m in memberships}
    pager = paginate(
        inbox.visible_to(request.user).select_related("workspace"),
        request.GET,
        per_page=PER_PAGE,
    )
    context = {
        "pager": pager,
        "rows": [_row(n, zones.get(n.workspace_id) or "UTC") for n in pager.rows],
        "unread": inbox.unread_count(request.user),
        "workspaces": [m.workspace for m in memberships],
    }
    return render(request, "notifications/list.html", context)


def _row(notification: Notification, zone: str) -> Row:
    due = notification.email_due_at
    return Row(
        notification,
        when=on_clock(notification.created_at, zone),
        email_when=on_clock(due, zone) if due else "",
    )


def on_clock(instant: datetime, zone: str) -> str:
    """ "Mon 30 Nov 2026, 09:00 (Europe/London)": always with the date and the zone."""
    local = instant.astimezone(load_zone(zone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({zone})"


@require_POST
@login_required
def notification_read(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    inbox.mark_read(request.user, notification_id)
    return redirect("notifications")


@login_required
def notification_open(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    """Follow a notification to what it is about; following it is reading it."""
    notification = inbox.mark_read(request.user, notification_id)
    return redirect(notification.path or "notifications")


@require_POST
@login_required
def notifications_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = inbox.mark_all_read(request.user)
    messages.success(request, f"Marked {count} notification{'s' * (count != 1)} read.")
    return redirect("notifications")


@login_required
def notification_settings(request: HttpRequest, slug: str) -> HttpResponse:
    membership = membership_or_404(request.user, slug)
    form = PreferenceForm(request.POST or None, preference=preference_of(membership))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved: your notification choices for this workspace.")
        return redirect("notification_settings", slug=slug)
    context = {"membership": membership, "form": form, "hours": hours_sentence(membership)}
    return render(
        request, "notifications/settings.html", context, status=422 if form.errors else 200
    )


def hours_sentence(member: Membership) -> str:
    """What "your working hours" means for this member, in one sentence."""
    week = member.weekly_hours
    if not week:
        return (
            "You have not given your working hours in this workspace, so e-mails go out "
            "at once. Add them to your profile to have e-mails wait for your working day."
        )
    zone = member.timezone or member.workspace.home_timezone
    return f"Your working hours here: {week_words(week)} ({zone})."


def week_words(week: WeeklyHours) -> str:
    """ "Mon–Fri 09:00–17:30; Sat 10:00–12:00": days in a row with the same spans joined."""
    runs: list[tuple[list[str], str]] = []
    previous = ""
    for day in WEEKDAYS:
        spans = ", ".join(span.label() for span in week.get(day, ()))
        if spans and spans == previous and runs:
            runs[-1][0].append(day)
        elif spans:
            runs.append(([day], spans))
        previous = spans
    return "; ".join(
        f"{days[0].capitalize()}{'–' + days[-1].capitalize() if len(days) > 1 else ''} {spans}"
        for days, spans in runs
    )
