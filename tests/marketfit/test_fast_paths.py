"""The throughput shortcuts give exactly what the plain computations give.

Each test below runs a shortcut and the straightforward code it stands in for on the
corpus and on generated text, and requires the same result: scans that start at the
first digit against scans of the whole text, the trigger signature table against
choosing the rules afresh, cheaper regex spellings against the ones they replace,
cached per-day answers against working them out again, and Finding's own __init__
against the one dataclass would generate.
"""

from __future__ import annotations

import dataclasses
import json
import re
import string
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onshore.marketfit import Finding, Post, _dates, _length, _text
from onshore.marketfit._engine import DEFAULT_OPTIONS, build_context
from onshore.marketfit._length import ANY_URL, HASHTAG, _x_length, hashtag_spans
from onshore.marketfit._markets import get_market
from onshore.marketfit._messages import message_values, render_message
from onshore.marketfit._plan import plain_characters, rule_plan, starts_with_digit
from onshore.marketfit._registry import RULES, Context, Hit
from onshore.marketfit._rules_currency import AMOUNT, SYMBOL_AMOUNT
from onshore.marketfit._rules_date import ISO_DATE_HINT
from onshore.marketfit._rules_holiday import (
    DAY_CUE,
    OBSERVANCES,
    OBSERVANCES_BY_NAME,
    Observance,
    _wrong_date,
)
from onshore.marketfit._rules_spelling import CHEQUE, COMPUTER_CONTEXT, PROGRAM, program_matches
from onshore.marketfit._rules_timezone import (
    CLOCK,
    CLOCK_RANGE,
    ZONE_WORDS,
    abbreviations_in_year,
    clocks,
    market_abbreviations,
)
from onshore.marketfit._rules_timing import other_occurrence
from onshore.marketfit._rules_units import DRINK, QUANTITY, QUANTITY_HINT, UNITS, quantities
from onshore.marketfit._rules_vocabulary import TERMS, compiled
from onshore.marketfit._text import (
    AnyCaseWords,
    case_sensitive_twin,
    has_case_twin,
    is_plain_ascii,
    tokenize,
    word_first,
)
from onshore.marketfit._triggers import pattern_hits, triggered_rules
from tests.marketfit.fragments import DIGIT_FRAGMENTS as FRAGMENTS

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[1] / "data" / "marketfit" / "corpus.jsonl"
MARKETS = ["US", "GB", "CA", "AU", "NZ", "IE", "IN", "ZA"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=20).map(
    " ".join
)


def corpus_texts() -> list[str]:
    return [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]


def test_finding_is_built_as_the_generated_dataclass_init_builds_it() -> None:
    values = ("spelling.variant", "spelling", "warning", "US readers spell this", 3, 9, "color")
    names = [field.name for field in dataclasses.fields(Finding)]
    built = Finding(*values)
    assert vars(built) == dict(zip(names, values, strict=True))
    assert list(vars(built)) == names
    assert built == Finding(**dict(zip(names, values, strict=True)))
    assert hash(built) == hash(values)  # the generated __hash__ over the fields
    assert Finding(*values[:-1]).suggestion is None
    assert dataclasses.replace(built, start=4).start == 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.start = 4  # type: ignore[misc]


def test_messages_read_as_format_map_writes_them() -> None:
    """Every rule's message, from its parsed template, against str.format_map with the
    same values, for a hit with and without a suggestion and details."""
    context = build_context(Post("Our new color range, 9am EST.", "GB"), DEFAULT_OPTIONS)
    # A value for every field any template names beyond the four every message has.
    fields = {
        name
        for rule in RULES.values()
        for _, name, _, _ in string.Formatter().parse(rule.message)
        if name and name not in ("readers", "market", "found", "suggestion")
    }
    assert len(fields) >= 10
    detail = {name: f"<{name}>" for name in fields}
    for rule in RULES.values():
        for hit in (Hit(8, 13, "colour", detail), Hit(8, 13, None, detail)):
            expected = rule.message.format_map(message_values(hit, context))
            assert render_message(rule.message, hit, context) == expected, rule.id
    plain = Hit(0, 3, None)
    assert (
        render_message("{found}: {{literal}} {suggestion}.", plain, context) == "Our: {literal} ."
    )
    assert render_message("{found!r} in {market}", plain, context) == "'Our' in the United Kingdom"
    assert render_message("no fields", plain, context) == "no fields"
    assert render_message("", plain, context) == ""


