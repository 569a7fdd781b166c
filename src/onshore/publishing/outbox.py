"""The durable outbox: deliveries created with the schedule, claimed by one worker at a
time under a lease, attempted with a stable key, and finished exactly once.

Every state change is a conditional UPDATE whose row count decides who won, so any
number of workers on any number of machines can share one database (SQLite for one
machine, PostgreSQL for many) without locks held across network calls.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from onshore.networks import Published, PublishError, UnknownOutcome
from onshore.posts.models import Post, State
from onshore.publishing.models import (
    OPEN_STATES,
    Channel,
    Delivery,
    DeliveryAttempt,
    DeliveryState,
)

BACKOFF_CAP = timedelta(hours=1)


class DeliveriesInFlight(Exception):
    """A post cannot be unscheduled while one of its deliveries is being sent."""


# --- creating and cancelling (called inside the scheduling transaction) ---------------


def channels_for(post: Post) -> list[Channel]:
    """The market's channels this post goes to: those of its networks, and every webhook."""
    channels = Channel.objects.filter(market_id=post.market_id)
    chosen = set(post.networks)
    return [c for c in channels if c.kind == "webhook" or not chosen or c.kind in chosen]


def create_deliveries(post: Post) -> list[Delivery]:
    assert post.scheduled_at is not None, "schedule the post before creating deliveries"
    return [
        Delivery.objects.create(post=post, channel=channel, due_at=post.scheduled_at)
        for channel in channels_for(post)
    ]


def cancel_deliveries(post: Post) -> int:
    """Cancel what has not been sent; refuse while a delivery is in flight."""
    if post.deliveries.filter(state=DeliveryState.IN_FLIGHT).exists():
        raise DeliveriesInFlight("Publishing has started: wait for it to finish.")
    return post.deliveries.filter(state=DeliveryState.PENDING).update(state=DeliveryState.CANCELLED)


def reschedule_deliveries(post: Post) -> int:
    """A scheduled post moved in the calendar: its waiting deliveries move with it."""
    return post.deliveries.filter(state=DeliveryState.PENDING, attempts=0).update(
        due_at=post.scheduled_at
    )


# --- the worker's step -------------------------------------------------------------


Sender = Callable[[Delivery, datetime], Published]
Finder = Callable[[Delivery, datetime], "Published | None"]


@dataclass
class Step:
    """What publish_one_due did, for logs and tests."""

    delivery_id: int
    outcome: str  # published, retry, failed, unknown, needs_reconnect, lost_lease


def _due(now: datetime) -> Q:
    waiting = Q(state=DeliveryState.PENDING, due_at__lte=now)
    abandoned = Q(state=DeliveryState.IN_FLIGHT, lease_expires_at__lt=now)
    return (waiting | abandoned) & Q(channel__status=Channel.Status.ACTIVE)


def claim_one_due(now: datetime, worker: str) -> Delivery | None:
    """Take one due delivery under a lease; None when nothing is due."""
    lease_until = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    if connection.vendor == "postgresql":
        claimed_id = _claim_skip_locked(now, worker, lease_until)
    else:
        claimed_id = _claim_conditional(now, worker, lease_until)
    if claimed_id is None:
        return None
    return (
        Delivery.objects.select_related("post__market", "channel")
        .prefetch_related("post__variants")
        .get(pk=claimed_id)
    )


# PostgreSQL: pick and lease in one statement; SKIP LOCKED lets concurrent workers pass
# over a row another is taking instead of queueing behind it. A worker that died holding
# the lease may have sent: "outcome_unknown OR state = in_flight" makes the next one read
# back first (SET expressions see the row as it was before the update).
_CLAIM_SQL = """
UPDATE publishing_delivery AS d
SET state = 'in_flight', lease_owner = %(worker)s, lease_expires_at = %(lease_until)s,
    attempts = d.attempts + 1, first_attempt_at = COALESCE(d.first_attempt_at, %(now)s),
    outcome_unknown = d.outcome_unknown OR d.state = 'in_flight'
WHERE d.id = (
    SELECT due.id FROM publishing_delivery AS due
    JOIN publishing_channel AS channel ON channel.id = due.channel_id
    WHERE channel.status = 'active'
      AND ((due.state = 'pending' AND due.due_at <= %(now)s)
           OR (due.state = 'in_flight' AND due.lease_expires_at < %(now)s))
    ORDER BY due.due_at, due.id
    LIMIT 1
    FOR UPDATE OF due SKIP LOCKED
)
RETURNING d.id
"""


def _claim_skip_locked(now: datetime, worker: str, lease_until: datetime) -> int | None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL, {"worker": worker, "lease_until": lease_until, "now": now})
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _claim_conditional(now: datetime, worker: str, lease_until: datetime) -> int | None:
    """Elsewhere (SQLite): read candidates, then an UPDATE that repeats the "is due"
    condition and the attempt count it read, so only one of two racing workers matches."""
    candidates = Delivery.objects.filter(_due(now)).order_by("due_at", "id")
    for candidate in candidates.values("pk", "attempts", "state")[:10]:
        changes: dict[str, object] = {
            "state": DeliveryState.IN_FLIGHT,
            "lease_owner": worker,
            "lease_expires_at": lease_until,
            "attempts": F("attempts") + 1,
            "first_attempt_at": Coalesce(F("first_attempt_at"), Value(now)),
        }
        if candidate["state"] == DeliveryState.IN_FLIGHT:
            changes["outcome_unknown"] = True  # its worker died holding the lease
        claimed = Delivery.objects.filter(
            _due(now), pk=candidate["pk"], attempts=candidate["attempts"]
        ).update(**changes)
        if claimed:
            return int(candidate["pk"])
    return None


