"""Dates written in a post: "Friday 4 July 2026", "July 4th", "04/07", "2026-07-04".

Shared by the date, timezone and holiday rules so the text is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import NamedTuple

from onshore.marketfit._text import Document, is_ascii_letter

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


# The date patterns are case-insensitive; in the usual case they run case-sensitively
# on the lower-cased text, which is several times faster and, for text without a case
# twin (_text.has_case_twin), matches exactly the same spans (Python's case-insensitive
# match maps only these onto ASCII letters beyond what str.lower() does, and
# "İ".lower() is two characters long; tests/marketfit/test_triggers.py checks both over
# all of Unicode).
# These lower-case scans leave out the optional leading weekday, which _weekday_before()
# reads just before each match instead: trying 21 weekday names at every word start
# cost more than the rest of the scan.
# The day-first scan also leaves out the optional "the" before the day, which
# _the_before() reads, and starts with the day's first digit, so it goes from digit to
# digit instead of trying every position: "\b" + _DAY becomes a digit with no word
# character before it, then the second digit when the first is 0-3 (a day is never
# followed by a digit, so trying one or two digits first gives the same matches), and a
# lookahead drops the digits not followed by what follows a day (st, nd, rd, th, a
# space), maybe after a second digit.
DAY_FIRST_LOWER = re.compile(
    r"(?P<day>\d(?<!\w\d)(?=\d?[\sstnr])(?:(?<=[0-3])\d)?)(?:st|nd|rd|th)?(?:\s+of)?\s+"
    + _MONTH
    + r"\b"
    + _YEAR
)
MONTH_FIRST_LOWER = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR)
_TWINS_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _name_key(name: str) -> str:
    """A month or weekday name as matched, as a key of MONTHS or WEEKDAYS ("Auguſt"
    matches case-insensitively, so it must find "august" too)."""
    return name.translate(_TWINS_TO_ASCII).lower()


@cache
def named_patterns_ignorecase() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day-first, month-first and any-month patterns for text with a case twin."""
    return (
        re.compile(_NAMED_DAY_FIRST, re.I),
        re.compile(_NAMED_MONTH_FIRST, re.I),
        re.compile(_ANY_MONTH, re.I),
    )


# Numeric and ISO dates, written to start with the digit every match starts with, so
# the scan goes from digit to digit (tests/marketfit/test_fast_paths.py holds them to
# the patterns as first written). NUMERIC as written:
#     (?<![\d/.:-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?:(?P=sep)(?P<year>...
# here the first number's first digit comes first, the lookbehind looks one character
# further back, the second digit follows when the first is 0-3 (a number is followed
# by "/" or ".", never a digit, so the order the two readings are tried in does not
# matter), and a lookahead drops digits not followed by "/" or "." (after a second digit).
NUMERIC = re.compile(
    r"(?P<a>\d(?<![\d/.:-]\d)(?=\d?[/.])(?:(?<=[0-3])\d)?)(?P<sep>[/.])(?P<b>[0-3]?\d)"
    r"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\d/:%-]|\.\d)"
)
# ISO as written: (?<![\d-])(?P<year>(?:19|20)\d\d)-...; here the year's "19" or "20"
# comes first (so the scan skips to a "1" or "2") and the lookbehind follows it.
ISO = re.compile(
    r"(?P<year>(?:19|20)(?<![\d-]\d\d)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"
)


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


def named_dates(doc: Document) -> list[DateMention]:
    """Dates written with the month's name. A named date's month is a whole run of
    ASCII letters (whitespace or a word boundary before it; a dot, a word boundary or
    whitespace after it), so a post whose runs (``Document.word_set``) name no month
    has no named date, nor has one without a digit."""
    months = doc.word_set.intersection(MONTHS)
    if not months or not doc.has_digit:
        return []
    if doc.has_case_twin:
        return _named_dates_ignorecase(doc.masked)
    text = doc.lower_masked
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Day first: the scan finds the day, from the first digit on.
    day_first = doc.finditer(DAY_FIRST_LOWER, digit_led=True, lower=True)
    _add_named(found, taken, text, _with_the_before(text, day_first))
    # Month first: a match starts at a month name, so try there and nowhere else.
    month_first = _matches_at(doc, MONTH_FIRST_LOWER, _runs_at(text, months))
    _add_named(found, taken, text, ((match.start(), match) for match in month_first))
    if len(found) > 1:
        found.sort(key=lambda m: m.start)
    return found


def _runs_at(text: str, names: frozenset[str]) -> list[int]:
    """Where each of ``names`` stands in ``text`` as a whole run of ASCII letters."""
    starts = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            after = at + len(name)
            if (at == 0 or not is_ascii_letter(text[at - 1])) and (
                after == len(text) or not is_ascii_letter(text[after])
            ):
                starts.append(at)
            at = text.find(name, after)
    return sorted(starts)


def _matches_at(
    doc: Document, pattern: re.Pattern[str], starts: list[int]
) -> Iterator[re.Match[str]]:
    """What ``doc.finditer(pattern, lower=True)`` finds when every match starts at one
    of ``starts``: a match at each start, none overlapping the one before."""
    resume = 0
    for start in starts:
        if start >= resume:
            match = doc.match(pattern, start, lower=True)
            if match is not None:
                resume = match.end()
                yield match


def _with_the_before(
    text: str, matches: Iterable[re.Match[str]]
) -> Iterator[tuple[int, re.Match[str]]]:
    """(start, match) for each day-first match, the start moved back over a "the" written
    before the day: what "\\b(?:the\\s+)?" before the day matches as written."""
    resume = 0  # where the scan went on after the previous match
    for match in matches:
        yield _the_before(text, match.start(), resume), match
        resume = match.end()