def test_plain_characters() -> None:
    assert plain_characters(re.compile("[$£€₹¥]")) == "$£€₹¥"
    assert plain_characters(re.compile("[ab]", re.I)) == ""  # "A" matches too
    for source in (r"\d[/.]\d", "[a-z]", "[^x]", r"[\d]", "[ab]x", "x[ab]", "[a]]"):
        assert plain_characters(re.compile(source)) == "", source


PROGRAM_PIECES = [
    "program", "programs", "PROGRAMS", "programme", "programſ", "the", "THE", "new", "kids'",
    "kids’", "children's", "apprenticeship", "sustainability", "rewards", "x", "é", "_", "9",
]  # fmt: skip
SPACING = ["", " ", "  ", "\t", "\n", "-", "x"]


@settings(max_examples=2000, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(PROGRAM_PIECES), st.sampled_from(SPACING))))
def test_program_matches_are_what_the_whole_scan_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + spacing for word, spacing in parts)
    expected = [match.span(1) for match in PROGRAM.finditer(text)]
    assert [match.span(1) for match in program_matches(text)] == expected


def test_program_matches_on_the_corpus() -> None:
    found = 0
    for text in [*corpus_texts(), "Our apprenticeship  programs and sustainability\tprogram"]:
        expected = [match.span(1) for match in PROGRAM.finditer(text)]
        assert [match.span(1) for match in program_matches(text)] == expected
        found += len(expected)
    assert found >= 3


def test_starts_with_digit() -> None:
    assert starts_with_digit(r"\d[/.]\d")
    assert starts_with_digit(r"\d(?::[0-5]\d|\s*[ap]\.?m)")
    assert starts_with_digit(r"\d[|]x")
    assert starts_with_digit(r"\d[]|]x")
    assert starts_with_digit(r"\d+")
    assert not starts_with_digit(r"\d|x")  # an alternative that need not start with one
    assert not starts_with_digit(r"\d(a)|b")
    assert not starts_with_digit(r"\d?x")
    assert not starts_with_digit(r"\d*x")
    assert not starts_with_digit(r"\d{0,2}x")
    assert not starts_with_digit(r"[$£]")
    assert not starts_with_digit(r"x\d")


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, market=st.sampled_from(MARKETS))
def test_pattern_hits_match_plain_searches(text: str, market: str) -> None:
    context = build_context(Post(text, market), DEFAULT_OPTIONS)
    plan = rule_plan(context)
    masked = context.doc.masked
    assert pattern_hits(plan, context.doc) == tuple(
        pattern.search(masked) is not None for pattern, _ in plan.by_pattern
    )
    for (pattern, _), led in zip(plan.by_pattern, plan.digit_led, strict=True):
        if led:  # every match of a pattern said to start with a digit does
            assert all(match.group()[0].isdecimal() for match in pattern.finditer(masked))


def chosen_afresh(context: Context) -> list[str]:
    """The rules triggered in ``context``, chosen without the signature table."""
    plan = rule_plan(context)
    doc = context.doc
    chosen = list(plan.always)
    for word in doc.word_set & plan.trigger_words:
        chosen += plan.by_word[word]
    for pattern, positions in plan.by_pattern:
        if pattern.search(doc.masked):
            chosen += positions
    return [plan.rules[position].id for position in sorted(set(chosen))]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, market=st.sampled_from(MARKETS))
def test_signature_table_chooses_the_same_rules(text: str, market: str) -> None:
    # Twice: the first call may fill the table, the second reads it.
    for _ in range(2):
        context = build_context(Post(text, market), DEFAULT_OPTIONS)
        assert [rule.id for rule in triggered_rules(context)] == chosen_afresh(context)


def test_signature_table_on_the_corpus() -> None:
    for index, text in enumerate(corpus_texts()):
        context = build_context(Post(text, MARKETS[index % len(MARKETS)]), DEFAULT_OPTIONS)
        assert [rule.id for rule in triggered_rules(context)] == chosen_afresh(context)


def spans(
    matches: Iterable[re.Match[str]],
) -> list[tuple[tuple[int, int], dict[str, str | Any]]]:
    return [(match.span(), match.groupdict()) for match in matches]


