"""Time zones written in words, times of day said in words, the wrong half of the year
in both hemispheres, and times in another market's zone converted to the market's
clocks on the post's date (issue 17, point 3)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import Finding, Post, check, parse_at
from tests.marketfit.fragments import both_ways

SYDNEY = ZoneInfo("Australia/Sydney")


def zone_findings(text: str, market: str, at: str | datetime | None = None) -> list[Finding]:
    when = parse_at(at) if isinstance(at, str) else at
    return [f for f in check(Post(text, market, at=when)) if f.category == "timezone"]


def flagged(text: str, market: str, at: str | datetime | None = None) -> list[str]:
    return [text[f.start : f.end] for f in zone_findings(text, market, at)]


# (text, market, at, the text flagged). Dates: 2026 DST runs 8 March - 1 November in
# the US, 29 March - 25 October in Europe, and until 5 April / from 4 October in
# south-east Australia and New Zealand (27 September there).
WRONG_HALF = [
    ("Live Q&A at 9am Eastern Standard Time on 4 July 2026.", "US", None,
     "Eastern Standard Time", "Eastern Daylight Time"),
    ("Join us at 1pm Pacific Standard Time.", "US", "2026-06-10T09:00",
     "Pacific Standard Time", "Pacific Daylight Time"),
    ("Webinar at 2pm Central Daylight Time.", "US", "2026-01-12T09:00",
     "Central Daylight Time", "Central Standard Time"),
    ("Kick-off at 6pm Eastern Daylight Time on 1 December 2026.", "CA", None,
     "Eastern Daylight Time", "Eastern Standard Time"),
    ("Doors open 7pm British Summer Time on 14 January 2026.", "GB", None,
     "British Summer Time", "Greenwich Mean Time"),
    ("Our shop opens at 9am Greenwich Mean Time.", "GB", "2026-07-07T08:00",
     "Greenwich Mean Time", "British Summer Time"),
    ("Webinar at 10am Australian Eastern Daylight Time.", "AU", "2026-07-14T09:00",
     "Australian Eastern Daylight Time", "Australian Eastern Standard Time"),
    ("Sale starts 8am Australian Eastern Standard Time.", "AU", "2026-01-14T09:00",
     "Australian Eastern Standard Time", "Australian Eastern Daylight Time"),
    ("Tasting at 6pm New Zealand Standard Time.", "NZ", "2026-01-14T09:00",
     "New Zealand Standard Time", "New Zealand Daylight Time"),
    ("Tasting at 6pm New Zealand Daylight Time.", "NZ", "2026-07-14T09:00",
     "New Zealand Daylight Time", "New Zealand Standard Time"),
    ("Irish Standard Time applies from 10am.", "IE", "2026-01-14T09:00",
     "Irish Standard Time", "Greenwich Mean Time"),
    ("Launch at 19:00 Central European Time.", "DE", "2026-07-14T09:00",
     "Central European Time", "Central European Summer Time"),
    ("Launch at 19:00 Central European Summer Time.", "FR", "2026-01-14T09:00",
     "Central European Summer Time", "Central European Time"),
    ("Gates open at half past seven BST.", "GB", "2026-01-14T09:00", "BST", "GMT"),
    ("Doors at seven o'clock EST.", "US", "2026-07-14T09:00", "EST", "EDT"),
    ("Countdown ends at midnight AEDT.", "AU", "2026-07-14T09:00", "AEDT", "AEST"),
    ("Our livestream starts at noon Eastern Standard Time.", "GB", "2026-07-14T09:00",
     "Eastern Standard Time", "Eastern Daylight Time"),
    ("Join at 3pm British Summer Time.", "US", "2026-12-02T09:00",
     "British Summer Time", "Greenwich Mean Time"),
    ("Australian Central Daylight Time: doors 9am.", "AU", "2026-06-01T09:00",
     "Australian Central Daylight Time", "Australian Central Standard Time"),
    # DST edges: the day after the change the other name is in force.
    ("Live at 9am Eastern Standard Time.", "US", "2026-03-09T09:00",
     "Eastern Standard Time", "Eastern Daylight Time"),
    ("Live at 9am British Summer Time.", "GB", "2026-10-26T09:00",
     "British Summer Time", "Greenwich Mean Time"),
    ("Live at 9am Australian Eastern Standard Time.", "AU", "2026-10-05T09:00",
     "Australian Eastern Standard Time", "Australian Eastern Daylight Time"),
    # The post's own date wins over its schedule.
    ("Webinar on 20 January 2026 at 2pm British Summer Time.", "GB", "2026-07-01T09:00",
     "British Summer Time", "Greenwich Mean Time"),
]  # fmt: skip

RIGHT_HALF = [
    ("Live Q&A at 9am Eastern Daylight Time on 4 July 2026.", "US", None),
    ("Join us at 1pm Pacific Standard Time.", "US", "2026-01-10T09:00"),
    ("Live at 9am Eastern Standard Time.", "US", "2026-03-07T09:00"),  # day before DST
    ("Live at 9am British Summer Time.", "GB", "2026-10-24T09:00"),  # day before the end
    ("Doors open 7pm Greenwich Mean Time on 14 January 2026.", "GB", None),
    ("Webinar at 10am Australian Eastern Standard Time.", "AU", "2026-07-14T09:00"),
    ("Sale starts 8am Australian Eastern Daylight Time.", "AU", "2026-01-14T09:00"),
    ("Our Brisbane store opens 9am Australian Eastern Standard Time.", "AU", "2026-01-14T09:00"),
    ("Tasting at 6pm New Zealand Daylight Time.", "NZ", "2026-01-14T09:00"),
    ("Irish Standard Time applies from 10am.", "IE", "2026-07-14T09:00"),
    ("Call at 4pm India Standard Time.", "IN", "2026-01-14T09:00"),
    ("Call at 4pm India Standard Time.", "IE", "2026-01-14T09:00"),
    ("Launch at 19:00 Central European Summer Time.", "DE", "2026-07-14T09:00"),
    ("Phoenix opening at 9am Mountain Standard Time.", "US", "2026-07-14T09:00"),
    ("Gates open at half past seven BST.", "GB", "2026-07-14T09:00"),
    ("Doors at seven o'clock EDT.", "US", "2026-07-14T09:00"),
    ("Live at 2pm Eastern Time all year round.", "US", "2026-07-14T09:00"),
    ("Live at 2pm Pacific time.", "US", "2026-01-14T09:00"),
    ("The Pacific Ocean at noon is beautiful.", "US", "2026-01-14T09:00"),
    ("Eastern Europe tour dates are out.", "GB", "2026-01-14T09:00"),
    ("Our central office opens at 9am.", "GB", "2026-01-14T09:00"),
    ("Mountain biking at 10am, then lunch.", "NZ", "2026-01-14T09:00"),
    ("Central Standard Time is what Chicago keeps in winter.", "US", "2026-01-14T09:00"),
    ("Live Q&A at 9am Eastern Daylight Time.", "US", None),  # no date at all
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "found", "suggestion"), WRONG_HALF)
def test_a_zone_name_for_the_wrong_half_of_the_year_is_flagged_with_the_right_name(
    text: str, market: str, at: str | None, found: str, suggestion: str
) -> None:
    findings = [f for f in zone_findings(text, market, at) if text[f.start : f.end] == found]
    assert findings, f"{found!r} not flagged in {text!r}"
    assert findings[0].suggestion == suggestion
    assert findings[0].severity == "error"


@pytest.mark.parametrize(("text", "market", "at"), RIGHT_HALF)
def test_a_zone_name_right_for_the_date_is_left_alone(
    text: str, market: str, at: str | None
) -> None:
    assert flagged(text, market, at) == []


# (text, market, at, flagged span, suggestion): a time given in another market's zone,
# converted to the market's main zone on the post's date.
OTHER_MARKET = [
    ("Live from London at 7pm BST on 14 July 2026.", "US", None, "7pm BST", "2pm EDT"),
    # GMT is UTC outside the markets on UTC+0: a UK zone all the same (issue 17, point 3).
    ("Live from London at 7pm GMT on 14 January 2026.", "AU", None, "7pm GMT", "6am AEDT"),
    ("Webinar at 3pm GMT on 10 July 2026.", "US", None, "3pm GMT", "11am EDT"),
    ("Webinar at 3pm Greenwich Mean Time on 10 July 2026.", "US", None,
     "3pm Greenwich Mean Time", "11am EDT"),
    ("Doors open at noon UK time.", "AU", "2026-07-14T09:00", "noon UK time", "9pm AEST"),
    ("Doors open at noon UK time.", "AU", "2026-01-14T09:00", "noon UK time", "11pm AEDT"),
    ("Join the Sydney team at 9am AEST.", "GB", "2026-07-14T09:00", "9am AEST", "midnight BST"),
    ("Join the Sydney team at 9am AEDT.", "GB", "2026-01-14T09:00", "9am AEDT", "10pm GMT"),
    ("Webinar at half past seven Eastern.", "IE", "2026-03-02T09:00",
     "half past seven Eastern", "12:30 GMT"),
    ("Webinar at 3pm Pacific.", "GB", "2026-07-14T09:00", "3pm Pacific", "11pm BST"),
    ("Webinar at 3pm Pacific Time.", "NZ", "2026-07-14T09:00", "3pm Pacific Time", "10am NZST"),
    ("Tasting at 19:00 Central European Time.", "GB", "2026-01-14T09:00",
     "19:00 Central European Time", "18:00 GMT"),
    ("Drop lands at midnight EST.", "GB", "2026-01-14T09:00", "midnight EST", "5am GMT"),
    ("Drop lands at 9 o'clock AEST.", "US", "2026-07-14T09:00", "9 o'clock AEST", "7 o'clock EDT"),
    ("Stream at 8pm NZDT.", "AU", "2026-01-14T09:00", "8pm NZDT", "6pm AEDT"),
    ("Stream at 8pm British Summer Time.", "CA", "2026-07-14T09:00",
     "8pm British Summer Time", "3pm EDT"),
    ("Launch at 10am ET.", "GB", "2026-07-14T09:00", "10am ET", "3pm BST"),
    ("Launch at 10am ET.", "IN", "2026-07-14T09:00", "10am ET", "7:30pm IST"),
    ("Q&A at 5pm London time.", "US", "2026-11-03T09:00", "5pm London time", "noon EST"),
    # The week the US has changed its clocks and Europe has not: a 4-hour gap.
    ("Q&A at 5pm London time.", "US", "2026-03-10T09:00", "5pm London time", "1pm EDT"),
    ("Live at 7pm Eastern.", "AU", "2026-07-14T09:00", "7pm Eastern", "9am AEST"),
]  # fmt: skip

SAME_MARKET = [
    ("Live at 9am ET on 4 July 2026.", "US", None),
    ("Live at 9am Pacific on 4 July 2026.", "CA", None),
    ("Live at 9am PT / noon ET.", "US", "2026-07-14T09:00"),
    ("Webinar at 3pm GMT.", "IE", "2026-07-14T09:00"),
    ("Doors open at noon UK time.", "GB", "2026-07-14T09:00"),
    ("Tasting at 19:00 Central European Time.", "DE", "2026-01-14T09:00"),
    ("Tasting at 19:00 CET.", "FR", "2026-01-14T09:00"),
    ("Stream at 8pm AEST for our Brisbane fans.", "AU", "2026-07-14T09:00"),
    ("Join at 10am Sydney time.", "AU", "2026-07-14T09:00"),
    ("Our Perth store opens at 9am AWST.", "AU", "2026-07-14T09:00"),
    ("Doors at 7:30pm NZST.", "NZ", "2026-07-14T09:00"),
    ("Meet us at 7pm IST in Dublin.", "IE", "2026-07-14T09:00"),
    ("Call at 4pm India Standard Time.", "IN", "2026-07-14T09:00"),
    ("Live at 9am Mountain Time.", "CA", "2026-07-14T09:00"),
    ("Live at 2pm Atlantic.", "CA", "2026-07-14T09:00"),
    ("Open 9am to 5pm Eastern.", "US", "2026-07-14T09:00"),
    ("We open at noon.", "GB", "2026-07-14T09:00"),
    ("At seven we eat dinner.", "US", "2026-07-14T09:00"),
    ("One Eastern European recipe for you.", "GB", "2026-07-14T09:00"),
    ("Live from London at 7pm BST.", "US", None),  # no date: no conversion
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "at", "found", "suggestion"), OTHER_MARKET)
def test_a_time_in_another_markets_zone_is_converted_to_the_markets_clocks(
    text: str, market: str, at: str | None, found: str | None, suggestion: str | None
) -> None:
    findings = [f for f in zone_findings(text, market, at) if f.rule == "timezone.other_market"]
    if found is None:
        assert findings == []
        return
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [(found, suggestion)]


@pytest.mark.parametrize(("text", "market", "at"), SAME_MARKET)
def test_a_time_in_the_markets_own_zone_is_not_converted(
    text: str, market: str, at: str | None
) -> None:
    rules = [f.rule for f in zone_findings(text, market, at)]
    assert "timezone.other_market" not in rules


def test_the_message_says_whose_time_it_is_and_which_of_the_markets_zones() -> None:
    (finding,) = [
        f
        for f in zone_findings("Live from London at 7pm BST on 14 July 2026.", "US")
        if f.rule == "timezone.other_market"
    ]
    assert finding.message == (
        "7pm BST is the time in the United Kingdom; for US readers that is 2pm EDT "
        "(New York time) on 14 July 2026"
    )


def test_a_conversion_that_crosses_midnight_names_the_day_there() -> None:
    (finding,) = [
        f
        for f in zone_findings("Join the Sydney team at 7am AEST.", "US", "2026-07-14T09:00")
        if f.rule == "timezone.other_market"
    ]
    assert finding.suggestion == "5pm EDT"
    assert finding.message.endswith("on 13 July 2026")


def test_the_schedule_as_an_aware_time_in_a_real_zone_decides_the_date() -> None:
    # 23:30 in Sydney on 4 October is already daylight time there (from 02:00 that day);
    # as a wall-clock instant in the zone it is read in the market's own zone.
    at = datetime(2026, 10, 4, 23, 30, tzinfo=SYDNEY)
    assert flagged("Live at 9am Australian Eastern Standard Time.", "AU", at) == [
        "Australian Eastern Standard Time"
    ]
    at = datetime(2026, 10, 3, 23, 30, tzinfo=SYDNEY)
    assert flagged("Live at 9am Australian Eastern Standard Time.", "AU", at) == []


def test_a_time_with_a_named_zone_is_not_a_time_without_a_zone() -> None:
    rules = [
        f.rule for f in zone_findings("Join at 2pm British Summer Time.", "US", "2026-07-14T09:00")
    ]
    assert "timezone.missing_zone" not in rules
    assert rules == ["timezone.other_market"]


ALL_TEXTS = sorted(
    {
        (case[0], case[1], case[2])
        for case in [*WRONG_HALF, *RIGHT_HALF, *OTHER_MARKET, *SAME_MARKET]
    }
)


@pytest.mark.parametrize(("text", "market", "at"), ALL_TEXTS)
def test_the_rules_triggers_hide_no_finding(text: str, market: str, at: str | None) -> None:
    post = Post(text, market, at=parse_at(at) if at else None)
    fast, full = both_ways(post)
    assert fast == full
