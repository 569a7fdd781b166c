"""Wall-clock date and time in a zone → the instant it stands for, with a DST policy.

A schedule is entered as a market's wall time ("09:30 London on 29 March"). Most wall
times stand for exactly one instant, but twice a year in DST zones they do not:

* **skipped** — the clocks jump forward over it (01:30 on 29 March 2026 in London never
  happens). We refuse it and suggest the nearest valid times either side of the gap:
  *the last whole minute before the gap and the first whole minute after it*
  (00:59 GMT and 02:00 BST), because people pick minutes, not seconds.
* **ambiguous** — the clocks fall back over it (01:30 on 25 October 2026 in London
  happens twice). We list both instants, earlier first, and resolve to one only when
  the caller says which (``fold=0`` the first, ``fold=1`` the second).

Zone rules change (tzdata updates), so callers store the wall time, zone and fold as
entered and use :func:`recompute_instant` to get the instant again under today's rules.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WallKind = Literal["ok", "skipped", "ambiguous"]

_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class WallCandidate:
    """One real instant that a wall-clock reading stands for in a zone."""

    local: datetime  # aware, in the zone, with ``fold`` set: the wall time as people read it
    instant: datetime  # the same moment as an aware UTC datetime
    utc_offset: timedelta
    abbreviation: str  # "BST", "EST", or a numeric one like "+1030" where tzdata has none
    fold: int

    def label(self) -> str:
        """'01:30 BST (UTC+01:00)' — enough to tell the two halves of a fold apart."""
        offset = f"UTC{_format_offset(self.utc_offset)}"
        # tzdata gives some zones numeric "abbreviations" ("+1030"); repeating them is noise.
        if self.abbreviation[:1] in ("+", "-", ""):
            return f"{self.local:%H:%M} ({offset})"
        return f"{self.local:%H:%M} {self.abbreviation} ({offset})"


@dataclass(frozen=True)
class WallTime:
    """How a wall-clock date and time reads in a zone.

    ``kind`` says which case applies:

    * ``"ok"`` — ``instant`` is set. If the wall time is repeated and the caller chose an
      occurrence, ``fold`` records the choice and ``candidates`` still holds both.
    * ``"skipped"`` — ``instant`` is None; ``suggestions`` holds the last whole minute
      before the gap and the first whole minute after it, in that order.
    * ``"ambiguous"`` — ``instant`` is None; ``candidates`` holds both occurrences,
      earlier first. Pass ``fold`` to :func:`resolve_wall_time` to pick one.
    """

    day: date
    clock: time
    zone: str
    kind: WallKind
    instant: datetime | None = None
    fold: int | None = None
    candidates: tuple[WallCandidate, ...] = ()
    suggestions: tuple[WallCandidate, ...] = ()

    def explanation(self) -> str:
        """A sentence for the schedule form; empty when there is nothing to explain."""
        when = f"{self.clock:%H:%M} on {_format_day(self.day)} in {place_name(self.zone)}"
        if self.kind == "skipped":
            before, after = self.suggestions
            jump = _format_duration(after.utc_offset - before.utc_offset)
            return (
                f"{when} does not exist: the clocks go forward {jump}. "
                f"Pick {before.label()} or {after.label()}."
            )
        if len(self.candidates) == 2:
            first, second = self.candidates
            if self.kind == "ambiguous":
                return (
                    f"{when} happens twice: first at {first.label()}, then at "
                    f"{second.label()}. Choose which one you mean."
                )
            chosen = self.candidates[self.fold or 0]
            which = "first" if self.fold == 0 else "second"
            return f"{when} happens twice; this is the {which}, {chosen.label()}."
        return ""

    def chosen_occurrence(self) -> str:
        """'01:30 BST (UTC+01:00), the first of two' for a repeated time; else empty."""
        if self.kind != "ok" or len(self.candidates) != 2:
            return ""
        which = "first" if not self.fold else "second"
        return f"{self.candidates[self.fold or 0].label()}, the {which} of two"

    def has_passed(self, now: datetime) -> bool:
        """True when the resolved instant is not after ``now``: too late to publish at."""
        return self.instant is not None and self.instant <= now

    def passed_explanation(self, now: datetime) -> str:
        return describe_passed(self.day, self.clock, self.zone, now)


def describe_passed(day: date, clock: time, zone: str, now: datetime) -> str:
    """Why a past time is refused, with the zone's clock now so the next pick is right."""
    local_now = now.astimezone(load_zone(zone))
    return (
        f"{clock:%H:%M} on {_format_day(day)} in {place_name(zone)} has already passed: "
        f"it is now {local_now:%H:%M} on {_format_day(local_now.date())} there. "
        "Choose a later time."
    )