def publish_one_due(
    now: datetime, worker: str, send: Sender, find: Finder, rng: random.Random | None = None
) -> Step | None:
    """Claim one due delivery and attempt it. Returns what happened, or None if idle."""
    delivery = claim_one_due(now, worker)
    if delivery is None:
        return None
    if delivery.post.state == State.SCHEDULED:
        _mark_post_publishing(delivery.post_id)
    attempt = _record_attempt_start(delivery, worker, now)
    try:
        published = _read_back_or_send(delivery, now, send, find)
    except UnknownOutcome as exc:
        return _retry(delivery, attempt, worker, now, str(exc), None, rng, unknown=True)
    except PublishError as exc:
        if exc.needs_reconnect:
            return _wait_for_reconnect(delivery, attempt, worker, str(exc))
        if not exc.permanent and delivery.attempts < settings.WORKER_MAX_ATTEMPTS:
            return _retry(delivery, attempt, worker, now, str(exc), exc.retry_after, rng)
        return _fail(delivery, attempt, worker, now, str(exc))
    return _publish(delivery, attempt, worker, now, published)


def _read_back_or_send(delivery: Delivery, now: datetime, send: Sender, find: Finder) -> Published:
    if delivery.outcome_unknown:
        found = find(delivery, now)
        if found is not None:
            return found
    return send(delivery, now)


def _record_attempt_start(delivery: Delivery, worker: str, now: datetime) -> DeliveryAttempt:
    # Written (and committed) before the network call: a crash leaves a visible trace.
    return DeliveryAttempt.objects.create(delivery=delivery, worker=worker, started_at=now)


def _holding(delivery: Delivery, worker: str) -> Q:
    return Q(pk=delivery.pk, state=DeliveryState.IN_FLIGHT, lease_owner=worker)


def _finish(
    delivery: Delivery,
    attempt: DeliveryAttempt,
    worker: str,
    now: datetime,
    outcome: str,
    message: str,
    **fields: object,
) -> Step:
    with transaction.atomic():
        updated = Delivery.objects.filter(_holding(delivery, worker)).update(
            lease_owner="", lease_expires_at=None, **fields
        )
        attempt.finished_at, attempt.outcome, attempt.message = now, outcome, message[:2000]
        if not updated:
            attempt.outcome = "lost_lease"
        attempt.save()
        if updated:
            refresh_post_state(delivery.post_id)
    return Step(delivery.pk, attempt.outcome)


def _publish(
    delivery: Delivery, attempt: DeliveryAttempt, worker: str, now: datetime, published: Published
) -> Step:
    return _finish(
        delivery,
        attempt,
        worker,
        now,
        "published",
        published.url or "",
        state=DeliveryState.PUBLISHED,
        remote_id=published.remote_id,
        remote_url=published.url or "",
        published_at=now,
        outcome_unknown=False,
        last_error="",
    )


def _retry(
    delivery: Delivery,
    attempt: DeliveryAttempt,
    worker: str,
    now: datetime,
    message: str,
    retry_after: float | None,
    rng: random.Random | None,
    unknown: bool = False,
) -> Step:
    wait = backoff(delivery.attempts, retry_after, rng or random.Random())
    return _finish(
        delivery,
        attempt,
        worker,
        now,
        "unknown" if unknown else "retry",
        message,
        state=DeliveryState.PENDING,
        due_at=now + wait,
        last_error=message,
        outcome_unknown=unknown or delivery.outcome_unknown,
    )


def _fail(
    delivery: Delivery, attempt: DeliveryAttempt, worker: str, now: datetime, message: str
) -> Step:
    step = _finish(
        delivery,
        attempt,
        worker,
        now,
        "failed",
        message,
        state=DeliveryState.FAILED,
        last_error=message,
    )
    if step.outcome == "failed":
        from onshore.publishing.notify import delivery_failed

        delivery_failed(delivery, message)
    return step


def _wait_for_reconnect(
    delivery: Delivery, attempt: DeliveryAttempt, worker: str, message: str
) -> Step:
    """Rejected credentials: the channel waits for a manager; nothing is lost."""
    Channel.objects.filter(pk=delivery.channel_id).update(
        status=Channel.Status.NEEDS_RECONNECT, status_message=message[:500]
    )
    step = _finish(
        delivery,
        attempt,
        worker,
        attempt.started_at,
        "needs_reconnect",
        message,
        state=DeliveryState.PENDING,
        attempts=F("attempts") - 1,
        last_error=message,
    )
    from onshore.publishing.notify import channel_needs_reconnect

    channel_needs_reconnect(delivery.channel, message)
    return step


def backoff(attempts: int, retry_after: float | None, rng: random.Random) -> timedelta:
    """Exponential backoff with jitter, capped, and never sooner than the network asked."""
    base = timedelta(seconds=settings.WORKER_BACKOFF_SECONDS)
    ceiling = min(base * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    wait = ceiling * rng.uniform(0.5, 1.0)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=retry_after))
    return wait


def _mark_post_publishing(post_id: int) -> None:
    Post.objects.filter(pk=post_id, state=State.SCHEDULED).update(state=State.PUBLISHING)


def refresh_post_state(post_id: int) -> None:
    """Published when every delivery is; failed when one failed and none is still open."""
    states = set(
        Delivery.objects.filter(post_id=post_id)
        .exclude(state=DeliveryState.CANCELLED)
        .values_list("state", flat=True)
    )
    if not states or states & set(OPEN_STATES):
        return
    final = State.PUBLISHED if states == {DeliveryState.PUBLISHED} else State.FAILED
    Post.objects.filter(pk=post_id, state__in=[State.SCHEDULED, State.PUBLISHING]).update(
        state=final
    )
