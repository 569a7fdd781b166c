"""Wall-clock time across zones: working hours, time differences, scheduling in a
market's own time with a DST policy, and recurring posting slots. Django-free.

Time is always passed in (an aware ``datetime``), never read from the clock, so every
function here can be tested at any instant, DST transitions included.
"""

from onshore.localtime._difference import (
    describe_offset,
    describe_offset_from,
    local_now,
    offset_between,
)
from onshore.localtime._hours import (
    WEEKDAYS,
    DayHours,
    WeeklyHours,
    parse_weekly_hours,
    weekly_hours_to_json,
)
from onshore.localtime._slots import (
    Slot,
    next_free_slot,
    parse_slot,
    parse_slots,
    slot_to_json,
    upcoming_slot_times,
)
from onshore.localtime._wall import (
    RecomputedInstant,
    WallCandidate,
    WallKind,
    WallTime,
    describe_in_zones,
    load_zone,
    place_name,
    recompute_instant,
    resolve_wall_time,
)

__all__ = [
    "WEEKDAYS",
    "DayHours",
    "RecomputedInstant",
    "Slot",
    "WallCandidate",
    "WallKind",
    "WallTime",
    "WeeklyHours",
    "describe_in_zones",
    "describe_offset",
    "describe_offset_from",
    "load_zone",
    "local_now",
    "next_free_slot",
    "offset_between",
    "parse_slot",
    "parse_slots",
    "parse_weekly_hours",
    "place_name",
    "recompute_instant",
    "resolve_wall_time",
    "slot_to_json",
    "upcoming_slot_times",
    "weekly_hours_to_json",
]
