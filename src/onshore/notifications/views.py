"""The notification pages: the list (all workspaces), mark read, and each workspace's
settings. Every query goes through ``inbox.visible_to``: nobody reaches another
person's notifications (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onshore.accounts.requests import AuthenticatedRequest
from onshore.localtime import WEEKDAYS
from onshore.notifications import inbox
from onshore.notifications.audience import preference_of
from onshore.notifications.forms import PreferenceForm
from onshore.posts.paging import paginate
from onshore.workspaces.access import membership_or_404
from onshore.workspaces.models import Membership

PER_PAGE = 50


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = inbox.visible_to(request.user).select_related("workspace")
    pager = paginate(rows, request.GET, per_page=PER_PAGE)
    return render(
        request,
        "notifications/list.html",
        {
            "pager": pager,
            "unread": inbox.unread_count(request.user),
            "workspaces": [
                m.workspace for m in request.user.memberships.select_related("workspace")
            ],
        },
    )


@require_POST
@login_required
def notification_read(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    inbox.mark_read(request.user, notification_id)
    return redirect("notifications")


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
    days = "; ".join(
        f"{day.capitalize()} {', '.join(span.label() for span in week[day])}"
        for day in WEEKDAYS
        if day in week
    )
    return f"Your working hours here: {days} ({zone})."
