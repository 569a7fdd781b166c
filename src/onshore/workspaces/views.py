"""Workspace pages: overview, settings, markets, team, member profiles, invitations."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onshore import places
from onshore.accounts.models import User
from onshore.accounts.requests import AuthenticatedRequest
from onshore.workspaces.access import membership_or_404
from onshore.workspaces.forms import (
    InvitationForm,
    MarketForm,
    NewWorkspaceForm,
    ProfileForm,
    RoleForm,
    WorkspaceForm,
)
from onshore.workspaces.models import (
    Invitation,
    InvitationError,
    Market,
    Membership,
    MembershipRuleError,
)
from onshore.workspaces.next_steps import next_steps
from onshore.workspaces.roles import Capability, Role
from onshore.workspaces.team import team_rows

View = Callable[..., HttpResponse]


def member_view(capability: Capability) -> Callable[[View], View]:
    """Resolve ``slug`` to the user's membership (404 for outsiders) and check the role.

    A member without the capability gets 403: they know the workspace exists.
    """

    def decorate(view: View) -> View:
        @login_required
        @functools.wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = membership_or_404(request.user, slug)
            if not membership.can(capability):
                return render(request, "403.html", {"membership": membership}, status=403)
            return view(request, membership, *args, **kwargs)

        return wrapper

    return decorate


def _form_page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    # A form with errors is a 422, so scripts and tests can tell it from success.
    form = context.get("form")
    status = 422 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user).select_related("workspace")
    return render(request, "workspaces/home.html", {"memberships": memberships})


@login_required
def workspace_create(request: AuthenticatedRequest) -> HttpResponse:
    form = NewWorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = form.save(commit=False)
        market = form.first_market(workspace)
        try:
            market.full_clean(exclude=["workspace"])
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(f"market_{name}" if name != "__all__" else None, errors)
        else:
            with transaction.atomic():
                workspace.create_with_owner(request.user)
                market.workspace = workspace
                market.save()
            messages.success(request, f"{workspace.name} is ready. Invite your team next.")
            return redirect("workspace", slug=workspace.slug)
    return _form_page(request, "workspaces/create.html", form=form)


@member_view(Capability.VIEW_WORKSPACE)
def workspace_detail(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    # Counted for the Remove button's question: a market with posts is refused (the
    # posts' RESTRICT), one without takes its channels with it (CASCADE).
    markets = workspace.markets.annotate(post_count=Count("posts")).prefetch_related("channels")
    # The set-up checklist is for those who can do its steps (markets, invitations, channels).
    steps = next_steps(workspace) if membership.can(Capability.MANAGE_MARKETS) else []
    return render(
        request,
        "workspaces/detail.html",
        {"membership": membership, "workspace": workspace, "markets": markets, "steps": steps},
    )


@member_view(Capability.EDIT_WORKSPACE)
def workspace_settings(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = WorkspaceForm(request.POST or None, instance=membership.workspace)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Workspace settings saved.")
        return redirect("workspace", slug=membership.workspace.slug)
    return _form_page(request, "workspaces/settings.html", form=form, membership=membership)


@require_POST
@member_view(Capability.DELETE_WORKSPACE)
def workspace_delete(request: HttpRequest, membership: Membership) -> HttpResponse:
    if request.POST.get("confirm_name", "").strip() != membership.workspace.name:
        messages.error(request, "confirm_name: type the workspace's exact name to delete it.")
        return redirect("workspace_settings", slug=membership.workspace.slug)
    membership.workspace.delete()
    messages.success(request, "Workspace deleted.")
    return redirect("home")


@member_view(Capability.MANAGE_MARKETS)
def market_edit(
    request: HttpRequest, membership: Membership, market_id: int | None = None
) -> HttpResponse:
    workspace = membership.workspace
    market = (
        get_object_or_404(Market, pk=market_id, workspace=workspace)
        if market_id
        else Market(workspace=workspace)
    )
    form = MarketForm(request.POST or None, instance=market)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Market {market.label} saved.")
        return redirect("workspace", slug=workspace.slug)
    return _form_page(
        request, "workspaces/market_form.html", form=form, membership=membership, market=market
    )


@require_POST
@member_view(Capability.MANAGE_MARKETS)
def market_delete(request: HttpRequest, membership: Membership, market_id: int) -> HttpResponse:
    market = get_object_or_404(Market, pk=market_id, workspace=membership.workspace)
    try:
        market.delete()
    except RestrictedError:
        messages.error(request, f"{market.label} has posts: move or delete them first.")
    else:
        messages.success(request, f"Market {market.label} removed.")
    return redirect("workspace", slug=membership.workspace.slug)


@member_view(Capability.VIEW_WORKSPACE)
def team(request: HttpRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    members = list(workspace.memberships.select_related("user", "workspace"))
    rows = team_rows(workspace, members, timezone.now())
    return render(
        request,
        "workspaces/team.html",
        {
            "membership": membership,
            "workspace": workspace,
            "rows": rows,
            "markets": workspace.markets.all(),
            "home_country_name": places.country_name(workspace.home_country),
            "role_choices": Role.choices,
        },
    )


def _may_edit_profile(actor: Membership, member: Membership) -> bool:
    if actor.pk == member.pk:
        return True
    if member.role == Role.OWNER and not actor.can(Capability.MANAGE_OWNERS):
        return False
    return actor.can(Capability.MANAGE_MEMBERS)


@member_view(Capability.VIEW_WORKSPACE)
def member_profile(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership, pk=member_id, workspace=membership.workspace)
    if not _may_edit_profile(membership, member):
        return render(request, "403.html", {"membership": membership}, status=403)
    form = ProfileForm(request.POST or None, instance=member, actor=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved where and when {member.user.display_name} works.")
        return redirect("team", slug=membership.workspace.slug)
    # The week as the member counts it (Sunday first in the US and India): CLDR's week
    # data for the country they work from, else the business's.
    country = member.home_country or membership.workspace.home_country
    return _form_page(
        request,
        "workspaces/profile.html",
        form=form,
        membership=membership,
        member=member,
        hour_rows=form.hour_rows(places.first_weekday(country)),
        is_me=member.pk == membership.pk,
    )


@require_POST
@member_view(Capability.MANAGE_MEMBERS)
def member_role(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership, pk=member_id, workspace=membership.workspace)
    form = RoleForm(request.POST, can_make_owners=membership.can(Capability.MANAGE_OWNERS))
    if not form.is_valid():
        messages.error(request, "role: choose one of the roles offered.")
    else:
        try:
            member.change_role(membership, form.cleaned_data["role"])
            messages.success(request, f"{member.user.display_name} is now {member.role}.")
        except MembershipRuleError as exc:
            messages.error(request, str(exc))
    return redirect("team", slug=membership.workspace.slug)


@require_POST
@member_view(Capability.VIEW_WORKSPACE)
def member_remove(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership, pk=member_id, workspace=membership.workspace)
    leaving = member.pk == membership.pk
    if not leaving and not membership.can(Capability.MANAGE_MEMBERS):
        return render(request, "403.html", {"membership": membership}, status=403)
    try:
        member.remove(membership)
    except MembershipRuleError as exc:
        messages.error(request, str(exc))
        return redirect("team", slug=membership.workspace.slug)
    if leaving:
        messages.success(request, f"You left {membership.workspace.name}.")
        return redirect("home")
    messages.success(request, f"{member.user.display_name} was removed.")
    return redirect("team", slug=membership.workspace.slug)


@member_view(Capability.INVITE)
def invitations(request: AuthenticatedRequest, membership: Membership) -> HttpResponse:
    workspace = membership.workspace
    form = InvitationForm(
        request.POST or None, can_make_owners=membership.can(Capability.MANAGE_OWNERS)
    )
    new_link = None
    if request.method == "POST" and form.is_valid():
        invitation, token = Invitation.issue(
            workspace, form.cleaned_data["role"], request.user, form.cleaned_data["email"]
        )
        new_link = invitation.link(token)
        if invitation.email:
            _send_invitation(invitation, new_link, request.user)
        form = InvitationForm(can_make_owners=membership.can(Capability.MANAGE_OWNERS))
    return _form_page(
        request,
        "workspaces/invitations.html",
        form=form,
        membership=membership,
        new_link=new_link,
        invitations=workspace.invitations.all()[:100],
    )


def _send_invitation(invitation: Invitation, link: str, sender: User) -> None:
    send_mail(
        subject=f"{sender.display_name} invites you to {invitation.workspace.name} on onshore",
        message=(
            f"{sender.display_name} invites you to join {invitation.workspace.name} as "
            f"{invitation.role}.\n\nOpen this link within 7 days to join:\n{link}\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


@require_POST
@member_view(Capability.INVITE)
def invitation_revoke(
    request: HttpRequest, membership: Membership, invitation_id: int
) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, workspace=membership.workspace)
    if invitation.status == "pending":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        messages.success(request, "Invitation revoked: its link no longer works.")
    return redirect("invitations", slug=membership.workspace.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the link sees whose workspace it is; joining needs an account."""
    invitation = Invitation.find(token)
    if invitation is None:
        return render(
            request, "workspaces/invitation_invalid.html", {"reason": "unknown"}, status=404
        )
    if invitation.status != "pending":
        return render(
            request, "workspaces/invitation_invalid.html", {"reason": invitation.status}, status=410
        )
    if not request.user.is_authenticated:
        here = reverse("invitation_accept", args=[token])
        return render(
            request, "workspaces/invitation_login.html", {"invitation": invitation, "next": here}
        )
    if request.method != "POST":
        return render(request, "workspaces/invitation_accept.html", {"invitation": invitation})
    try:
        member = invitation.accept(request.user)
    except InvitationError as exc:
        messages.error(request, str(exc))
        return redirect("home")
    messages.success(
        request,
        f"Welcome to {invitation.workspace.name}. Record where and when you work, so the "
        "team knows your time zone and availability.",
    )
    return redirect("member_profile", slug=invitation.workspace.slug, member_id=member.pk)


