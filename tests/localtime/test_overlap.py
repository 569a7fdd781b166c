"""Working-hours overlap, week by week, with real zones across the 2026–2027 clock changes.

The promise to the user: the overlap shown for a week is the time both people are really
at work that week, each on their own clock and their own working days. The numbers are
the ones a team would notice ("we get an extra hour a day for three weeks in March").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from onshore.localtime import (
    Schedule,
    WeekOverlap,
    first_instant_showing,
    format_hours,
    load_zone,
    overlap_intervals,
    overlap_on,
    parse_weekly_hours,
    weekly_overlap,
    working_intervals,
)

WEEKDAYS_MON_FRI = ("mon", "tue", "wed", "thu", "fri")


def schedule(
    zone: str, start: str = "09:00", end: str = "17:30", days: tuple[str, ...] = WEEKDAYS_MON_FRI
) -> Schedule:
    return Schedule(zone, parse_weekly_hours({day: [[start, end]] for day in days}))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def week_of(weeks: list[WeekOverlap], monday: date) -> timedelta:
    (found,) = [week.hours for week in weeks if week.week_start == monday]
    return found


def changes(weeks: list[WeekOverlap]) -> list[tuple[date, str]]:
    """(first week, overlap) for each stretch of weeks with the same overlap."""
    stretches = []
    for index, week in enumerate(weeks):
        if index == 0 or week.hours != weeks[index - 1].hours:
            stretches.append((week.week_start, format_hours(week.hours)))
    return stretches


LONDON = schedule("Europe/London")
NEW_YORK = schedule("America/New_York")
TWO_YEARS = 104
FIRST_MONDAY_2026 = date(2026, 1, 5)


# ---- New York and London (US and UK rules) ------------------------------------------------


def test_new_york_and_london_overlap_an_hour_a_day_longer_for_three_weeks_in_march() -> None:
    weeks = weekly_overlap(LONDON, NEW_YORK, date(2026, 3, 2), weeks=5)
    # US clocks go forward on 8 March, UK clocks on 29 March: 13:00 UTC is 09:00 in New
    # York and 13:00 in London for three working weeks, instead of 14:00.
    assert [week.hours for week in weeks] == [
        hours(17.5),  # 2 March: 14:00–17:30 London, five days
        hours(22.5),  # 9 March
        hours(22.5),  # 16 March
        hours(22.5),  # 23 March
        hours(17.5),  # 30 March: both on summer time
    ]


def test_new_york_and_london_overlap_longer_for_one_week_at_the_end_of_october() -> None:
    weeks = weekly_overlap(LONDON, NEW_YORK, date(2026, 10, 19), weeks=3)
    # UK clocks go back on 25 October, US clocks on 1 November.
    assert [week.hours for week in weeks] == [hours(17.5), hours(22.5), hours(17.5)]


def test_new_york_and_london_over_two_years_change_only_in_those_weeks() -> None:
    weeks = weekly_overlap(LONDON, NEW_YORK, FIRST_MONDAY_2026, TWO_YEARS)
    assert len(weeks) == TWO_YEARS
    assert changes(weeks) == [
        (date(2026, 1, 5), "17 h 30 min"),
        (date(2026, 3, 9), "22 h 30 min"),
        (date(2026, 3, 30), "17 h 30 min"),
        (date(2026, 10, 26), "22 h 30 min"),
        (date(2026, 11, 2), "17 h 30 min"),
        # 2027: US 14 March, UK 28 March (two weeks); UK 31 October, US 7 November.
        (date(2027, 3, 15), "22 h 30 min"),
        (date(2027, 3, 29), "17 h 30 min"),
        (date(2027, 11, 1), "22 h 30 min"),
        (date(2027, 11, 8), "17 h 30 min"),
    ]


def test_the_overlap_is_the_same_whichever_side_is_asked() -> None:
    forward = weekly_overlap(LONDON, NEW_YORK, FIRST_MONDAY_2026, 52)
    backward = weekly_overlap(NEW_YORK, LONDON, FIRST_MONDAY_2026, 52)
    assert [week.hours for week in forward] == [week.hours for week in backward]


def test_berlin_follows_the_eu_dates_which_are_the_uk_dates() -> None:
    weeks = weekly_overlap(schedule("Europe/Berlin"), NEW_YORK, FIRST_MONDAY_2026, TWO_YEARS)
    # 15:00–17:30 Berlin normally; 14:00–17:30 while only the US is on summer time.
    assert changes(weeks) == [
        (date(2026, 1, 5), "12 h 30 min"),
        (date(2026, 3, 9), "17 h 30 min"),
        (date(2026, 3, 30), "12 h 30 min"),
        (date(2026, 10, 26), "17 h 30 min"),
        (date(2026, 11, 2), "12 h 30 min"),
        (date(2027, 3, 15), "17 h 30 min"),
        (date(2027, 3, 29), "12 h 30 min"),
        (date(2027, 11, 1), "17 h 30 min"),
        (date(2027, 11, 8), "12 h 30 min"),
    ]


# ---- the southern hemisphere moves the other way ------------------------------------------


def test_sydney_overlap_with_london_shrinks_in_spring_while_new_yorks_grows() -> None:
    # A London editor working 18:00–02:00 meets Sydney's 09:00–17:30 morning; London
    # Monday evening is Sydney Tuesday morning, so four days a week overlap.
    evenings = schedule("Europe/London", "18:00", "02:00")
    weeks = weekly_overlap(evenings, schedule("Australia/Sydney"), FIRST_MONDAY_2026, TWO_YEARS)
    assert changes(weeks) == [
        (date(2026, 1, 5), "16 h"),  # 11 h apart: 22:00–02:00 London
        (date(2026, 3, 30), "12 h"),  # London on BST, Sydney still on AEDT: 10 h apart
        (date(2026, 4, 6), "8 h"),  # Sydney back to AEST on 5 April: 9 h apart
        (date(2026, 10, 5), "12 h"),  # Sydney forward on 4 October
        (date(2026, 10, 26), "16 h"),  # London back on 25 October
        (date(2027, 3, 29), "12 h"),
        (date(2027, 4, 5), "8 h"),
        (date(2027, 10, 4), "12 h"),
        (date(2027, 11, 1), "16 h"),
    ]


def test_tokyo_and_sydney_overlap_grows_when_sydney_goes_back_in_april() -> None:
    weeks = weekly_overlap(
        schedule("Asia/Tokyo"), schedule("Australia/Sydney"), FIRST_MONDAY_2026, 52
    )
    assert changes(weeks) == [
        (date(2026, 1, 5), "32 h 30 min"),  # Sydney 2 h ahead: 09:00–15:30 Tokyo overlap
        (date(2026, 4, 6), "37 h 30 min"),  # 1 h ahead from 5 April
        (date(2026, 10, 5), "32 h 30 min"),  # 2 h ahead again from 4 October
    ]


# ---- zones without DST --------------------------------------------------------------------


def test_india_and_japan_overlap_the_same_every_week_for_two_years() -> None:
    weeks = weekly_overlap(
        schedule("Asia/Kolkata"), schedule("Asia/Tokyo"), FIRST_MONDAY_2026, TWO_YEARS
    )
    # Tokyo is 3 h 30 min ahead: 09:00–17:30 Kolkata is 12:30–21:00 Tokyo → 5 h a day.
    assert {week.hours for week in weeks} == {hours(25)}


def test_brazil_has_no_dst_so_only_the_us_dates_move_the_overlap() -> None:
    weeks = weekly_overlap(NEW_YORK, schedule("America/Sao_Paulo"), FIRST_MONDAY_2026, 52)
    assert changes(weeks) == [
        (date(2026, 1, 5), "32 h 30 min"),  # São Paulo 2 h ahead of EST
        (date(2026, 3, 9), "37 h 30 min"),  # 1 h ahead of EDT
        (date(2026, 11, 2), "32 h 30 min"),
    ]


def test_brazil_and_london_change_only_on_the_uk_dates() -> None:
    weeks = weekly_overlap(LONDON, schedule("America/Sao_Paulo"), FIRST_MONDAY_2026, 52)
    assert changes(weeks) == [
        (date(2026, 1, 5), "27 h 30 min"),
        (date(2026, 3, 30), "22 h 30 min"),
        (date(2026, 10, 26), "27 h 30 min"),
    ]


# ---- half-hour and quarter-hour zones -----------------------------------------------------


def test_india_half_hour_offset_with_london() -> None:
    weeks = weekly_overlap(LONDON, schedule("Asia/Kolkata"), FIRST_MONDAY_2026, 52)
    # 09:00–17:30 IST is 03:30–12:00 GMT (3 h with London) and 04:30–13:00 BST (4 h).
    assert changes(weeks) == [
        (date(2026, 1, 5), "15 h"),
        (date(2026, 3, 30), "20 h"),
        (date(2026, 10, 26), "15 h"),
    ]


def test_nepal_quarter_hour_offset_with_london() -> None:
    weeks = weekly_overlap(LONDON, schedule("Asia/Kathmandu"), FIRST_MONDAY_2026, 52)
    # UTC+5:45: Kathmandu's day ends at 11:45 GMT, 12:45 BST.
    assert week_of(weeks, date(2026, 2, 2)) == hours(13.75)
    assert week_of(weeks, date(2026, 7, 6)) == hours(18.75)


def test_chatham_quarter_hour_offset_with_its_own_dst_against_tokyo() -> None:
    weeks = weekly_overlap(
        schedule("Asia/Tokyo"), schedule("Pacific/Chatham"), FIRST_MONDAY_2026, TWO_YEARS
    )
    # Chatham is UTC+13:45 in its summer and UTC+12:45 in its winter (NZ dates).
    assert changes(weeks) == [
        (date(2026, 1, 5), "18 h 45 min"),
        (date(2026, 4, 6), "23 h 45 min"),  # back on 5 April 2026
        (date(2026, 9, 28), "18 h 45 min"),  # forward on 27 September 2026
        (date(2027, 4, 5), "23 h 45 min"),  # back on 4 April 2027
        (date(2027, 9, 27), "18 h 45 min"),  # forward on 26 September 2027
    ]


def test_new_zealand_changes_on_the_same_days_as_chatham() -> None:
    weeks = weekly_overlap(
        schedule("Asia/Tokyo"), schedule("Pacific/Auckland"), FIRST_MONDAY_2026, TWO_YEARS
    )
    assert changes(weeks) == [
        (date(2026, 1, 5), "22 h 30 min"),
        (date(2026, 4, 6), "27 h 30 min"),
        (date(2026, 9, 28), "22 h 30 min"),
        (date(2027, 4, 5), "27 h 30 min"),
        (date(2027, 9, 27), "22 h 30 min"),
    ]


# ---- different working days ---------------------------------------------------------------


def test_a_sunday_to_thursday_week_overlaps_monday_to_thursday_only() -> None:
    riyadh = schedule("Asia/Riyadh", "09:00", "17:00", ("sun", "mon", "tue", "wed", "thu"))
    weeks = weekly_overlap(LONDON, riyadh, FIRST_MONDAY_2026, 52)
    # 09:00–17:00 Riyadh (UTC+3) is 06:00–14:00 GMT: 5 h a day on four shared days.
    assert changes(weeks) == [
        (date(2026, 1, 5), "20 h"),
        (date(2026, 3, 30), "24 h"),
        (date(2026, 10, 26), "20 h"),
    ]


def test_a_part_timer_overlaps_only_on_their_days() -> None:
    part_time = schedule("America/New_York", days=("mon", "wed"))
    (week,) = weekly_overlap(LONDON, part_time, date(2026, 2, 2), weeks=1)
    assert week.hours == hours(7)  # two days of 14:00–17:30 London


def test_no_shared_working_day_means_no_overlap() -> None:
    weekend = schedule("Europe/Paris", days=("sat", "sun"))
    weeks = weekly_overlap(LONDON, weekend, FIRST_MONDAY_2026, 52)
    assert {week.hours for week in weeks} == {timedelta()}


# ---- spans past midnight ------------------------------------------------------------------


def test_an_overlap_that_crosses_midnight_is_one_interval() -> None:
    evenings = schedule("Europe/London", "18:00", "02:00")
    shared = overlap_intervals(
        evenings, schedule("Australia/Sydney"), utc(2026, 1, 12, 12), utc(2026, 1, 13, 12)
    )
    # London Monday 22:00 → Tuesday 02:00 is Sydney Tuesday 09:00 → 13:00.
    assert shared == [(utc(2026, 1, 12, 22), utc(2026, 1, 13, 2))]


def test_a_friday_night_shift_belongs_to_friday_and_ends_on_saturday() -> None:
    friday_nights = Schedule("Europe/London", parse_weekly_hours({"fri": [["22:00", "06:00"]]}))
    assert working_intervals(friday_nights, utc(2026, 1, 16), utc(2026, 1, 19)) == [
        (utc(2026, 1, 16, 22), utc(2026, 1, 17, 6)),
    ]


def test_an_overlap_across_the_viewers_midnight_counts_in_both_weeks() -> None:
    # Sunday 22:00–Monday 02:00: the two hours before midnight belong to the week that
    # ends then, the two after it to the week that starts then. Each is counted once.
    sunday_night = Schedule("Europe/London", parse_weekly_hours({"sun": [["22:00", "02:00"]]}))
    weeks = weekly_overlap(sunday_night, sunday_night, date(2026, 1, 5), weeks=3)
    assert [week.hours for week in weeks] == [hours(4)] * 3
    (first_week_alone,) = weekly_overlap(sunday_night, sunday_night, date(2026, 1, 5), weeks=1)
    assert first_week_alone.hours == hours(4)
    (from_tuesday,) = weekly_overlap(sunday_night, sunday_night, date(2026, 1, 6), weeks=1)
    assert from_tuesday.hours == hours(4)  # Sunday 11 January, whole


def test_spans_that_touch_across_midnight_merge() -> None:
    long_day = Schedule(
        "Europe/London",
        parse_weekly_hours({"mon": [["22:00", "06:00"]], "tue": [["06:00", "10:00"]]}),
    )
    assert working_intervals(long_day, utc(2026, 1, 12), utc(2026, 1, 14)) == [
        (utc(2026, 1, 12, 22), utc(2026, 1, 13, 10)),
    ]


# ---- spans across a clock change are measured as instants ---------------------------------


def test_a_night_shift_is_an_hour_shorter_when_the_clocks_go_forward() -> None:
    nights = Schedule("Europe/London", parse_weekly_hours({"sat": [["22:00", "06:00"]]}))
    ((start, end),) = working_intervals(nights, utc(2026, 3, 28), utc(2026, 3, 30))
    assert (start, end) == (utc(2026, 3, 28, 22), utc(2026, 3, 29, 5))  # 06:00 BST
    assert end - start == hours(7)


def test_a_night_shift_is_an_hour_longer_when_the_clocks_go_back() -> None:
    nights = Schedule("Europe/London", parse_weekly_hours({"sat": [["22:00", "06:00"]]}))
    ((start, end),) = working_intervals(nights, utc(2026, 10, 24), utc(2026, 10, 26))
    assert (start, end) == (utc(2026, 10, 24, 21), utc(2026, 10, 25, 6))  # 22:00 BST
    assert end - start == hours(9)


def test_a_start_inside_the_spring_gap_begins_when_the_clocks_jump() -> None:
    # 02:30 does not exist in New York on 8 March 2026; the clock goes 01:59 → 03:00 EDT.
    new_york = load_zone("America/New_York")
    assert first_instant_showing(datetime(2026, 3, 8, 2, 30), new_york) == utc(2026, 3, 8, 7)


def test_a_repeated_start_takes_its_first_occurrence() -> None:
    # 01:30 happens twice in New York on 1 November 2026; the first is 01:30 EDT.
    new_york = load_zone("America/New_York")
    assert first_instant_showing(datetime(2026, 11, 1, 1, 30), new_york) == utc(2026, 11, 1, 5, 30)


def test_an_ordinary_wall_time_is_its_one_instant() -> None:
    kathmandu = load_zone("Asia/Kathmandu")
    assert first_instant_showing(datetime(2026, 6, 1, 9, 0), kathmandu) == utc(2026, 6, 1, 3, 15)


# ---- overlap in any range -----------------------------------------------------------------


def test_overlap_on_one_utc_day() -> None:
    assert overlap_on(LONDON, NEW_YORK, utc(2026, 3, 10), utc(2026, 3, 11)) == hours(4.5)
    assert overlap_on(LONDON, NEW_YORK, utc(2026, 3, 14), utc(2026, 3, 15)) == timedelta()


def test_overlap_intervals_are_utc_instants() -> None:
    assert overlap_intervals(LONDON, NEW_YORK, utc(2026, 7, 6), utc(2026, 7, 7)) == [
        (utc(2026, 7, 6, 13), utc(2026, 7, 6, 16, 30)),
    ]


def test_a_range_ending_before_it_starts_is_empty() -> None:
    assert working_intervals(LONDON, utc(2026, 7, 7), utc(2026, 7, 6)) == []


# ---- bad input ----------------------------------------------------------------------------


def test_unknown_zone_is_refused_when_the_schedule_is_built() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        Schedule("Mars/Olympus", {})


def test_naive_range_is_refused() -> None:
    with pytest.raises(ValueError, match="start: an aware datetime is required"):
        working_intervals(LONDON, datetime(2026, 1, 1), utc(2026, 1, 2))


def test_negative_weeks_are_refused() -> None:
    with pytest.raises(ValueError, match="weeks must not be negative"):
        weekly_overlap(LONDON, NEW_YORK, FIRST_MONDAY_2026, -1)


def test_format_hours() -> None:
    assert [format_hours(hours(value)) for value in (0, 0.75, 3, 17.5)] == [
        "0 h",
        "45 min",
        "3 h",
        "17 h 30 min",
    ]
