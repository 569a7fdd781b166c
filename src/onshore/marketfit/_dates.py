"""Dates written in a post: "Friday 4 July 2026", "July 4th", "04/07", "2026-07-04".

Shared by the date, timezone and holiday rules so the text is scanned once.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import NamedTuple

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"

_NAMED_DAY_FIRST = (
    r"\b" + _WEEKDAY + r"(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"\b" + _YEAR
)
_NAMED_MONTH_FIRST = r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR
_ANY_MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"


def _first_letters(*names: str) -> str:
    return "".join(sorted({name[0] for name in names}))


# The date patterns are case-insensitive; they run case-sensitively on the lower-cased
# text, which is about three times faster and, for text without IGNORECASE_TWINS,
# matches exactly the same spans (Python's case-insensitive match maps only these
# onto ASCII letters beyond what str.lower() does, and "İ".lower() is two characters
# long; tests/marketfit/test_triggers.py checks both over all of Unicode). The leading
# lookahead names the characters a match can start with, so the scan passes over other
# words at once.
NAMED_DAY_FIRST_LOWER = re.compile(
    rf"(?=[{_first_letters(*WEEKDAYS, 'the')}\d])" + _NAMED_DAY_FIRST
)
NAMED_MONTH_FIRST_LOWER = re.compile(
    rf"(?=[{_first_letters(*WEEKDAYS, *MONTHS)}])" + _NAMED_MONTH_FIRST
)
IGNORECASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
_TWINS_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _name_key(name: str) -> str:
    """A month or weekday name as matched, as a key of MONTHS or WEEKDAYS ("Auguſt"
    matches case-insensitively, so it must find "august" too)."""
    return name.translate(_TWINS_TO_ASCII).lower()


@cache
def named_patterns_ignorecase() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day-first, month-first and any-month patterns for text with IGNORECASE_TWINS."""
    return (
        re.compile(_NAMED_DAY_FIRST, re.I),
        re.compile(_NAMED_MONTH_FIRST, re.I),
        re.compile(_ANY_MONTH, re.I),
    )


NUMERIC = re.compile(  # (?=\d): a match starts with a digit, so skip other positions fast
    r"(?=\d)(?<![\d/.:-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?"
    r"(?![\d/:%-]|\.\d)"
)
ISO = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")


class DateMention(NamedTuple):  # a NamedTuple: built per date found, so cheap matters
    start: int
    end: int
    kind: str  # "named", "numeric", "iso"
    month: int
    day: int
    year: int | None
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    # numeric only: the two numbers as written, in order
    first: int = 0
    second: int = 0


_ANY_DIGIT = re.compile(r"\d")  # cheap first pass: a named date needs a digit


def named_dates(masked: str) -> list[DateMention]:
    found: list[DateMention] = []
    if not _ANY_DIGIT.search(masked):
        return found
    if not masked.isascii() and IGNORECASE_TWINS.search(masked):  # the twins are not ASCII
        text = masked
        day_first, month_first, any_month = named_patterns_ignorecase()
        if not any_month.search(text):
            return found
    else:
        text = masked.lower()
        day_first, month_first = NAMED_DAY_FIRST_LOWER, NAMED_MONTH_FIRST_LOWER
        if not _holds_month_prefix(text):
            return found
    taken: list[tuple[int, int]] = []
    for pattern in (day_first, month_first):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _named(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


# Every named date has a month name at a word start, so it holds one of these.
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                   "dec")  # fmt: skip


def _holds_month_prefix(lower_text: str) -> bool:
    """Whether ``lower_text`` holds a month's first three letters anywhere: true
    wherever _ANY_MONTH matches (and sometimes elsewhere, where the date scans then
    find nothing), and a dozen substring tests cost less than that regex search."""
    return any(prefix in lower_text for prefix in _MONTH_PREFIXES)


def _named(match: re.Match[str]) -> DateMention | None:
    month = MONTHS[_name_key(match.group("month"))]
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else None
    if not is_valid(year or 2024, month, day):
        return None
    weekday = match.group("weekday")
    return DateMention(
        start=match.start(),
        end=match.end(),
        kind="named",
        month=month,
        day=day,
        year=year,
        weekday=WEEKDAYS[_name_key(weekday)] if weekday else None,
        weekday_span=match.span("weekday") if weekday else None,
    )


def numeric_dates(masked: str, first_digit: int = 0) -> list[DateMention]:
    """Slash or dot dates. month/day are filled in day-first; rules re-read them.
    ``first_digit``: where the first digit in ``masked`` is (-1: none), if known; a
    numeric date starts with a digit, so the scan starts there."""
    found: list[DateMention] = []
    if first_digit < 0 or ("/" not in masked and "." not in masked):
        return found
    for match in NUMERIC.finditer(masked, first_digit):
        first, second = int(match.group("a")), int(match.group("b"))
        if match.group("sep") == "." and not match.group("year"):
            continue  # "3.5" is a number, not a date
        if not (1 <= first <= 31 and 1 <= second <= 31) or (first > 12 and second > 12):
            continue
        year = _year(match.group("year"))
        found.append(
            DateMention(
                match.start(),
                match.end(),
                "numeric",
                second,
                first,
                year,
                first=first,
                second=second,
            )
        )
    return found


def iso_dates(masked: str, first_digit: int = 0) -> list[DateMention]:
    """ISO 8601 dates; ``first_digit`` as for numeric_dates()."""
    found: list[DateMention] = []
    if first_digit < 0 or "-" not in masked:
        return found
    for match in ISO.finditer(masked, first_digit):
        year, month, day = (int(match.group(k)) for k in ("year", "month", "day"))
        if is_valid(year, month, day):
            found.append(DateMention(match.start(), match.end(), "iso", month, day, year))
    return found


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def is_valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def resolve(mention: DateMention, reference: date | None) -> date | None:
    """The calendar date a named/ISO mention means; without a year, the next occurrence
    on or after ``reference`` (a post scheduled in December about "3 January")."""
    year = mention.year
    if year is None:
        if reference is None:
            return None
        year = reference.year
        if is_valid(year, mention.month, mention.day) and date(
            year, mention.month, mention.day
        ) < reference.replace(day=1):
            year += 1
    if not is_valid(year, mention.month, mention.day):
        return None
    return date(year, mention.month, mention.day)
