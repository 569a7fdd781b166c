"""The checker's speed tricks stay inside Document, and no year is written into it.

Rules ask the document to search (``doc.finditer(pattern, digit_led=True)``) and the
document decides where to start and which compilation of the pattern to run; these
tests hold that search to the plain scan, and keep the rules from reaching past it
(first-digit offsets, ASCII flags, twins) or writing a calendar year of their own.
"""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from onshore import marketfit
from onshore.marketfit import Post, _dates, check
from onshore.marketfit._rules_timezone import CLOCK_RANGE
from onshore.marketfit._rules_units import QUANTITY
from onshore.marketfit._rules_vocabulary import TERMS, compiled
from onshore.marketfit._text import tokenize

PACKAGE = Path(marketfit.__file__).resolve().parent
DIGIT_LED = (CLOCK_RANGE, _dates.NUMERIC, _dates.ISO)
# What only Document may read or call to make a search fast.
DOCUMENT_INTERNALS = {"first_digit", "plain_ascii", "scanner", "any_case", "ascii_twin"}


# Digits where the document's shortcuts care: first, after a "-", inside words and
# numbers, non-ASCII; and what the scans look for.
FRAGMENTS = [
    "9am EST", "9-10am", "14:30", "-5 km", "x-5 km", "1,234 km", "3.5", "1.2.2026", "04/07",
    "2026-07-04", "٣", "٣:٣٠pm", "x9", "-", ".", " ", "é", "Sneakers", "ſneakers", "İ",
    "this fall", "TRAINERS", "pants", "\x1f",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=12).map(
    " ".join
)


def spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


@settings(max_examples=800, deadline=None)
@given(text=texts)
def test_document_searches_find_what_plain_scans_find(text: str) -> None:
    doc = tokenize(text)
    masked = doc.masked
    for pattern in DIGIT_LED:
        assert spans(doc.finditer(pattern, digit_led=True)) == spans(pattern.finditer(masked))
        assert doc.contains(pattern, digit_led=True) == (pattern.search(masked) is not None)
    signed = doc.finditer(QUANTITY, digit_led=True, signed=True)
    assert spans(signed) == spans(QUANTITY.finditer(masked))
    for term in TERMS[:20]:
        pattern = compiled(term.pattern)
        assert spans(doc.finditer(pattern, any_case=True)) == spans(pattern.finditer(masked))


def test_a_post_without_a_digit_is_not_scanned_for_digit_led_patterns() -> None:
    doc = tokenize("Clocks at nine, no digits here")
    assert list(doc.finditer(re.compile(r"\d|nine"), digit_led=True)) == []
    assert [m.group() for m in doc.finditer(re.compile(r"\d|nine"))] == ["nine"]


def checker_modules() -> list[Path]:
    return sorted(PACKAGE.glob("_*.py"))


def test_rules_leave_the_search_tricks_to_document() -> None:
    """Outside _text (where Document lives) no module reads the first digit or the
    ASCII flag, or picks a compilation of a pattern: it asks Document to search."""
    reaching = []
    for path in checker_modules():
        if path.name == "_text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "attr", None) or getattr(node, "id", None)
            if name in DOCUMENT_INTERNALS:
                reaching.append(f"{path.name}:{node.lineno} {name}")  # type: ignore[attr-defined]
    assert reaching == []


def test_findings_are_built_as_findings() -> None:
    """No Finding is built behind its constructor's back (object.__new__)."""
    for path in checker_modules():
        assert "__new__" not in path.read_text(encoding="utf-8"), path.name


def written_years(path: Path) -> list[str]:
    """Integer literals that look like calendar years (1900-2199), outside rule examples
    (text a rule is tried on) and docstrings."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    examples = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Example"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in examples or not isinstance(node, ast.Constant):
            continue
        if isinstance(node.value, int) and 1900 <= node.value < 2200:
            found.append(f"{path.name}:{node.lineno} {node.value}")
    return found


def test_no_calendar_year_is_written_into_the_checker() -> None:
    """Years come from the date being checked, never from the year the code was written."""
    assert [year for path in checker_modules() for year in written_years(path)] == []


def test_a_year_less_date_stands_for_the_years_around_the_schedule() -> None:
    """ "29 February" in a post scheduled in 2041 (no 29 February that year) is read as
    the one leap day near 2041, 2040's, not as those of the years the code was written."""
    post = Post(
        "Live at 7pm BST on 29 February!",
        "GB",
        at=datetime.fromisoformat("2041-01-10T10:00"),
    )
    (finding,) = [f for f in check(post) if f.rule == "timezone.wrong_for_date"]
    assert "29 February 2040" in finding.message
