"""E-mailing due notifications: each person's due ones as one e-mail, sent by the worker.

A batch is claimed before it is sent, so that no two workers send the same
notification: on PostgreSQL a worker locks the person's user row with ``FOR NO KEY
UPDATE SKIP LOCKED`` (other workers pass over that person instead of queueing, and
new notifications for them can still be inserted), then marks their due notifications
"sending" under its claim in the same transaction; elsewhere (SQLite, one writer at a
time) a conditional UPDATE decides. After sending, the batch is marked sent; when the
mail server refuses, it waits ``RETRY_AFTER`` and goes again.

A worker killed while sending leaves its claim to run out (``LEASE``) and another
worker sends the batch. SMTP has no idempotency key, so a worker killed after the mail
server accepted a message and before it recorded that is the one way an e-mail can go
twice; any number of live workers never send one twice.

Notifications read in the app before their e-mail is due are not e-mailed.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import reverse

from onshore.accounts.models import User
from onshore.links import absolute_url
from onshore.localtime import load_zone
from onshore.notifications.models import EmailState, Notification
from onshore.workspaces.models import Membership

log = logging.getLogger("onshore.notifications")

LEASE = timedelta(minutes=10)
RETRY_AFTER = timedelta(minutes=5)
# People e-mailed per call. One: the worker looks for due deliveries between calls, so
# a slow mail server delays a post by at most one e-mail's sending.
PEOPLE_PER_CALL = 1
DETAIL_IN_EMAIL = 600  # characters of a note or error message quoted in the e-mail
MOST_IN_EMAIL = 25  # notifications listed in one e-mail; the app lists the rest


def _due(now: datetime) -> Q:
    waiting = Q(email_state=EmailState.WAITING, email_due_at__lte=now, read_at__isnull=True)
    abandoned = Q(email_state=EmailState.SENDING, email_lease_until__lt=now)
    return waiting | abandoned


def send_due_emails(now: datetime, worker: str) -> int:
    """E-mail up to ``PEOPLE_PER_CALL`` people their due notifications; how many went."""
    sent = 0
    for _ in range(PEOPLE_PER_CALL):
        claim = claim_next_batch(now, worker)
        if claim is None:
            break
        sent += send_claimed(claim, now)
    return sent


def claim_next_batch(now: datetime, worker: str) -> str | None:
    """Claim one person's due notifications; the claim's token, or None when none is due."""
    token = f"{worker[:40]}:{uuid.uuid4().hex[:16]}"
    if connection.vendor == "postgresql":
        claimed = _claim_locking_the_person(now, token)
    else:
        claimed = _claim_conditional(now, token)
    return token if claimed else None


_PERSON_SQL = """
SELECT u.id FROM {users} AS u
WHERE u.id IN (
    SELECT n.recipient_id FROM notifications_notification AS n
    WHERE (n.email_state = 'waiting' AND n.email_due_at <= %(now)s AND n.read_at IS NULL)
       OR (n.email_state = 'sending' AND n.email_lease_until < %(now)s)
)
ORDER BY u.id
LIMIT 1
FOR NO KEY UPDATE OF u SKIP LOCKED
"""


def _claim_locking_the_person(now: datetime, token: str) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PERSON_SQL.format(users=User._meta.db_table), {"now": now})
        row = cursor.fetchone()
        if row is None:
            return 0
        return _mark_sending(now, token, recipient_id=int(row[0]))


def _claim_conditional(now: datetime, token: str) -> int:
    person = (
        Notification.objects.filter(_due(now))
        .order_by("email_due_at", "id")
        .values_list("recipient_id", flat=True)
        .first()
    )
    if person is None:
        return 0
    # Repeats the "is due" condition: of two workers racing for this person, the
    # second UPDATE finds the rows already sending and claims none of them.
    return _mark_sending(now, token, recipient_id=person)


def _mark_sending(now: datetime, token: str, recipient_id: int) -> int:
    return Notification.objects.filter(_due(now), recipient_id=recipient_id).update(
        email_state=EmailState.SENDING,
        email_claim=token,
        email_lease_until=now + LEASE,
        email_attempts=F("email_attempts") + 1,
    )


def send_claimed(token: str, now: datetime) -> int:
    """Send the claimed batch as one e-mail; 1 when it went, else 0."""
    batch = list(
        Notification.objects.filter(email_claim=token, email_state=EmailState.SENDING)
        .select_related("recipient", "workspace")
        .order_by("created_at", "id")
    )
    if not batch:
        return 0
    person = batch[0].recipient
    zones = _zones_of(person, {n.workspace_id for n in batch})
    still_theirs = [n for n in batch if n.workspace_id in zones]
    _keep_in_app_only([n for n in batch if n.workspace_id not in zones])
    if not still_theirs:
        return 0
    try:
        compose(person, still_theirs, zones).send()
    except (smtplib.SMTPException, OSError, ValueError) as exc:  # ValueError: a bad header
        log.warning("notifications: e-mail to user %s not sent (%s); retrying", person.pk, exc)
        _retry_later(token, now)
        return 0
    Notification.objects.filter(email_claim=token).update(
        email_state=EmailState.SENT, emailed_at=now, email_claim="", email_lease_until=None
    )
    return 1


def _zones_of(person: User, workspace_ids: set[int]) -> dict[int, str]:
    """The person's zone in each workspace they still belong to (a left workspace is out)."""
    members = Membership.objects.filter(user=person, workspace_id__in=workspace_ids)
    return {
        m.workspace_id: m.timezone or m.workspace.home_timezone or "UTC"
        for m in members.select_related("workspace")
    }


