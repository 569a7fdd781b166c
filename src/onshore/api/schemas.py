"""Shared schema parts for request bodies and parameters: strict objects, and the bounded
ids, days and times every route reads (``onshore.inputs`` holds the bounds)."""

from datetime import date, time
from typing import Annotated

from annotated_types import Interval
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints

from onshore.inputs import MAX_ID, BadInput, check_day, check_wall_clock


class StrictSchema(Schema):
    # Unknown fields are refused by name (422) rather than silently ignored.
    model_config = ConfigDict(extra="forbid")


# Pydantic puts the field in "loc" itself, so only the message is passed on.
def _day_in_range(day: date) -> date:
    try:
        return check_day(day, "day")
    except BadInput as exc:
        raise ValueError(exc.message) from None


def _naive_clock(clock: time) -> time:
    try:
        return check_wall_clock(clock, "time")
    except BadInput as exc:
        raise ValueError(exc.message) from None


# A filter given in a query string (a state, tag, zone or market name): short, always.
FilterText = Annotated[str, StringConstraints(max_length=200)]
# A database id: 1 to the largest 64-bit key, so a 20-digit id is a 422, not an overflow.
Id = Annotated[int, Interval(ge=1, le=MAX_ID)]
# A calendar day within the years onshore works with (no overflow moving it by zones).
Day = Annotated[date, AfterValidator(_day_in_range)]
# A wall-clock time in a market's zone: an offset such as "10:00:00Z" is refused.
WallClock = Annotated[time, AfterValidator(_naive_clock)]
