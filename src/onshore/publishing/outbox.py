"""The durable outbox: deliveries created with the schedule, claimed by one worker at a
time under a lease, attempted with a stable key, and finished exactly once.

Every state change is a conditional UPDATE whose row count decides who won, so any
number of workers on any number of machines can share one database (SQLite for one
machine, PostgreSQL for many) without locks held across network calls.

A worker claims a small batch per round trip (``claim_due``) and attempts the
deliveries one after the other (``attempt``). Per delivery that is two statements
around the network call (the attempt recorded before, the outcome after) and, when
the delivery is finished, one for the post's state. Whatever of a batch is not
attempted (SIGTERM, a channel that needs reconnecting) is handed back (``release``).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from onshore.networks import Published, PublishError, UnknownOutcome
from onshore.posts.models import Post, State
from onshore.posts.notify_port import notifier
from onshore.posts.outbox_port import DeliveriesInFlight
from onshore.publishing import kinds, parking
from onshore.publishing.models import Channel, Delivery, DeliveryAttempt, DeliveryState
from onshore.publishing.wakeup import wake_workers_if_due_soon

logger = logging.getLogger(__name__)

BACKOFF_CAP = timedelta(hours=1)
# However long a network asks us to wait (the networks cap it too), in seconds.
LONGEST_NETWORK_WAIT = 24 * 3600.0
# What the raw SQL below binds as parameters.
SqlValue = str | int | float | datetime | None
# Deliveries a worker claims per round trip. Small, so that several workers share a
# backlog evenly and a SIGTERM has little to hand back; each one's lease is renewed
# when its attempt starts, so a slow batch never outlives its leases.
CLAIM_BATCH = 8
FINAL_STATES = (DeliveryState.PUBLISHED, DeliveryState.FAILED)


# --- creating and cancelling (called inside the scheduling transaction) ---------------


def channels_for(post: Post) -> list[Channel]:
    """The market's channels this post goes to: those of its networks, and every channel
    of a kind that takes every post (webhooks)."""
    channels = Channel.objects.filter(market_id=post.market_id)
    chosen = set(post.networks)
    return [c for c in channels if kinds.receives_post(c.kind, chosen)]


def create_deliveries(post: Post) -> list[Delivery]:
    assert post.scheduled_at is not None, "schedule the post before creating deliveries"
    created = [
        Delivery.objects.create(post=post, channel=channel, due_at=post.scheduled_at)
        for channel in channels_for(post)
    ]
    if created:
        wake_workers_if_due_soon(post.scheduled_at)
    return created


def deliver_upcoming(channel: Channel, now: datetime) -> int:
    """A channel connected to a market takes the market's scheduled posts still to come
    (those it receives), as if it had been there when they were scheduled."""
    upcoming = Post.objects.filter(
        market_id=channel.market_id, state=State.SCHEDULED, scheduled_at__gt=now
    ).exclude(deliveries__channel=channel)
    created = Delivery.objects.bulk_create(
        [
            Delivery(post=post, channel=channel, due_at=post.scheduled_at)
            for post in upcoming.only("pk", "networks", "scheduled_at")
            if post.scheduled_at is not None and kinds.receives_post(channel.kind, post.networks)
        ]
    )
    if created:
        wake_workers_if_due_soon(min(d.due_at for d in created))
    return len(created)


def cancel_deliveries(post: Post) -> int:
    """Cancel what has not been sent; refuse while a delivery is in flight."""
    if post.deliveries.filter(state=DeliveryState.IN_FLIGHT).exists():
        raise DeliveriesInFlight("Publishing has started: wait for it to finish.")
    return post.deliveries.filter(state=DeliveryState.PENDING).update(state=DeliveryState.CANCELLED)


def reschedule_deliveries(post: Post) -> int:
    """A scheduled post moved in the calendar: its waiting deliveries move with it."""
    moved = post.deliveries.filter(state=DeliveryState.PENDING, attempts=0).update(
        due_at=post.scheduled_at
    )
    if moved and post.scheduled_at is not None:
        wake_workers_if_due_soon(post.scheduled_at)
    return moved


# --- the worker's step -------------------------------------------------------------


Sender = Callable[[Delivery, datetime], Published]
Finder = Callable[[Delivery, datetime], "Published | None"]


@dataclass
class Step:
    """What one attempt did, for logs and tests."""

    delivery_id: int
    outcome: str  # published, retry, failed, unknown, needs_reconnect, lost_lease
    # Set when the delivery reached a final state: its post's state is due an update.
    settle_post_id: int | None = None


def _due(now: datetime) -> Q:
    waiting = Q(state=DeliveryState.PENDING, due_at__lte=now)
    abandoned = Q(state=DeliveryState.IN_FLIGHT, lease_expires_at__lt=now)
    return (waiting | abandoned) & Q(channel__status=Channel.Status.ACTIVE)


def claim_due(now: datetime, worker: str, limit: int = 1) -> list[Delivery]:
    """Take up to ``limit`` due deliveries under a lease, oldest first, with what sending
    needs (post, market, variants, media and their assets, channel) loaded; [] if none."""
    lease_until = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    if connection.vendor == "postgresql":
        claimed_ids = _claim_skip_locked(now, worker, lease_until, limit)
    else:
        claimed_ids = _claim_conditional(now, worker, lease_until, limit)
    if not claimed_ids:
        return []
    claimed = list(
        Delivery.objects.select_related("post__market", "channel")
        .prefetch_related("post__variants", "post__media__asset")
        .filter(pk__in=claimed_ids)
        .order_by("due_at", "id")
    )
    _mark_posts_publishing([d.post_id for d in claimed if d.post.state == State.SCHEDULED])
    return claimed


def claim_one_due(now: datetime, worker: str) -> Delivery | None:
    """Take one due delivery under a lease; None when nothing is due."""
    claimed = claim_due(now, worker, 1)
    return claimed[0] if claimed else None


# PostgreSQL: pick and lease in one statement; SKIP LOCKED lets concurrent workers pass
# over rows another is taking instead of queueing behind them. The pick is a MATERIALIZED
# CTE because "WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)" may be re-run by the
# planner (as the inner side of a join) and then lease more than n rows. A worker that
# died holding the lease may have sent: "outcome_unknown OR state = in_flight" makes the
# next one read back first (SET expressions see the row as it was before the update).
_CLAIM_SQL = """
WITH picked AS MATERIALIZED (
    SELECT due.id FROM publishing_delivery AS due
    JOIN publishing_channel AS channel ON channel.id = due.channel_id
    WHERE channel.status = 'active'
      AND ((due.state = 'pending' AND due.due_at <= %(now)s)
           OR (due.state = 'in_flight' AND due.lease_expires_at < %(now)s))
    ORDER BY due.due_at, due.id
    LIMIT %(limit)s
    FOR UPDATE OF due SKIP LOCKED
)
UPDATE publishing_delivery AS d
SET state = 'in_flight', lease_owner = %(worker)s, lease_expires_at = %(lease_until)s,
    attempts = d.attempts + 1, first_attempt_at = COALESCE(d.first_attempt_at, %(now)s),
    outcome_unknown = d.outcome_unknown OR d.state = 'in_flight'
