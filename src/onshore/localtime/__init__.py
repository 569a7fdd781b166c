"""Wall-clock time across zones: working hours and time differences. Django-free.

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

__all__ = [
    "WEEKDAYS",
    "DayHours",
    "WeeklyHours",
    "describe_offset",
    "describe_offset_from",
    "local_now",
    "offset_between",
    "parse_weekly_hours",
    "weekly_hours_to_json",
]