# QUANTITY as first written: a lookbehind first, so the regex engine tried it at every
# position; the pattern in use starts with a character class instead.
QUANTITY_AS_WRITTEN = re.compile(
    r"(?<![\w.,])(?P<number>(?>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?))\s?-?\s?(?P<unit>"
    + "|".join(f"(?P<u{index}>{unit.pattern})" for index, unit in enumerate(UNITS))
    + r")",
)


# CLOCK_RANGE as first written: a lookahead first, so the regex engine tried it at every
# position; the pattern in use starts with the digit every match starts with.
CLOCK_RANGE_AS_WRITTEN = re.compile(
    r"(?=\d)(?P<clock>(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|to)\s*)?"
    r"(?:" + CLOCK + r"))",
    re.I,
)
# Clock times run together: ranges, colons, dots, am/pm and "to" in every order.
CLOCK_PIECES = [
    "0", "1", "2", "3", "4", "5", "6", "9", "٣", ":", ".", "-", "–", " ", "\n", "to", "TO",
    "am", "PM", "a.m.", "p.m", "x", "t",
]  # fmt: skip
clock_texts = st.one_of(texts, st.lists(st.sampled_from(CLOCK_PIECES), max_size=14).map("".join))


@settings(max_examples=3000, deadline=None)
@given(text=clock_texts)
def test_clock_range_matches_the_lookahead_first_pattern(text: str) -> None:
    assert spans(CLOCK_RANGE.finditer(text)) == spans(CLOCK_RANGE_AS_WRITTEN.finditer(text))
    ascii_range = re.compile(CLOCK_RANGE.pattern, re.I | re.A)
    if is_plain_ascii(text):
        assert spans(ascii_range.finditer(text)) == spans(CLOCK_RANGE_AS_WRITTEN.finditer(text))


def test_clock_range_on_the_corpus() -> None:
    for text in [*corpus_texts(), "9to5pm", "9TO10AM", "23:59", "24:00", "9 to 24pm"]:
        masked = tokenize(text).masked
        assert spans(CLOCK_RANGE.finditer(masked)) == spans(CLOCK_RANGE_AS_WRITTEN.finditer(masked))


# The numeric and ISO date patterns as first written: a lookaround first, so the regex
# engine tried them at every position.
NUMERIC_AS_WRITTEN = re.compile(
    r"(?=\d)(?<![\d/.:-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)"
    r"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\d/:%-]|\.\d)"
)
ISO_AS_WRITTEN = re.compile(
    r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"
)
DATE_PIECES = ["0", "1", "2", "3", "4", "9", "12", "19", "20", "31", "2026", "٣", "/", ".", ":",
               "-", "%", " ", "x", "2026-07-04", "-07", "-31"]  # fmt: skip
number_texts = st.one_of(texts, st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join))


@settings(max_examples=3000, deadline=None)
@given(text=number_texts)
def test_iso_date_trigger_answers_as_written(text: str) -> None:
    assert (ISO_DATE_HINT.search(text) is None) == (re.search(r"\d-[01]\d-", text) is None)


@settings(max_examples=3000, deadline=None)
@given(text=number_texts)
def test_date_patterns_match_the_lookaround_first_patterns(text: str) -> None:
    for pattern, as_written in ((_dates.NUMERIC, NUMERIC_AS_WRITTEN), (_dates.ISO, ISO_AS_WRITTEN)):
        assert spans(pattern.finditer(text)) == spans(as_written.finditer(text))


# Every way UNITS may write a unit, for the lookaheads written from how units start.
UNIT_SPELLINGS = [
    "°F", "º C", "degrees Fahrenheit", "km/h", "kph", "kmh", "km per hour",
    "kilometres per hour", "mph", "miles per hour", "km", "kms", "kilometers", "miles", "mi",
    "kg", "kgs", "kilos", "kilograms", "lb", "lbs", "stone", "st", "oz", "ounces", "gallons",
    "gal", "pints", "ft", "feet", "foot", "cm", "centimetres", "sq ft", "sq. ft",
    "square feet", "m²", "m2", "sqm", "square metres", "hectares", "ha", "mpg",
]  # fmt: skip


@pytest.mark.parametrize("unit", UNIT_SPELLINGS)
def test_every_unit_after_a_number_is_found(unit: str) -> None:
    for joiner in ("", " ", "-", " - "):
        text = f"About 12{joiner}{unit} today"
        assert QUANTITY_HINT.search(text) is not None, text
        found = spans(QUANTITY.finditer(text))
        assert found == spans(QUANTITY_AS_WRITTEN.finditer(text))
        assert [span for span, _ in found] == [(6, len(text) - len(" today"))], text


