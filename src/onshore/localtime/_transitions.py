"""Clock changes in a zone, and what they do to the overlap between two people.

``zoneinfo`` does not list a zone's transitions, so they are found by reading the
offset once a day and bisecting each day where it changed, down to the second (tzdata
transitions fall on whole seconds). A year is ~370 cheap offset reads plus ~17 per
change; no private zoneinfo data is touched, so it works with any tzdata source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from onshore.localtime._overlap import (
    Schedule,
    WeekOverlap,
    format_hours,
    week_bounds,
    weekly_overlap,
    working_intervals,
)
from onshore.localtime._wall import _format_offset, load_zone, place_name

_DAY = timedelta(days=1)
_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Transition:
    """A change of a zone's UTC offset (or of its abbreviation) at instant ``at``.

    ``at`` is the first instant (aware UTC) on the new offset.
    """

    zone: str
    at: datetime
    offset_before: timedelta
    offset_after: timedelta
    abbreviation_before: str
    abbreviation_after: str

    @property
    def shift(self) -> timedelta:
        """How far the clocks move: +1 h when they go forward, −1 h when they go back."""
        return self.offset_after - self.offset_before

    @property
    def local_day(self) -> date:
        """The date on the zone's own clock when the change happens (what locals call it)."""
        return self.at.astimezone(load_zone(self.zone)).date()

    def describe(self) -> str:
        """'On Sunday 8 March 2026 at 02:00 the clocks in New York go forward 1 h (EST → EDT).'"""
        before = (self.at + self.offset_before).replace(tzinfo=None)
        where = place_name(self.zone)
        if not self.shift:
            return (
                f"On {_long_day(before.date())} the abbreviation in {where} changes from "
                f"{self.abbreviation_before} to {self.abbreviation_after}."
            )
        direction = "forward" if self.shift > timedelta() else "back"
        names = f" ({self._name(before=True)} → {self._name(before=False)})"
        return (
            f"On {_long_day(before.date())} at {before:%H:%M} the clocks in {where} go "
            f"{direction} {format_hours(abs(self.shift))}{names}."
        )

    def _name(self, *, before: bool) -> str:
        """'EST', or 'UTC+13:45' where tzdata has only a numeric abbreviation ('+1345')."""
        name = self.abbreviation_before if before else self.abbreviation_after
        if name[:1] not in ("+", "-", ""):
            return name
        return f"UTC{_format_offset(self.offset_before if before else self.offset_after)}"


def upcoming_transitions(zone: str, start: datetime, end: datetime) -> list[Transition]:
    """Every transition in ``zone`` with ``start <= at < end``, earliest first.

    Assumes no zone changes offset twice within one day, which tzdata has never needed.
    """
    tz = load_zone(zone)
    start, end = _as_utc(start, "start"), _as_utc(end, "end")
    found = []
    # One second early, so that a change exactly at ``start`` is seen as a change.
    low = start - timedelta(seconds=1)
    state = _state(low, tz)
    while low < end:
        high = min(low + _DAY, end)
        high_state = _state(high, tz)
        if high_state != state:
            found.append(_bisect(zone, tz, low, high, state))
        low, state = high, high_state
    # The last step ends exactly at ``end``; a change landing on ``end`` is out of range.
    return [transition for transition in found if start <= transition.at < end]


def describe_overlap_changes(
    a: Schedule, b: Schedule, start: date, weeks: int = 52, *, other_name: str
) -> list[str]:
    """Sentences for each change in a's weekly overlap with ``other_name`` (b).

    Consecutive weeks with the same overlap form one period. A period that ends by going
    back to the overlap before it is told in one sentence ("From 8 March to 29 March
    your overlap with Priya grows from 17 h 30 min to 22 h 30 min a week, then returns
    to 17 h 30 min."). Dates are the days the clocks change (in the zone that changes),
    found from the transitions; the week's first day is used only if none explains it.
    The year is shown only when it is not ``start``'s.
    """
    runs = _runs(weekly_overlap(a, b, start, weeks))
    changes = [_change_day(a, b, runs[index - 1], run) for index, run in enumerate(runs)][1:]
    sentences = []
    index = 1
    while index < len(runs):
        before, now = runs[index - 1].hours, runs[index].hours
        since = _short_day(changes[index - 1], start.year)
        verb = "grows" if now > before else "shrinks"
        head = f"your overlap with {other_name} {verb} from {format_hours(before)} to"
        amount = f"{format_hours(now)} a week"
        if index + 1 < len(runs):
            until = _short_day(changes[index], start.year)
            returns = runs[index + 1].hours == before
            tail = f", then returns to {format_hours(before)}" if returns else ""
            sentences.append(f"From {since} to {until} {head} {amount}{tail}.")
            index += 2 if returns else 1
        else:
            sentences.append(f"From {since} {head} {amount}.")
            index += 1
    return sentences


# ---- finding transitions ----------------------------------------------------------------


def _state(at: datetime, tz: ZoneInfo) -> tuple[timedelta | None, str | None]:
    local = at.astimezone(tz)
    return local.utcoffset(), local.tzname()


def _bisect(
    zone: str,
    tz: ZoneInfo,
    low: datetime,
    high: datetime,
    before: tuple[timedelta | None, str | None],
) -> Transition:
    """The first second in ``(low, high]`` whose state differs from ``before``."""
    lo, hi = int(low.timestamp()), int(high.timestamp())
    while hi - lo > 1:
        middle = (lo + hi) // 2
        if _state(datetime.fromtimestamp(middle, UTC), tz) == before:
            lo = middle
        else:
            hi = middle
    at = datetime.fromtimestamp(hi, UTC)
    offset_after, name_after = _state(at, tz)
    offset_before, name_before = before
    assert offset_before is not None and offset_after is not None  # ZoneInfo has offsets
    return Transition(zone, at, offset_before, offset_after, name_before or "", name_after or "")


# ---- periods of equal overlap -------------------------------------------------------------


def _runs(weeks: list[WeekOverlap]) -> list[WeekOverlap]:
    """The first week of each stretch of consecutive weeks with the same overlap."""
    return [
        week
        for index, week in enumerate(weeks)
        if index == 0 or week.hours != weeks[index - 1].hours
    ]


def _change_day(a: Schedule, b: Schedule, previous: WeekOverlap, run: WeekOverlap) -> date:
    """The day a clock change made the overlap go from ``previous``'s to ``run``'s.

    The change shows first in ``run``'s first week, so its cause happened after the
    week before began and before the last working moment of that first week (a change
    on the following weekend belongs to the next period). The latest such transition in
    either zone is the cause.
    """
    window_start, week_start, week_end = week_bounds(a.tz, run.week_start - _WEEK, 2)
    worked = working_intervals(a, week_start, week_end) + working_intervals(b, week_start, week_end)
    last_working = max((finish for _, finish in worked), default=week_end)
    causes = [
        transition
        for schedule in (a, b)
        for transition in upcoming_transitions(schedule.zone, window_start, last_working)
    ]
    if not causes:
        return run.week_start
    return max(causes, key=lambda transition: transition.at).local_day


def _short_day(day: date, usual_year: int) -> str:
    text = f"{day.day} {day:%B}"
    return text if day.year == usual_year else f"{text} {day.year}"


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _as_utc(at: datetime, where: str) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{where}: an aware datetime is required (a naive one has no instant)")
    return at.astimezone(UTC)
