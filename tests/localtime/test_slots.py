"""Recurring posting slots stay at the market's local time across DST, with real zones.

The promise to the user: "Tue and Thu 09:30 London" means 09:30 on a London clock every
week of the year, not 09:30 UTC (which would be 10:30 London all summer).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from onshore.localtime import (
    Slot,
    next_free_slot,
    next_free_slots,
    parse_slot,
    parse_slots,
    slot_to_json,
    upcoming_slot_times,
)

LONDON = "Europe/London"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def slot(days: list[str], clock: str, zone: str = LONDON) -> Slot:
    return parse_slot({"days": days, "time": clock}, zone)


TUE_THU_0930 = slot(["tue", "thu"], "09:30")


# ---- parsing ---------------------------------------------------------------------------


def test_a_slot_is_parsed_from_simple_data() -> None:
    parsed = parse_slot({"days": ["tue", "Thursday"], "time": "09:30"}, LONDON)

    assert parsed == Slot(frozenset({1, 3}), time(9, 30), LONDON)
    assert parsed.label() == "Tue, Thu 09:30 London"
    assert slot_to_json(parsed) == {"days": ["tue", "thu"], "time": "09:30"}
    assert parse_slot(slot_to_json(parsed), LONDON) == parsed


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"days": ["tues"], "time": "09:30"}, "days: 'tues' is not a weekday"),
        ({"days": [], "time": "09:30"}, "days: expected a list of weekdays"),
        ({"days": "tue", "time": "09:30"}, "days: expected a list of weekdays"),
        ({"days": ["tue"], "time": "9.30"}, "time: '9.30' is not a time as HH:MM"),
        ({"days": ["tue"], "time": "24:00"}, "time: '24:00' is not a time"),
        ({"days": ["tue"]}, "time: expected a time as HH:MM"),
        ({"days": ["tue"], "time": "09:30", "zone": "UTC"}, "unknown field 'zone'"),
        ("tue 09:30", "expected an object"),
    ],
)
def test_a_bad_slot_is_refused_naming_the_field(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_slot(raw, LONDON)


def test_a_bad_slot_in_a_list_is_named_by_its_position() -> None:
    raw = [{"days": ["tue"], "time": "09:30"}, {"days": ["thu"], "time": "noon"}]

    with pytest.raises(ValueError, match="^slot 2: time: 'noon'"):
        parse_slots(raw, LONDON)


def test_a_slot_in_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Europe/Londn'"):
        parse_slot({"days": ["tue"], "time": "09:30"}, "Europe/Londn")


# ---- generating slot times across a year -------------------------------------------------


def test_tue_thu_0930_london_stays_at_0930_local_for_a_whole_year() -> None:
    # From 1 June 2026 for twelve months: through 25 Oct 2026 and 28 Mar 2027.
    times = upcoming_slot_times([TUE_THU_0930], LONDON, utc(2026, 6, 1), utc(2027, 6, 1))

    local = [each.astimezone(ZoneInfo(LONDON)) for each in times]
    assert len(times) == 104  # 52 weeks and one Monday: two slots a week
    assert {(each.weekday(), each.time()) for each in local} == {(1, time(9, 30)), (3, time(9, 30))}
    assert times == sorted(set(times))
    # The UTC time moves so the local time does not: 08:30 UTC in summer, 09:30 in winter.
    assert {each.time() for each in times} == {time(8, 30), time(9, 30)}


@pytest.mark.parametrize(
    ("week_of", "expected"),
    [
        # The last Tue and Thu on BST, then the first on GMT (clocks went back 25 Oct).
        (utc(2026, 10, 19), [utc(2026, 10, 20, 8, 30), utc(2026, 10, 22, 8, 30)]),
        (utc(2026, 10, 26), [utc(2026, 10, 27, 9, 30), utc(2026, 10, 29, 9, 30)]),
        # The last on GMT, then the first on BST (clocks went forward 28 Mar 2027).
        (utc(2027, 3, 22), [utc(2027, 3, 23, 9, 30), utc(2027, 3, 25, 9, 30)]),
        (utc(2027, 3, 29), [utc(2027, 3, 30, 8, 30), utc(2027, 4, 1, 8, 30)]),
    ],
)
def test_london_slots_in_the_weeks_either_side_of_each_change(
    week_of: datetime, expected: list[datetime]
) -> None:
    end = week_of + timedelta(days=7)

    assert upcoming_slot_times([TUE_THU_0930], LONDON, week_of, end) == expected


def test_new_york_slots_follow_new_york_changes_not_londons() -> None:
    mon_wed_fri_0900 = slot(["mon", "wed", "fri"], "09:00", "America/New_York")

    times = upcoming_slot_times(
        [mon_wed_fri_0900], "America/New_York", utc(2026, 3, 2), utc(2026, 3, 14)
    )

    # Clocks change on Sunday 8 March 2026: 14:00 UTC before, 13:00 UTC after.
    assert times == [
        utc(2026, 3, 2, 14), utc(2026, 3, 4, 14), utc(2026, 3, 6, 14),
        utc(2026, 3, 9, 13), utc(2026, 3, 11, 13), utc(2026, 3, 13, 13),
    ]  # fmt: skip


def test_sydney_slots_move_the_other_way_in_april_and_october() -> None:
    tue_0930 = slot(["tue"], "09:30", "Australia/Sydney")
    sydney = ZoneInfo("Australia/Sydney")

    times = upcoming_slot_times([tue_0930], "Australia/Sydney", utc(2026, 3, 1), utc(2027, 3, 1))

    assert all(each.astimezone(sydney).time() == time(9, 30) for each in times)
    # Summer (AEDT, UTC+11) until 5 April, winter (AEST, UTC+10) until 4 October.
    assert utc(2026, 3, 30, 22, 30) in times  # Tue 31 March 09:30 AEDT
    assert utc(2026, 4, 6, 23, 30) in times  # Tue 7 April 09:30 AEST
    assert utc(2026, 9, 28, 23, 30) in times  # Tue 29 September 09:30 AEST
    assert utc(2026, 10, 5, 22, 30) in times  # Tue 6 October 09:30 AEDT


def test_india_slots_are_the_same_utc_time_all_year() -> None:
    mon_1000 = slot(["mon"], "10:00", "Asia/Kolkata")

    times = upcoming_slot_times([mon_1000], "Asia/Kolkata", utc(2026, 6, 1), utc(2027, 6, 1))

    assert len(times) == 53
    assert {each.time() for each in times} == {time(4, 30)}


def test_a_range_given_in_another_zone_uses_the_markets_days() -> None:
    # 23:00 Monday in New York is already 05:00 Tuesday in London.
    start = datetime(2026, 6, 1, 23, 0, tzinfo=ZoneInfo("America/New_York"))

    times = upcoming_slot_times([TUE_THU_0930], LONDON, start, start + timedelta(days=1))

    assert times == [utc(2026, 6, 2, 8, 30)]


def test_the_range_includes_its_start_and_excludes_its_end() -> None:
    tuesday = utc(2026, 6, 2, 8, 30)
    thursday = utc(2026, 6, 4, 8, 30)

    assert upcoming_slot_times([TUE_THU_0930], LONDON, tuesday, thursday) == [tuesday]


# ---- slots that land in a DST gap or fold -----------------------------------------------


@pytest.mark.parametrize(
    ("zone", "clock", "change_day_start", "expected"),
    [
        # Skipped: moved to the first valid time after the gap.
        (LONDON, "01:30", utc(2026, 3, 28, 12), utc(2026, 3, 29, 1, 0)),  # 02:00 BST
        ("America/New_York", "02:30", utc(2026, 3, 7, 12), utc(2026, 3, 8, 7, 0)),  # 03:00 EDT
        ("Australia/Sydney", "02:30", utc(2026, 10, 3, 0), utc(2026, 10, 3, 16, 0)),  # 03:00
        ("Australia/Lord_Howe", "02:15", utc(2026, 10, 3, 0), utc(2026, 10, 3, 15, 30)),  # 02:30
        # Repeated: the first occurrence only.
        (LONDON, "01:30", utc(2026, 10, 24, 12), utc(2026, 10, 25, 0, 30)),  # 01:30 BST
        ("America/New_York", "01:30", utc(2026, 10, 31, 12), utc(2026, 11, 1, 5, 30)),  # EDT
        ("Australia/Sydney", "02:30", utc(2026, 4, 4, 0), utc(2026, 4, 4, 15, 30)),  # AEDT
        ("Australia/Lord_Howe", "01:45", utc(2026, 4, 4, 0), utc(2026, 4, 4, 14, 45)),  # +11
    ],
)
def test_a_sunday_slot_on_a_change_day_happens_exactly_once(
    zone: str, clock: str, change_day_start: datetime, expected: datetime
) -> None:
    sunday = slot(["sun"], clock, zone)

    times = upcoming_slot_times([sunday], zone, change_day_start, change_day_start + timedelta(1))

    assert times == [expected]


def test_a_slot_moved_out_of_a_gap_is_not_listed_twice() -> None:
    # On 29 March 2026 the 01:30 slot moves to 02:00, where the other slot already is.
    slots = [slot(["sun"], "01:30"), slot(["sun"], "02:00")]

    times = upcoming_slot_times(slots, LONDON, utc(2026, 3, 22), utc(2026, 3, 30))

    assert times == [utc(2026, 3, 22, 1, 30), utc(2026, 3, 22, 2, 0), utc(2026, 3, 29, 1, 0)]


def test_a_slot_on_a_day_that_never_happened_moves_to_the_next_day_once() -> None:
    # Samoa skipped Friday 30 December 2011 entirely. The Friday slot moves to the first
    # valid time after it, Saturday 00:00, which the Saturday slot also holds.
    slots = [slot(["fri"], "12:00", "Pacific/Apia"), slot(["sat"], "00:00", "Pacific/Apia")]

    times = upcoming_slot_times(slots, "Pacific/Apia", utc(2011, 12, 30), utc(2011, 12, 31))

    assert times == [utc(2011, 12, 30, 10, 0)]  # 00:00 on Saturday 31 December, UTC+14


def test_a_moved_slot_is_found_from_a_range_starting_on_the_next_local_day() -> None:
    friday = slot(["fri"], "12:00", "Pacific/Apia")
    saturday_midnight = utc(2011, 12, 30, 10, 0)

    times = upcoming_slot_times([friday], "Pacific/Apia", saturday_midnight, utc(2011, 12, 31))

    assert times == [saturday_midnight]


# ---- bad input --------------------------------------------------------------------------


def test_a_slot_from_another_market_zone_is_refused() -> None:
    new_york_slot = slot(["tue"], "09:30", "America/New_York")

    with pytest.raises(ValueError, match="is in America/New_York, but this market's zone"):
        upcoming_slot_times([new_york_slot], LONDON, utc(2026, 6, 1), utc(2026, 7, 1))


def test_a_naive_range_or_a_reversed_one_is_refused() -> None:
    with pytest.raises(ValueError, match="start: an aware datetime"):
        upcoming_slot_times([TUE_THU_0930], LONDON, datetime(2026, 6, 1), utc(2026, 7, 1))
    with pytest.raises(ValueError, match="end must not be before start"):
        upcoming_slot_times([TUE_THU_0930], LONDON, utc(2026, 7, 1), utc(2026, 6, 1))


# ---- "add to next free slot" ------------------------------------------------------------


def test_next_free_slot_skips_taken_slots() -> None:
    monday = utc(2026, 6, 1, 12)
    taken = [utc(2026, 6, 2, 8, 30), utc(2026, 6, 4, 8, 30)]  # this Tue and Thu

    assert next_free_slot([TUE_THU_0930], LONDON, monday, taken) == utc(2026, 6, 9, 8, 30)


def test_taken_times_are_compared_as_instants_whatever_their_zone() -> None:
    london, kolkata = ZoneInfo(LONDON), ZoneInfo("Asia/Kolkata")
    taken = [
        datetime(2026, 6, 2, 9, 30, tzinfo=london),  # Tue 09:30 London
        datetime(2026, 6, 4, 14, 0, tzinfo=kolkata),  # Thu 09:30 London, entered in India
    ]

    assert next_free_slot([TUE_THU_0930], LONDON, utc(2026, 6, 1), taken) == utc(2026, 6, 9, 8, 30)


def test_a_post_at_the_drifted_utc_time_does_not_take_the_local_slot() -> None:
    # After the clocks go back, a post at 08:30 UTC is 08:30 London, not the 09:30 slot.
    after_change = utc(2026, 10, 26)
    taken = [utc(2026, 10, 27, 8, 30)]

    found = next_free_slot([TUE_THU_0930], LONDON, after_change, taken)

    assert found == utc(2026, 10, 27, 9, 30)


def test_next_free_slot_is_strictly_after_the_given_time() -> None:
    on_the_slot = utc(2026, 6, 2, 8, 30)

    assert next_free_slot([TUE_THU_0930], LONDON, on_the_slot, []) == utc(2026, 6, 4, 8, 30)


def test_next_free_slot_finds_nothing_when_the_horizon_is_full() -> None:
    monday = utc(2026, 6, 1)
    taken = [utc(2026, 6, 2, 8, 30), utc(2026, 6, 4, 8, 30)]

    assert next_free_slot([TUE_THU_0930], LONDON, monday, taken, horizon_days=7) is None
    assert next_free_slot([TUE_THU_0930], LONDON, monday, taken, horizon_days=9) == utc(
        2026, 6, 9, 8, 30
    )


def test_next_free_slots_gives_several_in_order_keeping_market_time_over_the_change() -> None:
    # Four free slots from the week the London clocks go back: 09:30 London each time,
    # 08:30 UTC before the change and 09:30 UTC after it; the taken Thursday is skipped.
    taken = [utc(2026, 10, 22, 8, 30)]

    found = next_free_slots([TUE_THU_0930], LONDON, utc(2026, 10, 19), taken, 4)

    assert found == [
        utc(2026, 10, 20, 8, 30),
        utc(2026, 10, 27, 9, 30),
        utc(2026, 10, 29, 9, 30),
        utc(2026, 11, 3, 9, 30),
    ]


def test_next_free_slots_stops_at_the_horizon_and_refuses_a_negative_count() -> None:
    found = next_free_slots([TUE_THU_0930], LONDON, utc(2026, 6, 1), [], 10, horizon_days=14)

    assert len(found) == 4
    assert next_free_slots([TUE_THU_0930], LONDON, utc(2026, 6, 1), [], 0) == []
    with pytest.raises(ValueError, match="count must not be negative"):
        next_free_slots([TUE_THU_0930], LONDON, utc(2026, 6, 1), [], -1)


def test_next_free_slot_with_no_slots_is_none() -> None:
    assert next_free_slot([], LONDON, utc(2026, 6, 1), []) is None


def test_next_free_slot_refuses_a_naive_taken_time() -> None:
    with pytest.raises(ValueError, match="taken: an aware datetime"):
        next_free_slot([TUE_THU_0930], LONDON, utc(2026, 6, 1), [datetime(2026, 6, 2, 9, 30)])
