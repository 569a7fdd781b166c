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

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onshore.marketfit import NETWORKS, RULES, Post, _dates, check, parse_at
from onshore.marketfit._text import LETTERS, tokenize
from tests.marketfit.fragments import RULE_FRAGMENTS as FRAGMENTS
from tests.marketfit.fragments import both_ways

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
MARKETS = ["US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA", "DE"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=20).map(
    " ".join
)
instants = st.one_of(
    st.none(), st.datetimes(datetime(2020, 1, 1), datetime(2032, 1, 1), timezones=st.just(UTC))
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


def reference_named_dates(masked: str) -> list[tuple[object, ...]]:
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
    return as_found(found)


@settings(max_examples=1500, deadline=None)
@given(text=texts)
def test_named_dates_on_lower_cased_text_match_the_patterns_as_written(text: str) -> None:
    doc = tokenize(text)
    for plain_ascii in {False, doc.plain_ascii}:  # also with the ASCII twins when they apply
        doc.plain_ascii = plain_ascii
        mentions = _dates.named_dates(doc)
        assert as_found(mentions) == reference_named_dates(doc.masked)


SEPARATORS = ["", " ", "  ", ".", ",", ", ", "., ", "\n", "_", "x"]
WEEKDAY_WORDS = ["fri", "Friday", "thurs", "SAT", "mon", "Sunday", "tues", "4friday", "x_fri"]
DAY_WORDS = ["the", "THE", "4", "14", "31", "44", "4th", "2nd", "of", "2026", "1999", "19"]
MONTH_WORDS = ["July", "jul", "Sept", "september", "may", "MAR", "market", "junk", "ſept", "İ"]


def _pieces(*choices: list[str]) -> st.SearchStrategy[str]:
    """One word from each list in turn (or none), each followed by a separator."""
    word = st.one_of(*(st.sampled_from(["", *words]) for words in choices))
    return st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), max_size=10).map(
        lambda parts: "".join(w + separator for w, separator in parts)
    )


# Weekday, day and month words in any order, and in the orders dates are written in
# (day first, then month first), mostly spaced as dates are.
SPACES = [" ", " ", "  ", "\n", ", ", ". ", "., ", ",", "", "x"]
DATE_SLOTS = (
    WEEKDAY_WORDS,
    ["the", "THE"],
    ["4", "14", "31", "4th", "2nd", "23rd", "1st", "44"],
    ["of"],
    MONTH_WORDS,
    ["2026", "1999", "19"],
    WEEKDAY_WORDS,
    MONTH_WORDS,
    ["4", "14", "31", "3rd"],
    ["2026"],
)
date_like = st.one_of(
    _pieces(WEEKDAY_WORDS + DAY_WORDS + MONTH_WORDS),
    st.tuples(*(
        st.tuples(st.sampled_from(["", *words]), st.sampled_from(SPACES)) for words in DATE_SLOTS
    )).map(lambda parts: "".join(w + separator for w, separator in parts if w)),
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(text=date_like)
def test_named_dates_where_pieces_touch(text: str) -> None:
    """Weekdays, days, months and years run together with and without spaces, so
    word boundaries, the weekday read before a match and the month runs are all tested
    against the patterns as written."""
    doc = tokenize(text)
    for plain_ascii in {False, doc.plain_ascii}:  # also with the ASCII twins when they apply
        doc.plain_ascii = plain_ascii
        mentions = _dates.named_dates(doc)
        assert as_found(mentions) == reference_named_dates(doc.masked)


def as_found(mentions: list[_dates.DateMention]) -> list[tuple[object, ...]]:
    return sorted(
        (m.start, m.end, m.month, m.day, m.year, m.weekday, m.weekday_span) for m in mentions
    )


def test_month_names_with_twin_characters() -> None:
    """Case-insensitive matching reads "Auguſt" (long s) as "August"; looking the name
    up used to raise KeyError."""
    findings = check(Post("Doors open Friday 4 Auguſt 2026.", "GB"))
    assert [(f.rule, f.suggestion) for f in findings] == [("date.weekday_mismatch", "Tuesday")]
