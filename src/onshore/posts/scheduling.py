"""Scheduling in one step: pick a time (typed, a free slot, a DST suggestion, "now", a
calendar drop) and an approved post is Scheduled in the same submit.

Every path goes through ``editing.set_schedule`` (the market's wall time, DST and
past-time refusals, the outbox of a post already scheduled) and then, for an approved
post, ``workflow.perform(..., "schedule")`` (role and state rules, history, deliveries),
in one transaction: a refused second step leaves no time half-set.

The choices a page offers (the next free slots, the times either side of a DST gap, the
two occurrences of a repeated hour) are ``TimeChoice`` values, each a wall time the
schedule form takes back as it is, labelled in the market's zone and the viewer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.timezone import now

from onshore.localtime import WallTime, describe_in_zones, describe_passed, next_free_slots
from onshore.posts import editing, workflow
from onshore.posts.models import Post, State
from onshore.workspaces.models import Market, Membership

SLOT_BUTTONS = 5  # how many of the market's next free slots the post page offers
DEFAULT_CLOCK = time(9)  # a calendar drop on a day when the post and market give no time
# "Publish now" schedules the next whole minute at least this far ahead, so the time is
# still in the future when the schedule step checks it and the worker picks it up at once.
NOW_MARGIN = timedelta(seconds=30)
# The states in which a post's time can still be chosen (set_schedule refuses the rest).
TIMED_STATES = frozenset(
    {State.DRAFT, State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED, State.SCHEDULED}
)


@dataclass(frozen=True)
class TimeChoice:
    """A wall time in the market's zone the schedule form can submit as one button."""

    day: date
    clock: time
    fold: int | None  # which occurrence of a repeated wall time; None for the others
    label: str  # 'Tue 1 December 2026, 09:30 New York · Tue 1 December, 20:00 your time'

    @property
    def fold_value(self) -> str:
        return "" if self.fold is None else str(self.fold)


def schedule_post(
    post: Post,
    member: Membership,
    day: date,
    clock: time,
    fold: int | None,
    current: datetime | None = None,
) -> editing.ScheduleResult:
    """Set the post's wall time and, when it is approved, schedule it (see module doc).

    Returns how the wall time resolved: only "ok" changed anything. Raises what
    ``set_schedule`` and ``perform`` raise (ValidationError on "time", TransitionError).
    """
    with transaction.atomic():
        result = editing.set_schedule(post, member, day, clock, fold, current)
        if result.kind == "ok" and post.state == State.APPROVED:
            workflow.perform(post, member, "schedule")
            post.refresh_from_db()
    return result


def publish_now(
    post: Post, member: Membership, current: datetime | None = None
) -> editing.ScheduleResult:
    """'Publish now' after a past time was refused: the next whole minute of the market's
    clock, at least ``NOW_MARGIN`` ahead, through the same path as any other time."""
    current = current or now()
    choice = soon_choice(post.market.timezone, current)
    return schedule_post(post, member, choice.day, choice.clock, choice.fold, current)


def passed_time_note(post: Post, current: datetime) -> str:
    """For an approved post whose time passed while it waited (in review, or imported
    from a plan): why it cannot be scheduled as it is, with the market's clock now."""
    if post.state != State.APPROVED or post.scheduled_at is None or post.scheduled_at > current:
        return ""
    assert post.scheduled_date is not None and post.scheduled_time is not None
    return describe_passed(post.scheduled_date, post.scheduled_time, post.scheduled_zone, current)


def soon_choice(zone: str, current: datetime) -> TimeChoice:
    soon = (current + NOW_MARGIN + timedelta(seconds=59)).replace(second=0, microsecond=0)
    return _choice_at(soon, zone, zone)


def free_slot_choices(
    post: Post, viewer_zone: str, current: datetime, count: int = SLOT_BUTTONS
) -> list[TimeChoice]:
    """The market's next ``count`` posting slots no post of the market holds."""
    market: Market = post.market
    if not market.posting_slots:
        return []
    # The post's own time counts as taken too: offering the time it has is no choice.
    taken = Post.objects.filter(market=market, scheduled_at__gt=current).values_list(
        "scheduled_at", flat=True
    )
    instants = next_free_slots(
        market.slots, market.timezone, current, [at for at in taken if at is not None], count
    )
    return [_choice_at(instant, market.timezone, viewer_zone) for instant in instants]


def question_choices(result: WallTime, viewer_zone: str) -> list[TimeChoice]:
    """Buttons that answer a refused wall time: the nearest valid times either side of a
    DST gap, or both occurrences of a repeated one (each with its UTC offset)."""
    if result.kind == "skipped":
        return [
            _choice_at(candidate.instant, result.zone, viewer_zone)
            for candidate in result.suggestions
        ]
    if result.kind == "ambiguous":
        choices = []
        for which, candidate in zip(("first", "second"), result.candidates, strict=True):
            # 'The first: 01:30 EDT (UTC-04:00) · Sun 1 November, 11:00 your time'
            viewer = describe_in_zones(candidate.instant, result.zone, viewer_zone)
            yours = viewer.split(" · ", 1)[1:]
            label = " · ".join([f"The {which}: {candidate.label()}", *yours])
            choices.append(TimeChoice(result.day, result.clock, candidate.fold, label))
        return choices
    return []


def _choice_at(instant: datetime, zone: str, viewer_zone: str) -> TimeChoice:
    """The wall time an instant reads in ``zone``, with its occurrence when it repeats
    (an instant's own reading always exists; read with the other fold, a repeated one
    gives another offset)."""
    local = instant.astimezone(ZoneInfo(zone))
    repeated = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    return TimeChoice(
        local.date(),
        local.time().replace(tzinfo=None),
        local.fold if repeated else None,
        describe_in_zones(instant, zone, viewer_zone),
    )


def market_wall_time(
    day: date, clock: time, viewer_zone: str, market_zone: str
) -> tuple[date, time, int | None]:
    """A drop on the week view shown in the viewer's zone: the hour row is the viewer's
    clock, so read it there and give the market's wall time (and occurrence) it is."""
    instant = datetime.combine(day, clock, tzinfo=ZoneInfo(viewer_zone))
    choice = _choice_at(instant, market_zone, viewer_zone)
    return choice.day, choice.clock, choice.fold


def drop_clock(post: Post, day: date, hour: int | None) -> time:
    """The wall time a calendar drop gives: the hour dropped on (week view) keeping the
    post's minutes; else the post's own time of day; else the market's first posting
    slot that day; else 09:00 in the market's zone."""
    own = post.scheduled_time
    if hour is not None:
        return (own or time(0)).replace(hour=hour)
    if own is not None:
        return own
    slots = sorted(slot.clock for slot in post.market.slots if day.weekday() in slot.weekdays)
    return slots[0] if slots else DEFAULT_CLOCK
