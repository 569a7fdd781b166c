"""When two people (or a person and a market) are both at work, week by week.

Each side's working week is a :class:`Schedule`: an IANA zone and the working spans per
weekday *in that zone's wall-clock time*. Overlap is found by turning both weeks into
real UTC intervals, day by day in each side's own calendar, and intersecting them, so
every DST change, every half- or quarter-hour zone and every span past midnight is
counted exactly as it happens. Nothing is computed from "the offset between the zones":
that offset changes on different days in different countries.

DST rules, the same as for posting slots (see ``_slots``):

* A span's start and end are wall-clock readings. Each becomes **the first instant at
  which the person's clock shows that reading or a later one**: a time inside a
  spring-forward gap becomes the moment the clocks jump (02:30 on 8 March 2026 in New
  York → 03:00 EDT), and a time repeated by a fall-back becomes its first occurrence
  (01:30 on 1 November 2026 in New York → 01:30 EDT).
* A span is measured between those two instants, not by its wall-clock length: a
  22:00–06:00 night shift lasts 7 h on the night the clocks go forward and 9 h on the
  night they go back, which is how long the person is actually at work.
* A span whose end is not after its start on the clock (``DayHours.crosses_midnight``)
  ends on the next calendar day; it belongs to the day it starts on (a Friday
  22:00–02:00 shift is worked by someone who works Fridays).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from onshore.localtime._hours import WEEKDAYS, DayHours, WeeklyHours
from onshore.localtime._wall import _transition_instant, load_zone

Interval = tuple[datetime, datetime]  # [start, end) as aware UTC datetimes

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Schedule:
    """A working week: spans per weekday (``WeeklyHours``) read on the clocks of ``zone``."""

    zone: str
    hours: WeeklyHours

    def __post_init__(self) -> None:
        load_zone(self.zone)  # fail when the schedule is built, not in the middle of a chart
        unknown = sorted(set(self.hours) - set(WEEKDAYS))
        if unknown:
            raise ValueError(f"unknown weekday {unknown[0]!r}; use {', '.join(WEEKDAYS)}")

    @property
    def tz(self) -> ZoneInfo:
        return load_zone(self.zone)  # ZoneInfo caches instances, so this is a dict lookup


@dataclass(frozen=True)
class WeekOverlap:
    """Time both sides are at work in the week starting ``week_start`` (see weekly_overlap)."""

    week_start: date
    hours: timedelta

    def label(self) -> str:
        return format_hours(self.hours)


def first_instant_showing(wall: datetime, tz: ZoneInfo) -> datetime:
    """The first instant (aware UTC) at which a clock in ``tz`` reads ``wall`` or later.

    ``wall`` is naive. Skipped readings give the moment the clocks jump; repeated ones
    their first occurrence (see the module docstring).
    """
    early = wall.replace(tzinfo=tz).utcoffset()
    late = wall.replace(tzinfo=tz, fold=1).utcoffset()
    assert early is not None and late is not None  # a ZoneInfo always has an offset
    if early >= late:
        # Equal: one instant. Greater: a repeated reading; fold=0 is the first occurrence.
        return (wall - early).replace(tzinfo=UTC)
    return _transition_instant(wall, tz)


def working_intervals(schedule: Schedule, start: datetime, end: datetime) -> list[Interval]:
    """The instants in ``[start, end)`` when the person is at work, sorted and merged.

    Spans that touch or overlap (a night shift running into the next morning's span)
    become one interval, so the result never counts a moment twice.
    """
    start, end = _as_utc(start, "start"), _as_utc(end, "end")
    if end <= start:
        return []
    spans = (
        _clip(interval, start, end)
        for interval in _day_spans(schedule, _local_days(schedule.tz, start, end))
    )
    return _merge(span for span in spans if span is not None)


def overlap_intervals(a: Schedule, b: Schedule, start: datetime, end: datetime) -> list[Interval]:
    """The instants in ``[start, end)`` when both ``a`` and ``b`` are at work."""
    return _intersect(working_intervals(a, start, end), working_intervals(b, start, end))


def overlap_on(a: Schedule, b: Schedule, start: datetime, end: datetime) -> timedelta:
    """How long ``a`` and ``b`` are both at work in ``[start, end)`` (e.g. one UTC day)."""
    return _total(overlap_intervals(a, b, start, end))


def weekly_overlap(a: Schedule, b: Schedule, start: date, weeks: int = 52) -> list[WeekOverlap]:
    """Overlap for each of ``weeks`` weeks, the first starting on ``start``.

    Weeks run from midnight to midnight on **a's** clock (``a`` is the viewer: "your"
    week), each exactly seven calendar days; a week containing a DST change is an hour
    shorter or longer in real time, as the viewer lives it. Both sides' intervals are
    generated once for the whole range and intersected once.
    """
    if weeks < 0:
        raise ValueError("weeks must not be negative")
    bounds = week_bounds(a.tz, start, weeks)
    if weeks == 0:
        return []
    shared = overlap_intervals(a, b, bounds[0], bounds[-1])
    totals = _totals_per_bucket(shared, bounds)
    return [WeekOverlap(start + index * _WEEK, total) for index, total in enumerate(totals)]


def week_bounds(tz: ZoneInfo, start: date, weeks: int) -> list[datetime]:
    """The ``weeks + 1`` instants at which the weeks from ``start`` begin and end."""
    return [
        first_instant_showing(datetime.combine(start + index * _WEEK, time()), tz)
        for index in range(weeks + 1)
    ]


def format_hours(span: timedelta) -> str:
    """'17 h 30 min', '3 h', '45 min', '0 h' — whole minutes, rounded down."""
    minutes = int(span.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    return f"{sign}{rest} min" if rest else f"{sign}{hours} h"


# ---- generating intervals ------------------------------------------------------------


def _local_days(tz: ZoneInfo, start: datetime, end: datetime) -> list[date]:
    # A day early: yesterday's span past midnight can reach into the range.
    first = start.astimezone(tz).date() - _DAY
    last = end.astimezone(tz).date()
    return [first + offset * _DAY for offset in range((last - first).days + 1)]


def _day_spans(schedule: Schedule, days: Iterable[date]) -> list[Interval]:
    tz = schedule.tz
    intervals = []
    for day in days:
        for span in schedule.hours.get(WEEKDAYS[day.weekday()], ()):
            intervals.append(_span_instants(day, span, tz))
    return intervals


def _span_instants(day: date, span: DayHours, tz: ZoneInfo) -> Interval:
    end_day = day + _DAY if span.crosses_midnight() else day
    start = first_instant_showing(datetime.combine(day, span.start), tz)
    end = first_instant_showing(datetime.combine(end_day, span.end), tz)
    return start, end


def _clip(interval: Interval, start: datetime, end: datetime) -> Interval | None:
    clipped = (max(interval[0], start), min(interval[1], end))
    return clipped if clipped[0] < clipped[1] else None


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for begin, finish in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


# ---- combining intervals -------------------------------------------------------------


def _intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """Both lists sorted and merged; one pass, advancing whichever interval ends first."""
    shared = []
    i = j = 0
    while i < len(first) and j < len(second):
        begin = max(first[i][0], second[j][0])
        finish = min(first[i][1], second[j][1])
        if begin < finish:
            shared.append((begin, finish))
        if first[i][1] <= second[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _totals_per_bucket(
    intervals: Sequence[Interval], bounds: Sequence[datetime]
) -> list[timedelta]:
    """Sum of ``intervals`` falling in each ``[bounds[k], bounds[k+1])``, splitting any
    interval that straddles a boundary (an overlap running past the viewer's midnight
    into a new week counts in both weeks)."""
    totals = [timedelta() for _ in range(len(bounds) - 1)]
    bucket = 0
    for begin, finish in intervals:
        while begin < finish and bucket < len(totals):
            if begin >= bounds[bucket + 1]:
                bucket += 1
                continue
            part_end = min(finish, bounds[bucket + 1])
            totals[bucket] += part_end - begin
            begin = part_end
    return totals


def _total(intervals: Iterable[Interval]) -> timedelta:
    return sum((finish - begin for begin, finish in intervals), timedelta())


def _as_utc(at: datetime, where: str) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{where}: an aware datetime is required (a naive one has no instant)")
    return at.astimezone(UTC)