def check_scans_from_first_digit(text: str, market: str = "US") -> None:
    masked = tokenize(text).masked
    context = build_context(Post(text, market), DEFAULT_OPTIONS)
    assert context.doc.masked == masked
    assert spans(clocks(context)) == spans(CLOCK_RANGE.finditer(masked))
    assert spans(quantities(context.doc)) == spans(QUANTITY.finditer(masked))
    assert spans(QUANTITY.finditer(masked)) == spans(QUANTITY_AS_WRITTEN.finditer(masked))
    first = context.doc.first_digit
    digit = re.search(r"\d", masked)
    assert first == (-1 if digit is None else digit.start())
    for pattern in (_dates.NUMERIC, _dates.ISO):
        assert spans(context.doc.finditer(pattern, digit_led=True)) == spans(
            pattern.finditer(masked)
        )


@settings(max_examples=1500, deadline=None)
@given(text=texts)
def test_scans_from_the_first_digit_find_what_whole_scans_find(text: str) -> None:
    check_scans_from_first_digit(text)


def test_scans_from_the_first_digit_on_the_corpus() -> None:
    for text in corpus_texts():
        check_scans_from_first_digit(text)


def test_first_digit() -> None:
    assert tokenize("no digits here").first_digit == -1
    assert tokenize("at 9am").first_digit == 3
    assert tokenize("see #a1 then ٣ and 5").first_digit == 13  # hashtags are masked


SYMBOL_AMOUNT_AS_WRITTEN = re.compile(
    r"(?<![A-Za-z$£€₹¥])(?P<symbol>[$£€₹¥])\s?(?P<amount>" + AMOUNT + r")"
)


@settings(max_examples=1500, deadline=None)
@given(text=texts)
def test_symbol_amount_matches_the_lookbehind_first_pattern(text: str) -> None:
    assert spans(SYMBOL_AMOUNT.finditer(text)) == spans(SYMBOL_AMOUNT_AS_WRITTEN.finditer(text))


@settings(max_examples=800, deadline=None)
@given(text=texts)
def test_length_gates(text: str) -> None:
    assert hashtag_spans(text) == [match.span() for match in HASHTAG.finditer(text)]
    # _x_length skips the URL scan when may_hold_url() says there can be none.
    for candidate in (text, text + " https://example.com/a", text + " example.co.uk"):
        assert _x_length(candidate) == x_length_scanning_every_text(candidate)


def x_length_scanning_every_text(text: str) -> int:
    import unicodedata

    from onshore.marketfit._length import URL_WEIGHT, _x_plain_length

    text = unicodedata.normalize("NFC", text)
    position = total = 0
    for match in ANY_URL.finditer(text):
        total += _x_plain_length(text, position, match.start()) + URL_WEIGHT
        position = match.end()
    return total + _x_plain_length(text, position, len(text))


def test_observance_names_are_unique() -> None:
    # _wrong_date() finds an observance by name.
    assert len(OBSERVANCES_BY_NAME) == len(OBSERVANCES)


@settings(max_examples=500, deadline=None)
@given(
    observance=st.sampled_from(OBSERVANCES),
    code=st.sampled_from(MARKETS),
    today=st.dates(date(2020, 1, 1), date(2032, 12, 31)),
)
def test_cached_wrong_date_answers(observance: Observance, code: str, today: date) -> None:
    name = observance.name
    for _ in range(2):  # worked out, then from the cache
        # The cached answer against the same function worked out afresh.
        assert _wrong_date(name, code, today) == _wrong_date.__wrapped__(name, code, today)


def test_market_abbreviations() -> None:
    names = {"EST", "EDT", "GMT", "BST", "IST", "CST", "AEST", "AEDT", "NZST", "SAST", "MST"}
    for code in MARKETS:
        zones = get_market(code).zones
        for abbr in names:
            assert (abbr in market_abbreviations(zones, 2026)) == any(
                abbr in abbreviations_in_year(zone, 2026) for zone in zones
            )


def same_moment_and_fold(one: datetime, other: datetime) -> bool:
    return (one.replace(tzinfo=None), one.tzinfo, one.fold, one.utcoffset()) == (
        other.replace(tzinfo=None),
        other.tzinfo,
        other.fold,
        other.utcoffset(),
    )