@member_view(Capability.VIEW_WORKSPACE)
def team_hours(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Team → Hours: overlap with each colleague today and for the next 12 months."""
    from onshore.workspaces.hours import clock_changes, colleagues, market_rows
    from onshore.workspaces.reply_history_port import reply_history

    members = list(membership.workspace.memberships.select_related("user", "workspace"))
    now = timezone.now()
    rows = colleagues(membership, members, now)
    history = reply_history().observed_replies_of(
        [row.member for row in rows], now - timedelta(days=90)
    )
    for row in rows:
        row.replies += _replies_from_history(row.member, history[row.member.user_id])
    return render(
        request,
        "workspaces/hours.html",
        {
            "membership": membership,
            "rows": rows,
            "markets": market_rows(membership, list(membership.workspace.markets.all()), now),
            "own_clocks": clock_changes(membership.timezone, now) if membership.timezone else [],
            "profile_missing": not membership.is_profile_complete or not membership.working_hours,
        },
    )


def _replies_from_history(
    member: Membership, history: tuple[timedelta | None, timedelta | None]
) -> list[str]:
    """What the last 90 days of comments and reviews on the member's posts show."""
    from onshore.localtime import format_wait

    business_answered, they_answered = history
    name = member.user.display_name
    said = []
    if they_answered is not None:
        said.append(f"answered the business in a median of {format_wait(they_answered)}")
    if business_answered is not None:
        said.append(
            f"waited a median of {format_wait(business_answered)} for the business's answer"
        )
    if not said:
        return []
    return [f"On their posts in the last 90 days, {name} " + " and ".join(said) + "."]