FROM picked
WHERE d.id = picked.id
RETURNING d.id
"""


def _claim_skip_locked(now: datetime, worker: str, lease_until: datetime, limit: int) -> list[int]:
    params: dict[str, SqlValue] = {
        "worker": worker,
        "lease_until": lease_until,
        "now": now,
        "limit": limit,
    }
    with connection.cursor() as cursor:  # one statement: atomic on its own
        cursor.execute(_CLAIM_SQL, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _claim_conditional(now: datetime, worker: str, lease_until: datetime, limit: int) -> list[int]:
    """Elsewhere (SQLite): read candidates, then an UPDATE that repeats the "is due"
    condition and the attempt count it read, so only one of two racing workers matches."""
    claimed: list[int] = []
    candidates = Delivery.objects.filter(_due(now)).order_by("due_at", "id")
    for candidate in candidates.values("pk", "attempts", "state")[: limit + 10]:
        changes: dict[str, object] = {
            "state": DeliveryState.IN_FLIGHT,
            "lease_owner": worker,
            "lease_expires_at": lease_until,
            "attempts": F("attempts") + 1,
            "first_attempt_at": Coalesce(F("first_attempt_at"), Value(now)),
        }
        if candidate["state"] == DeliveryState.IN_FLIGHT:
            changes["outcome_unknown"] = True  # its worker died holding the lease
        if Delivery.objects.filter(
            _due(now), pk=candidate["pk"], attempts=candidate["attempts"]
        ).update(**changes):
            claimed.append(int(candidate["pk"]))
            if len(claimed) == limit:
                break
    return claimed


def release(deliveries: Sequence[Delivery], worker: str) -> int:
    """Hand back claimed deliveries that were not attempted: due again at once, for
    any worker, and the claim does not count as an attempt."""
    if not deliveries:
        return 0
    released = Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], state=DeliveryState.IN_FLIGHT, lease_owner=worker
    ).update(
        state=DeliveryState.PENDING,
        lease_owner="",
        lease_expires_at=None,
        attempts=F("attempts") - 1,
    )
    if released:  # due at once: a sleeping worker can take them over now
        wake_workers_if_due_soon(timezone.now())
    return released


def publish_one_due(
    now: datetime, worker: str, send: Sender, find: Finder, rng: random.Random | None = None
) -> Step | None:
    """Claim one due delivery and attempt it. Returns what happened, or None if idle."""
    delivery = claim_one_due(now, worker)
    if delivery is None:
        return None
    step = attempt(delivery, now, worker, send, find, rng)
    refresh_posts_state([step.settle_post_id] if step.settle_post_id else [])
    return step


def publish_claimed(
    claimed: Sequence[Delivery],
    worker: str,
    send: Sender,
    find: Finder,
    clock: Callable[[], datetime],
    should_stop: Callable[[], bool] = lambda: False,
    rng: random.Random | None = None,
) -> list[Step]:
    """Attempt a claimed batch in order, then update the posts whose deliveries are all
    finished (one statement for the batch). Stopping hands back what is left; so do
    the deliveries of a channel that turned out to need reconnecting (one notice is
    enough)."""
    steps: list[Step] = []
    parked: set[int] = set()
    try:
        for index, delivery in enumerate(claimed):
            if should_stop():
                release(claimed[index:], worker)
                break
            if delivery.channel_id in parked:
                release([delivery], worker)
                continue
            try:
                step = attempt(delivery, clock(), worker, send, find, rng)
            except BaseException:
                # This one may have reached the network: its lease expires and whoever
                # takes it over reads back. The rest never left: hand them back now.
                release(claimed[index + 1 :], worker)
                raise
            if step.outcome == "needs_reconnect":
                parked.add(delivery.channel_id)
            steps.append(step)
    finally:
        refresh_posts_state([s.settle_post_id for s in steps if s.settle_post_id])
    return steps


def attempt(
    delivery: Delivery,
    now: datetime,
    worker: str,
    send: Sender,
    find: Finder,
    rng: random.Random | None = None,
) -> Step:
    """Attempt one claimed delivery: record the attempt, call the network, record the outcome."""
    attempt_id = _record_attempt_start(delivery, worker, now)
    if attempt_id is None:
        return Step(delivery.pk, "lost_lease")  # taken over while waiting in the batch
    try:
        published = _read_back_or_send(delivery, now, send, find)
    except UnknownOutcome as exc:
        return _retry(delivery, attempt_id, worker, now, str(exc), None, rng, unknown=True)
    except PublishError as exc:
        if exc.needs_reconnect:
            return _wait_for_reconnect(delivery, attempt_id, worker, now, str(exc))
        if not exc.permanent and delivery.attempts < settings.WORKER_MAX_ATTEMPTS:
            return _retry(delivery, attempt_id, worker, now, str(exc), exc.retry_after, rng)
        return _fail(delivery, attempt_id, worker, now, str(exc))
    except Exception as exc:  # noqa: BLE001 - one delivery's bug must not stop the others
        return _unexpected(delivery, attempt_id, worker, now, exc, rng)
    return _publish(delivery, attempt_id, worker, now, published)


def _unexpected(
    delivery: Delivery,
    attempt_id: int,
    worker: str,
    now: datetime,
    error: Exception,
    rng: random.Random | None,
) -> Step:
    """Anything else sending or reading back raised (a network's garbage tripping a
    bug, a broken channel config): a transient failure of this delivery only.

    The traceback goes to the log; the delivery keeps the error's class, retries with
    the usual backoff and fails after the usual number of attempts. It reads back
    first, because the request may have been sent before the error.
    """
    logger.exception(
        "Delivery %s failed unexpectedly on attempt %s", delivery.pk, delivery.attempts
    )
    message = f"An unexpected error ({type(error).__name__}) stopped this attempt."
    if delivery.attempts < settings.WORKER_MAX_ATTEMPTS:
        return _retry(
            delivery, attempt_id, worker, now, f"{message} onshore will try again.", None, rng,
            read_back=True,
        )  # fmt: skip
    return _fail(delivery, attempt_id, worker, now, f"{message} onshore gave up.")


def _read_back_or_send(delivery: Delivery, now: datetime, send: Sender, find: Finder) -> Published:
    if delivery.outcome_unknown:
        found = find(delivery, now)
        if found is not None:
            return found
    return send(delivery, now)


# The attempt is written (and committed) before the network call, so a crash leaves a
# visible trace; in the same statement the lease is renewed from now, so a delivery
# that waited behind slow ones in its batch still has a whole lease for its own call.
# No row means the lease was lost meanwhile (taken over): then nothing is sent.
_START_SQL = """
WITH renewed AS (
    UPDATE publishing_delivery SET lease_expires_at = %(lease_until)s
    WHERE id = %(delivery)s AND state = 'in_flight' AND lease_owner = %(worker)s
    RETURNING id
)
INSERT INTO publishing_deliveryattempt
    (delivery_id, worker, started_at, finished_at, outcome, message)
