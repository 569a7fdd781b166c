"""Reply latency: when the receiver is next at work, and the median wait, with real zones.

The promise to the user: "Alex will likely see this at 09:00 their time — in 6 h" is
right on Alex's clock, over weekends and across DST changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from onshore.localtime import (
    Schedule,
    describe_when_seen,
    expected_wait,
    format_wait,
    is_working,
    median_observed_wait,
    median_reply_wait,
    next_working_moment,
    parse_weekly_hours,
)

WEEKDAYS_MON_FRI = ("mon", "tue", "wed", "thu", "fri")


def schedule(zone: str, start: str = "09:00", end: str = "17:30") -> Schedule:
    return Schedule(zone, parse_weekly_hours({day: [[start, end]] for day in WEEKDAYS_MON_FRI}))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def every_half_hour_for_a_week(start: datetime) -> list[datetime]:
    return [start + timedelta(minutes=30 * step) for step in range(7 * 48)]


ALEX_NEW_YORK = schedule("America/New_York")
PRIYA_LONDON = schedule("Europe/London")


# ---- the next working moment --------------------------------------------------------------


def test_someone_at_work_sees_it_now() -> None:
    at = utc(2026, 11, 10, 15)  # Tuesday 10:00 EST
    assert next_working_moment(ALEX_NEW_YORK, at) == at
    assert expected_wait(ALEX_NEW_YORK, at) == timedelta()
    assert is_working(ALEX_NEW_YORK, at)


def test_a_message_before_the_working_day_waits_for_its_start() -> None:
    at = utc(2026, 11, 10, 8)  # Tuesday 03:00 EST
    assert next_working_moment(ALEX_NEW_YORK, at) == utc(2026, 11, 10, 14)  # 09:00 EST
    assert expected_wait(ALEX_NEW_YORK, at) == timedelta(hours=6)


def test_the_end_of_the_day_is_not_working_time() -> None:
    at = utc(2026, 11, 10, 22, 30)  # Tuesday 17:30 EST, the minute Alex leaves
    assert not is_working(ALEX_NEW_YORK, at)
    assert next_working_moment(ALEX_NEW_YORK, at) == utc(2026, 11, 11, 14)


def test_a_friday_evening_message_waits_for_monday() -> None:
    at = utc(2026, 11, 13, 23)  # Friday 18:00 EST
    assert expected_wait(ALEX_NEW_YORK, at) == timedelta(days=2, hours=15)


def test_the_wait_follows_the_receivers_clock_change() -> None:
    # Sent Friday 27 March 2026 at 18:00 London; London's clocks go forward on Sunday,
    # so Priya starts Monday at 09:00 BST = 08:00 UTC, an hour sooner than in winter.
    at = utc(2026, 3, 27, 18)
    assert next_working_moment(PRIYA_LONDON, at) == utc(2026, 3, 30, 8)
    assert expected_wait(PRIYA_LONDON, at) == timedelta(days=2, hours=14)


def test_the_result_is_an_instant_whatever_zone_the_question_is_asked_in() -> None:
    in_tokyo = utc(2026, 11, 10, 8).astimezone(ZoneInfo("Asia/Tokyo"))
    assert next_working_moment(ALEX_NEW_YORK, in_tokyo) == utc(2026, 11, 10, 14)


def test_a_night_shift_runs_into_the_next_day() -> None:
    nights = schedule("Asia/Kolkata", "22:00", "06:00")
    at = utc(2026, 6, 2, 23)  # Wednesday 04:30 IST, inside Tuesday's shift
    assert is_working(nights, at)


def test_a_schedule_without_hours_never_sees_anything() -> None:
    with pytest.raises(ValueError, match="no working time"):
        next_working_moment(Schedule("Europe/London", {}), utc(2026, 1, 1))


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware datetime"):
        next_working_moment(ALEX_NEW_YORK, datetime(2026, 1, 1, 12))


# ---- in words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "sentence"),
    [
        (utc(2026, 11, 10, 8), "Alex will likely see this at 09:00 their time — in 6 h"),
        (utc(2026, 11, 10, 3), "Alex will likely see this at 09:00 tomorrow their time — in 11 h"),
        (
            utc(2026, 11, 13, 23),
            "Alex will likely see this at 09:00 on Monday their time — in 2 days 15 h",
        ),
        (utc(2026, 11, 10, 15, 15), "Alex is at work now (10:15 their time)"),
    ],
)
def test_when_alex_will_see_it_in_words(at: datetime, sentence: str) -> None:
    assert describe_when_seen("Alex", ALEX_NEW_YORK, at) == sentence


def test_an_afternoon_shift_in_words() -> None:
    # The example: a message at 05:00 London to someone who starts at 14:00.
    afternoons = schedule("Europe/London", "14:00", "22:30")
    at = utc(2026, 1, 13, 5)
    assert (
        describe_when_seen("Alex", afternoons, at)
        == "Alex will likely see this at 14:00 their time — in 9 h"
    )


def test_half_hour_zones_in_words() -> None:
    kolkata = schedule("Asia/Kolkata")
    at = utc(2026, 1, 13, 1)  # 06:30 IST
    assert describe_when_seen("Ravi", kolkata, at) == (
        "Ravi will likely see this at 09:00 their time — in 2 h 30 min"
    )


def test_format_wait() -> None:
    spans = [timedelta(minutes=45), timedelta(hours=9), timedelta(hours=26, minutes=10)]
    assert [format_wait(span) for span in spans] == ["45 min", "9 h", "1 day 2 h"]
    assert format_wait(timedelta(seconds=20)) == "0 min"


# ---- median wait from working hours -------------------------------------------------------


def test_london_waits_an_hour_for_new_york_in_the_median() -> None:
    # Priya sends between 09:00 and 17:30 GMT; Alex starts at 14:00 GMT. 35 of her 85
    # half-hour sending moments reach Alex at work; the middle one waits an hour.
    samples = every_half_hour_for_a_week(utc(2026, 1, 12))
    assert median_reply_wait(PRIYA_LONDON, ALEX_NEW_YORK, samples) == timedelta(hours=1)


def test_new_york_waits_eleven_and_a_half_hours_for_london_in_the_median() -> None:
    # The same week the other way round: Alex's afternoons reach Priya the next morning.
    samples = every_half_hour_for_a_week(utc(2026, 1, 12))
    assert median_reply_wait(ALEX_NEW_YORK, PRIYA_LONDON, samples) == timedelta(hours=11.5)


def test_the_median_wait_within_one_zone_is_zero() -> None:
    samples = every_half_hour_for_a_week(utc(2026, 1, 12))
    assert median_reply_wait(PRIYA_LONDON, PRIYA_LONDON, samples) == timedelta()


def test_no_sample_in_the_senders_hours_gives_no_median() -> None:
    saturday = [utc(2026, 1, 17, hour) for hour in range(24)]
    assert median_reply_wait(PRIYA_LONDON, ALEX_NEW_YORK, saturday) is None
    assert median_reply_wait(PRIYA_LONDON, ALEX_NEW_YORK, []) is None


# ---- median wait from the comment history -------------------------------------------------


def test_median_observed_wait_of_an_odd_number_of_replies() -> None:
    pairs = [
        (utc(2026, 1, 12, 9), utc(2026, 1, 12, 10)),  # 1 h
        (utc(2026, 1, 12, 16), utc(2026, 1, 13, 9)),  # 17 h
        (utc(2026, 1, 14, 9), utc(2026, 1, 14, 12)),  # 3 h
    ]
    assert median_observed_wait(pairs) == timedelta(hours=3)


def test_median_observed_wait_of_an_even_number_is_the_mean_of_the_middle_two() -> None:
    pairs = [
        (utc(2026, 1, 12, 9), utc(2026, 1, 12, 10)),  # 1 h
        (utc(2026, 1, 12, 9), utc(2026, 1, 12, 13)),  # 4 h
    ]
    assert median_observed_wait(pairs) == timedelta(hours=2, minutes=30)


def test_median_observed_wait_compares_instants_across_zones() -> None:
    sent_in_new_york = datetime(2026, 1, 12, 9, tzinfo=ZoneInfo("America/New_York"))
    replied_in_london = datetime(2026, 1, 12, 15, tzinfo=ZoneInfo("Europe/London"))
    assert median_observed_wait([(sent_in_new_york, replied_in_london)]) == timedelta(hours=1)


def test_no_history_gives_no_median() -> None:
    assert median_observed_wait([]) is None


def test_a_reply_before_its_message_is_refused_by_position() -> None:
    pairs = [
        (utc(2026, 1, 12, 9), utc(2026, 1, 12, 10)),
        (utc(2026, 1, 12, 11), utc(2026, 1, 12, 10)),
    ]
    with pytest.raises(ValueError, match="pair 2: the reply .* is before the message"):
        median_observed_wait(pairs)
