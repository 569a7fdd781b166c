"""A person's notifications: which they may see, marking them read. Pages and API share
these, so both answer 404 for a notification that is not the caller's to see."""

from __future__ import annotations

from django.db.models import Case, F, QuerySet, Value, When
from django.http import Http404
from django.utils.timezone import now

from onshore.accounts.models import User
from onshore.notifications.models import EmailState, Notification


def visible_to(user: User) -> QuerySet[Notification]:
    """The person's notifications in workspaces they still belong to: someone who left
    a workspace is an outsider to it, and its notifications are no longer theirs."""
    return Notification.objects.filter(recipient=user, workspace__memberships__user=user)


def unread_count(user: User) -> int:
    return visible_to(user).filter(read_at__isnull=True).count()


def _mark_read(notifications: QuerySet[Notification]) -> int:
    # Read in the app before its e-mail went: the e-mail would tell them nothing new.
    return notifications.filter(read_at__isnull=True).update(
        read_at=now(),
        email_state=Case(
            When(email_state=EmailState.WAITING, then=Value(EmailState.APP_ONLY.value)),
            default=F("email_state"),
        ),
    )


def mark_read(user: User, notification_id: int) -> Notification:
    """Mark one of the person's notifications read; Http404 when it is not theirs."""
    found = visible_to(user).filter(pk=notification_id)
    if not found.exists():
        raise Http404("No such notification")
    _mark_read(Notification.objects.filter(pk=notification_id))
    return Notification.objects.select_related("workspace").get(pk=notification_id)


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the person read; how many were."""
    ids = visible_to(user).filter(read_at__isnull=True).values("pk")
    return _mark_read(Notification.objects.filter(pk__in=ids))