# Zones with a repeated hour (one of half an hour on Lord Howe Island) and one without.
HOUR, ZERO = timedelta(hours=1), timedelta(0)
FOLD_ZONES = [ZoneInfo(name) for name in ("Europe/London", "Australia/Lord_Howe", "Asia/Tokyo")]


@settings(max_examples=500, deadline=None)
@given(moment=st.datetimes(timezones=st.sampled_from(FOLD_ZONES)), fold=st.sampled_from([0, 1]))
def test_other_occurrence_is_replace_with_the_other_fold(moment: datetime, fold: int) -> None:
    local = moment.replace(fold=fold)
    assert same_moment_and_fold(other_occurrence(local), local.replace(fold=1 - fold))


def test_other_occurrence_in_a_repeated_hour() -> None:
    first = datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo("Europe/London"))  # BST, then GMT
    second = other_occurrence(first)
    assert (first.utcoffset(), second.utcoffset(), second.fold) == (HOUR, ZERO, 1)
    assert same_moment_and_fold(other_occurrence(second), first)


# The top-level-domain tests as first written, without the lookahead after the dot.
DOMAIN_ENDS_AS_WRITTEN = [
    (_text._DOMAIN_END, re.compile(r"\." + _text._TLDS + r"\b", re.DOTALL | re.IGNORECASE)),
    (_length._DOMAIN_END, re.compile(r"\." + _length._URL_TLDS + r"\b", re.IGNORECASE)),
]


def test_domain_end_lookahead_changes_no_answer() -> None:
    # Every character after the dot, as the start of a domain ("ſhop" is "shop"
    # ignoring case, "Kom" has the Kelvin sign), of nothing, and of a word.
    characters = [chr(code) for code in range(0x3000)] + ["\u212a", "\U0001d400", "٣"]
    for guarded, as_written in DOMAIN_ENDS_AS_WRITTEN:
        for character in characters:
            for tail in ("om", "hop", "nfo", "", " x", "om/a"):
                text = "a." + character + tail
                assert (guarded.search(text) is None) == (as_written.search(text) is None), text


@settings(max_examples=800, deadline=None)
@given(text=texts)
def test_domain_end_lookahead_on_generated_text(text: str) -> None:
    for guarded, as_written in DOMAIN_ENDS_AS_WRITTEN:
        assert spans(guarded.finditer(text)) == spans(as_written.finditer(text))


