"""A fixed-window rate limit counted in the database (``RequestWindow`` rows).

The review-link pages are open to anyone holding a link, so they are rate limited by
the link and by the client's address. The counts live in the database rather than a
per-process cache so that every web worker (``ONSHORE_WEB_WORKERS``) adds to the same
count; rows older than a few minutes are swept whenever a new minute starts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from onshore.posts.models import RequestWindow

WINDOW = timedelta(minutes=1)
KEEP = timedelta(minutes=5)


@dataclass(frozen=True)
class Limited:
    """A request over the limit, and how long until the next minute lets it through."""

    limit: int
    retry_after: int  # seconds


def window_key(kind: str, value: str) -> str:
    """A short key that does not keep the value itself (an address, a link's id)."""
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


@transaction.atomic
def count_request(key: str, limit: int, at: datetime) -> Limited | None:
    """Count one request for ``key`` at ``at``; Limited once more than ``limit`` were
    made in this minute (the refused requests count too, so hammering stays refused)."""
    start = at.replace(second=0, microsecond=0)
    # The row is read locked (PostgreSQL: FOR UPDATE; SQLite's transactions take the
    # write lock at BEGIN), so its count is current and the count after ours is +1:
    # no second read. Two pages of a link (its address and the link) cost 2 queries
    # fewer than reading it back.
    row, created = RequestWindow.objects.select_for_update().get_or_create(
        key=key, window_start=start
    )
    if created:
        RequestWindow.objects.filter(window_start__lt=start - KEEP).delete()
    RequestWindow.objects.filter(pk=row.pk).update(count=F("count") + 1)
    count = row.count + 1
    if count <= limit:
        return None
    return Limited(limit, max(1, int((start + WINDOW - at).total_seconds()) + 1))
