"""Wall-clock time across zones: working hours, time differences, scheduling in a
market's own time with a DST policy, recurring posting slots, working-hours overlap
week by week, clock changes, and reply latency. Django-free.

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
    MAX_SPANS_GIVEN_PER_DAY,
    MAX_SPANS_PER_DAY,
    WEEKDAYS,
    DayHours,
    WeeklyHours,
    parse_hours_text,
    parse_weekly_hours,
    weekly_hours_to_json,
)
from onshore.localtime._latency import (
    describe_when_seen,
    expected_wait,
    format_wait,
    is_working,
    median_observed_wait,
    median_reply_wait,
    next_working_moment,
    when_at_work,
)
from onshore.localtime._overlap import (
    Schedule,
    WeekOverlap,
    first_instant_showing,
    format_hours,
    overlap_intervals,
    overlap_on,
    week_bounds,
    weekly_overlap,
    working_intervals,
)
from onshore.localtime._slots import (
    Slot,
    next_free_slot,
    next_free_slots,
    parse_slot,
    parse_slots,
    slot_to_json,
    upcoming_slot_times,
)
from onshore.localtime._transitions import (
    Transition,
    describe_overlap_changes,
    upcoming_transitions,
)
from onshore.localtime._wall import (
    RecomputedInstant,
    WallCandidate,
    WallKind,
    WallTime,
    describe_in_zones,
    describe_passed,
    load_zone,
    place_name,
    recompute_instant,
    resolve_wall_time,
)

__all__ = [
    "MAX_SPANS_GIVEN_PER_DAY",
    "MAX_SPANS_PER_DAY",
    "WEEKDAYS",
    "DayHours",
    "RecomputedInstant",
    "Schedule",
    "Slot",
    "Transition",
    "WallCandidate",
    "WallKind",
    "WallTime",
    "describe_passed",
    "WeekOverlap",
    "WeeklyHours",
    "describe_in_zones",
    "describe_offset",
    "describe_offset_from",
    "describe_overlap_changes",
    "describe_when_seen",
    "expected_wait",
    "first_instant_showing",
    "format_hours",
    "format_wait",
    "is_working",
    "load_zone",
    "local_now",
    "median_observed_wait",
    "median_reply_wait",
    "next_free_slot",
    "next_free_slots",
    "next_working_moment",
    "offset_between",
    "overlap_intervals",
    "overlap_on",
    "parse_hours_text",
    "parse_slot",
    "parse_slots",
    "parse_weekly_hours",
    "place_name",
    "recompute_instant",
    "resolve_wall_time",
    "slot_to_json",
    "upcoming_slot_times",
    "upcoming_transitions",
    "week_bounds",
    "when_at_work",
    "weekly_hours_to_json",
    "weekly_overlap",
    "working_intervals",
]