SELECT id, %(worker)s, %(now)s, NULL, '', '' FROM renewed
RETURNING id
"""


def _record_attempt_start(delivery: Delivery, worker: str, now: datetime) -> int | None:
    lease_until = now + timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    if connection.vendor == "postgresql":
        params: dict[str, SqlValue] = {
            "lease_until": lease_until,
            "delivery": delivery.pk,
            "worker": worker,
        }
        with connection.cursor() as cursor:
            cursor.execute(_START_SQL, {**params, "now": now})
            row = cursor.fetchone()
        return int(row[0]) if row else None
    with transaction.atomic():
        if not Delivery.objects.filter(_holding(delivery, worker)).update(
            lease_expires_at=lease_until
        ):
            return None
        return int(
            DeliveryAttempt.objects.create(delivery=delivery, worker=worker, started_at=now).pk
        )


def _holding(delivery: Delivery, worker: str) -> Q:
    return Q(pk=delivery.pk, state=DeliveryState.IN_FLIGHT, lease_owner=worker)


# The outcome: the delivery moves only if this worker still holds it, and the attempt
# says which (lost_lease otherwise). One statement on PostgreSQL, one transaction else.
_FINISH_DELIVERY_SQL = """
UPDATE publishing_delivery
SET lease_owner = '', lease_expires_at = NULL, {changes}
WHERE id = %(delivery)s AND state = 'in_flight' AND lease_owner = %(worker)s
"""
_FINISH_ATTEMPT_SQL = """
UPDATE publishing_deliveryattempt
SET finished_at = %(now)s, message = %(message)s, outcome = {outcome}
WHERE id = %(attempt)s
"""
_FINISH_SQL = (
    "WITH finished AS ("
    + _FINISH_DELIVERY_SQL
    + " RETURNING id)"
    + _FINISH_ATTEMPT_SQL.format(
        outcome="CASE WHEN EXISTS (SELECT 1 FROM finished) THEN %(outcome)s ELSE 'lost_lease' END"
    )
    + " RETURNING outcome"
)


def _finish(
    delivery: Delivery,
    attempt_id: int,
    worker: str,
    now: datetime,
    outcome: str,
    message: str,
    attempts_delta: int = 0,
    **fields: SqlValue,
) -> Step:
    ops = connection.ops
    params: dict[str, SqlValue] = {
        f"set_{name}": ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime)
        else value
        for name, value in fields.items()
    }
    changes = [f"{name} = %(set_{name})s" for name in fields]
    if attempts_delta:
        changes.append("attempts = attempts + %(attempts_delta)s")
    params.update(
        delivery=delivery.pk,
        worker=worker,
        attempts_delta=attempts_delta,
        now=ops.adapt_datetimefield_value(now),
        message=message[:2000],
        attempt=attempt_id,
        outcome=outcome,
    )
    finish_delivery = _FINISH_DELIVERY_SQL.format(changes=", ".join(changes))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_FINISH_SQL.format(changes=", ".join(changes)), params)
            recorded = str(cursor.fetchone()[0])
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(finish_delivery, params)
            recorded = outcome if cursor.rowcount else "lost_lease"
            cursor.execute(
                _FINISH_ATTEMPT_SQL.format(outcome="%(outcome)s"), {**params, "outcome": recorded}
            )
    final = recorded != "lost_lease" and fields.get("state") in FINAL_STATES
    return Step(delivery.pk, recorded, delivery.post_id if final else None)


def _publish(
    delivery: Delivery, attempt_id: int, worker: str, now: datetime, published: Published
) -> Step:
    step = _finish(
        delivery,
        attempt_id,
        worker,
        now,
        "published",
        published.url or "",
        state=DeliveryState.PUBLISHED.value,
        remote_id=published.remote_id,
        remote_url=published.url or "",
        published_at=now,
        outcome_unknown=False,
        last_error="",
    )
    if step.outcome == "published":  # once: a lost lease means another worker finished it
        channel = delivery.channel
        notifier().post_published(delivery.post, f"{channel.name} ({channel.get_kind_display()})")
    return step


def _retry(
    delivery: Delivery,
    attempt_id: int,
    worker: str,
    now: datetime,
    message: str,
    retry_after: float | None,
    rng: random.Random | None,
    unknown: bool = False,
    read_back: bool = False,
) -> Step:
    wait = backoff(delivery.attempts, retry_after, rng or random.Random())
    return _finish(
        delivery,
        attempt_id,
        worker,
        now,
        "unknown" if unknown else "retry",
        message,
        state=DeliveryState.PENDING.value,
        due_at=now + wait,
        last_error=message,
        outcome_unknown=unknown or read_back or delivery.outcome_unknown,
    )


def _fail(delivery: Delivery, attempt_id: int, worker: str, now: datetime, message: str) -> Step:
    step = _finish(
        delivery,
        attempt_id,
        worker,
        now,
        "failed",
        message,
        state=DeliveryState.FAILED.value,
        last_error=message,
    )
    if step.outcome == "failed":
        from onshore.publishing.notify import delivery_failed

        delivery_failed(delivery, message)
    return step


def _wait_for_reconnect(
    delivery: Delivery, attempt_id: int, worker: str, now: datetime, message: str
) -> Step:
    """Rejected credentials (or a webhook URL that is gone): the channel is parked until
    a manager reconnects it; this delivery waits with the others, the attempt uncounted.
    Only the worker that parked the channel e-mails the managers: once per parking."""
    parked_now = parking.park(delivery.channel_id, message, now)
    step = _finish(
        delivery,
        attempt_id,
        worker,
        now,
        "needs_reconnect",
        message,
        attempts_delta=-1,
        state=DeliveryState.PENDING.value,
        last_error=message,
    )
    if parked_now:
        parking.tell_managers_channel_parked(delivery.channel_id)
    return step


def backoff(attempts: int, retry_after: float | None, rng: random.Random) -> timedelta:
    """Exponential backoff with jitter, capped, and never sooner than the network asked."""
    base = timedelta(seconds=settings.WORKER_BACKOFF_SECONDS)
    doubling: int = 2 ** max(attempts - 1, 0)  # int ** int is typed Any (it may be a float)
    ceiling = min(base * doubling, BACKOFF_CAP)
    wait = ceiling * rng.uniform(0.5, 1.0)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=min(retry_after, LONGEST_NETWORK_WAIT)))
    return wait


def _mark_posts_publishing(post_ids: list[int]) -> None:
    if post_ids:
        Post.objects.filter(pk__in=post_ids, state=State.SCHEDULED).update(state=State.PUBLISHING)


# Published when every delivery is; failed when one failed and none is still open.
# One statement, run after the deliveries' own changes are committed: of two workers
# finishing a post's last two deliveries at once, the later statement sees both.
_SETTLE_SQL = """
UPDATE posts_post SET state = CASE
    WHEN EXISTS (SELECT 1 FROM publishing_delivery AS d
                 WHERE d.post_id = posts_post.id AND d.state = 'failed') THEN 'failed'
    ELSE 'published' END
WHERE {which} AND state IN ('scheduled', 'publishing')
  AND EXISTS (SELECT 1 FROM publishing_delivery AS d
              WHERE d.post_id = posts_post.id AND d.state IN ('published', 'failed'))
  AND NOT EXISTS (SELECT 1 FROM publishing_delivery AS d
                  WHERE d.post_id = posts_post.id AND d.state IN ('pending', 'in_flight'))
"""


def refresh_posts_state(post_ids: Sequence[int]) -> None:
    """Published when every delivery is; failed when one failed and none is still open."""
    if not post_ids:
        return
    placeholders = ", ".join(f"%(post{n})s" for n in range(len(post_ids)))
    params = {f"post{n}": post_id for n, post_id in enumerate(post_ids)}
    with connection.cursor() as cursor:
        cursor.execute(_SETTLE_SQL.format(which=f"id IN ({placeholders})"), params)


def settle_posts() -> int:
    """The same for every post still publishing: covers a worker that died between
    finishing a post's last delivery and updating the post. Run at worker start-up."""
    with connection.cursor() as cursor:
        cursor.execute(_SETTLE_SQL.format(which="state = 'publishing'"))
        return int(cursor.rowcount)
