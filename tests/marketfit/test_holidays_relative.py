"""Holidays of another country in any market, and days said relative to the post's
schedule (issue 17, point 5). Fixed ``at`` times in real zones; both hemispheres."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import Finding, Post, check, parse_at
from tests.marketfit.fragments import both_ways


def holiday_findings(text: str, market: str, at: str | datetime | None = None) -> list[Finding]:
    when = parse_at(at) if isinstance(at, str) else at
    return [f for f in check(Post(text, market, at=when)) if f.category == "holiday"]


# (text, market, flagged span): a holiday the market does not keep.
NOT_KEPT = [
    ("Thanksgiving Sale: 30% auf alles!", "DE", "Thanksgiving"),
    ("Offres Thanksgiving ce week-end.", "FR", "Thanksgiving"),
    ("Happy Thanksgiving from all of us!", "GB", "Thanksgiving"),
    ("Happy Thanksgiving from all of us!", "AU", "Thanksgiving"),
    ("Our offices close for the bank holiday.", "US", "bank holiday"),
    ("Bank Holiday sale starts Friday.", "CA", "Bank Holiday"),
    ("Bank Holiday sale starts Friday.", "DE", "Bank Holiday"),
    ("Fourth of July sale: everything 20% off.", "GB", "Fourth of July"),
    ("Fourth of July sale: everything 20% off.", "AU", "Fourth of July"),
    ("Boxing Day deals in store.", "US", "Boxing Day"),
    ("Boxing Day deals in store.", "FR", "Boxing Day"),
    ("Boxing Day deals in store.", "JP", "Boxing Day"),
    ("Happy Canada Day, mates!", "AU", "Canada Day"),
    ("Memorial Day weekend sale!", "IE", "Memorial Day"),
    ("Juneteenth celebrations at our store.", "GB", "Juneteenth"),
    ("Celebrate Australia Day with us.", "NZ", "Australia Day"),
    ("Waitangi Day hours: 10am-4pm.", "AU", "Waitangi Day"),
    ("Bonfire Night fireworks tonight.", "US", "Bonfire Night"),
    ("Labor Day deals start now.", "GB", "Labor Day"),
    ("Day of the Dead party at the bar.", "GB", "Day of the Dead"),
    ("Cinco de Mayo margaritas!", "AU", "Cinco de Mayo"),
    ("Presidents' Day savings.", "CA", "Presidents' Day"),
    ("Victoria Day long weekend hours.", "GB", "Victoria Day"),
]  # fmt: skip

KEPT = [
    ("Happy Thanksgiving from all of us!", "US"),
    ("Happy Thanksgiving from all of us!", "CA"),
    ("Thanksgiving Day specials.", "LR"),  # Liberia keeps it too (holidays package)
    ("Boxing Day deals in store.", "GB"),
    ("Boxing Day deals in store.", "KE"),
    ("Boxing Day deals in store.", "AU"),
    ("Labor Day sale.", "KE"),  # Kenya's 1 May holiday is called that
    ("Closed for the bank holiday on Monday.", "GB"),
    ("Closed for the bank holiday on Monday.", "IE"),
    ("¡Feliz Día de los Muertos!", "MX"),
    ("Day of the Dead altars are up.", "US"),
    ("Cinco de Mayo margaritas!", "US"),
    ("Happy Mother's Day!", "DE"),
    ("Happy Father's Day!", "JP"),
    ("Fourth of July sale: everything 20% off.", "US"),
    ("Happy Canada Day!", "CA"),
    ("Join the Australian Labor Party rally.", "AU"),
    ("The walking dead are back on Friday.", "GB"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "span"), NOT_KEPT)
def test_a_holiday_the_market_does_not_keep_is_flagged(text: str, market: str, span: str) -> None:
    found = [(text[f.start : f.end], f.rule) for f in holiday_findings(text, market)]
    assert (span, "holiday.not_kept") in found


@pytest.mark.parametrize(("text", "market"), KEPT)
def test_a_holiday_the_market_keeps_is_left_alone(text: str, market: str) -> None:
    assert [f.rule for f in holiday_findings(text, market)] == []


def test_bank_holiday_outside_the_markets_that_say_it_suggests_public_holiday() -> None:
    (finding,) = holiday_findings("Bank Holiday sale starts Friday.", "DE")
    assert finding.suggestion == "public holiday"
    assert finding.message == "Readers in Germany do not keep bank holiday"


# (text, market, at, flagged phrase, suggestion). 2026: US Thanksgiving Thu 26 Nov;
# Canadian Thanksgiving Mon 12 Oct; Christmas Fri 25 Dec; Easter Sun 5 Apr; Anzac Day
# Sat 25 Apr; Australia Day Mon 26 Jan; UK Mothering Sunday 15 Mar.
RELATIVE_WRONG = [
    ("Happy Thanksgiving tomorrow from all of us!", "US", "2026-11-24T10:00",
     "tomorrow", "this Thursday"),
    ("Thanksgiving is this Friday: order your pies.", "US", "2026-11-23T10:00",
     "this Friday", "this Thursday"),
    ("Thanksgiving is tomorrow!", "CA", "2026-10-12T10:00", "tomorrow", "today"),
    ("Christmas is next week!", "GB", "2026-12-08T10:00", "next week",
     "on Friday 25 December"),
    ("Only 3 sleeps until Christmas!", "AU", "2026-12-20T10:00", "3 sleeps until",
     "this Friday"),
    ("Two weeks to go until Halloween!", "US", "2026-10-10T10:00", "Two weeks to go",
     "on Saturday 31 October"),
    ("Easter is this weekend!", "GB", "2026-03-26T10:00", "this weekend",
     "on Sunday 5 April"),
    ("Anzac Day is tomorrow.", "AU", "2026-04-23T18:00", "tomorrow", "this Saturday"),
    ("Australia Day is today!", "AU", "2026-01-25T10:00", "today", "tomorrow"),
    ("Mother's Day is tomorrow.", "GB", "2026-03-13T10:00", "tomorrow", "this Sunday"),
    ("Happy Christmas Eve tomorrow!", "IE", "2026-12-22T10:00", "tomorrow", "this Thursday"),
    ("New Year's Eve is in 3 days.", "NZ", "2026-12-30T10:00", "in 3 days", "tomorrow"),
    ("Valentine's Day is this Friday.", "US", "2026-02-10T10:00", "this Friday",
     "this Saturday"),
    ("Good Friday is in two days.", "ZA", "2026-03-31T10:00", "in two days", "this Friday"),
]  # fmt: skip

RELATIVE_RIGHT = [
    ("Happy Thanksgiving tomorrow from all of us!", "US", "2026-11-25T10:00"),
    ("Thanksgiving is next week: order your pies.", "US", "2026-11-19T10:00"),
    ("Thanksgiving is a week away: order your pies.", "US", "2026-11-19T10:00"),
    ("Thanksgiving is next Thursday.", "US", "2026-11-19T10:00"),
    ("Thanksgiving is this Thursday.", "US", "2026-11-23T10:00"),
    ("Thanksgiving is in two weeks.", "US", "2026-11-12T10:00"),
    ("Christmas is next week!", "GB", "2026-12-18T10:00"),
    ("Christmas is this Friday!", "GB", "2026-12-21T10:00"),
    ("Only 5 sleeps until Christmas!", "AU", "2026-12-20T10:00"),
    ("Happy Thanksgiving! The sale ends tomorrow.", "US", "2026-11-24T10:00"),
    ("Thanksgiving pies, and delivery tomorrow.", "US", "2026-11-20T10:00"),
    ("Easter is this weekend!", "GB", "2026-04-02T10:00"),
    ("Anzac Day is tomorrow.", "AU", "2026-04-24T18:00"),
    ("Australia Day is today!", "AU", "2026-01-26T08:00"),
    ("Mother's Day is tomorrow.", "GB", "2026-03-14T10:00"),
    ("Mother's Day is tomorrow.", "US", "2026-05-09T10:00"),
    ("New Year's Eve is tomorrow.", "NZ", "2026-12-30T10:00"),
    ("Happy Thanksgiving tomorrow from all of us!", "US", None),  # no schedule
    ("Our Christmas menu launches tomorrow.", "GB", "2026-11-02T10:00"),
    ("Mother's Day is this Sunday.", "US", "2026-05-11T10:00"),  # the day after: let be
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span", "suggestion"), RELATIVE_WRONG)
def test_a_relative_day_that_misses_the_holiday_is_flagged_with_the_right_day(
    text: str, market: str, at: str, span: str, suggestion: str
) -> None:
    found = [
        (text[f.start : f.end], f.suggestion)
        for f in holiday_findings(text, market, at)
        if f.rule == "holiday.relative_day"
    ]
    assert found == [(span, suggestion)]


@pytest.mark.parametrize(("text", "market", "at"), RELATIVE_RIGHT)
def test_a_relative_day_that_matches_the_holiday_is_left_alone(
    text: str, market: str, at: str | None
) -> None:
    assert [f.rule for f in holiday_findings(text, market, at)] == []


def test_the_message_names_the_day_and_the_gap() -> None:
    (finding,) = holiday_findings(
        "Happy Thanksgiving tomorrow from all of us!", "US", "2026-11-24T10:00"
    )
    assert finding.message == (
        "Thanksgiving is on Thursday 26 November in the United States, 2 days after this "
        "post is scheduled"
    )


def test_the_day_is_the_markets_day_not_the_servers() -> None:
    # 23:30 on 24 November in Los Angeles is already the 25th in New York (the market's
    # main zone): "tomorrow" is Thanksgiving there.
    at = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert holiday_findings("Happy Thanksgiving tomorrow!", "US", at) == []
    at = datetime(2026, 11, 24, 20, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert [f.suggestion for f in holiday_findings("Happy Thanksgiving tomorrow!", "US", at)] == [
        "this Thursday"
    ]


# (text, market, at, flagged): "this long weekend" with no public holiday around it.
LONG_WEEKEND = [
    ("Enjoy the long weekend, everyone!", "US", "2026-06-25T10:00", "Enjoy the long weekend"),
    ("This long weekend only: 20% off.", "GB", "2026-06-25T10:00", "This long weekend"),
    ("Happy long weekend, Aussies!", "AU", "2026-07-16T10:00", "Happy long weekend"),
    ("Over the long weekend we're open 9-5.", "NZ", "2026-08-13T10:00",
     "Over the long weekend"),
    ("This coming long weekend: free delivery.", "CA", "2026-11-19T10:00",
     "This coming long weekend"),
]  # fmt: skip

LONG_WEEKEND_RIGHT = [
    ("Enjoy the long weekend, everyone!", "US", "2026-09-03T10:00"),  # Labor Day Mon 7
    ("This long weekend only: 20% off.", "GB", "2026-08-27T10:00"),  # bank holiday Mon 31
    ("Happy long weekend, Aussies!", "AU", "2026-06-04T10:00"),  # King's Birthday Mon 8
    ("Happy long weekend!", "AU", "2026-03-05T10:00"),  # Labour Day (VIC), Canberra Day Mon 9
    ("Over the long weekend we're open 9-5.", "NZ", "2026-10-22T10:00"),  # Labour Day Mon 26
    ("Enjoy the long weekend.", "CA", "2026-10-12T10:00"),  # on Thanksgiving Monday
    ("Plan a long weekend in Bali.", "AU", "2026-06-25T10:00"),
    ("Enjoy the long weekend, everyone!", "US", None),  # no schedule
    ("Happy Thanksgiving! Enjoy the long weekend.", "CA", "2026-10-09T10:00"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "span"), LONG_WEEKEND)
def test_a_long_weekend_without_a_public_holiday_is_flagged(
    text: str, market: str, at: str, span: str
) -> None:
    found = [
        text[f.start : f.end]
        for f in holiday_findings(text, market, at)
        if f.rule == "holiday.long_weekend"
    ]
    assert found == [span]


@pytest.mark.parametrize(("text", "market", "at"), LONG_WEEKEND_RIGHT)
def test_a_real_long_weekend_is_left_alone(text: str, market: str, at: str | None) -> None:
    assert [f.rule for f in holiday_findings(text, market, at)] == []


def test_a_long_weekend_next_to_another_markets_holiday_is_left_to_holiday_not_kept() -> None:
    text = "Happy Thanksgiving, Canada! Enjoy the long weekend."
    rules = [f.rule for f in holiday_findings(text, "GB", "2026-06-25T10:00")]
    assert rules == ["holiday.not_kept"]


def test_the_long_weekend_message_names_the_next_one() -> None:
    (finding,) = holiday_findings("Enjoy the long weekend, everyone!", "US", "2026-06-25T10:00")
    assert finding.message == (
        "No public holiday in the United States makes the weekend of 27-28 June a long "
        "weekend; the next is Independence Day (observed) on Friday 3 July"
    )


ALL_CASES = sorted(
    {(c[0], c[1], None) for c in [*NOT_KEPT, *KEPT]}
    | {(c[0], c[1], c[2]) for c in [*RELATIVE_WRONG, *RELATIVE_RIGHT, *LONG_WEEKEND]}
    | {(c[0], c[1], c[2]) for c in LONG_WEEKEND_RIGHT},
    key=lambda c: (c[0], c[1], c[2] or ""),
)


@pytest.mark.parametrize(("text", "market", "at"), ALL_CASES)
def test_the_rules_triggers_hide_no_finding(text: str, market: str, at: str | None) -> None:
    fast, full = both_ways(Post(text, market, at=parse_at(at) if at else None))
    assert fast == full
