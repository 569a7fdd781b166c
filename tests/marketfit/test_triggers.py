"""Triggers and fast paths never change the findings.

check() runs a rule only when its trigger (Rule.trigger_words / trigger_pattern)
occurs in the post; these tests run every applicable rule on the same posts and
require the same findings. The Unicode facts the fast paths rely on are checked over
every code point.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onshore.marketfit import NETWORKS, RULES, Finding, Post, _dates, check, parse_at
from onshore.marketfit._engine import (
    DEFAULT_OPTIONS,
    applicable_rules,
    build_context,
    collect_findings,
    triggered_rules,
)
from onshore.marketfit._text import LETTERS, tokenize

CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
MARKETS = ["US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE"]
# What the rules look for, written the ways that test the triggers' edges: other
# cases, possessives, hyphens, the characters Python's re matches as ASCII letters.
FRAGMENTS = [
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
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=20).map(
    " ".join
)
instants = st.one_of(
    st.none(), st.datetimes(datetime(2020, 1, 1), datetime(2032, 1, 1), timezones=st.just(UTC))
)


def both_ways(post: Post) -> tuple[list[Finding], list[Finding]]:
    triggered = build_context(post, DEFAULT_OPTIONS)
    everything = build_context(post, DEFAULT_OPTIONS)
    return (
        collect_findings(triggered, triggered_rules(triggered)),
        collect_findings(everything, applicable_rules(everything)),
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, market=st.sampled_from(MARKETS), at=instants,
       network=st.sampled_from([None, *NETWORKS]))  # fmt: skip
def test_triggers_hide_no_finding(
    text: str, market: str, at: datetime | None, network: str | None
) -> None:
    fast, full = both_ways(Post(text, market, network=network, at=at))
    assert fast == full


def test_triggers_hide_no_finding_on_the_corpus_and_examples() -> None:
    with CORPUS.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    posts = [
        Post(
            r["text"],
            market,
            network=r.get("network"),
            at=parse_at(r["at"]) if r.get("at") else None,
        )
        for r in records
        for market in MARKETS
    ]
    posts += [
        Post(e.text, e.market, network=e.network, at=parse_at(e.at) if e.at else None)
        for rule in RULES.values()
        for e in rule.examples
    ]
    for post in posts:
        fast, full = both_ways(post)
        assert fast == full, post


def test_word_triggers_are_lower_case_runs_of_letters() -> None:
    for rule in RULES.values():
        for word in rule.trigger_words or ():
            assert LETTERS.fullmatch(word) and word == word.lower(), (rule.id, word)


def test_word_set_holds_every_run_of_letters() -> None:
    text = "Colour's take-out ſneakers \u212ailo İstanbul dıapers 9am"
    words = tokenize(text).word_set
    assert {"colour", "s", "take", "out", "sneakers", "kilo", "istanbul", "diapers"} <= words
    assert {"am", "stanbul", "d", "apers", "neakers", "ilo"} <= words


def test_unicode_facts_the_fast_paths_rely_on() -> None:
    """Over every code point: only the four "twins" match an ASCII letter under re.I
    without lower-casing to it; lower() turns no other character into an ASCII letter,
    changes the length of none but U+0130, and keeps \\w, \\s and \\d membership."""
    twins = "\u0130\u0131\u017f\u212a"
    others = "".join(chr(code) for code in range(0x80, 0x110000) if chr(code) not in twins)
    assert re.findall("[a-z]", twins + others, re.I) == list(twins)
    lowered = others.lower()
    assert len(lowered) == len(others)  # one character for one
    assert re.search("[a-z]", lowered, re.I) is None
    for pattern in (r"\w", r"\s", r"\d"):
        positions = [match.start() for match in re.finditer(pattern, others)]
        assert positions == [match.start() for match in re.finditer(pattern, lowered)], pattern


def reference_named_dates(masked: str) -> list[tuple[int, int, int, int, int | None]]:
    """Named dates as the case-insensitive patterns find them in the text as written."""
    day_first, month_first, _any_month = _dates.named_patterns_ignorecase()
    found, taken = [], []
    for pattern in (day_first, month_first):
        for match in pattern.finditer(masked):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _dates._named(match)
            if mention is not None:
                found.append(mention)
                taken.append(match.span())
    return sorted((m.start, m.end, m.month, m.day, m.year) for m in found)


@settings(max_examples=1500, deadline=None)
@given(text=texts)
def test_named_dates_on_lower_cased_text_match_the_patterns_as_written(text: str) -> None:
    mentions = _dates.named_dates(text)
    assert sorted((m.start, m.end, m.month, m.day, m.year) for m in mentions) == (
        reference_named_dates(text)
    )


def test_month_names_with_twin_characters() -> None:
    """Case-insensitive matching reads "Auguſt" (long s) as "August"; looking the name
    up used to raise KeyError."""
    findings = check(Post("Doors open Friday 4 Auguſt 2026.", "GB"))
    assert [(f.rule, f.suggestion) for f in findings] == [("date.weekday_mismatch", "Tuesday")]