def _keep_in_app_only(notifications: Sequence[Notification]) -> None:
    if notifications:
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_state=EmailState.APP_ONLY, email_claim="", email_lease_until=None
        )


def _retry_later(token: str, now: datetime) -> None:
    Notification.objects.filter(email_claim=token).update(
        email_state=EmailState.WAITING,
        email_due_at=now + RETRY_AFTER,
        email_claim="",
        email_lease_until=None,
    )


def compose(person: User, batch: Sequence[Notification], zones: dict[int, str]) -> EmailMessage:
    """One e-mail for the batch: each event with its date on the person's clock."""
    subject = batch[0].summary if len(batch) == 1 else _many(batch)
    lines = [f"Hello {person.display_name},", ""]
    for notification in batch[:MOST_IN_EMAIL]:
        lines += _lines_for(notification, zones[notification.workspace_id])
    if len(batch) > MOST_IN_EMAIL:
        lines += [f"… and {len(batch) - MOST_IN_EMAIL:,} more in the app.", ""]
    lines += [
        f"All your notifications: {absolute_url(reverse('notifications'))}",
        "Choose what reaches you, and whether e-mails wait for your working hours:",
        *sorted(
            {absolute_url(reverse("notification_settings", args=[n.workspace.slug])) for n in batch}
        ),
    ]
    # One line: a name or text with a line break must not become a header of its own.
    subject = " ".join(subject.split())[:200]
    return EmailMessage(subject=subject, body="\n".join(lines) + "\n", to=[person.email])


def _many(batch: Sequence[Notification]) -> str:
    """ "3 notifications from onshore (Acme Tea)"; the workspace when there is one."""
    names = {n.workspace.name for n in batch}
    where = f" ({names.pop()})" if len(names) == 1 else ""
    return f"{len(batch)} notifications from onshore{where}"


def _lines_for(notification: Notification, zone: str) -> list[str]:
    when = notification.created_at.astimezone(load_zone(zone))
    lines = [f"* {notification.summary}"]
    if notification.detail:
        lines.append(f"  {notification.detail[:DETAIL_IN_EMAIL]}")
    lines.append(f"  {when:%a %d %b %Y, %H:%M} your time ({zone}) · {notification.workspace.name}")
    if notification.path:
        lines.append(f"  {absolute_url(notification.path)}")
    return [*lines, ""]
