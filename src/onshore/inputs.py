"""Numbers and dates that arrive as text (URLs, query strings, forms, the API), read
strictly and bounded to what the rest of onshore can hold. Django-free.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads, and a
20-digit id overflows the database's 64-bit integers; a date in year 1 or 9999 overflows
the moment the calendar or a time zone moves it by a day. Every place that reads such
text calls these functions, so each refuses the same things with a message naming the
field (``BadInput``), which pages answer with 400 and the API with 422.
"""

from __future__ import annotations

from datetime import date, time

# Primary keys are 64-bit (DEFAULT_AUTO_FIELD = BigAutoField) on SQLite and PostgreSQL.
MAX_ID = 2**63 - 1
# Dates people may give: wide enough for any real schedule, period or engagement, and far
# enough from date.min/date.max that moving by a few weeks or time zones cannot overflow.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)


class BadInput(ValueError):
    """A value that cannot be read; ``field`` names where it came from."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def read_int(
    value: str | None, field: str, *, minimum: int = 0, maximum: int = MAX_ID
) -> int | None:
    """ASCII digits within ``minimum``..``maximum``; None when absent or empty."""
    text = (value or "").strip()
    if not text:
        return None
    # Length first: no int() over a megabyte of digits.
    if len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        raise BadInput(field, f"write a whole number from {minimum} to {maximum}")
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadInput(field, f"write a whole number from {minimum} to {maximum}")
    return number


def read_id(value: str | None, field: str) -> int | None:
    """A database id given as text (1 to ``MAX_ID``); None when absent or empty."""
    return read_int(value, field, minimum=1)


def read_day(value: str | None, field: str) -> date | None:
    """An ISO date (YYYY-MM-DD) between ``EARLIEST_DAY`` and ``LATEST_DAY``; None if empty."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) != 10 or not text.isascii():
        raise BadInput(field, "give the day as YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BadInput(field, "give the day as YYYY-MM-DD") from None
    return check_day(day, field)


def check_day(day: date, field: str) -> date:
    """``day`` itself, or BadInput when it lies outside the years onshore works with."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise BadInput(
            field, f"choose a day from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"
        )
    return day


def check_wall_clock(clock: time, field: str) -> time:
    """A wall-clock time without an offset: the zone comes from the market, not the clock."""
    if clock.tzinfo is not None:
        raise BadInput(field, "give the wall-clock time without an offset, e.g. 10:00")
    return clock
