"""Shared schema parts for request bodies and parameters: strict objects, and the bounded
ids, days and times every route reads (``onshore.inputs`` holds the bounds)."""

from datetime import date, time
from typing import Annotated, Any

from annotated_types import Interval
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints, field_validator

from onshore.inputs import MAX_ID, BadInput, check_day, check_wall_clock


def _without_nul(value: Any) -> Any:
    """Refuse a NUL character in any text, however deeply nested: PostgreSQL cannot store
    one (and psycopg refuses even to send one in a query), so it would answer 500."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain a NUL (\\x00) character")
    if isinstance(value, list):
        for item in value:
            _without_nul(item)
    if isinstance(value, dict):
        for key, item in value.items():
            _without_nul(key)
            _without_nul(item)
    return value


class StrictSchema(Schema):
    # Unknown fields are refused by name (422) rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        return _without_nul(value)


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
FilterText = Annotated[str, StringConstraints(max_length=200), AfterValidator(_without_nul)]
# ``q``: words searched in a post's text, tags and author (posts.filters.MAX_SEARCH).
SearchText = Annotated[str, StringConstraints(max_length=100), AfterValidator(_without_nul)]
# A database id: 1 to the largest 64-bit key, so a 20-digit id is a 422, not an overflow.
Id = Annotated[int, Interval(ge=1, le=MAX_ID)]
# A calendar day within the years onshore works with (no overflow moving it by zones).
Day = Annotated[date, AfterValidator(_day_in_range)]
# A wall-clock time in a market's zone: an offset such as "10:00:00Z" is refused.
WallClock = Annotated[time, AfterValidator(_naive_clock)]
