"""Recurring posting slots in a market's own time ("Tue and Thu 09:30 London").

Slots are generated as wall times in the market's zone, so a 09:30 slot stays at 09:30
local all year (09:30 UTC in winter, 08:30 UTC in summer for London) instead of drifting
an hour at each DST change as a slot kept in UTC would. The DST policy for slots:

* a slot whose wall time is **skipped** (inside a spring-forward gap) moves to the first
  valid time after the gap (01:30 on 29 March 2026 in London → 02:00 BST);
* a slot whose wall time is **repeated** (inside a fall-back fold) takes its first
  occurrence (01:30 on 25 October 2026 in London → 01:30 BST, not 01:30 GMT).

Both are the earliest moment the market's clock shows (or has just passed) the slot's
time, so a slot is never dropped and never fires twice. Generated times are aware UTC
datetimes: comparing aware datetimes that share a ZoneInfo ignores ``fold``, so UTC is
the only safe form for comparing and de-duplicating instants.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from onshore.localtime._hours import WEEKDAYS, _parse_clock
from onshore.localtime._wall import load_zone, place_name, recompute_instant

_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Slot:
    """Posting days (0 = Monday … 6 = Sunday) and a wall-clock time in ``zone``."""

    weekdays: frozenset[int]
    clock: time
    zone: str

    def __post_init__(self) -> None:
        if not self.weekdays:
            raise ValueError("days: choose at least one weekday")
        if not self.weekdays <= set(range(7)):
            raise ValueError("days: weekdays are numbered 0 (Monday) to 6 (Sunday)")
        if self.clock.tzinfo is not None:
            raise ValueError("time: give the wall time without a zone; the zone is separate")
        load_zone(self.zone)  # fail at construction, not when the first post is due

    def label(self) -> str:
        """'Tue, Thu 09:30 London'."""
        days = ", ".join(WEEKDAYS[day].capitalize() for day in sorted(self.weekdays))
        return f"{days} {self.clock:%H:%M} {place_name(self.zone)}"


def parse_slot(raw: object, zone: str) -> Slot:
    """Validate ``{"days": ["tue", "thu"], "time": "09:30"}`` into a Slot in ``zone``.

    Days are three-letter or full English names, any case. Raises ValueError naming the
    field and what to do.
    """
    if not isinstance(raw, dict):
        raise ValueError('expected an object such as {"days": ["tue", "thu"], "time": "09:30"}')
    unknown = sorted(set(raw) - {"days", "time"})
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}; a slot has only 'days' and 'time'")
    weekdays = frozenset(_parse_weekdays(raw.get("days")))
    return Slot(weekdays, _parse_clock(raw.get("time"), "time"), zone)


def parse_slots(raw: object, zone: str) -> tuple[Slot, ...]:
    """A list of slot objects; errors name the slot by its position (from 1)."""
    if not isinstance(raw, list):
        raise ValueError('expected a list of slots, e.g. [{"days": ["tue"], "time": "09:30"}]')
    slots = []
    for position, item in enumerate(raw, start=1):
        try:
            slots.append(parse_slot(item, zone))
        except ValueError as error:
            raise ValueError(f"slot {position}: {error}") from None
    return tuple(slots)


def slot_to_json(slot: Slot) -> dict[str, object]:
    """The inverse of :func:`parse_slot` (the zone belongs to the market, not the slot data)."""
    return {"days": [WEEKDAYS[day] for day in sorted(slot.weekdays)], "time": f"{slot.clock:%H:%M}"}


def upcoming_slot_times(
    slots: Iterable[Slot], zone: str, start: datetime, end: datetime
) -> list[datetime]:
    """Every slot instant in ``[start, end)``, sorted, without duplicates, as UTC datetimes.

    ``zone`` is the market's zone; every slot must be in it (a slot in another zone is a
    mistake: the market's slots exist to follow the market's clock). DST policy: see the
    module docstring.
    """
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end < start:
        raise ValueError("end must not be before start")
    first_day = _local_day(start, zone)
    times = []
    for instant in _slot_times_from(_slots_in_zone(slots, zone), zone, first_day):
        if instant >= end:
            break
        if instant >= start:
            times.append(instant)
    return times


def next_free_slot(
    slots: Iterable[Slot],
    zone: str,
    after: datetime,
    taken: Iterable[datetime],
    horizon_days: int = 366,
) -> datetime | None:
    """The first slot instant strictly after ``after`` that is not in ``taken``.

    ``taken`` are instants already booked, aware and in any zone (they are compared as
    instants). Looks at most ``horizon_days`` days ahead; None if every slot is taken or
    there are no slots. The result is an aware UTC datetime.
    """
    free = next_free_slots(slots, zone, after, taken, 1, horizon_days)
    return free[0] if free else None


def next_free_slots(
    slots: Iterable[Slot],
    zone: str,
    after: datetime,
    taken: Iterable[datetime],
    count: int,
    horizon_days: int = 366,
) -> list[datetime]:
    """Up to ``count`` free slot instants strictly after ``after``, earliest first.

    Same rules as :func:`next_free_slot`; fewer than ``count`` when the horizon runs out
    (a bulk schedule of 200 posts into a market with two slots a week stops at a year).
    """
    after = _as_utc(after, "after")
    if horizon_days < 0:
        raise ValueError("horizon_days must not be negative")
    if count < 0:
        raise ValueError("count must not be negative")
    booked = {_as_utc(instant, "taken") for instant in taken}
    horizon = after + timedelta(days=horizon_days)
    free: list[datetime] = []
    if count == 0:
        return free
    for instant in _slot_times_from(_slots_in_zone(slots, zone), zone, _local_day(after, zone)):
        if instant > horizon:
            break
        if instant > after and instant not in booked:
            free.append(instant)
            if len(free) == count:
                break
    return free


def _slot_times_from(slots: tuple[Slot, ...], zone: str, first_day: date) -> Iterator[datetime]:
    """Slot instants day by day from ``first_day``, in order, each once; endless.

    Starts a day early: a slot moved out of a gap can land on the next local day (a
    whole day was skipped in Samoa in 2011), so the previous day may reach into range.
    """
    if not slots:
        return
    day = first_day - timedelta(days=1)
    last: datetime | None = None
    while True:
        for instant in _slot_times_on(slots, day):
            # Times within a day come sorted; a moved slot can equal the next day's first.
            if last is None or instant > last:
                last = instant
                yield instant
        day += timedelta(days=1)


def _slot_times_on(slots: tuple[Slot, ...], day: date) -> list[datetime]:
    # recompute_instant applies exactly the slot policy: skipped → first valid time after
    # the gap, repeated → first occurrence.
    instants = {
        recompute_instant(day, slot.clock, slot.zone).instant
        for slot in slots
        if day.weekday() in slot.weekdays
    }
    return sorted(instants)


def _slots_in_zone(slots: Iterable[Slot], zone: str) -> tuple[Slot, ...]:
    load_zone(zone)
    checked = tuple(slots)
    for slot in checked:
        if slot.zone != zone:
            raise ValueError(
                f"slot '{slot.label()}' is in {slot.zone}, but this market's zone is {zone}"
            )
    return checked


def _parse_weekdays(raw: object) -> list[int]:
    if not isinstance(raw, list) or not raw:
        raise ValueError('days: expected a list of weekdays such as ["tue", "thu"]')
    return [_parse_weekday(name) for name in raw]


def _parse_weekday(name: object) -> int:
    key = name.strip().lower() if isinstance(name, str) else ""
    if key in WEEKDAYS:
        return WEEKDAYS.index(key)
    if key in _FULL_DAY_NAMES:
        return _FULL_DAY_NAMES.index(key)
    raise ValueError(f"days: {name!r} is not a weekday; use {', '.join(WEEKDAYS)}")


def _local_day(at: datetime, zone: str) -> date:
    return at.astimezone(load_zone(zone)).date()


def _as_utc(at: datetime, where: str) -> datetime:
    _require_aware(at, where)
    return at.astimezone(UTC)


def _require_aware(at: datetime, where: str) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{where}: an aware datetime is required (a naive one has no instant)")
