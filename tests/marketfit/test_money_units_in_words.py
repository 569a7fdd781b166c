"""Money and units written in words (issue 17, point 4): amounts in words, minor
units and slang in a market whose currency is another; weights, distances, fuel
economy and temperatures in words in a metric market, with their other senses left
alone."""

from __future__ import annotations

import pytest

from onshore.marketfit import Finding, Post, check
from tests.marketfit.fragments import both_ways


def findings(text: str, market: str, category: str) -> list[Finding]:
    return [f for f in check(Post(text, market)) if f.category == category]


# (text, market, flagged span)
MONEY_FLAGGED = [
    ("Gift cards from fifty dollars.", "GB", "fifty dollars"),
    ("Gift cards from fifty dollars.", "IE", "fifty dollars"),
    ("Gift cards from fifty dollars.", "IN", "fifty dollars"),
    ("Gift cards from twenty-five dollars.", "ZA", "twenty-five dollars"),
    ("A hundred dollars of credit for new members.", "GB", "A hundred dollars"),
    ("Everything under 99 cents today!", "GB", "99 cents"),
    ("Everything under 99 cents today!", "IN", "99 cents"),
    ("Texts cost ten cents each.", "GB", "ten cents"),
    ("Stickers are 50p each.", "US", "50p"),
    ("Stickers are 50p each.", "IE", "50p"),
    ("Stickers are 50p each.", "AU", "50p"),
    ("Only ten pence a cup!", "AU", "ten pence"),
    ("Only ten pence a cup!", "CA", "ten pence"),
    ("Tickets just twenty euros.", "US", "twenty euros"),
    ("Tickets just twenty euros.", "GB", "twenty euros"),
    ("Tickets 20 Euro.", "CH", "20 Euro"),
    ("Just 5 euro cents per message.", "GB", "5 euro cents"),
    ("Chai for 30 rupees.", "GB", "30 rupees"),
    ("A hundred rupees only.", "ZA", "A hundred rupees"),
    ("Grab a fiver off your order.", "US", "a fiver"),
    ("Spend a tenner, get a free tote.", "IN", "a tenner"),
    ("Only a dollar a day!", "IE", "a dollar"),
    ("A few dollars gets you in.", "GB", "A few dollars"),
]  # fmt: skip

MONEY_CLEAN = [
    ("Everything under 99 cents today!", "US"),
    ("Everything under 99 cents today!", "CA"),
    ("Everything under 99 cents today!", "AU"),
    ("Everything under 99 cents today!", "NZ"),
    ("Everything under 99 cents today!", "IE"),  # euro cents
    ("Everything under 99 cents today!", "ZA"),  # rand cents
    ("Stickers are 50p each.", "GB"),
    ("Only ten pence a cup!", "GB"),
    ("Gift cards from fifty dollars.", "AU"),
    ("Gift cards from fifty dollars.", "US"),
    ("Gift cards from fifty dollars.", "CA"),
    ("Gift cards from fifty US dollars.", "GB"),
    ("All prices in dollars: tees twenty dollars.", "GB"),
    ("Priced in US dollars, from fifty dollars a month.", "IE"),
    ("Tees twenty dollars (USD).", "GB"),
    ("Tickets just twenty euros.", "IE"),
    ("Tickets 20 Euro.", "DE"),
    ("Chai for 30 rupees.", "IN"),
    ("Here are my two cents on the launch.", "GB"),
    ("Adding our two cents' worth.", "IN"),
    ("A dollar store haul!", "GB"),
    ("Shot in 1080p and 720p.", "GB"),
    ("See you at 7p.m. sharp.", "US"),
    ("Fifty Cent plays live tonight.", "GB"),
    ("Grab a fiver off your order.", "GB"),
    ("Spend a tenner, get a free tote.", "AU"),
    ("Costs two pounds sterling.", "US"),
    ("The eurozone and the euro area.", "GB"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "span"), MONEY_FLAGGED)
def test_money_in_words_of_another_currency_is_flagged(text: str, market: str, span: str) -> None:
    found = [text[f.start : f.end] for f in findings(text, market, "currency")]
    assert span in found


@pytest.mark.parametrize(("text", "market"), MONEY_CLEAN)
def test_the_markets_own_money_and_money_named_on_purpose_are_left_alone(
    text: str, market: str
) -> None:
    assert findings(text, market, "currency") == []


def test_the_message_names_the_markets_currency() -> None:
    (finding,) = findings("Gift cards from fifty dollars.", "GB", "currency")
    assert finding.message == (
        "UK readers pay in pounds (£), and 'fifty dollars' is an amount in dollars: give "
        "the price in pounds (£), or say which currency you mean"
    )


def test_a_fiver_is_five_of_the_markets_own_money() -> None:
    (finding,) = findings("Grab a fiver off your order.", "US", "currency")
    assert finding.suggestion == "$5"
    (finding,) = findings("Spend a tenner, get a free tote.", "IN", "currency")
    assert finding.suggestion == "₹10"


