"""when_at_work: a notification written at night reaches its reader at the start of their
next working period, read on their own clock, with real zones and across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.localtime import parse_weekly_hours, when_at_work

NINE_TO_FIVE = parse_weekly_hours(
    {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_inside_working_hours_it_is_the_instant_itself() -> None:
    at = utc(2026, 11, 10, 15, 7)  # Tuesday 10:07 in New York
    assert when_at_work(NINE_TO_FIVE, "America/New_York", at) == at


def test_before_the_day_starts_it_waits_for_nine_on_their_clock() -> None:
    at = utc(2026, 11, 10, 7)  # Tuesday 02:00 EST
    assert when_at_work(NINE_TO_FIVE, "America/New_York", at) == utc(2026, 11, 10, 14)


def test_the_end_of_the_day_is_outside_it() -> None:
    at = utc(2026, 11, 10, 22)  # Tuesday 17:00 EST: the span has ended
    assert when_at_work(NINE_TO_FIVE, "America/New_York", at) == utc(2026, 11, 11, 14)


def test_friday_night_waits_for_monday_across_the_spring_forward() -> None:
    # Friday 6 March 2026, 20:00 EST; the clocks go forward on Sunday 8 March. Monday's
    # 09:00 is EDT (UTC-4): 13:00 UTC, not the 14:00 a fixed offset would give.
    at = datetime(2026, 3, 6, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    seen = when_at_work(NINE_TO_FIVE, "America/New_York", at)
    assert seen == utc(2026, 3, 9, 13)
    assert seen.astimezone(ZoneInfo("America/New_York")).strftime("%a %H:%M") == "Mon 09:00"


def test_friday_night_waits_for_monday_across_the_fall_back() -> None:
    # London goes back to GMT on Sunday 25 October 2026: Monday 09:00 is 09:00 UTC.
    at = datetime(2026, 10, 23, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    assert when_at_work(NINE_TO_FIVE, "Europe/London", at) == utc(2026, 10, 26, 9)


def test_a_span_starting_in_the_skipped_hour_starts_when_the_clocks_jump() -> None:
    night = parse_weekly_hours({"sun": [["02:30", "06:00"]]})
    at = datetime(2026, 3, 8, 1, 0, tzinfo=ZoneInfo("America/New_York"))  # 01:00 EST
    # 02:30 does not exist that night: the span starts at 03:00 EDT = 07:00 UTC.
    assert when_at_work(night, "America/New_York", at) == utc(2026, 3, 8, 7)


def test_a_half_hour_zone_is_read_on_its_own_clock() -> None:
    at = utc(2026, 11, 10, 2)  # Tuesday 07:30 in Kolkata (UTC+5:30)
    assert when_at_work(NINE_TO_FIVE, "Asia/Kolkata", at) == utc(2026, 11, 10, 3, 30)


def test_a_night_shift_past_midnight_is_at_work_after_midnight() -> None:
    nights = parse_weekly_hours({"mon": [["22:00", "06:00"]]})
    at = datetime(2026, 11, 10, 3, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # Tuesday 03:00
    assert when_at_work(nights, "Europe/Berlin", at) == at


def test_without_working_hours_nothing_is_held_back() -> None:
    at = utc(2026, 11, 10, 3)
    assert when_at_work({}, "America/New_York", at) == at


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="instant"):
        when_at_work(NINE_TO_FIVE, "Europe/London", datetime(2026, 11, 10, 3))


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        when_at_work(NINE_TO_FIVE, "Mars/Olympus_Mons", utc(2026, 11, 10, 3))
