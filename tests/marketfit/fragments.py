"""Pieces of post text that property tests join at random, shared by the tests that
compare the checker's fast paths with the plain way (test_triggers, test_fast_paths,
test_ascii_twins, test_native)."""

from __future__ import annotations

from onshore.marketfit import Finding, Post
from onshore.marketfit._engine import DEFAULT_OPTIONS, build_context, collect_findings
from onshore.marketfit._plan import applicable_rules
from onshore.marketfit._triggers import triggered_rules

# What the rules look for, written the ways that test the triggers' edges: other
# cases, possessives, hyphens, the characters Python's re matches as ASCII letters.
RULE_FRAGMENTS = [
    "colour", "Color's", "COLOR", "organise", "9am EST", "9 a.m.", "at 2pm", "14:30", "9-10am",
    "July 4, 2026", "Friday 4 July 2026", "Mon, March 3", "Tueſday 4 Auguſt 2026", "SEPT 9TH",
    "the 3rd of \u212aay", "the 4th of July", "04/07", "13/04",
    "1.2.2026", "2026-07-04", "$20", "£15", "€5", "USD 49", "49 EUR", "20 bucks", "few quid",
    "95°F", "100 km/h", "5 miles", "2 stone", "3kg", "5 ft", "6 feet", "10 sq ft", "20 m²", "4 ha",
    "30 mpg", "2 lbs", "1 gal", "2 pints", "5 cm", "40 degrees F", "3 kilos", "12 kph", "5 mi",
    "1st", "3 hectares", "9 sqm", "10 mph", "Happy Thanksgiving", "bank holiday",
    "Mother's Day this Sunday", "Fathers Day", "MLK Day", "Guy Fawkes Night", "sneakers",
    "this fall", "gas station", "pay by check", "tire pressure", "50 meters", "5km",
    "loyalty program", "zip code", "ZIP codes", "post code", "cellphone", "take-out", "car park",
    "trash can",
    "4pm IST", "#tag", "@user@host.social", "https://example.com/x", "x@y.org", '"quoted color"',
    "ſneakers", "\u212ailometers", "İstanbul", "dıapers", "👍🏽", "é", "—", " ", "\n", ".",
]  # fmt: skip

# Digits in every position the shortcuts care about: first in the text, after a "-",
# inside words and numbers, non-ASCII digits, and what the scans look for.
DIGIT_FRAGMENTS = [
    "9am EST", "at 2pm", "14:30", "9-10am", "12:00", "3.5", "1.2.2026", "04/07", "13/04/2026",
    "24/7", "2026-07-04", "-5 km", "-3°C", "95°F", "100 km/h", "5 miles", "2 stone", "1st",
    "3kg", "10 sq ft", "20 m²", "$20", "£15", "€5", "US$15", "a$5", "$$5", "$AAPL", "₹99",
    "Friday 4 July 2026", "July 4th", "Mon, March 3", "the 3rd of May", "SEPT 9TH",
    "٣", "٣:٣٠pm", "x9", "9", "-", "--", ".", "/", ":", " ", "\n", "é", "👍🏽", "#tag",
    "#a #b", "&#1", "example.com", "https://x.io/a", "www.example.co.uk", "a.b",
    "1,234 km", "-12.5kg", "x-5 km", ".5 km", ",5 mi", "1,23 km", "12,345,678 ft", "--3 m",
    "٣ km", "5-km", "5 - km", "123,456 ft", "1234,567 m", "-123,456.5 kg",
]  # fmt: skip


def both_ways(post: Post) -> tuple[list[Finding], list[Finding]]:
    """(findings with triggers and fast paths, findings of every applicable rule)."""
    triggered = build_context(post, DEFAULT_OPTIONS)
    everything = build_context(post, DEFAULT_OPTIONS)
    return (
        collect_findings(triggered, triggered_rules(triggered)),
        collect_findings(everything, applicable_rules(everything)),
    )