# (text, market, flagged span, suggestion)
UNITS_FLAGGED = [
    ("Grab five pounds of apples for the weekend.", "AU", "five pounds of", "2.3 kg"),
    ("Grab a pound of cherries.", "NZ", "a pound of", "0.5 kg"),
    ("I've lost 10 pounds since January!", "NZ", "10 pounds", "4.5 kg"),
    ("She weighs eight pounds at birth.", "IE", "eight pounds", "3.6 kg"),
    ("The trail is two miles long.", "NZ", "two miles", "3.2 km"),
    ("The trail is two miles long.", "DE", "two miles", "3.2 km"),
    ("Our shop is half a mile from the station.", "IE", "half a mile", "0.8 km"),
    ("The shop is a mile away.", "AU", "a mile", "1.6 km"),
    ("Fun run: three miles along the beach.", "ZA", "three miles", "4.8 km"),
    ("Trim a few inches off your hair.", "ZA", "a few inches", None),
    ("Our pizzas are 12 inches across.", "AU", "12 inches", "30 cm"),
    ("Snow: six inches overnight.", "NZ", "six inches", "15 cm"),
    ("He stands six feet tall.", "NZ", "six feet", "1.83 m"),
    ("He is six foot two and loves it.", "AU", "six foot two", "1.88 m"),
    ("A six-foot Christmas tree for the shop.", "NZ", "six-foot", "1.83 m"),
    ("Keep six feet apart in the queue.", "IE", "six feet", "1.83 m"),
    ("Fill three gallons of water.", "AU", "three gallons", "11 L"),
    ("Stir in eight ounces of flour.", "AU", "eight ounces", "227 g"),
    ("It does forty miles per gallon.", "NZ", "forty miles per gallon", "5.9 L/100 km"),
    ("It does 40 miles per gallon.", "ZA", "40 miles per gallon", "5.9 L/100 km"),
    ("It does fifty miles to the gallon.", "IE", "fifty miles to the gallon", "4.7 L/100 km"),
    ("Our hybrid does 60 mpg on the motorway.", "AU", "60 mpg", "3.9 L/100 km"),
    ("It hit ninety degrees Fahrenheit today.", "AU", "ninety degrees Fahrenheit", "32°C"),
    ("I lost two stone this year!", "AU", "two stone", "13 kg"),
    ("I weigh twelve stone.", "NZ", "twelve stone", "76 kg"),
    ("Driving at sixty miles an hour.", "IE", "sixty miles an hour", "97 km/h"),
    ("Three yards of fabric per dress.", "AU", "Three yards", "2.74 m"),
]  # fmt: skip

UNITS_CLEAN = [
    ("The trail is two miles long.", "GB"),
    ("I lost two stone this year!", "GB"),
    ("I lost two stone this year!", "IE"),
    ("It does forty miles per gallon.", "GB"),
    ("Our hybrid does 60 mpg on the motorway.", "GB"),
    ("He stands six feet tall.", "IN"),  # CLDR: India keeps feet for height
    ("He stands six feet tall.", "CA"),
    ("Grab five pounds of apples for the weekend.", "US"),
    ("The trail is two miles long.", "US"),
    ("Our team is miles ahead.", "AU"),
    ("Two miles ahead of the pack, in sales at least.", "AU"),
    ("Inch closer to your goals.", "AU"),
    ("Jump in feet first.", "AU"),
    ("Stand on your own two feet.", "NZ"),
    ("Six Feet Under is back on telly.", "AU"),
    ("It costs five pounds.", "IE"),
    ("Only 5 pounds for a coffee.", "AU"),
    ("We beat them by a mile.", "NZ"),
    ("He'd never give an inch.", "NZ"),
    ("An ounce of prevention.", "AU"),
    ("Ten-gallon hats on sale.", "AU"),
    ("Yard sale this weekend.", "AU"),
    ("We're a stone's throw from the beach.", "AU"),
    ("Two stone walls frame the garden.", "NZ"),
    ("Go the extra mile for your customers.", "ZA"),
    ("Every inch a champion.", "IE"),
    ("The trail is 3 km long.", "NZ"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "market", "span", "suggestion"), UNITS_FLAGGED)
def test_imperial_units_in_words_are_flagged_in_metric_markets(
    text: str, market: str, span: str, suggestion: str | None
) -> None:
    found = [(text[f.start : f.end], f.suggestion) for f in findings(text, market, "units")]
    assert (span, suggestion) in found


@pytest.mark.parametrize(("text", "market"), UNITS_CLEAN)
def test_units_the_market_keeps_and_other_senses_are_left_alone(text: str, market: str) -> None:
    assert findings(text, market, "units") == []


def test_a_quantity_after_digits_is_flagged_once() -> None:
    found = findings("Only 5 miles to the coast.", "AU", "units")
    assert [f.rule for f in found] == ["units.foreign"]


@pytest.mark.parametrize(
    ("text", "market"),
    sorted({(c[0], c[1]) for c in [*MONEY_FLAGGED, *MONEY_CLEAN, *UNITS_FLAGGED, *UNITS_CLEAN]}),
)
def test_the_rules_triggers_hide_no_finding(text: str, market: str) -> None:
    fast, full = both_ways(Post(text, market))
    assert fast == full
