"""Who hears of an event, and when their e-mail goes out.

Who: submitted → those who may review; changes requested and approved → the author;
published and failed → the author and the managers; a mention → the member mentioned.
Never the person who did it. One query per event fetches the members with their user
and choices, however large the workspace.

When: in the app at once; by e-mail at the start of the person's next working period
(``localtime.when_at_work``, on the clock of their own zone), at least ``GATHER`` after
the event so that a burst of events (ten approvals in a minute) becomes one e-mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from onshore.localtime import WeeklyHours, parse_weekly_hours, when_at_work
from onshore.notifications.models import (
    EMAIL,
    OFF,
    EmailState,
    Notification,
    NotificationPreference,
)
from onshore.workspaces.models import Membership
from onshore.workspaces.roles import CAPABILITIES, OWNER_AND_MANAGER, Capability

# Events this close together reach an "immediately" person (or one at work) as one e-mail.
GATHER = timedelta(minutes=2)


@dataclass(frozen=True)
class Event:
    """What happened, for the people in ``members``; ``by_user_id`` is never told."""

    workspace_id: int
    post_id: int | None
    kind: str
    summary: str
    detail: str
    by_user_id: int | None
    at: datetime
    link: str = ""  # a page, for an event about no single post


def members_of(workspace_id: int, who: Q) -> list[Membership]:
    """The workspace's members matching ``who``, with what notifying them reads."""
    return list(
        Membership.objects.filter(who, workspace_id=workspace_id).select_related(
            "user", "workspace", "notification_preference"
        )
    )


def reviewers(workspace_id: int) -> list[Membership]:
    roles = [str(role) for role in CAPABILITIES[Capability.REVIEW_POSTS][1]]
    return members_of(workspace_id, Q(role__in=roles))


def author(workspace_id: int, author_id: int | None) -> list[Membership]:
    if author_id is None:  # the author's account was deleted
        return []
    return members_of(workspace_id, Q(user_id=author_id))


def author_and_managers(workspace_id: int, author_id: int | None) -> list[Membership]:
    who = Q(role__in=[str(role) for role in OWNER_AND_MANAGER])
    if author_id is not None:
        who |= Q(user_id=author_id)
    return members_of(workspace_id, who)


def preference_of(member: Membership) -> NotificationPreference:
    """The member's choices; the defaults (everything by e-mail, in working hours) when
    they never changed them."""
    try:
        return member.notification_preference
    except ObjectDoesNotExist:
        return NotificationPreference(membership=member)


class WorkingHoursCache:
    """Parsed working hours by their stored JSON: a team often shares a few patterns,
    and parsing is most of the cost of an event for a thousand members."""

    def __init__(self) -> None:
        self._parsed: dict[str, WeeklyHours] = {}

    def hours_of(self, member: Membership) -> WeeklyHours:
        key = repr(member.working_hours)
        if key not in self._parsed:
            try:
                self._parsed[key] = parse_weekly_hours(member.working_hours)
            except ValueError:
                self._parsed[key] = {}  # unreadable hours hold nothing back
        return self._parsed[key]


def email_due_at(
    member: Membership, preference: NotificationPreference, at: datetime, hours: WorkingHoursCache
) -> datetime:
    """When the e-mail about an event at ``at`` goes out (see the module docstring)."""
    earliest = at + GATHER
    if preference.immediately:
        return earliest
    zone = member.timezone or member.workspace.home_timezone or "UTC"
    return when_at_work(hours.hours_of(member), zone, earliest)


def notifications_for(event: Event, members: Iterable[Membership]) -> list[Notification]:
    """One unsaved notification per member who hears of the event, with its e-mail time."""
    hours = WorkingHoursCache()
    rows: list[Notification] = []
    seen: set[int] = set()
    for member in members:
        if member.user_id == event.by_user_id or member.user_id in seen:
            continue
        seen.add(member.user_id)
        preference = preference_of(member)
        channel = preference.channel_for(event.kind)
        if channel == OFF:
            continue
        row = Notification(
            recipient_id=member.user_id,
            workspace_id=event.workspace_id,
            post_id=event.post_id,
            kind=event.kind,
            summary=event.summary[:300],
            detail=event.detail[:2000],
            link=event.link,
            created_at=event.at,
        )
        if channel == EMAIL:
            row.email_state = EmailState.WAITING
            row.email_due_at = email_due_at(member, preference, event.at, hours)
        rows.append(row)
    return rows


def record(event: Event, members: Iterable[Membership]) -> list[Notification]:
    """Write the event's notifications (one INSERT), in the caller's transaction."""
    return Notification.objects.bulk_create(notifications_for(event, members), batch_size=500)
