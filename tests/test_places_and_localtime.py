"""Django-free cores: places (countries, zones, tags, currencies) and localtime, with real zones."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from onshore import places
from onshore.localtime import (
    DayHours,
    describe_offset,
    describe_offset_from,
    offset_between,
    parse_weekly_hours,
    weekly_hours_to_json,
)
from onshore.workspaces import sourcing


@pytest.mark.parametrize(
    ("country", "zone", "currency"),
    [
        ("GB", "Europe/London", "GBP"),
        ("US", "America/New_York", "USD"),
        ("AU", "Australia/Sydney", "AUD"),
        ("CA", "America/Toronto", "CAD"),
        ("IN", "Asia/Kolkata", "INR"),
        ("IE", "Europe/Dublin", "EUR"),
        ("NZ", "Pacific/Auckland", "NZD"),
    ],
)
def test_defaults_for_a_country(country: str, zone: str, currency: str) -> None:
    assert places.primary_zone(country) == zone
    assert places.default_currency(country) == currency
    assert zone in places.zones_for_country(country)


def test_zone_membership_comes_from_the_tz_database() -> None:
    places.check_zone_in_country("America/Phoenix", "US")
    places.check_zone_in_country("Australia/Perth", "AU")
    with pytest.raises(ValueError, match="not a time zone of Canada"):
        places.check_zone_in_country("America/New_York", "CA")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("en_gb", "en-GB"), ("EN-us", "en-US"), ("zh-Hant-TW", "zh-Hant-TW"), ("fr-CA", "fr-CA")],
)
def test_language_tags_are_canonicalised(raw: str, clean: str) -> None:
    assert places.normalise_language_tag(raw) == clean


@pytest.mark.parametrize("bad", ["", "english", "xx-YY-ZZ-!!", "x" * 40])
def test_bad_language_tags_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        places.normalise_language_tag(bad)


def test_offset_follows_each_zones_dst() -> None:
    # The US springs forward on 8 March 2026, the UK on 29 March: three weeks at 4 h.
    def london_to_new_york(day: datetime) -> timedelta:
        return offset_between("Europe/London", "America/New_York", day)

    assert london_to_new_york(datetime(2026, 3, 1, 12, tzinfo=UTC)) == timedelta(hours=-5)
    assert london_to_new_york(datetime(2026, 3, 10, 12, tzinfo=UTC)) == timedelta(hours=-4)
    assert london_to_new_york(datetime(2026, 3, 30, 12, tzinfo=UTC)) == timedelta(hours=-5)
    # Sydney moves the other way: 9 h ahead of London in July (AEST+10 vs BST+1),
    # 11 h in January (AEDT+11 vs GMT+0).
    assert offset_between(
        "Europe/London", "Australia/Sydney", datetime(2026, 7, 1, tzinfo=UTC)
    ) == timedelta(hours=9)
    assert offset_between(
        "Europe/London", "Australia/Sydney", datetime(2026, 1, 15, tzinfo=UTC)
    ) == timedelta(hours=11)
    # India and Nepal keep their half and quarter hours all year.
    assert (
        describe_offset(offset_between("UTC", "Asia/Kathmandu", datetime(2026, 1, 1, tzinfo=UTC)))
        == "5 h 45 min ahead"
    )


def test_offset_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError, match="aware"):
        offset_between("UTC", "Europe/London", datetime(2026, 1, 1))


def test_describing_offsets() -> None:
    assert describe_offset(timedelta(0)) == "same time"
    assert describe_offset(timedelta(minutes=-30)) == "30 min behind"
    assert describe_offset_from(timedelta(hours=5, minutes=30), "you") == "5 h 30 min ahead of you"
    assert describe_offset_from(timedelta(hours=-6), "Priya") == "6 h behind Priya"
    assert describe_offset_from(timedelta(0), "you") == "the same time as you"


def test_weekly_hours_round_trip_and_night_shifts() -> None:
    week = parse_weekly_hours(
        {"mon": [["13:00", "17:00"], ["08:00", "12:00"]], "fri": [["22:00", "06:00"]]}
    )
    assert week["mon"][0] == DayHours(time(8), time(12))
    assert week["fri"][0].crosses_midnight()
    assert weekly_hours_to_json(week) == {
        "mon": [["08:00", "12:00"], ["13:00", "17:00"]],
        "fri": [["22:00", "06:00"]],
    }


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ([], "expected an object"),
        ({"mon": "9-5"}, "mon: expected a list"),
        ({"mon": [["09:00"]]}, "mon: each span"),
        ({"tue": [["09:00", "09:00"]]}, "must not start and end"),
        ({"wed": [["24:00", "25:00"]]}, "wed: '24:00' is not a time"),
        ({"mon": [[9, 17]]}, "mon: expected a time"),
    ],
)
def test_bad_weekly_hours_say_which_day_and_why(raw: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_weekly_hours(raw)


def test_market_note_in_the_markets_own_time_across_dst() -> None:
    # 30 March 2026, a Monday: the UK is now on BST, India never changes.
    at = datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
    note = sourcing.market_note(
        person="Priya",
        market_country="GB",
        market_language="en-GB",
        market_zone="Europe/London",
        member_zone="Asia/Kolkata",
        member_hours_today=(DayHours(time(10), time(19)),),
        at=at,
    )
    assert note.market_label == "United Kingdom (en-GB)"
    assert note.time_difference.rstrip(".") == "It is 07:00 in London, 4 h 30 min behind Priya"
    assert "10:00–19:00 in Kolkata is 05:30–14:30 in London" in note.availability
    assert "30/03/2026" in note.spelling_and_vocabulary
    assert "Good Friday on 3 Apr" in note.holidays_and_customs
    before = sourcing.market_note(
        person="Priya",
        market_country="GB",
        market_language="en-GB",
        market_zone="Europe/London",
        member_zone="Asia/Kolkata",
        member_hours_today=(DayHours(time(10), time(19)),),
        at=datetime(2026, 3, 27, 6, 0, tzinfo=UTC),
    )
    assert "10:00–19:00 in Kolkata is 04:30–13:30 in London" in before.availability


def test_market_note_for_a_country_without_written_advice() -> None:
    note = sourcing.market_note(
        person="Ana",
        market_country="BR",
        market_language="pt-BR",
        market_zone="America/Sao_Paulo",
        member_zone="Europe/Lisbon",
        member_hours_today=(),
        at=datetime(2026, 5, 1, 12, tzinfo=UTC),
    )
    assert "Portuguese (Brazil)" in note.spelling_and_vocabulary
    assert "Ana does not work on Fridays" in note.availability


@pytest.mark.parametrize(
    "country, first", [("GB", 0), ("DE", 0), ("US", 6), ("IN", 6), ("EG", 5), ("MV", 4)]
)
def test_the_week_starts_on_the_day_cldr_gives_for_the_country(country: str, first: int) -> None:
    assert places.first_weekday(country) == first


def test_an_unknown_or_missing_country_starts_the_week_on_monday() -> None:
    assert places.first_weekday("") == 0
    assert places.first_weekday("XK") == 0
