"""Dates and times as spreadsheets write them: ISO or slash dates (month/day or day/month,
as the person chose or as the file's unambiguous dates tell), 24-hour or am/pm clocks.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal, cast

from onshore.inputs import EARLIEST_DAY, LATEST_DAY
from onshore.posts.csvplan.rows import RawRow, RowError

DateOrder = Literal["auto", "mdy", "dmy"]
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$", re.IGNORECASE)


def date_parts(value: str) -> tuple[int, int, int] | None:
    """The three numbers of a slash or ISO date, year last, without deciding their order."""
    value = value.strip().replace("T", " ", 1).split(" ", 1)[0]
    iso = _ISO_DATE.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return (month, day, year)
    slash = _SLASH_DATE.match(value)
    return tuple(int(part) for part in slash.groups()) if slash else None  # type: ignore[return-value]


def infer_date_order(rows: list[RawRow], chosen: DateOrder) -> tuple[DateOrder, list[RowError]]:
    """The file's slash-date order: as chosen, or read off dates that fit only one order."""
    if chosen != "auto":
        return chosen, []
    evidence: dict[str, RawRow] = {}
    ambiguous: RawRow | None = None
    for row in rows:
        value = row.get("local_date")
        if not _SLASH_DATE.match(value):
            continue
        first, second, _ = date_parts(value) or (0, 0, 0)
        if first > 12 >= second:
            evidence.setdefault("dmy", row)
        elif second > 12 >= first:
            evidence.setdefault("mdy", row)
        elif ambiguous is None:
            ambiguous = row
    if len(evidence) == 2:
        mdy, dmy = evidence["mdy"], evidence["dmy"]
        message = (
            f"'{dmy.get('local_date')}' reads only as day/month/year but line {mdy.line} "
            f"('{mdy.get('local_date')}') only as month/day/year: use one order in the file"
        )
        later = max(mdy, dmy, key=lambda row: row.line)
        return "auto", [RowError(later.line, later.label("local_date"), message)]
    if evidence:
        return cast(DateOrder, next(iter(evidence))), []
    if ambiguous is not None:
        value = ambiguous.get("local_date")
        message = (
            f"'{value}' could be day/month/year or month/day/year, and no date in the file "
            "settles it: choose the date format (day/month/year or month/day/year) and "
            "import again, or write dates as YYYY-MM-DD"
        )
        return "auto", [RowError(ambiguous.line, ambiguous.label("local_date"), message)]
    return "mdy", []


def parse_day(value: str, order: DateOrder) -> date:
    """A date in ISO or slash form read in ``order``; ValueError says what is wrong."""
    parts = date_parts(value)
    if parts is None or " " in value.strip():
        raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD or a slash date")
    first, second, year = parts
    if year < 1000:
        raise ValueError(f"'{value}': write the year with four digits")
    iso = _ISO_DATE.match(value.strip())
    month, day = (first, second) if iso or order != "dmy" else (second, first)
    try:
        day_read = date(year, month, day)
    except ValueError:
        reading = (
            "year-month-day" if iso else ("day/month/year" if order == "dmy" else "month/day/year")
        )
        raise ValueError(f"'{value}' is not a real date (read as {reading})") from None
    if not EARLIEST_DAY <= day_read <= LATEST_DAY:
        # The same bounds as every other date a person types (onshore.inputs): a post in
        # 9999 overflows as soon as its market's zone moves it past New Year.
        raise ValueError(f"'{value}': give a date from {EARLIEST_DAY} to {LATEST_DAY}")
    return day_read


def parse_clock(value: str) -> time:
    match = CLOCK.match(value.strip())
    if match is None:
        raise ValueError(f"'{value}' is not a time; write 24-hour HH:MM such as 09:30")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{value}': with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"'{value}' is not a time of day (00:00 to 23:59)") from None