# Words run together with apostrophes, capitals, masked text and the characters that
# lower-case to ASCII letters or to two characters.
WORD_PIECES = ["colour", "Colour", "COLOUR", "colour's", "colour’s", "colours", "'", "’", "x",
               " ", ". ", "İ", "\u212a", "rock'n'colour", "Grey", "grey", "o'colour",
               "colour'd", "\n", "#colour", "@x", "Mr"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(text=st.one_of(texts, st.lists(st.sampled_from(WORD_PIECES)).map("".join)))
def test_word_spans_find_what_scanning_every_word_finds(text: str) -> None:
    words = frozenset({"colour", "grey", "x"})
    wanted = words | {word + ending for word in words for ending in ("'s", "’s")}
    doc = tokenize(text)
    found = doc.word_spans(wanted, words)  # before word_matches, which it must not need
    matches = doc.word_matches
    assert found == [match.span() for match in matches if match.group().lower() in wanted]
    for index, match in enumerate(matches):
        assert doc.is_name_at(*match.span()) == doc.is_name(index)


# Observance names and day cues glued to letters, digits and underscores, in every case,
# with the characters that match ASCII letters only ignoring case.
NAME_PIECES = ["Thanksgiving", "Labor Day", "MLK Day", "Martin Luther King Jr. Day", "4th",
               "Fourth", " of July", "Bank holidays", "bank Holiday", "Guy Fawkes Night",
               "ANZAC Day", "Mother's Day", "Mothers Day", "Father’s Day", "happy", "HAPPY",
               "today", "is on next Sunday", "this week", "is coming up", "celebrating",
               "ſunday", "\u212a", "İs here", "ı", "x", "_", "9", " ", ".", "\n"]  # fmt: skip
name_texts = st.one_of(texts, st.lists(st.sampled_from(NAME_PIECES), max_size=8).map("".join))


@settings(max_examples=2000, deadline=None)
@given(text=name_texts)
def test_observances_word_first_match_as_written(text: str) -> None:
    masked = tokenize(text).masked
    for observance in OBSERVANCES:
        as_written = re.compile(observance.written)
        assert spans(observance.pattern.finditer(masked)) == spans(as_written.finditer(masked))


# DAY_CUE as first written, as one case-insensitive regex.
DAY_CUE_AS_WRITTEN = re.compile(
    r"(?=[chint])\b(?:happy|today|tomorrow|tonight|"
    r"(?:this |next |is (?:on )?(?:this |next )?)(?:sunday|monday|thursday|weekend|week)|"
    r"is here|is coming up|celebrate|celebrating)\b",
    re.I,
)


WORD_LISTS = [DAY_CUE, ZONE_WORDS, COMPUTER_CONTEXT, DRINK]
word_list_texts = st.one_of(
    name_texts,
    st.lists(
        st.sampled_from(
            ["Local", "time zone", "TIMEZONES", "in-store", "doors", "Code", "apps", "compiled",
             "run the", "Cups", "lemonade", "ſoftware", "\u212a", "İnstall", "x", "_", " ", "9"]
        ),
        max_size=8,
    ).map("".join),
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(text=word_list_texts)
def test_word_lists_on_lower_cased_text_answer_as_written(text: str) -> None:
    doc = tokenize(text)
    assert DAY_CUE.found_in(doc) == (DAY_CUE_AS_WRITTEN.search(doc.masked) is not None)
    for words in WORD_LISTS:
        assert words.found_in(doc) == (words.written.search(doc.masked) is not None)


def test_word_lists_are_written_in_lower_case() -> None:
    with pytest.raises(ValueError, match="lower case"):
        AnyCaseWords((r"\bHappy\b",))


def test_word_first() -> None:
    assert word_first((r"\bThanksgiving\b",)) == r"Thanksgiving(?<!\wThanksgiving)\b"
    assert word_first((r"\bMothers?\b", r"\bday")) == r"Mother(?<!\wMother)s?\b|day(?<!\wday)"
    assert word_first((r"\b(?:a|b)", "x")) == r"\b(?:a|b)|x"  # kept: no word first


def any_case_patterns() -> list[re.Pattern[str]]:
    """Every case-insensitive pattern scanned through Document.any_case."""
    patterns = [CHEQUE]
    for term in TERMS:
        patterns += [
            compiled(source)
            for source in (term.pattern, term.loose, term.needs, term.unless)
            if source
        ]
    return patterns


ANY_CASE_PATTERNS = any_case_patterns()
# Vocabulary and cheque words in every case, run together, with the case twins.
any_case_texts = st.one_of(
    texts,
    st.lists(
        st.sampled_from(
            ["Sneakers", "TRAINERS", "fall", "Fall", "this fall", "pants", "gas", "the trunk",
             "pay by check", "CHECKBOOK", "cheque", "ſneakers", "\u212a", "İ", "flat", "Flats",
             "two-bedroom", "crisps and dip", "x", "_", " ", ".", "9"]
        ),
        max_size=10,
    ).map("".join),
)  # fmt: skip


def spans_and_groups(matches: Iterable[re.Match[str]]) -> list[list[tuple[int, int]]]:
    return [[match.span(g) for g in range(match.re.groups + 1)] for match in matches]


@settings(max_examples=1000, deadline=None)
@given(text=any_case_texts)
def test_any_case_scans_find_what_the_patterns_find(text: str) -> None:
    doc = tokenize(text)
    for pattern in ANY_CASE_PATTERNS:
        scanner, scanned = doc.any_case(pattern)
        assert len(scanned) == len(doc.masked)
        found = spans_and_groups(scanner.finditer(scanned))
        assert found == spans_and_groups(pattern.finditer(doc.masked)), pattern.pattern


def test_any_case_patterns_are_mostly_written_in_lower_case() -> None:
    lower = [
        pattern for pattern in ANY_CASE_PATTERNS if case_sensitive_twin(pattern) is not pattern
    ]
    assert len(lower) > 0.9 * len(ANY_CASE_PATTERNS)


def test_case_twins() -> None:
    # The four characters a case-insensitive regex takes for an ASCII letter; no other.
    twins = [chr(code) for code in range(0x110000) if has_case_twin(chr(code))]
    assert twins == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert re.findall("[a-z]", "".join(twins), re.IGNORECASE) == twins