def _the_before(text: str, start: int, floor: int) -> int:
    """Where ``\\bthe\\s+`` ending at ``start`` and beginning at ``floor`` or later
    begins, else ``start``."""
    at = start
    while at > floor and text[at - 1].isspace():  # isspace() is re's \s
        at -= 1
    the = at - 3
    if at == start or the < floor or text[the:at] != "the":
        return start
    if the > 0 and (text[the - 1].isalnum() or text[the - 1] == "_"):  # re's \w
        return start
    return the


def _add_named(
    found: list[DateMention],
    taken: list[tuple[int, int]],
    text: str,
    matches: Iterable[tuple[int, re.Match[str]]],
) -> None:
    """Each match (with where it starts) with the weekday written before it, unless it
    overlaps a date already found (by the other scan) or is not a real date
    ("31 February")."""
    resume = 0  # where the scan went on after the previous match: a weekday starts here or later
    for start, match in matches:
        end = match.end()
        weekday = _weekday_before(text, start, resume)
        resume = end
        if weekday is not None:
            start = weekday[1][0]
        if any(s < end and start < e for s, e in taken):
            continue
        month = MONTHS[match.group("month")]
        day = int(match.group("day"))
        year = int(match.group("year")) if match.group("year") else None
        if not exists(year, month, day):
            continue
        found.append(
            DateMention(
                start,
                end,
                "named",
                month,
                day,
                year,
                weekday[0] if weekday else None,
                weekday[1] if weekday else None,
            )
        )
        taken.append((start, end))


def _weekday_before(text: str, start: int, floor: int) -> tuple[int, tuple[int, int]] | None:
    """The weekday and its span when ``\\b(weekday)\\.?,?\\s+`` ends at ``start`` and
    begins at ``floor`` or later: what the patterns as written match before a date.
    A weekday name stands between a word boundary and ".", "," or a space, so it is a
    whole run of word characters (re's \\w is str.isalnum() or "_")."""
    at = start
    while at > floor and text[at - 1].isspace():
        at -= 1
    if at == start:
        return None
    if at > floor and text[at - 1] == ",":
        at -= 1
    if at > floor and text[at - 1] == ".":
        at -= 1
    name_end = at
    while at > floor and (text[at - 1].isalnum() or text[at - 1] == "_"):
        at -= 1
    if at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        return None  # no word boundary before the name, or it began before ``floor``
    weekday = WEEKDAYS.get(text[at:name_end])
    return None if weekday is None else (weekday, (at, name_end))


def _named_dates_ignorecase(masked: str) -> list[DateMention]:
    """Named dates in text holding a case twin, by the patterns as written."""
    found: list[DateMention] = []
    day_first, month_first, any_month = named_patterns_ignorecase()
    if not any_month.search(masked):
        return found
    taken: list[tuple[int, int]] = []
    for pattern in (day_first, month_first):
        for match in pattern.finditer(masked):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _named(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _named(match: re.Match[str]) -> DateMention | None:
    month = MONTHS[_name_key(match.group("month"))]
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else None
    if not exists(year, month, day):
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


def numeric_dates(doc: Document, year: int) -> list[DateMention]:
    """Slash or dot dates. month/day are filled in day-first; rules re-read them. A
    two-digit year is one of the century of ``year``, the year the post is checked for."""
    found: list[DateMention] = []
    masked = doc.masked
    if "/" not in masked and "." not in masked:
        return found
    for match in doc.finditer(NUMERIC, digit_led=True):
        first, second = int(match.group("a")), int(match.group("b"))
        if match.group("sep") == "." and not match.group("year"):
            continue  # "3.5" is a number, not a date
        if not (1 <= first <= 31 and 1 <= second <= 31) or (first > 12 and second > 12):
            continue
        written = _year(match.group("year"), year)
        found.append(
            DateMention(
                match.start(),
                match.end(),
                "numeric",
                second,
                first,
                written,
                first=first,
                second=second,
            )
        )
    return found


def iso_dates(doc: Document) -> list[DateMention]:
    """ISO 8601 dates."""
    found: list[DateMention] = []
    if "-" not in doc.masked:
        return found
    for match in doc.finditer(ISO, digit_led=True):
        year, month, day = (int(match.group(k)) for k in ("year", "month", "day"))
        if is_valid(year, month, day):
            found.append(DateMention(match.start(), match.end(), "iso", month, day, year))
    return found


def _year(text: str | None, around: int) -> int | None:
    """The year ``text`` names; "26" is 26 of the century of ``around``."""
    if not text:
        return None
    value = int(text)
    return value + around - around % 100 if value < 100 else value


def is_valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# The most days each month has in any year: 29 February exists in leap years.
_MOST_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def exists(year: int | None, month: int, day: int) -> bool:
    """Whether ``day`` of ``month`` is a real date in ``year``, or, for a date written
    without its year, in some year."""
    if year is None:
        return 1 <= day <= _MOST_DAYS[month - 1]
    return is_valid(year, month, day)


# A date written without a year that the schedule does not settle stands for every
# year this far either side of the year the post is checked for.
YEARS_EITHER_SIDE = 2


def years_around(year: int) -> range:
    """The years a date written without one may mean in a post checked for ``year``."""
    return range(year - YEARS_EITHER_SIDE, year + YEARS_EITHER_SIDE + 1)


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
