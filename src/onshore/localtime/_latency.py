"""How long a message waits before the person it is for is at work to read it.

Two views of the same question:

* **from working hours** — a message sent at an instant is seen at the receiver's next
  working moment (:func:`next_working_moment`); :func:`median_reply_wait` takes the
  median over the instants a sender at work might send;
* **from what happened** — :func:`median_observed_wait` over (message, reply) pairs
  from the comment history.

"Likely" in the sentences is honest: working hours say when someone is at their desk,
not when they open the app.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from onshore.localtime._hours import WeeklyHours
from onshore.localtime._overlap import Interval, Schedule, working_intervals

# Long enough to reach the same weekday next week, even if DST swallowed this week's
# only span (a 02:00–02:30 span on a spring-forward night lasts no time at all).
_HORIZON = timedelta(days=15)
# Enough to pass a weekend from Friday evening to Monday's first span.
_FIRST_LOOK = timedelta(days=4)


def is_working(schedule: Schedule, at: datetime) -> bool:
    """Whether ``at`` falls in one of the person's working spans (start in, end out)."""
    return bool(working_intervals(schedule, at, at + timedelta(microseconds=1)))


def next_working_moment(schedule: Schedule, at: datetime) -> datetime:
    """The first instant at or after ``at`` when the person is at work, as aware UTC.

    Equal to ``at`` when they are at work already. ValueError for a schedule without
    working hours (such a person never sees anything; the caller must say so).
    """
    intervals = working_intervals(schedule, at, at + _HORIZON)
    if not intervals:
        raise ValueError("working hours: this schedule has no working time in a week")
    return intervals[0][0]


def when_at_work(hours: WeeklyHours, zone: str, instant: datetime) -> datetime:
    """When a message written at ``instant`` should reach someone with these working
    ``hours`` on the clocks of ``zone``: ``instant`` itself while they are at work,
    otherwise the start of their next working period (aware UTC).

    DST is counted as the clocks show it (a 09:00 start is 09:00 on their clock on
    either side of a change). Someone who has given no working hours has not told us
    when they work, so the message is not held back: ``instant`` is returned.
    """
    at = _as_utc(instant, "instant")
    if not any(hours.values()):
        return at
    schedule = Schedule(zone, hours)
    # Most people are at work within a few days (a weekend at most): look there first,
    # which costs a quarter of walking the full horizon.
    soon = working_intervals(schedule, at, at + _FIRST_LOOK)
    return soon[0][0] if soon else next_working_moment(schedule, at)


def expected_wait(schedule: Schedule, at: datetime) -> timedelta:
    """How long a message sent at ``at`` waits before the person is at work; 0 if now."""
    return next_working_moment(schedule, at) - at


def describe_when_seen(name: str, schedule: Schedule, at: datetime) -> str:
    """'Alex will likely see this at 14:00 their time — in 9 h' for a message sent at ``at``.

    Says 'tomorrow' or the weekday when their next working moment is not on the date
    their clock shows at ``at``, so 09:00 is not read as "this morning".
    """
    seen = next_working_moment(schedule, at)
    sent_local = at.astimezone(schedule.tz)
    seen_local = seen.astimezone(schedule.tz)
    if seen == at:
        return f"{name} is at work now ({sent_local:%H:%M} their time)"
    day = _day_words(sent_local, seen_local)
    return (
        f"{name} will likely see this at {seen_local:%H:%M}{day} their time — "
        f"in {format_wait(seen - at)}"
    )


def median_reply_wait(
    sender: Schedule, receiver: Schedule, sample_instants: Iterable[datetime]
) -> timedelta | None:
    """Median wait until ``receiver`` is at work, over the samples when ``sender`` is.

    Samples outside the sender's hours are left out: work messages are written at work,
    and counting the night would blame the receiver for the sender's sleep. Evenly
    spaced samples over a whole week weigh every working moment equally. None when no
    sample falls in the sender's hours.
    """
    samples = sorted(_as_utc(instant, "sample instant") for instant in sample_instants)
    if not samples:
        return None
    sent = working_intervals(sender, samples[0], samples[-1] + timedelta(microseconds=1))
    seen = working_intervals(receiver, samples[0], samples[-1] + _HORIZON)
    waits = [_wait(seen, instant) for instant in samples if _inside(sent, instant)]
    return _median(waits) if waits else None


def median_observed_wait(pairs: Sequence[tuple[datetime, datetime]]) -> timedelta | None:
    """Median time from a message to its reply, from (message, reply) instant pairs.

    None when there are no pairs. ValueError naming the pair (from 1) when a reply comes
    before its message or an instant is naive: bad history must not skew the median.
    """
    waits = []
    for position, (message, reply) in enumerate(pairs, start=1):
        where = f"pair {position}"
        wait = _as_utc(reply, where) - _as_utc(message, where)
        if wait < timedelta():
            raise ValueError(f"{where}: the reply ({reply}) is before the message ({message})")
        waits.append(wait)
    return _median(waits) if waits else None


def format_wait(span: timedelta) -> str:
    """'9 h', '2 h 30 min', '45 min', '1 day 15 h' — to the nearest minute."""
    minutes = round(span.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} day" + ("s" if days > 1 else "")] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes and not days else []  # minutes are noise then
    return " ".join(parts) or "0 min"


def _median(values: list[timedelta]) -> timedelta:
    # statistics.median is typed for numbers only; timedeltas add and halve just as well.
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _day_words(sent: datetime, seen: datetime) -> str:
    days_apart = (seen.date() - sent.date()).days
    if days_apart == 0:
        return ""
    if days_apart == 1:
        return " tomorrow"
    return f" on {seen:%A}"


def _inside(intervals: Sequence[Interval], instant: datetime) -> bool:
    index = bisect_right(intervals, instant, key=lambda interval: interval[0]) - 1
    return index >= 0 and instant < intervals[index][1]


def _wait(intervals: Sequence[Interval], instant: datetime) -> timedelta:
    """Time from ``instant`` to the next working moment in ``intervals`` (0 if inside)."""
    if _inside(intervals, instant):
        return timedelta()
    index = bisect_right(intervals, instant, key=lambda interval: interval[0])
    if index == len(intervals):
        raise ValueError("working hours: the receiver has no working time in a week")
    return intervals[index][0] - instant


def _as_utc(at: datetime, where: str) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{where}: an aware datetime is required (a naive one has no instant)")
    return at.astimezone(UTC)
