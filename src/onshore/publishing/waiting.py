"""Why a delivery waits, in words: for the post page, the calendar and the Posts list.

A post that does not go out must say why, where people look: its channel needs
reconnecting (since when, and what the network said), it is retrying after an error
(the next attempt, with the date in the market's time and the viewer's), or it waits
for its time. And before it is published, what would stop it: no channel connected for
its market, or one that is parked. Provides ``posts.publishing_port.Publishing``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from onshore.localtime import describe_in_zones
from onshore.posts.models import Post, State
from onshore.posts.publishing_port import NEEDS_RECONNECT, NO_CHANNEL, RETRYING, DeliveryLine
from onshore.publishing import kinds
from onshore.publishing.models import OPEN_STATES, Channel, Delivery, DeliveryState

PARKED = Channel.Status.NEEDS_RECONNECT
# States whose post may still wait on a delivery (the badge's concern).
WAITING_POST_STATES = (State.SCHEDULED, State.PUBLISHING)
# States of a post with a time that is not published yet (attention's concern).
NOT_SENT_YET = (
    State.DRAFT,
    State.IN_REVIEW,
    State.CHANGES_REQUESTED,
    State.APPROVED,
    State.SCHEDULED,
)


def delivery_lines(post: Post, viewer_zone: str, now: datetime) -> list[DeliveryLine]:
    deliveries = (
        Delivery.objects.filter(post=post)
        .exclude(state=DeliveryState.CANCELLED)
        .select_related("channel")
        .order_by("channel__created_at", "id")
    )
    zone = post.market.timezone
    return [_line(d, _when(zone, viewer_zone), now) for d in deliveries]


# An instant as people read it here: its date and time in the market's zone and the viewer's.
When = Callable[[datetime], str]


def _when(market_zone: str, viewer_zone: str) -> When:
    return lambda instant: describe_in_zones(instant, market_zone, viewer_zone)


def reason_for(delivery: Delivery, viewer_zone: str, now: datetime) -> str:
    """Why one delivery waits (or what happened to it), as the post page says it."""
    when = _when(delivery.post.market.timezone, viewer_zone)
    state = DeliveryState(delivery.state)
    if state == DeliveryState.CANCELLED:
        return "Cancelled: the post was unscheduled or edited."
    return _reason(delivery, state, when, now)


def _line(delivery: Delivery, when: When, now: datetime) -> DeliveryLine:
    state = DeliveryState(delivery.state)
    parked = state == DeliveryState.PENDING and delivery.channel.status == PARKED
    return DeliveryLine(
        channel=str(delivery.channel),
        state=str(state.value),
        state_label=str(state.label),
        reason=_reason(delivery, state, when, now),
        needs_reconnect=parked,
        remote_url=delivery.remote_url if state == DeliveryState.PUBLISHED else "",
    )


def _reason(delivery: Delivery, state: DeliveryState, when: When, now: datetime) -> str:
    if state == DeliveryState.PUBLISHED:
        return f"Published {when(delivery.published_at) if delivery.published_at else 'earlier'}."
    if state == DeliveryState.FAILED:
        return f"Failed: {delivery.last_error}"
    if state == DeliveryState.IN_FLIGHT:
        return "Being sent now."
    if delivery.channel.status == PARKED:
        return _parked_reason(delivery.channel, when)
    if delivery.attempts:
        return _retry_reason(delivery, when)
    if delivery.due_at > now:
        return f"Waiting for its time: {when(delivery.due_at)}."
    return "Due now: the worker sends it within seconds."


def _parked_reason(channel: Channel, when: When) -> str:
    since = f" since {when(channel.parked_at)}" if channel.parked_at else ""
    said = f" The network said: {channel.status_message}" if channel.status_message else ""
    return (
        f"The channel needs reconnecting{since}.{said} It goes out once the channel is reconnected."
    )


def _retry_reason(delivery: Delivery, when: When) -> str:
    return (
        f"Retrying after an error: {delivery.last_error} Next attempt "
        f"{when(delivery.due_at)} (attempt {delivery.attempts + 1} of "
        f"{settings.WORKER_MAX_ATTEMPTS})."
    )


def waiting_badges(posts: QuerySet[Post]) -> dict[int, str]:
    """One grouped query, whatever the number of posts; only the posts that wait come
    back (HAVING). Counting over a join, not an EXISTS per post: with 20,000 posts and
    a month of 6,700 scheduled ones it takes 20-30 ms on SQLite and PostgreSQL alike,
    where EXISTS probes took 7 s on PostgreSQL before its statistics were gathered."""
    open_delivery = Q(deliveries__state__in=OPEN_STATES)
    waiting = (
        posts.filter(state__in=WAITING_POST_STATES)
        .order_by()
        .annotate(
            parked=Count(
                "deliveries", filter=open_delivery & Q(deliveries__channel__status=PARKED)
            ),
            retrying=Count(
                "deliveries",
                filter=Q(deliveries__state=DeliveryState.PENDING, deliveries__attempts__gt=0),
            ),
            going=Count("deliveries", filter=~Q(deliveries__state=DeliveryState.CANCELLED)),
        )
        .filter(Q(parked__gt=0) | Q(retrying__gt=0) | Q(going=0))
        .values_list("pk", "parked", "retrying")
    )
    return {pk: _badge(parked > 0, retrying > 0) for pk, parked, retrying in waiting}


def _badge(parked: bool, retrying: bool) -> str:
    if parked:
        return NEEDS_RECONNECT
    if retrying:
        return RETRYING
    return NO_CHANNEL  # the query returns a post only when one of the three holds


def attention(post: Post, viewer_zone: str) -> list[str]:
    if post.scheduled_at is None or post.state not in NOT_SENT_YET:
        return []
    channels = _receiving_channels(post)
    if not channels:
        return [_no_channel_note(post)]
    when = _when(post.market.timezone, viewer_zone)
    return [_parked_note(c, when) for c in channels if c.status == PARKED]


def _receiving_channels(post: Post) -> list[Channel]:
    chosen = set(post.networks)
    market_channels = Channel.objects.filter(market_id=post.market_id)
    return [c for c in market_channels if kinds.receives_post(c.kind, chosen)]


def _no_channel_note(post: Post) -> str:
    networks = _listed(post.networks)
    missing = (
        f"No channel of {post.market.label} publishes to {networks}"
        if networks
        else f"No channel is connected for {post.market.label}"
    )
    # The same words before and after the schedule step: one-step scheduling reads
    # them from set_schedule's result, while the post is still approved.
    return (
        f"{missing}: connect one on the Channels page, or this post will stay Scheduled "
        "and never be sent."
    )


def _parked_note(channel: Channel, when: When) -> str:
    since = f" since {when(channel.parked_at)}" if channel.parked_at else ""
    return (
        f"{channel} needs reconnecting{since}: this post waits for it until someone "
        "reconnects it on the Channels page."
    )


def _listed(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"
