"""Scans on plain-ASCII text run with their re.ASCII twins (_text.ascii_twin); these
tests hold every pattern that does to the pattern as written, over all 128 ASCII
characters and over generated text."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onshore.marketfit import _dates
from onshore.marketfit._engine import DEFAULT_OPTIONS, build_context
from onshore.marketfit._plan import load_rules, rule_plan
from onshore.marketfit._rules_holiday import DAY_CUE, OBSERVANCES
from onshore.marketfit._rules_spelling import CHEQUE, COMPUTER_CONTEXT, PROGRAM
from onshore.marketfit._rules_timezone import CLOCK_RANGE, ZONE_WORDS
from onshore.marketfit._rules_units import DRINK, QUANTITY
from onshore.marketfit._rules_vocabulary import TERMS, compiled
from onshore.marketfit._text import (
    _DIGIT,
    PROTECTED_KINDS,
    ascii_twin,
    case_sensitive_twin,
    is_plain_ascii,
    protected_pattern,
)
from onshore.marketfit._types import Post
from tests.marketfit.fragments import DIGIT_FRAGMENTS as FRAGMENTS

pytestmark = pytest.mark.slow
ASCII = "".join(chr(code) for code in range(128))


def scanned_patterns() -> list[re.Pattern[str]]:
    """Every pattern some scan runs through Document.scanner or ascii_twin."""
    load_rules()
    patterns = [_DIGIT, CLOCK_RANGE, QUANTITY, CHEQUE, PROGRAM]
    patterns += [_dates.DAY_FIRST_LOWER, _dates.MONTH_FIRST_LOWER, _dates.NUMERIC, _dates.ISO]
    patterns += [observance.pattern for observance in OBSERVANCES]
    patterns += [words.lower for words in (DAY_CUE, ZONE_WORDS, COMPUTER_CONTEXT, DRINK)]
    for term in TERMS:
        patterns += [
            compiled(source) for source in (term.pattern, term.loose, term.needs) if source
        ]
        if term.unless:
            patterns.append(compiled(term.unless))
    patterns += [case_sensitive_twin(pattern) for pattern in list(patterns)]  # see any_case
    patterns.append(protected_pattern((True,) * len(PROTECTED_KINDS)))
    for market in ("US", "GB", "AU"):
        context = build_context(Post("x", market), DEFAULT_OPTIONS)
        patterns += [pattern for pattern, _ in rule_plan(context).by_pattern]
    return patterns


PATTERNS = scanned_patterns()


def test_ascii_and_unicode_classes_agree_on_ascii_but_four_separators() -> None:
    for pattern in (r"\d", r"\w", r"\W", r"\D"):
        assert re.findall(pattern, ASCII) == re.findall(pattern, ASCII, re.ASCII), pattern
    unicode_only = set(re.findall(r"\s", ASCII)) - set(re.findall(r"\s", ASCII, re.ASCII))
    assert unicode_only == set("\x1c\x1d\x1e\x1f")
    ascii_only = set(re.findall(r"\S", ASCII, re.ASCII)) - set(re.findall(r"\S", ASCII))
    assert ascii_only == unicode_only
    for a in ASCII:
        for b in string.ascii_letters:
            same = re.fullmatch(re.escape(a), b, re.I) is not None
            assert same == (re.fullmatch(re.escape(a), b, re.I | re.ASCII) is not None)
    boundaries = "a b_c9 d-e\tf"
    assert [m.span() for m in re.finditer(r"\b", boundaries)] == [
        m.span() for m in re.finditer(r"\b", boundaries, re.ASCII)
    ]


def test_plain_ascii() -> None:
    assert is_plain_ascii("Plain text, 9am.")
    assert not is_plain_ascii("Caf\u00e9")
    assert not is_plain_ascii("a\x1fb")  # \s in Unicode mode only
    assert ascii_twin(re.compile("\u017fx", re.I)).flags & re.ASCII == 0  # long s: kept


def test_the_list_covers_the_scans() -> None:
    assert len(PATTERNS) > 60


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(match.span(), match.groups()) for match in pattern.finditer(text)]


ascii_text = st.lists(
    st.one_of(
        st.sampled_from([f for f in FRAGMENTS if f.isascii()]),
        st.text(alphabet=ASCII, max_size=8),
        st.sampled_from(["Thanksgiving", "sneakers", "check", "the program", "Fall"]),
    ),
    max_size=16,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=ascii_text)
def test_ascii_twins_find_what_the_patterns_find(text: str) -> None:
    if not is_plain_ascii(text):
        return
    for pattern in PATTERNS:
        assert spans(ascii_twin(pattern), text) == spans(pattern, text), pattern.pattern
        lowered = text.lower()
        assert spans(ascii_twin(pattern), lowered) == spans(pattern, lowered), pattern.pattern
