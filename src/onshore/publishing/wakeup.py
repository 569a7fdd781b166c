"""Waking sleeping workers: when the next delivery falls due, and a signal for sooner.

An idle worker sleeps until the next delivery falls due (``next_due_at``), at most the
idle setting. A delivery written meanwhile for sooner than that wakes it: on
PostgreSQL with NOTIFY, sent in the transaction that writes the delivery and so
delivered to the LISTENing workers when (and only if) it commits. SQLite has no such
signal; there workers look again often instead (see worker.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

WAKE_CHANNEL = "onshore_outbox"


def wake_workers_if_due_soon(due_at: datetime, now: datetime | None = None) -> bool:
    """NOTIFY the workers if a delivery falls due before a sleeping worker would look
    again by itself (the idle setting). True when a notification was queued."""
    if connection.vendor != "postgresql":
        return False
    horizon = timedelta(seconds=settings.WORKER_IDLE_SECONDS)
    if due_at - (now or timezone.now()) > horizon:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, '')", [WAKE_CHANNEL])
    return True


# The earliest of: the first waiting delivery of an active channel (the (state, due_at)
# index, read in order and stopped at the first row), and the first lease to run out
# (in-flight rows are at most a batch per worker). One round trip.
_NEXT_DUE_SQL = """
SELECT (SELECT d.due_at FROM publishing_delivery AS d
        JOIN publishing_channel AS c ON c.id = d.channel_id
        WHERE d.state = 'pending' AND c.status = 'active'
        ORDER BY d.due_at LIMIT 1),
       (SELECT MIN(d.lease_expires_at) FROM publishing_delivery AS d
        WHERE d.state = 'in_flight')
"""


def next_due_at() -> datetime | None:
    """When a worker next has something to claim; None when nothing is waiting."""
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_DUE_SQL)
        row = cursor.fetchone()
    times = [_as_aware(value) for value in row if value is not None]
    return min(times) if times else None


def _as_aware(value: datetime | str) -> datetime:
    # PostgreSQL answers aware datetimes; SQLite the stored UTC text.
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    if parsed is None:
        raise ValueError(f"not a date and time: {value!r}")
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)
