"""Scheduling a post at a market's wall-clock time, with real zones and real 2026–27 DST.

Each case is what a person typing a date and time into the schedule form would see:
a normal time resolves, a time the clocks jump over is refused with the nearest valid
times, a time the clocks repeat asks which one is meant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from onshore.localtime import (
    describe_in_zones,
    recompute_instant,
    resolve_wall_time,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# (zone, day, clock, last minute before the gap, first minute after it, in UTC)
SKIPPED = [
    # Northern hemisphere: spring forward in March.
    ("Europe/London", date(2026, 3, 29), time(1, 30), "00:59 GMT", utc(2026, 3, 29, 0, 59),
     "02:00 BST", utc(2026, 3, 29, 1, 0)),
    ("Europe/London", date(2027, 3, 28), time(1, 0), "00:59 GMT", utc(2027, 3, 28, 0, 59),
     "02:00 BST", utc(2027, 3, 28, 1, 0)),
    ("America/New_York", date(2026, 3, 8), time(2, 30), "01:59 EST", utc(2026, 3, 8, 6, 59),
     "03:00 EDT", utc(2026, 3, 8, 7, 0)),
    ("America/New_York", date(2027, 3, 14), time(2, 59), "01:59 EST", utc(2027, 3, 14, 6, 59),
     "03:00 EDT", utc(2027, 3, 14, 7, 0)),
    # Southern hemisphere: spring forward in October, on the previous UTC day.
    ("Australia/Sydney", date(2026, 10, 4), time(2, 30), "01:59 AEST", utc(2026, 10, 3, 15, 59),
     "03:00 AEDT", utc(2026, 10, 3, 16, 0)),
    ("Australia/Sydney", date(2027, 10, 3), time(2, 0), "01:59 AEST", utc(2027, 10, 2, 15, 59),
     "03:00 AEDT", utc(2027, 10, 2, 16, 0)),
    # Lord Howe Island moves its clocks by only 30 minutes.
    ("Australia/Lord_Howe", date(2026, 10, 4), time(2, 15), "01:59", utc(2026, 10, 3, 15, 29),
     "02:30", utc(2026, 10, 3, 15, 30)),
    # Chatham Islands: UTC+12:45 → +13:45, the gap runs 02:45–03:45.
    ("Pacific/Chatham", date(2026, 9, 27), time(3, 0), "02:44", utc(2026, 9, 26, 13, 59),
     "03:45", utc(2026, 9, 26, 14, 0)),
    # Chile springs forward at midnight: the time before the gap is on the previous day.
    ("America/Santiago", date(2026, 9, 6), time(0, 30), "23:59", utc(2026, 9, 6, 3, 59),
     "01:00", utc(2026, 9, 6, 4, 0)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("zone", "day", "clock", "before_label", "before", "after_label", "after"), SKIPPED
)
def test_a_skipped_time_is_refused_with_the_nearest_valid_times(
    zone: str,
    day: date,
    clock: time,
    before_label: str,
    before: datetime,
    after_label: str,
    after: datetime,
) -> None:
    wall = resolve_wall_time(day, clock, zone)

    assert wall.kind == "skipped"
    assert wall.instant is None
    earlier, later = wall.suggestions
    assert earlier.label().startswith(before_label)
    assert earlier.instant == before
    assert later.label().startswith(after_label)
    assert later.instant == after
    # The two suggestions sit either side of the gap, one real minute apart.
    assert later.instant - earlier.instant == timedelta(minutes=1)


def test_the_suggestion_before_a_midnight_gap_is_on_the_previous_day() -> None:
    wall = resolve_wall_time(date(2026, 9, 6), time(0, 30), "America/Santiago")

    before, after = wall.suggestions
    assert before.local.date() == date(2026, 9, 5)
    assert after.local.date() == date(2026, 9, 6)


def test_a_fold_makes_no_difference_to_a_skipped_time() -> None:
    wall = resolve_wall_time(date(2026, 3, 29), time(1, 30), "Europe/London", fold=1)

    assert wall.kind == "skipped"


def test_the_skipped_explanation_offers_both_times() -> None:
    wall = resolve_wall_time(date(2026, 3, 29), time(1, 30), "Europe/London")

    assert wall.explanation() == (
        "01:30 on Sun 29 March 2026 in London does not exist: the clocks go forward 1 h. "
        "Pick 00:59 GMT (UTC+00:00) or 02:00 BST (UTC+01:00)."
    )


def test_a_thirty_minute_jump_is_described_as_such() -> None:
    wall = resolve_wall_time(date(2026, 10, 4), time(2, 15), "Australia/Lord_Howe")

    assert "the clocks go forward 30 min" in wall.explanation()


# (zone, day, clock, first occurrence, second occurrence as (label start, UTC))
AMBIGUOUS = [
    ("Europe/London", date(2026, 10, 25), time(1, 30),
     ("01:30 BST (UTC+01:00)", utc(2026, 10, 25, 0, 30)),
     ("01:30 GMT (UTC+00:00)", utc(2026, 10, 25, 1, 30))),
    ("Europe/London", date(2027, 10, 31), time(1, 0),
     ("01:00 BST (UTC+01:00)", utc(2027, 10, 31, 0, 0)),
     ("01:00 GMT (UTC+00:00)", utc(2027, 10, 31, 1, 0))),
    ("America/New_York", date(2026, 11, 1), time(1, 30),
     ("01:30 EDT (UTC-04:00)", utc(2026, 11, 1, 5, 30)),
     ("01:30 EST (UTC-05:00)", utc(2026, 11, 1, 6, 30))),
    ("America/New_York", date(2027, 11, 7), time(1, 59),
     ("01:59 EDT (UTC-04:00)", utc(2027, 11, 7, 5, 59)),
     ("01:59 EST (UTC-05:00)", utc(2027, 11, 7, 6, 59))),
    # Southern hemisphere: fall back in April.
    ("Australia/Sydney", date(2026, 4, 5), time(2, 30),
     ("02:30 AEDT (UTC+11:00)", utc(2026, 4, 4, 15, 30)),
     ("02:30 AEST (UTC+10:00)", utc(2026, 4, 4, 16, 30))),
    ("Australia/Sydney", date(2027, 4, 4), time(2, 0),
     ("02:00 AEDT (UTC+11:00)", utc(2027, 4, 3, 15, 0)),
     ("02:00 AEST (UTC+10:00)", utc(2027, 4, 3, 16, 0))),
    # Lord Howe repeats only half an hour.
    ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45),
     ("01:45 (UTC+11:00)", utc(2026, 4, 4, 14, 45)),
     ("01:45 (UTC+10:30)", utc(2026, 4, 4, 15, 15))),
    ("Pacific/Chatham", date(2026, 4, 5), time(3, 0),
     ("03:00 (UTC+13:45)", utc(2026, 4, 4, 13, 15)),
     ("03:00 (UTC+12:45)", utc(2026, 4, 4, 14, 15))),
]  # fmt: skip


@pytest.mark.parametrize(("zone", "day", "clock", "first", "second"), AMBIGUOUS)
def test_a_repeated_time_lists_both_occurrences_earlier_first(
    zone: str,
    day: date,
    clock: time,
    first: tuple[str, datetime],
    second: tuple[str, datetime],
) -> None:
    wall = resolve_wall_time(day, clock, zone)

    assert wall.kind == "ambiguous"
    assert wall.instant is None
    assert [(each.label(), each.instant) for each in wall.candidates] == [first, second]


@pytest.mark.parametrize(("zone", "day", "clock", "first", "second"), AMBIGUOUS)
def test_choosing_an_occurrence_resolves_a_repeated_time(
    zone: str,
    day: date,
    clock: time,
    first: tuple[str, datetime],
    second: tuple[str, datetime],
) -> None:
    chose_first = resolve_wall_time(day, clock, zone, fold=0)
    chose_second = resolve_wall_time(day, clock, zone, fold=1)

    assert (chose_first.kind, chose_first.instant, chose_first.fold) == ("ok", first[1], 0)
    assert (chose_second.kind, chose_second.instant, chose_second.fold) == ("ok", second[1], 1)


def test_the_repeated_explanation_asks_which_one_and_then_names_the_choice() -> None:
    day, clock = date(2026, 10, 25), time(1, 30)

    asked = resolve_wall_time(day, clock, "Europe/London").explanation()
    chosen = resolve_wall_time(day, clock, "Europe/London", fold=1).explanation()

    assert asked == (
        "01:30 on Sun 25 October 2026 in London happens twice: first at 01:30 BST "
        "(UTC+01:00), then at 01:30 GMT (UTC+00:00). Choose which one you mean."
    )
    assert chosen.endswith("this is the second, 01:30 GMT (UTC+00:00).")


@pytest.mark.parametrize(
    ("zone", "day", "clock", "expected"),
    [
        # The minutes either side of a gap or fold are ordinary, single instants.
        ("Europe/London", date(2026, 3, 29), time(0, 59), utc(2026, 3, 29, 0, 59)),
        ("Europe/London", date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
        ("Europe/London", date(2026, 10, 25), time(0, 59), utc(2026, 10, 24, 23, 59)),
        ("Europe/London", date(2026, 10, 25), time(2, 0), utc(2026, 10, 25, 2, 0)),
        # A working-hours time on a change day is not affected at all.
        ("Europe/London", date(2026, 3, 29), time(9, 30), utc(2026, 3, 29, 8, 30)),
        ("America/New_York", date(2026, 11, 1), time(9, 0), utc(2026, 11, 1, 14, 0)),
        ("Australia/Sydney", date(2026, 10, 4), time(9, 30), utc(2026, 10, 3, 22, 30)),
        # Kathmandu is UTC+05:45 all year.
        ("Asia/Kathmandu", date(2026, 7, 1), time(9, 0), utc(2026, 7, 1, 3, 15)),
    ],
)
def test_an_ordinary_time_resolves_to_one_instant(
    zone: str, day: date, clock: time, expected: datetime
) -> None:
    wall = resolve_wall_time(day, clock, zone)

    assert (wall.kind, wall.instant, wall.fold) == ("ok", expected, None)
    assert wall.explanation() == ""


@pytest.mark.parametrize(
    "day", [date(2026, 3, 29), date(2026, 10, 25), date(2026, 3, 8), date(2026, 4, 5)]
)
def test_india_never_skips_or_repeats_a_time_even_on_other_zones_change_days(day: date) -> None:
    for minutes in range(0, 24 * 60, 15):
        clock = time(minutes // 60, minutes % 60)
        wall = resolve_wall_time(day, clock, "Asia/Kolkata")
        expected = datetime.combine(day, clock, UTC) - timedelta(hours=5, minutes=30)
        assert (wall.kind, wall.instant) == ("ok", expected)


@pytest.mark.parametrize("zone", ["Europe/Londn", "europe/london", "Europe", "", "../etc/passwd"])
def test_an_unknown_zone_is_refused_with_a_clear_message(zone: str) -> None:
    with pytest.raises(ValueError, match="time zone") as raised:
        resolve_wall_time(date(2026, 6, 1), time(9, 30), zone)

    assert "Europe/London" in str(raised.value)  # says what a valid name looks like


def test_a_fold_other_than_first_or_second_is_refused() -> None:
    with pytest.raises(ValueError, match="fold must be 0"):
        resolve_wall_time(date(2026, 10, 25), time(1, 30), "Europe/London", fold=2)


@pytest.mark.parametrize(
    ("instant", "market", "viewer", "expected"),
    [
        # Summer: London on BST, India five and a half hours ahead of UTC.
        # Issue 14: always with the date, in the market's zone and the viewer's.
        (utc(2026, 7, 14, 8, 30), "Europe/London", "Asia/Kolkata",
         "Tue 14 July 2026, 09:30 London · Tue 14 July, 14:00 your time"),
        # Winter: London on GMT, so the same 09:30 is 15:00 in India.
        (utc(2026, 1, 13, 9, 30), "Europe/London", "Asia/Kolkata",
         "Tue 13 January 2026, 09:30 London · Tue 13 January, 15:00 your time"),
        # For three weeks in March New York has changed and London has not.
        (utc(2026, 3, 2, 9, 30), "Europe/London", "America/New_York",
         "Mon 2 March 2026, 09:30 London · Mon 2 March, 04:30 your time"),
        (utc(2026, 3, 16, 9, 30), "Europe/London", "America/New_York",
         "Mon 16 March 2026, 09:30 London · Mon 16 March, 05:30 your time"),
        # The viewer's own date when it is another day than the market's.
        (utc(2026, 7, 15, 1, 0), "America/New_York", "Australia/Sydney",
         "Tue 14 July 2026, 21:00 New York · Wed 15 July, 11:00 your time"),
        (utc(2026, 7, 14, 23, 0), "Australia/Sydney", "America/New_York",
         "Wed 15 July 2026, 09:00 Sydney · Tue 14 July, 19:00 your time"),
        # 02:00 New York on New Year's Day is still the old year in Los Angeles.
        (utc(2027, 1, 1, 7, 0), "America/New_York", "America/Los_Angeles",
         "Fri 1 January 2027, 02:00 New York · Thu 31 December 2026, 23:00 your time"),
        # Nothing to add when the viewer's clock reads the same.
        (utc(2026, 7, 14, 8, 30), "Europe/London", "Europe/London",
         "Tue 14 July 2026, 09:30 London"),
        (utc(2026, 7, 14, 8, 30), "Europe/London", "Europe/Dublin",
         "Tue 14 July 2026, 09:30 London"),
    ],
)  # fmt: skip
def test_describe_in_zones_shows_market_time_and_the_viewers(
    instant: datetime, market: str, viewer: str, expected: str
) -> None:
    assert describe_in_zones(instant, market, viewer) == expected


def test_describe_in_zones_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        describe_in_zones(datetime(2026, 7, 14, 8, 30), "Europe/London", "Asia/Kolkata")


def test_recomputing_an_ordinary_time_gives_the_same_instant_silently() -> None:
    result = recompute_instant(date(2026, 7, 14), time(9, 30), "Europe/London", None)

    assert (result.instant, result.note) == (utc(2026, 7, 14, 8, 30), "")


def test_recomputing_a_time_that_is_now_skipped_moves_it_past_the_gap_and_says_so() -> None:
    result = recompute_instant(date(2026, 3, 29), time(1, 30), "Europe/London", None)

    assert result.instant == utc(2026, 3, 29, 1, 0)  # 02:00 BST
    assert result.resolution.kind == "skipped"
    assert "no longer exists" in result.note
    assert "02:00 BST" in result.note


def test_recomputing_a_time_that_is_now_repeated_keeps_the_stored_choice() -> None:
    second = recompute_instant(date(2026, 10, 25), time(1, 30), "Europe/London", 1)
    unstated = recompute_instant(date(2026, 10, 25), time(1, 30), "Europe/London", None)

    assert (second.instant, second.note) == (utc(2026, 10, 25, 1, 30), "")
    assert unstated.instant == utc(2026, 10, 25, 0, 30)
    assert "using the first, 01:30 BST" in unstated.note


def test_recomputing_uses_todays_rules_when_a_zone_has_dropped_dst() -> None:
    # Mexico City abolished DST after October 2022. Under the old rules 01:30 on
    # 29 October 2023 would have happened twice; a post stored then as "the second"
    # now has only one 01:30 to go to, at UTC-06:00.
    result = recompute_instant(date(2023, 10, 29), time(1, 30), "America/Mexico_City", 1)
    still_repeated = resolve_wall_time(date(2022, 10, 30), time(1, 30), "America/Mexico_City")

    assert result.resolution.kind == "ok"
    assert result.instant == utc(2023, 10, 29, 7, 30)
    assert still_repeated.kind == "ambiguous"