def resolve_wall_time(day: date, clock: time, zone: str, *, fold: int | None = None) -> WallTime:
    """Find the instant that ``clock`` on ``day`` stands for in ``zone`` (see module doc).

    Raises ValueError for an unknown zone, an aware ``clock`` or a ``fold`` other than
    None, 0 or 1.
    """
    tz = load_zone(zone)
    _require_naive_clock(clock)
    if fold not in (None, 0, 1):
        raise ValueError(f"fold must be 0 (the first occurrence) or 1 (the second), not {fold!r}")
    wall = datetime.combine(day, clock)
    first, second = (_candidate(wall, tz, each) for each in (0, 1))
    if first.utc_offset == second.utc_offset:
        return WallTime(day, clock, zone, "ok", instant=first.instant, candidates=(first,))
    if not _exists(wall, tz):
        return WallTime(day, clock, zone, "skipped", suggestions=_nearest_around_gap(wall, tz))
    earlier_first = tuple(sorted((first, second), key=lambda each: each.instant))
    if fold is None:
        return WallTime(day, clock, zone, "ambiguous", candidates=earlier_first)
    chosen = earlier_first[fold].instant
    return WallTime(day, clock, zone, "ok", instant=chosen, fold=fold, candidates=earlier_first)


@dataclass(frozen=True)
class RecomputedInstant:
    """The instant for a stored wall time under today's zone rules, and how it was found."""

    instant: datetime  # aware UTC
    resolution: WallTime  # how the stored wall time reads now (kind may have changed)
    note: str  # empty when the instant is exactly the stored wall time; else why it is not


def recompute_instant(
    day: date, clock: time, zone: str, fold: int | None = None
) -> RecomputedInstant:
    """Like :func:`resolve_wall_time`, but always returns an instant.

    Needed when tzdata changes under stored schedules: a post must still go out.

    * A wall time that is now skipped moves to the first valid instant after the gap
      (the post goes out as soon as the market's clock reaches it), and ``note`` says so.
    * A wall time that is now repeated uses the stored ``fold``, or the first occurrence
      when none was stored (and ``note`` says so).
    """
    resolution = resolve_wall_time(day, clock, zone, fold=fold)
    if resolution.instant is not None:
        return RecomputedInstant(resolution.instant, resolution, "")
    if resolution.kind == "skipped":
        after = resolution.suggestions[1]
        note = (
            f"{clock:%H:%M} no longer exists on {_format_day(day)} in {place_name(zone)}; "
            f"moved to {after.label()}, the first time after the clocks go forward."
        )
        return RecomputedInstant(after.instant, resolution, note)
    first = resolution.candidates[0]
    note = f"{clock:%H:%M} now happens twice; using the first, {first.label()}."
    return RecomputedInstant(first.instant, resolution, note)


def describe_in_zones(instant: datetime, market_zone: str, viewer_zone: str) -> str:
    """'Tue 14 July 2026, 09:30 London · Tue 14 July, 14:00 your time', or only the
    market's part when both clocks agree.

    Always with the date, on both sides: "Moved to 03:00 New York" does not say which
    day, and for a viewer half a world away their own date is often another one. The
    viewer's part is left out whenever their wall clock reads the same date and time as
    the market's at that instant (same zone, or e.g. Dublin viewing London), since it
    would only repeat itself; it names its year only when that differs (New Year's Eve).
    """
    _require_aware(instant)
    market = instant.astimezone(load_zone(market_zone))
    viewer = instant.astimezone(load_zone(viewer_zone))
    market_part = f"{_format_day(market.date())}, {market:%H:%M} {place_name(market_zone)}"
    if viewer.replace(tzinfo=None) == market.replace(tzinfo=None):
        return market_part
    year = f" {viewer.year}" if viewer.year != market.year else ""
    viewer_day = f"{viewer:%a} {viewer.day} {viewer:%B}{year}"
    return f"{market_part} · {viewer_day}, {viewer:%H:%M} your time"


