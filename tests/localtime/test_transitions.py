"""Clock changes found from real zones, and the sentences that tell a team about them.

The 2026–2027 dates are the published rules: US second Sunday of March / first Sunday of
November at 02:00 local; UK and EU last Sunday of March / October at 01:00 UTC;
Australia (NSW) first Sunday of April / October; New Zealand first Sunday of April /
last Sunday of September; India, Japan, Nepal and Brazil (since 2019) do not change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from onshore.localtime import (
    Schedule,
    describe_overlap_changes,
    parse_weekly_hours,
    upcoming_transitions,
)

WEEKDAYS_MON_FRI = ("mon", "tue", "wed", "thu", "fri")


def schedule(zone: str, start: str = "09:00", end: str = "17:30") -> Schedule:
    return Schedule(zone, parse_weekly_hours({day: [[start, end]] for day in WEEKDAYS_MON_FRI}))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def changes_2026_2027(zone: str) -> list[tuple[datetime, str, str]]:
    found = upcoming_transitions(zone, utc(2026, 1, 1), utc(2028, 1, 1))
    return [(each.at, each.abbreviation_before, each.abbreviation_after) for each in found]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (
            "America/New_York",
            [
                (utc(2026, 3, 8, 7), "EST", "EDT"),
                (utc(2026, 11, 1, 6), "EDT", "EST"),
                (utc(2027, 3, 14, 7), "EST", "EDT"),
                (utc(2027, 11, 7, 6), "EDT", "EST"),
            ],
        ),
        (
            "Europe/London",
            [
                (utc(2026, 3, 29, 1), "GMT", "BST"),
                (utc(2026, 10, 25, 1), "BST", "GMT"),
                (utc(2027, 3, 28, 1), "GMT", "BST"),
                (utc(2027, 10, 31, 1), "BST", "GMT"),
            ],
        ),
        (
            "Europe/Berlin",
            [
                (utc(2026, 3, 29, 1), "CET", "CEST"),
                (utc(2026, 10, 25, 1), "CEST", "CET"),
                (utc(2027, 3, 28, 1), "CET", "CEST"),
                (utc(2027, 10, 31, 1), "CEST", "CET"),
            ],
        ),
        (
            "Australia/Sydney",
            [
                (utc(2026, 4, 4, 16), "AEDT", "AEST"),  # Sunday 5 April, 03:00 local
                (utc(2026, 10, 3, 16), "AEST", "AEDT"),  # Sunday 4 October, 02:00 local
                (utc(2027, 4, 3, 16), "AEDT", "AEST"),
                (utc(2027, 10, 2, 16), "AEST", "AEDT"),
            ],
        ),
        (
            "Pacific/Auckland",
            [
                (utc(2026, 4, 4, 14), "NZDT", "NZST"),
                (utc(2026, 9, 26, 14), "NZST", "NZDT"),
                (utc(2027, 4, 3, 14), "NZDT", "NZST"),
                (utc(2027, 9, 25, 14), "NZST", "NZDT"),
            ],
        ),
        (
            "Pacific/Chatham",
            [
                (utc(2026, 4, 4, 14), "+1345", "+1245"),
                (utc(2026, 9, 26, 14), "+1245", "+1345"),
                (utc(2027, 4, 3, 14), "+1345", "+1245"),
                (utc(2027, 9, 25, 14), "+1245", "+1345"),
            ],
        ),
        ("Asia/Kolkata", []),
        ("Asia/Tokyo", []),
        ("Asia/Kathmandu", []),
        ("America/Sao_Paulo", []),  # Brazil abolished DST in 2019
    ],
)
def test_transitions_in_2026_and_2027(zone: str, expected: list[tuple[datetime, str, str]]) -> None:
    assert changes_2026_2027(zone) == expected


def test_a_transition_carries_both_offsets_and_the_local_day() -> None:
    (march, *_) = upcoming_transitions("Australia/Sydney", utc(2026, 1, 1), utc(2026, 12, 31))
    assert march.offset_before == timedelta(hours=11)
    assert march.offset_after == timedelta(hours=10)
    assert march.shift == timedelta(hours=-1)
    assert march.local_day == date(2026, 4, 5)  # 4 April in UTC, 5 April in Sydney


def test_transitions_are_exact_to_the_second() -> None:
    (spring,) = upcoming_transitions("America/New_York", utc(2026, 3, 1), utc(2026, 4, 1))
    new_york = ZoneInfo("America/New_York")
    assert spring.at == utc(2026, 3, 8, 7)
    assert (spring.at - timedelta(seconds=1)).astimezone(new_york).utcoffset() == timedelta(
        hours=-5
    )
    assert spring.at.astimezone(new_york).utcoffset() == timedelta(hours=-4)


def test_a_change_exactly_at_start_is_included_and_exactly_at_end_is_not() -> None:
    at_start = upcoming_transitions("Europe/London", utc(2026, 3, 29, 1), utc(2026, 4, 1))
    at_end = upcoming_transitions("Europe/London", utc(2026, 3, 1), utc(2026, 3, 29, 1))
    assert [each.at for each in at_start] == [utc(2026, 3, 29, 1)]
    assert at_end == []


def test_transitions_need_aware_instants_and_a_real_zone() -> None:
    with pytest.raises(ValueError, match="start: an aware datetime is required"):
        upcoming_transitions("Europe/London", datetime(2026, 1, 1), utc(2026, 2, 1))
    with pytest.raises(ValueError, match="unknown time zone"):
        upcoming_transitions("Europe/Atlantis", utc(2026, 1, 1), utc(2026, 2, 1))


@pytest.mark.parametrize(
    ("zone", "index", "sentence"),
    [
        (
            "America/New_York",
            0,
            "On Sunday 8 March 2026 at 02:00 the clocks in New York go forward 1 h (EST → EDT).",
        ),
        (
            "Europe/London",
            1,
            "On Sunday 25 October 2026 at 02:00 the clocks in London go back 1 h (BST → GMT).",
        ),
        (
            "Australia/Sydney",
            0,
            "On Sunday 5 April 2026 at 03:00 the clocks in Sydney go back 1 h (AEDT → AEST).",
        ),
        (
            # tzdata has no letters for Chatham; the offsets say it better than "+1245".
            "Pacific/Chatham",
            1,
            "On Sunday 27 September 2026 at 02:45 the clocks in Chatham go forward 1 h "
            "(UTC+12:45 → UTC+13:45).",
        ),
    ],
)
def test_a_transition_in_words(zone: str, index: int, sentence: str) -> None:
    transitions = upcoming_transitions(zone, utc(2026, 1, 1), utc(2027, 1, 1))
    assert transitions[index].describe() == sentence


# ---- what the changes do to an overlap ----------------------------------------------------


def test_new_york_and_london_changes_in_words() -> None:
    sentences = describe_overlap_changes(
        schedule("Europe/London"),
        schedule("America/New_York"),
        date(2026, 1, 5),
        52,
        other_name="Priya",
    )
    assert sentences == [
        "From 8 March to 29 March your overlap with Priya grows from 17 h 30 min to "
        "22 h 30 min a week, then returns to 17 h 30 min.",
        "From 25 October to 1 November your overlap with Priya grows from 17 h 30 min to "
        "22 h 30 min a week, then returns to 17 h 30 min.",
    ]


def test_dates_outside_the_first_year_carry_their_year() -> None:
    sentences = describe_overlap_changes(
        schedule("America/New_York"),
        schedule("Europe/London"),
        date(2026, 6, 1),
        52,
        other_name="Sam",
    )
    assert sentences == [
        "From 25 October to 1 November your overlap with Sam grows from 17 h 30 min to "
        "22 h 30 min a week, then returns to 17 h 30 min.",
        "From 14 March 2027 to 28 March 2027 your overlap with Sam grows from 17 h 30 min "
        "to 22 h 30 min a week, then returns to 17 h 30 min.",
    ]


def test_sydney_changes_in_words_name_both_countries_dates() -> None:
    sentences = describe_overlap_changes(
        schedule("Europe/London", "18:00", "02:00"),
        schedule("Australia/Sydney"),
        date(2026, 1, 5),
        52,
        other_name="Mia",
    )
    assert sentences == [
        "From 29 March to 5 April your overlap with Mia shrinks from 16 h to 12 h a week.",
        "From 5 April to 4 October your overlap with Mia shrinks from 12 h to 8 h a week, "
        "then returns to 12 h.",
        "From 25 October your overlap with Mia grows from 12 h to 16 h a week.",
    ]


def test_no_sentences_when_the_overlap_never_changes() -> None:
    sentences = describe_overlap_changes(
        schedule("Asia/Kolkata"), schedule("Asia/Tokyo"), date(2026, 1, 5), 104, other_name="Kenji"
    )
    assert sentences == []


def test_a_partner_without_dst_is_told_the_dates_of_the_zone_that_changes() -> None:
    # Brazil does not change; a New York partner does. The dates come from New York.
    sentences = describe_overlap_changes(
        schedule("America/Sao_Paulo"),
        schedule("America/New_York"),
        date(2026, 1, 5),
        52,
        other_name="Alex",
    )
    assert sentences == [
        "From 8 March to 1 November your overlap with Alex grows from 32 h 30 min to "
        "37 h 30 min a week, then returns to 32 h 30 min.",
    ]
