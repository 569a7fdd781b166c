"""Time zones written in words ("Eastern Time", "British Summer Time", "noon UK time")
and the times of day said with a zone, in digits or words ("7pm BST", "half past
seven Pacific"): found once per post for the zone rules (_rules_zone_words.py).

Each name stands for an IANA zone (for converting a time) and, when it names one half
of the year, for the abbreviation tzdata gives that half ("British Summer Time" is
BST in Europe/London): which names are right on a date is read from tzdata, as for
abbreviations, never from an offset table written here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from onshore.marketfit._data import abbreviation_offsets
from onshore.marketfit._number_words import (
    TIME_WORDS,
    UNITS_WORDS,
    TimeOfDay,
    read_time,
    word_positions,
)
from onshore.marketfit._registry import Context
from onshore.marketfit._text import Document


class ZoneName(NamedTuple):
    zone: str  # IANA zone whose clocks the name means
    abbreviation: str  # tzdata's abbreviation for the half of the year it names; "" generic
    words: str  # regex, lower case, matched ignoring case


# (words, zone, abbreviation). Longest first within a family, so "Eastern Standard
# Time" is read before "Eastern Time". Generic names ("Eastern Time", "UK time") are
# right all year; they still say whose clocks are meant.
_NAMES = (
    (r"eastern standard time", "America/New_York", "EST"),
    (r"eastern daylight (?:saving )?time", "America/New_York", "EDT"),
    (r"(?:us )?eastern time", "America/New_York", ""),
    (r"central standard time", "America/Chicago", "CST"),
    (r"central daylight (?:saving )?time", "America/Chicago", "CDT"),
    (r"(?:us )?central time", "America/Chicago", ""),
    (r"mountain standard time", "America/Denver", "MST"),
    (r"mountain daylight (?:saving )?time", "America/Denver", "MDT"),
    (r"mountain time", "America/Denver", ""),
    (r"pacific standard time", "America/Los_Angeles", "PST"),
    (r"pacific daylight (?:saving )?time", "America/Los_Angeles", "PDT"),
    (r"pacific time", "America/Los_Angeles", ""),
    (r"atlantic standard time", "America/Halifax", "AST"),
    (r"atlantic daylight (?:saving )?time", "America/Halifax", "ADT"),
    (r"newfoundland standard time", "America/St_Johns", "NST"),
    (r"newfoundland daylight (?:saving )?time", "America/St_Johns", "NDT"),
    (r"alaska(?:n)? standard time", "America/Anchorage", "AKST"),
    (r"alaska(?:n)? daylight (?:saving )?time", "America/Anchorage", "AKDT"),
    (r"hawaii(?:an)?(?:[- ]aleutian)? standard time", "Pacific/Honolulu", "HST"),
    (r"new york time", "America/New_York", ""),
    (r"(?:los angeles|la) time", "America/Los_Angeles", ""),
    (r"chicago time", "America/Chicago", ""),
    (r"toronto time", "America/Toronto", ""),
    (r"vancouver time", "America/Vancouver", ""),
    (r"greenwich mean time", "Europe/London", "GMT"),
    (r"british summer time", "Europe/London", "BST"),
    (r"(?:uk|british|london) time", "Europe/London", ""),
    (r"irish standard time", "Europe/Dublin", "IST"),
    (r"(?:irish|dublin) time", "Europe/Dublin", ""),
    (r"central european summer time", "Europe/Paris", "CEST"),
    (r"central european (?:standard )?time", "Europe/Paris", "CET"),
    (r"western european summer time", "Europe/Lisbon", "WEST"),
    (r"western european (?:standard )?time", "Europe/Lisbon", "WET"),
    (r"eastern european summer time", "Europe/Athens", "EEST"),
    (r"eastern european (?:standard )?time", "Europe/Athens", "EET"),
    (r"australian eastern standard time", "Australia/Sydney", "AEST"),
    (r"australian eastern daylight (?:saving )?time", "Australia/Sydney", "AEDT"),
    (r"australian eastern time", "Australia/Sydney", ""),
    (r"australian central standard time", "Australia/Adelaide", "ACST"),
    (r"australian central daylight (?:saving )?time", "Australia/Adelaide", "ACDT"),
    (r"australian western standard time", "Australia/Perth", "AWST"),
    (r"(?:sydney|melbourne|canberra) time", "Australia/Sydney", ""),
    (r"brisbane time", "Australia/Brisbane", ""),
    (r"adelaide time", "Australia/Adelaide", ""),
    (r"perth time", "Australia/Perth", ""),
    (r"new zealand standard time", "Pacific/Auckland", "NZST"),
    (r"new zealand daylight (?:saving )?time", "Pacific/Auckland", "NZDT"),
    (r"(?:new zealand|nz|auckland|wellington) time", "Pacific/Auckland", ""),
    (r"india(?:n)? standard time", "Asia/Kolkata", "IST"),
    (r"india time", "Asia/Kolkata", ""),
    (r"south africa(?:n)? standard time", "Africa/Johannesburg", "SAST"),
    (r"japan standard time", "Asia/Tokyo", "JST"),
    (r"singapore time", "Asia/Singapore", ""),
)
ZONE_NAMES: tuple[ZoneName, ...] = tuple(ZoneName(z, a, w) for w, z, a in _NAMES)
# Bare region words name a North American zone only right after a time ("noon
# Eastern", "3pm Pacific"): elsewhere they are directions and oceans.
AFTER_TIME_NAMES: tuple[ZoneName, ...] = (
    ZoneName("America/New_York", "", "eastern"),
    ZoneName("America/Chicago", "", "central"),
    ZoneName("America/Denver", "", "mountain"),
    ZoneName("America/Los_Angeles", "", "pacific"),
    ZoneName("America/Halifax", "", "atlantic"),
)
NAME_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?P<n{i}>{name.words})" for i, name in enumerate(ZONE_NAMES)) + r")\b",
    re.IGNORECASE,
)
# Words after a bare region word that make it a place, not a zone ("Eastern Europe").
_REGION_NOUNS = (
    r"time|standard|daylight|europe|european|australia|australian|canada|seaboard|shore|"
    r"suburbs|coast|region|states|province|division|conference"
)
_AFTER_NAME = re.compile(
    r"\s*(?:(?P<named>"
    + NAME_PATTERN.pattern[2:-2]
    + r")|(?P<bare>eastern|central|mountain|pacific|atlantic)(?!\s+(?:"
    + _REGION_NOUNS
    + r")\b)|\(?(?P<abbr>[A-Z][A-Za-z]{1,4})\)?)\b",
    re.IGNORECASE,
)
# Letters after a time: an abbreviation when tzdata knows it (see _add_after).
_ABBREVIATION_AFTER = re.compile(r"\s*\(?(?P<abbr>[A-Z][A-Za-z]{1,4})\)?\b")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
# Trigger words: every name above contains one of these (lower case, as word_set).
TRIGGER_WORDS = frozenset(
    [
        "eastern",
        "central",
        "mountain",
        "pacific",
        "atlantic",
        "newfoundland",
        "alaska",
        "alaskan",
        "hawaii",
        "hawaiian",
        "york",
        "angeles",
        "la",
        "chicago",
        "toronto",
        "vancouver",
        "greenwich",
        "british",
        "uk",
        "london",
        "irish",
        "dublin",
        "european",
        "australian",
        "sydney",
        "melbourne",
        "canberra",
        "brisbane",
        "adelaide",
        "perth",
        "zealand",
        "nz",
        "auckland",
        "wellington",
        "india",
        "indian",
        "africa",
        "african",
        "japan",
        "singapore",
    ]
)
# Times in words are read only before a zone; these words start every such time.
TIME_TRIGGER_WORDS = frozenset(
    [
        "noon",
        "midday",
        "midnight",
        "half",
        "quarter",
        "past",
        "clock",
        *UNITS_WORDS[1:13],
    ]  # one … twelve
)
_CLOCK_DIGITS = re.compile(
    r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?"
    r"(?:\s*(?P<half>[ap])\.?m\b\.?|(?=\s*[A-Za-z(]))"
    r"(?!\s*(?:-|–|to)\s*\d)",
    re.IGNORECASE,
)


class ZoneMention(NamedTuple):
    start: int  # of the zone's name or abbreviation
    end: int
    zone: str | None  # IANA zone the name stands for (None: an abbreviation, see abbr)
    abbreviation: str  # seasonal abbreviation the name or letters say; "" generic
    time_start: int  # of the time before it; -1 when none
    time: TimeOfDay | None
    in_words: bool  # the zone or the time is written in words (the abbreviation rules
    # of _rules_timezone read digits and letters)


def name_at(match: re.Match[str]) -> ZoneName:
    """The ZONE_NAMES entry a NAME_PATTERN (or _AFTER_NAME "named") match found."""
    for index, name in enumerate(ZONE_NAMES):
        if match.group(f"n{index}") is not None:
            return name
    raise ValueError("no zone name in the match")


def zone_mentions_in_words(context: Context) -> list[ZoneMention]:
    """Every zone name in words, and every zone (abbreviation or name) after a time of
    day in words or digits, in text order; kept on the context for the zone rules."""
    cached: list[ZoneMention] | None = context.cache.get("zone_words")
    if cached is None:
        cached = _find_mentions(context.doc)
        context.cache["zone_words"] = cached
    return cached


# Bare region words that name a zone after a time ("noon Eastern").
REGION_WORDS = frozenset(name.words for name in AFTER_TIME_NAMES)
# A name in words always ends in "time" (see ZONE_NAMES).
NAME_END = "time"
# How far before a zone a time can start ("twenty-five to eleven in the evening").
TIME_REACH = 48


def zone_starts(doc: Document) -> list[int]:
    """Where the zones a post can hold start: abbreviations written in capitals, bare
    region words and (with "time" in the post) the words of names. The scans for
    zones and the times before them look only around these (most posts hold none)."""
    words = doc.word_set
    candidates = ZONE_START_WORDS.intersection(words)
    if not candidates:
        return []
    if NAME_END not in words:
        candidates -= NAME_WORDS
    found: list[int] = []
    for word in candidates:
        if word in ABBREVIATION_WORDS:  # in capitals only ("EST", not "est" or "eat")
            found += word_positions(doc.masked, word.upper())
        else:
            found += word_positions(doc.lower_masked, word)
    return sorted(found)


def _find_mentions(doc: Document) -> list[ZoneMention]:
    """Each scan runs only over the few characters around a place a zone can start,
    and only for what the post's words and digits allow: scans of the whole text cost
    more than all the rest of the zone rules."""
    found: dict[int, ZoneMention] = {}
    masked = doc.masked
    words = doc.word_set
    time_words = TIME_TRIGGER_WORDS.intersection(words)
    names = NAME_END in words and not TRIGGER_WORDS.isdisjoint(words)
    for at in zone_starts(doc):
        reach = max(0, at - TIME_REACH)
        if time_words and _ends_a_time_in_words(masked, at):
            for match in TIME_WORDS.finditer(masked, reach, at):
                time = read_time(match)
                # "9am", "7:30 p.m.": times in digits are the digit scan's.
                digits = match.group(0)[:1].isdigit() and "clock" not in match.group(0)
                if time is not None and not digits:
                    # "one Eastern European recipe": a bare hour word is a time only
                    # before letters or a full name, never before a bare region word.
                    bare = match.group("hour") is not None and match.group(0).isalpha()
                    _add_after(found, masked, match.start(), match.end(), time, True, bare)
        if doc.has_digit:
            # "(?=\s*[A-Za-z(])" after a 24-hour time needs the zone's first letter.
            for match in _CLOCK_DIGITS.finditer(masked, max(0, at - DIGITS_REACH), at + 1):
                time = _digit_time(match)
                _add_after(found, masked, match.start(), match.end(), time, False, False)
        if names:
            # A name may start up to two words before its trigger word ("new york").
            for match in NAME_PATTERN.finditer(masked, max(0, at - 16), at + NAME_REACH):
                if match.start() not in found and match.start() <= at < match.end():
                    name = name_at(match)
                    found[match.start()] = ZoneMention(
                        match.start(), match.end(), name.zone, name.abbreviation, -1, None, True
                    )
    return [found[start] for start in sorted(found)]


# The last word of a time in words ("half past seven", "noon", "nine o'clock", "seven
# thirty pm", "ten in the evening").
TIME_END_WORDS = frozenset(
    {*TIME_TRIGGER_WORDS, "thirty", "fifteen", "forty", "oh", "am", "pm", "a.m", "p.m", "a.m.",
     "p.m.", "morning", "afternoon", "evening", "night", "o'clock", "o’clock"}
)  # fmt: skip
_LAST_WORD = re.compile(r"([\w.'’]+)\W*$")


def _ends_a_time_in_words(masked: str, at: int) -> bool:
    """Whether the word before offset ``at`` (a zone) can end a time in words."""
    last = _LAST_WORD.search(masked, max(0, at - 24), at)
    if last is None:
        return False
    word = last.group(1).lower()
    return word in TIME_END_WORDS or word.rsplit("-", 1)[-1] in TIME_END_WORDS


DIGITS_REACH = 16  # "12:30 p.m. (": the longest clock time and what stands after it
NAME_REACH = 48  # the longest name after its first trigger word


def _digit_time(match: re.Match[str]) -> TimeOfDay | None:
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    half = match.group("half")
    if half:
        if not 1 <= hour <= 12:
            return None
        pm = half.lower() == "p"
        return TimeOfDay(hour % 12 + (12 if pm else 0), minute, pm)
    if match.group("minute") is None:
        return None  # "9 Eastern" is not a clock time
    return TimeOfDay(hour, minute, hour >= 12, h24=True)  # "14:30", "09:30": 24-hour


def _add_after(
    found: dict[int, ZoneMention],
    masked: str,
    start: int,
    end: int,
    time: TimeOfDay | None,
    time_in_words: bool,
    bare_hour: bool,
) -> None:
    if time is None:
        return
    zone: str | None
    letters = _ABBREVIATION_AFTER.match(masked, end)
    if letters is not None and (
        letters.group("abbr") in abbreviation_offsets()
        or letters.group("abbr") in GENERIC_ABBREVIATIONS
    ):
        after: re.Match[str] | None = letters
    else:
        # The long regex of every name only where a name's word follows.
        word = _NEXT_WORD.match(masked, end)
        if word is None or word.group(1).lower() not in TRIGGER_WORDS:
            return
        after = _AFTER_NAME.match(masked, end)
    if after is None:
        return
    if after.group("abbr") is None and after.group("named") is not None:
        name = name_at(after)
        zone, abbreviation, span = name.zone, name.abbreviation, after.span("named")
        time_in_words = True
    elif after.group("abbr") is None and after.group("bare") is not None:
        if bare_hour:
            return
        bare = after.group("bare").lower()
        zone = next(n.zone for n in AFTER_TIME_NAMES if n.words == bare)
        abbreviation, span = "", after.span("bare")
        time_in_words = True
    else:
        abbr = after.group("abbr")
        if abbr not in abbreviation_offsets() and abbr not in GENERIC_ABBREVIATIONS:
            return
        zone, abbreviation, span = GENERIC_ABBREVIATIONS.get(abbr), abbr, after.span("abbr")
        if zone is not None:
            abbreviation = ""
    if span[0] not in found or found[span[0]].time is None:
        found[span[0]] = ZoneMention(
            span[0], span[1], zone, abbreviation, start, time, time_in_words
        )


# Generic abbreviations: right all year, each for one zone's clocks.
GENERIC_ABBREVIATIONS = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AET": "Australia/Sydney",
}


ABBREVIATION_WORDS = frozenset(
    {
        *(abbr.lower() for abbr in abbreviation_offsets()),
        *(a.lower() for a in GENERIC_ABBREVIATIONS),
    }
)
ZONE_START_WORDS = TRIGGER_WORDS | ABBREVIATION_WORDS
# The words of names, which count only in a post holding "time".
NAME_WORDS = TRIGGER_WORDS - REGION_WORDS


@cache
def words_for(zone: str, abbreviation: str) -> str:
    """How a post writes ``abbreviation`` of ``zone`` in words ("British Summer Time"),
    or the abbreviation itself when no name here says it."""
    for name in ZONE_NAMES:
        if name.zone == zone and name.abbreviation == abbreviation:
            return _title(name.words)
    for name in ZONE_NAMES:  # another zone's name for the same clocks (Dublin's GMT)
        if name.abbreviation == abbreviation and name.abbreviation:
            return _title(name.words)
    return abbreviation


def _title(words: str) -> str:
    """The plainest spelling a name's regex allows, capitalized: "eastern daylight
    (?:saving )?time" -> "Eastern Daylight Time" (optional groups left out)."""
    plain = " ".join(_OPTIONAL_GROUP.sub("", words).split())
    return " ".join(word.capitalize() for word in plain.split())


_OPTIONAL_GROUP = re.compile(r"\(\?:[^()]*\)\?")