def place_name(zone: str) -> str:
    """'Europe/London' → 'London', 'America/New_York' → 'New York', 'UTC' → 'UTC'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def load_zone(zone: str) -> ZoneInfo:
    """The IANA zone called ``zone``; ValueError with a usable message if there is none."""
    if not isinstance(zone, str) or not zone.strip():
        raise ValueError("time zone: expected an IANA name such as 'Europe/London'")
    try:
        return _zone_named(zone)
    # zoneinfo raises a KeyError subclass, ValueError or OSError depending on the name.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {zone!r}; use an IANA name such as 'Europe/London'"
        ) from None


@functools.cache
def _zone_named(zone: str) -> ZoneInfo:
    # ZoneInfo keeps only the 8 zones used last strongly; a team spread over more zones
    # (notifying 1,000 people in 24 zones) would read the tz files again and again.
    # Only names that loaded are kept (an exception is not cached): at most the ~600 of
    # the tz database.
    return ZoneInfo(zone)


def _candidate(wall: datetime, tz: tzinfo, fold: int) -> WallCandidate:
    local = wall.replace(tzinfo=tz, fold=fold)
    offset = local.utcoffset()
    assert offset is not None  # a ZoneInfo always has an offset
    return WallCandidate(local, local.astimezone(UTC), offset, local.tzname() or "", fold)


def _exists(wall: datetime, tz: tzinfo) -> bool:
    """A wall time exists if going to UTC and back gives the same reading."""
    round_trip = wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    return round_trip.replace(tzinfo=None) == wall


def _nearest_around_gap(wall: datetime, tz: tzinfo) -> tuple[WallCandidate, WallCandidate]:
    transition = _transition_instant(wall, tz)
    last_before = (transition - timedelta(seconds=1)).astimezone(tz).replace(tzinfo=None)
    first_after = transition.astimezone(tz).replace(tzinfo=None)
    # Round towards the valid side: down before the gap, up after it, so a suggestion
    # never lands inside the gap even if a transition were not on a whole minute.
    before = _candidate(_floor_minute(last_before), tz, 0)
    after = _candidate(_ceil_minute(first_after), tz, 0)
    return before, after


def _transition_instant(wall: datetime, tz: tzinfo) -> datetime:
    """The first UTC second on the new offset, for a wall time inside a gap.

    zoneinfo does not expose transitions, so bisect between the two readings of ``wall``:
    read with the new offset (fold=1) it falls before the change, with the old offset
    (fold=0) after it. Whole seconds, because tzdata transitions are on whole seconds.
    """
    low = math.floor(wall.replace(tzinfo=tz, fold=1).timestamp())
    high = math.ceil(wall.replace(tzinfo=tz, fold=0).timestamp())
    old_offset = _offset_at(low, tz)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(middle, tz) == old_offset:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _offset_at(timestamp: int, tz: tzinfo) -> timedelta | None:
    return datetime.fromtimestamp(timestamp, UTC).astimezone(tz).utcoffset()


def _floor_minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


def _ceil_minute(value: datetime) -> datetime:
    floored = _floor_minute(value)
    return floored if floored == value else floored + _MINUTE


def _require_naive_clock(clock: time) -> None:
    if clock.tzinfo is not None:
        raise ValueError("clock: pass the wall time without a zone; the zone is separate")


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("an aware datetime is required (a naive one has no instant)")


def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def _format_duration(span: timedelta) -> str:
    hours, minutes = divmod(int(span.total_seconds() // 60), 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def _format_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%B %Y}"
